import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { Role, ROLES } from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';

const ROLE_VALUES = ROLES.map((r) => r.value);

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'edu' })
  username: string;
  @ApiProperty({ example: '教育局演示用户' })
  displayName: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty({ example: '区教育局' })
  organizationName: string;
  @ApiProperty({ enum: ROLE_VALUES, enumName: 'Role', isArray: true })
  roles: Role[];
  @ApiProperty()
  active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lockedUntil: string | null;
  @ApiProperty()
  mustChangePassword: boolean;
  @ApiProperty({ description: '已启用双因素认证 / two-factor authentication is on' })
  mfaEnabled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt: string | null;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'edu-clerk', description: '小写字母、数字、.-_ / lower-case letters, digits, . - _' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/)
  username: string;

  @ApiProperty({ example: '张三', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ enum: ROLE_VALUES, enumName: 'Role', isArray: true, example: ['department'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(ROLE_VALUES, { each: true })
  roles: Role[];

  @ApiProperty({ description: '初始密码，首次登录须修改 / initial password, to be changed at first login', example: 'Init#2022ab' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  initialPassword: string;
}

export class UpdateUserDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: ROLE_VALUES, enumName: 'Role', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(ROLE_VALUES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ description: '新的初始密码 / new initial password', example: 'Reset#2022ab' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  newPassword: string;
}

export class UserListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: '用户名或姓名 / username or name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: ROLE_VALUES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLE_VALUES)
  role?: Role;
}
