import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { ALL_PERMISSIONS, Permission } from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '预算管理一体化系统' })
  name: string;
  @ApiProperty({ example: 'jxk_AbCd', description: '密钥前缀，用于辨认 / key prefix, to tell keys apart' })
  prefix: string;
  @ApiProperty({ enum: ALL_PERMISSIONS, enumName: 'Permission', isArray: true })
  permissions: Permission[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organizationId: string | null;
  @ApiProperty({
    example: '区卫生健康委员会',
    nullable: true,
    type: String,
    description: '限定机构的名称；全区密钥为空 / the organization it is limited to; null for a district-wide key',
  })
  organizationName: string | null;
  @ApiProperty()
  active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: '完整密钥，仅此一次显示 / the full key, shown only once; send it as X-API-Key' })
  key: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: '预算管理一体化系统', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ALL_PERMISSIONS, enumName: 'Permission', isArray: true, example: ['project:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  @ArrayUnique()
  @IsIn(ALL_PERMISSIONS, { each: true })
  permissions: Permission[];

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '限定机构范围；空为全区 / limit to an organization; empty for the district',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
}

export class ApiKeyListQueryDto extends ListQueryDto {}
