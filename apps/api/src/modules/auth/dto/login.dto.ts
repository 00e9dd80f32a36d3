import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
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

  @ApiProperty({ description: '须先启用双因素认证 / two-factor enrolment is due before anything else' })
  mfaEnrolmentRequired: boolean;

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

/** The password was right and the account uses two-factor authentication: the second step is due. */
export class MfaChallengeDto {
  @ApiProperty({ enum: [true], description: '须输入验证码 / a code is required' })
  mfaRequired: true;

  @ApiProperty({ description: '第二步凭证，提交验证码时带上 / send it back with the code' })
  mfaToken: string;

  @ApiProperty({ description: '第二步有效秒数 / seconds the second step stays open', example: 300 })
  expiresIn: number;
}

export class MfaLoginDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  mfaToken: string;

  @ApiProperty({ description: '身份验证器的 6 位验证码，或一个恢复码 / the 6-digit code or a recovery code', example: '123456', maxLength: 32 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  code: string;
}

export class MfaCodeDto {
  @ApiProperty({ description: '身份验证器的 6 位验证码 / the 6-digit code', example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/)
  code: string;
}

export class MfaDisableDto {
  @ApiProperty({ maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;

  @ApiProperty({ description: '6 位验证码或一个恢复码 / the 6-digit code or a recovery code', maxLength: 32 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  code: string;
}

export class MfaStatusDto {
  @ApiProperty({ description: '已启用 / enrolled' })
  enabled: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  enabledAt: string | null;

  @ApiProperty({ description: '按配置，您的角色必须使用 / the configuration requires it for your role' })
  required: boolean;

  @ApiProperty({ description: '剩余可用恢复码 / unused recovery codes' })
  recoveryCodesLeft: number;
}

export class MfaEnrolmentDto {
  @ApiProperty({ description: 'Base32 密钥，可手动输入 / base32 secret to type in by hand' })
  secret: string;

  @ApiProperty({ description: 'otpauth:// 地址，显示为二维码 / shown as a QR code', example: 'otpauth://totp/Jixiao:finance?secret=...' })
  otpauthUri: string;
}

export class MfaRecoveryCodesDto {
  @ApiProperty({ type: [String], description: '一次性恢复码，仅显示这一次 / one-time recovery codes, shown this once' })
  recoveryCodes: string[];
}
