import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiNoContentResponse, ApiResponse } from '@nestjs/swagger';
import { Authorize, Caller, Public } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ProblemDto } from '../../common/errors/problem.dto';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto, TokenResponseDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: '登录 / Sign in', description: '失败 5 次锁定 15 分钟 / 5 failures lock the account for 15 minutes' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400)
  @ApiResponse({ status: 401, description: 'AUTH_INVALID_CREDENTIALS', type: ProblemDto })
  @ApiResponse({ status: 423, description: 'AUTH_ACCOUNT_LOCKED', type: ProblemDto })
  login(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return this.auth.login(dto);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: '刷新令牌 / Refresh the tokens', description: '刷新令牌一次有效 / a refresh token works once' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400)
  @ApiResponse({ status: 401, description: 'AUTH_REFRESH_INVALID / AUTH_SESSION_EXPIRED', type: ProblemDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Authorize(null, { kind: 'self' }, { allowPendingPasswordChange: true })
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录 / Sign out' })
  @ApiNoContentResponse()
  logout(@Caller() caller: Principal): Promise<void> {
    return this.auth.logout(caller);
  }

  @Authorize(null, { kind: 'self' }, { allowPendingPasswordChange: true })
  @Post('change-password')
  @HttpCode(204)
  @ApiOperation({ summary: '修改密码 / Change password' })
  @ApiNoContentResponse()
  @ApiResponse({ status: 400, description: 'AUTH_PASSWORD_WEAK / AUTH_PASSWORD_WRONG', type: ProblemDto })
  changePassword(@Caller() caller: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(caller, dto);
  }

  @Authorize(null, { kind: 'self' }, { allowPendingPasswordChange: true })
  @Get('me')
  @ApiOperation({ summary: '当前用户 / The signed-in user' })
  @ApiOkResponse({ type: MeDto })
  me(@Caller() caller: Principal): Promise<MeDto> {
    return this.auth.me(caller);
  }
}
