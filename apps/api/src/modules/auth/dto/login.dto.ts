import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MeDto } from './me.dto';

export class LoginDto {
  @ApiProperty({ example: 'finance', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'Demo#2022', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ maxLength: 256 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  refreshToken: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: '访问令牌（Bearer）/ bearer access token' })
  accessToken: string;

  @ApiProperty({ description: '刷新令牌，每次刷新后更换 / rotating refresh token' })
  refreshToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: '访问令牌有效秒数 / seconds until the access token expires', example: 900 })
  expiresIn: number;

  @ApiProperty({ description: '须先修改初始密码 / the initial password must be changed first' })
  mustChangePassword: boolean;

  @ApiProperty({ type: () => MeDto })
  user: MeDto;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ description: '至少 8 位，含大写、小写、数字、符号中的 3 类 / ≥ 8 characters of 3 classes', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  newPassword: string;
}
