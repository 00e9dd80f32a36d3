import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, ApiNoContentResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { Authorize, Caller, Public } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ProblemDto } from '../../common/errors/problem.dto';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { AuthService } from './auth.service';
import {
  ChangePasswordDto,
  LoginDto,
  MfaChallengeDto,
  MfaCodeDto,
  MfaDisableDto,
  MfaEnrolmentDto,
  MfaLoginDto,
  MfaRecoveryCodesDto,
  MfaStatusDto,
  RefreshDto,
  TokenResponseDto,
} from './dto/login.dto';
import { MfaService } from './mfa.service';
import { MeDto } from './dto/me.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly mfa: MfaService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: '登录 / Sign in',
    description:
      '连续失败达到配置次数后临时锁定；用户名不存在、密码错误、账户锁定的回答相同。已启用双因素认证时回答 mfaRequired，再调用 /auth/login/mfa。' +
      ' / Repeated failures lock the account for a while; an unknown username, a wrong password and a locked account answer alike.' +
      ' With two-factor authentication on, the answer is mfaRequired: continue with /auth/login/mfa.',
  })
  @ApiExtraModels(TokenResponseDto, MfaChallengeDto)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(TokenResponseDto) }, { $ref: getSchemaPath(MfaChallengeDto) }] } })
  @ApiProblems(400)
  @ApiResponse({ status: 401, description: 'AUTH_INVALID_CREDENTIALS', type: ProblemDto })
  login(@Body() dto: LoginDto): Promise<TokenResponseDto | MfaChallengeDto> {
    return this.auth.login(dto);
  }

  @Public()
  @Post('login/mfa')
  @HttpCode(200)
  @ApiOperation({
    summary: '登录第二步：验证码或恢复码 / Sign in, step two: the code or a recovery code',
    description:
      '以密码登录后提交双因素验证码（或恢复码）完成登录；失败计入同一锁定计数。 / Completes a password sign-in with the two-factor code (or a recovery code); failures count toward the same lockout.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400)
  @ApiResponse({ status: 401, description: 'AUTH_MFA_CODE_INVALID / AUTH_MFA_TOKEN_INVALID', type: ProblemDto })
  loginMfa(@Body() dto: MfaLoginDto): Promise<TokenResponseDto> {
    return this.auth.loginMfa(dto);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: '刷新令牌 / Refresh the tokens',
    description:
      '以刷新令牌换取新的访问令牌和刷新令牌；刷新令牌一次有效，重复使用会结束该会话。 / Trades a refresh token for new access and refresh tokens; a refresh token works once, and reusing one ends the session.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400)
  @ApiResponse({ status: 401, description: 'AUTH_REFRESH_INVALID / AUTH_SESSION_EXPIRED', type: ProblemDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Authorize(null, { kind: 'self' }, { allowPendingPasswordChange: true, allowPendingMfaEnrolment: true })
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: '退出登录 / Sign out',
    description: '结束本次会话并作废刷新令牌。 / Ends this session and revokes its refresh token.',
  })
  @ApiNoContentResponse()
  logout(@Caller() caller: Principal): Promise<void> {
    return this.auth.logout(caller);
  }

  @Authorize(null, { kind: 'self' }, { allowPendingPasswordChange: true, allowPendingMfaEnrolment: true })
  @Post('change-password')
  @HttpCode(204)
  @ApiOperation({
    summary: '修改密码 / Change password',
    description:
      '核对当前密码后设置新密码（须符合密码规则）。 / Checks the current password and sets a new one that meets the password rules.',
  })
  @ApiNoContentResponse()
  @ApiResponse({ status: 400, description: 'AUTH_PASSWORD_WEAK / AUTH_PASSWORD_WRONG', type: ProblemDto })
  changePassword(@Caller() caller: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(caller, dto);
  }

  @Authorize(null, { kind: 'self' }, { allowPendingPasswordChange: true, allowPendingMfaEnrolment: true })
  @Get('me')
  @ApiOperation({
    summary: '当前用户 / The signed-in user',
    description: '返回调用者的账户、角色、机构和权限。 / Returns the caller’s account, roles, organization and permissions.',
  })
  @ApiOkResponse({ type: MeDto })
  me(@Caller() caller: Principal): Promise<MeDto> {
    return this.auth.me(caller);
  }

  @Authorize(null, { kind: 'self' }, { allowPendingMfaEnrolment: true })
  @Get('mfa')
  @ApiOperation({
    summary: '双因素认证状态 / Two-factor authentication status',
    description:
      '调用者的双因素认证是否已启用、是否必须启用。 / Whether the caller’s two-factor authentication is on and whether it is required.',
  })
  @ApiOkResponse({ type: MfaStatusDto })
  mfaStatus(@Caller() caller: Principal): Promise<MfaStatusDto> {
    return this.mfa.status(caller);
  }

  @Authorize(null, { kind: 'self' }, { allowPendingMfaEnrolment: true })
  @Post('mfa/enrol')
  @HttpCode(200)
  @ApiOperation({
    summary: '开始绑定身份验证器 / Start enrolling an authenticator app',
    description:
      '开始绑定双因素认证：返回密钥与 otpauth 地址，用验证码确认后生效。 / Starts two-factor enrolment: answers the secret and the otpauth URI; it takes effect once confirmed with a code.',
  })
  @ApiOkResponse({ type: MfaEnrolmentDto })
  @ApiProblems(409)
  startEnrolment(@Caller() caller: Principal): Promise<MfaEnrolmentDto> {
    return this.mfa.startEnrolment(caller);
  }

  @Authorize(null, { kind: 'self' }, { allowPendingMfaEnrolment: true })
  @Post('mfa/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: '用验证码确认绑定 / Confirm the enrolment with a code',
    description:
      '用验证码确认绑定，启用双因素认证；返回 10 个一次性恢复码，仅此一次。 / Confirms enrolment with a code and turns two-factor authentication on; answers 10 one-time recovery codes, shown this once.',
  })
  @ApiOkResponse({ type: MfaRecoveryCodesDto })
  @ApiProblems(400, 409)
  confirmEnrolment(@Caller() caller: Principal, @Body() dto: MfaCodeDto): Promise<MfaRecoveryCodesDto> {
    return this.mfa.confirmEnrolment(caller, dto.code);
  }

  @Authorize(null, { kind: 'self' })
  @Post('mfa/recovery-codes')
  @HttpCode(200)
  @ApiOperation({
    summary: '重新生成恢复码 / New recovery codes',
    description: '重新生成 10 个恢复码，旧恢复码作废。 / Issues 10 new recovery codes; the old ones stop working.',
  })
  @ApiOkResponse({ type: MfaRecoveryCodesDto })
  @ApiProblems(400, 409)
  regenerateRecoveryCodes(@Caller() caller: Principal, @Body() dto: MfaCodeDto): Promise<MfaRecoveryCodesDto> {
    return this.mfa.regenerateRecoveryCodes(caller, dto.code);
  }

  @Authorize(null, { kind: 'self' })
  @Post('mfa/disable')
  @HttpCode(204)
  @ApiOperation({
    summary: '关闭双因素认证 / Turn two-factor authentication off',
    description:
      '关闭调用者的双因素认证；角色要求时不可关闭。 / Turns the caller’s two-factor authentication off; not when the role requires it.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 409)
  disable(@Caller() caller: Principal, @Body() dto: MfaDisableDto): Promise<void> {
    return this.mfa.disable(caller, dto);
  }
}
