import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { dataScopeOf, isReadOnly, permissionsOf, Role } from '@jixiao/contracts';
import { checkPassword } from '@jixiao/domain';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../common/audit/audit.service';
import { AuthErrors } from '../../common/auth/auth.errors';
import type { Principal } from '../../common/auth/principal';
import { AppError, fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { requestContext } from '../../common/http/request-context';
import { UserEntity } from '../users/entities/user.entity';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { SessionEntity } from './entities/session.entity';
import { UsedRefreshTokenEntity } from './entities/used-refresh-token.entity';
import { ChangePasswordDto, LoginDto, TokenResponseDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { dummyHash, hashPassword, verifyPassword } from './password-hasher';
import { TOKEN_HASHER, TokenHasher } from './token-hasher';

const MINUTE = 60_000;

/** Login, refresh, logout and password change; sessions and lockout counters live in PostgreSQL. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_HASHER) private readonly tokens: TokenHasher,
  ) {}

  async login(dto: LoginDto): Promise<TokenResponseDto> {
    const username = dto.username.trim().toLowerCase();
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const attempted = { id: user?.id ?? null, name: username.slice(0, 100), kind: 'user' as const, organizationId: user?.organizationId ?? null };
    const now = new Date();

    if (!user) {
      await verifyPassword(await dummyHash(), dto.password);
      await this.audit.record(null, { action: 'auth.login', entityType: 'user', result: 'failure', errorCode: 'AUTH_INVALID_CREDENTIALS', actor: attempted });
      throw AuthErrors.AUTH_INVALID_CREDENTIALS();
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await this.audit.record(null, { action: 'auth.login', entityType: 'user', entityId: user.id, result: 'failure', errorCode: 'AUTH_ACCOUNT_LOCKED', actor: attempted });
      throw AuthErrors.AUTH_ACCOUNT_LOCKED({ extra: { lockedUntil: user.lockedUntil.toISOString() } });
    }
    if (!(await verifyPassword(user.passwordHash, dto.password))) {
      const { maxFailedLogins, lockoutMinutes } = this.config.security;
      const locked = await this.dataSource.transaction(async (manager) => {
        // One atomic statement, so several API instances count the same failures.
        await manager.query(
          `UPDATE users SET
             failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
             locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
           WHERE id = $1`,
          [user.id, maxFailedLogins, lockoutMinutes],
        );
        const until = await this.lockedUntil(manager, user.id);
        const justLocked = until !== null && until > now;
        await this.audit.record(manager, {
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          result: 'failure',
          errorCode: justLocked ? 'AUTH_ACCOUNT_LOCKED' : 'AUTH_INVALID_CREDENTIALS',
          actor: attempted,
        });
        return justLocked ? until : null;
      });
      if (locked) throw AuthErrors.AUTH_ACCOUNT_LOCKED({ extra: { lockedUntil: locked.toISOString() } });
      throw AuthErrors.AUTH_INVALID_CREDENTIALS();
    }
    if (!user.active) {
      await this.audit.record(null, { action: 'auth.login', entityType: 'user', entityId: user.id, result: 'failure', errorCode: 'AUTH_ACCOUNT_DISABLED', actor: attempted });
      throw AuthErrors.AUTH_ACCOUNT_DISABLED();
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
      const issued = await this.openSession(manager, user.id);
      await this.audit.record(manager, { action: 'auth.login', entityType: 'user', entityId: user.id, actor: attempted });
      return this.tokenResponse(manager, user.id, issued);
    });
  }

  private async lockedUntil(manager: EntityManager, userId: string): Promise<Date | null> {
    const row = await manager.findOne(UserEntity, { where: { id: userId }, select: { id: true, lockedUntil: true } });
    return row?.lockedUntil ?? null;
  }

  async refresh(refreshToken: string): Promise<TokenResponseDto> {
    const hash = this.tokens.hash(refreshToken);
    // Revocations must commit even though the caller gets an error: the transaction returns the
    // outcome and the error is thrown after it has committed.
    const outcome = await this.dataSource.transaction(async (manager): Promise<TokenResponseDto | AppError> => {
      const repo = manager.getRepository(SessionEntity);
      const session = await repo.findOne({ where: { refreshTokenHash: hash, revokedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      if (!session) {
        // A refresh token used twice means it leaked: end the session it belonged to.
        const used = await manager.findOne(UsedRefreshTokenEntity, { where: { tokenHash: hash } });
        if (used) {
          await repo.update({ id: used.sessionId, revokedAt: IsNull() }, { revokedAt: now, revokedReason: 'refresh_reuse' });
          await this.audit.record(manager, { action: 'auth.refresh_reuse', entityType: 'session', entityId: used.sessionId, result: 'failure', errorCode: 'AUTH_REFRESH_INVALID' });
        }
        return AuthErrors.AUTH_REFRESH_INVALID();
      }
      if (session.refreshExpiresAt <= now || this.idle(session, now)) {
        await repo.update({ id: session.id }, { revokedAt: now, revokedReason: 'expired' });
        return AuthErrors.AUTH_SESSION_EXPIRED();
      }
      const user = await manager.findOne(UserEntity, { where: { id: session.userId } });
      if (!user?.active) return AuthErrors.AUTH_ACCOUNT_DISABLED();
      const access = this.tokens.newToken('jxa_');
      const refresh = this.tokens.newToken('jxr_');
      await manager.insert(UsedRefreshTokenEntity, { tokenHash: hash, sessionId: session.id });
      await repo.update(
        { id: session.id },
        {
          accessTokenHash: this.tokens.hash(access),
          accessExpiresAt: new Date(now.getTime() + this.config.security.accessTokenMinutes * MINUTE),
          refreshTokenHash: this.tokens.hash(refresh),
          lastSeenAt: now,
        },
      );
      return this.tokenResponse(manager, user.id, { access, refresh });
    });
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  async logout(principal: Principal): Promise<void> {
    if (!principal.sessionId) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(SessionEntity, { id: principal.sessionId }, { revokedAt: new Date(), revokedReason: 'logout' });
      await this.audit.record(manager, { action: 'auth.logout', entityType: 'session', entityId: principal.sessionId });
    });
  }

  async changePassword(principal: Principal, dto: ChangePasswordDto): Promise<void> {
    assertUser(principal);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: principal.id })
      .getOneOrFail();
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw AuthErrors.AUTH_PASSWORD_WRONG({ errors: [fieldError('currentPassword', 'wrong', '当前密码不正确', 'The current password is wrong')] });
    }
    assertStrongPassword(dto.newPassword, user.username, this.config, 'newPassword');
    if (dto.newPassword === dto.currentPassword) {
      throw AuthErrors.AUTH_PASSWORD_REUSED({ errors: [fieldError('newPassword', 'reused', '新密码不能与当前密码相同', 'Must differ from the current password')] });
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() });
      // Other sessions of this account end; the one that changed the password goes on.
      await manager
        .createQueryBuilder()
        .update(SessionEntity)
        .set({ revokedAt: new Date(), revokedReason: 'password_changed' })
        .where('user_id = :id AND revoked_at IS NULL AND id <> :sid', { id: user.id, sid: principal.sessionId ?? '00000000-0000-0000-0000-000000000000' })
        .execute();
      await this.audit.record(manager, { action: 'auth.change_password', entityType: 'user', entityId: user.id });
    });
  }

  async me(principal: Principal, manager: EntityManager = this.dataSource.manager): Promise<MeDto> {
    assertUser(principal);
    const user = await manager.findOneOrFail(UserEntity, { where: { id: principal.id }, relations: { organization: true } });
    return toMe(user);
  }

  /** The principal behind an access token: checks expiry, idle time and revocation, and notes activity. */
  async principalFromAccessToken(token: string): Promise<Principal> {
    const repo = this.dataSource.getRepository(SessionEntity);
    const session = await repo.findOne({ where: { accessTokenHash: this.tokens.hash(token) } });
    if (!session || session.revokedAt) {
      if (session?.revokedReason === 'idle') throw AuthErrors.AUTH_SESSION_EXPIRED();
      throw AuthErrors.AUTH_TOKEN_INVALID();
    }
    const now = new Date();
    if (this.idle(session, now)) {
      await repo.update({ id: session.id }, { revokedAt: now, revokedReason: 'idle' });
      throw AuthErrors.AUTH_SESSION_EXPIRED();
    }
    if (session.accessExpiresAt <= now) throw AuthErrors.AUTH_TOKEN_EXPIRED();
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: session.userId } });
    if (!user || !user.active) throw AuthErrors.AUTH_ACCOUNT_DISABLED();
    if (now.getTime() - session.lastSeenAt.getTime() > 15_000) await repo.update({ id: session.id }, { lastSeenAt: now });
    return {
      kind: 'user',
      id: user.id,
      name: user.username,
      roles: user.roles,
      permissions: new Set(permissionsOf(user.roles)),
      organizationId: user.organizationId,
      dataScope: dataScopeOf(user.roles),
      readOnly: isReadOnly(user.roles),
      sessionId: session.id,
      mustChangePassword: user.mustChangePassword,
    };
  }

  private idle(session: SessionEntity, now: Date): boolean {
    return now.getTime() - session.lastSeenAt.getTime() > this.config.security.idleMinutes * MINUTE;
  }

  private async openSession(manager: EntityManager, userId: string): Promise<{ access: string; refresh: string }> {
    const access = this.tokens.newToken('jxa_');
    const refresh = this.tokens.newToken('jxr_');
    const now = new Date();
    const ctx = requestContext.get();
    await manager.insert(SessionEntity, {
      userId,
      accessTokenHash: this.tokens.hash(access),
      accessExpiresAt: new Date(now.getTime() + this.config.security.accessTokenMinutes * MINUTE),
      refreshTokenHash: this.tokens.hash(refresh),
      refreshExpiresAt: new Date(now.getTime() + this.config.security.refreshTokenDays * 24 * 60 * MINUTE),
      lastSeenAt: now,
      ip: ctx?.ip?.slice(0, 64) ?? null,
      userAgent: ctx?.userAgent?.slice(0, 255) ?? null,
    });
    return { access, refresh };
  }

  private async tokenResponse(manager: EntityManager, userId: string, issued: { access: string; refresh: string }): Promise<TokenResponseDto> {
    const user = await manager.findOneOrFail(UserEntity, { where: { id: userId }, relations: { organization: true } });
    return {
      accessToken: issued.access,
      refreshToken: issued.refresh,
      tokenType: 'Bearer',
      expiresIn: this.config.security.accessTokenMinutes * 60,
      mustChangePassword: user.mustChangePassword,
      user: toMe(user),
    };
  }
}

function assertUser(principal: Principal): void {
  if (principal.kind !== 'user') throw CommonErrors.FORBIDDEN({ detail: 'only for signed-in users, not API keys' });
}

export function toMe(user: UserEntity & { organization?: OrganizationEntity }): MeDto {
  const roles: Role[] = user.roles;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    organizationId: user.organizationId,
    organizationName: user.organization?.name ?? '',
    organizationKind: user.organization?.kind ?? 'department',
    sector: user.organization?.sector ?? null,
    roles,
    permissions: permissionsOf(roles),
    dataScope: dataScopeOf(roles),
    mustChangePassword: user.mustChangePassword,
  };
}

/** Password rules (等保 2.0 level 3): length, character classes, not the username. */
export function assertStrongPassword(password: string, username: string, config: AppConfig, field: string): void {
  const violations = checkPassword(password, config.security, { username });
  if (violations.length) {
    throw AuthErrors.AUTH_PASSWORD_WEAK({
      errors: violations.map((v) => fieldError(field, v.code, v.message, v.messageEn)),
    });
  }
}
