import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { dataScopeOf, isReadOnly, permissionsOf, Role } from '@jixiao/contracts';
import { checkPassword } from '@jixiao/domain';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { queryNamed } from '../../database/named-statement';
import { AuditService } from '../../common/audit/audit.service';
import { AuthErrors } from '../../common/auth/auth.errors';
import type { Principal } from '../../common/auth/principal';
import { AppError, fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { requestContext } from '../../common/http/request-context';
import { visibleOrganizationIdsOf } from '../../common/scope/data-scope.service';
import { UserEntity } from '../users/entities/user.entity';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { SessionEntity } from './entities/session.entity';
import { UsedRefreshTokenEntity } from './entities/used-refresh-token.entity';
import { ChangePasswordDto, LoginDto, MfaChallengeDto, MfaLoginDto, TokenResponseDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { dummyHash, hashPassword, verifyPassword } from './password-hasher';
import { FINGERPRINT_SQL, SESSION_ROW_SQL, SUBTREE_SQL } from './credential-rows.sql';
import { TOKEN_HASHER, TokenHasher } from './token-hasher';
import { consumeFactorSql, Factor, resolveFactor } from './mfa-factor';
import { mfaRequiredFor } from './mfa-policy';
import { NIL_UUID, updateReturning } from './sql';
import { SecretBox } from './totp';

type LoginActor = { id: string | null; name: string; kind: 'user'; organizationId: string | null };

function actorOf(user: UserEntity | null, username: string): LoginActor {
  return { id: user?.id ?? null, name: username.slice(0, 100), kind: 'user', organizationId: user?.organizationId ?? null };
}

const MINUTE = 60_000;

/** Login, refresh, logout and password change; sessions and lockout counters live in PostgreSQL. */
interface SessionRow {
  id: string;
  revoked_at: Date | null;
  revoked_reason: string | null;
  last_seen_at: Date;
  access_expires_at: Date;
  user_id: string | null;
  username: string;
  roles: string[];
  organization_id: string | null;
  active: boolean;
  must_change_password: boolean;
  mfa_enabled: boolean;
  subtree: string[] | null;
  profile_versions: Record<string, number>;
  working_year_setting: { value: unknown; updatedAt: string } | null;
  fingerprint: string;
}

/** How often a session's last-seen mark is written (at most); a principal is reused unconfirmed no longer. */
const LAST_SEEN_EVERY_MS = 15_000;

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_HASHER) private readonly tokens: TokenHasher,
    private readonly box: SecretBox,
  ) {}

  /**
   * First step. Unknown username, wrong password and a locked account answer the same 401 after
   * the same work (a password hash is verified, one failure UPDATE and one audit row are written),
   * so neither the answer nor its timing tells them apart; the audit log records which it was.
   * With two-factor authentication enrolled, the right password answers a challenge for step two.
   */
  async login(dto: LoginDto): Promise<TokenResponseDto | MfaChallengeDto> {
    const username = dto.username.trim().toLowerCase();
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const attempted = actorOf(user, username);
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyHash()), dto.password);
    if (!user || !passwordOk) {
      await this.countFailure(user?.id ?? null, attempted, 'AUTH_INVALID_CREDENTIALS');
      throw AuthErrors.AUTH_INVALID_CREDENTIALS();
    }
    if (!user.active) {
      await this.audit.record(null, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        result: 'failure',
        errorCode: 'AUTH_ACCOUNT_DISABLED',
        actor: attempted,
      });
      throw AuthErrors.AUTH_ACCOUNT_DISABLED();
    }
    if (user.mfaEnabledAt) {
      // The count is not reset here: only a completed second step resets it.
      if (await this.isLocked(user.id)) {
        await this.countFailure(user.id, attempted, 'AUTH_INVALID_CREDENTIALS');
        throw AuthErrors.AUTH_INVALID_CREDENTIALS();
      }
      await this.audit.record(null, { action: 'auth.login_password', entityType: 'user', entityId: user.id, actor: attempted });
      return this.challenge(user.id);
    }
    const done = await this.completeLogin(user.id, attempted, null);
    if (!done) throw AuthErrors.AUTH_INVALID_CREDENTIALS();
    return done;
  }

  /** Second step: the TOTP code or a recovery code; failures count toward the same lockout. */
  async loginMfa(dto: MfaLoginDto): Promise<TokenResponseDto> {
    const userId = this.challengeUser(dto.mfaToken);
    const user = userId
      ? await this.dataSource
          .getRepository(UserEntity)
          .createQueryBuilder('u')
          .addSelect('u.mfaSecret')
          .where('u.id = :id', { id: userId })
          .getOne()
      : null;
    if (!user || !user.active || !user.mfaSecret) throw AuthErrors.AUTH_MFA_TOKEN_INVALID();
    const attempted = actorOf(user, user.username);
    const factor = resolveFactor(this.tokens, user.id, this.box.open(user.mfaSecret), dto.code);
    if (factor) {
      const done = await this.completeLogin(user.id, attempted, factor);
      if (done) return done;
    } else {
      await this.countFailure(user.id, attempted, 'AUTH_MFA_CODE_INVALID');
    }
    throw AuthErrors.AUTH_MFA_CODE_INVALID();
  }

  /**
   * Opens the session only if the account is not locked, checked and reset in one statement, so a
   * success cannot undo a lock another request has just set; a second factor is used up in the
   * same statement. Refused (null): the failure has been counted.
   */
  private async completeLogin(userId: string, attempted: LoginActor, factor: Factor | null): Promise<TokenResponseDto | null> {
    const consume = factor ? consumeFactorSql(factor, 2) : null;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const rows = await updateReturning<{ left: number }>(
        manager,
        `UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now()${consume ? `, ${consume.set}` : ''}
         WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())${consume ? ` AND ${consume.where}` : ''}
         RETURNING cardinality(mfa_recovery_codes) AS left`,
        consume ? [userId, consume.value] : [userId],
      );
      if (!rows.length) return null;
      const issued = await this.openSession(manager, userId);
      await this.audit.record(manager, {
        action: 'auth.login',
        entityType: 'user',
        entityId: userId,
        actor: attempted,
        ...(factor ? { after: { factor: factor.kind, recoveryCodesLeft: Number(rows[0].left) } } : {}),
      });
      return this.tokenResponse(manager, userId, issued);
    });
    if (outcome) return outcome;
    // Locked (or, with a factor, the code was used already): a failure like any other.
    await this.countFailure(userId, attempted, factor ? 'AUTH_MFA_CODE_INVALID' : 'AUTH_INVALID_CREDENTIALS');
    return null;
  }

  /**
   * Counts a failed attempt and decides the lock in one statement (row-locked, so concurrent
   * attempts on any instance are counted one after another); a failure while locked changes
   * nothing. An unknown username runs the same statement on no row, for equal work.
   */
  private async countFailure(userId: string | null, attempted: LoginActor, errorCode: string): Promise<void> {
    const { maxFailedLogins, lockoutMinutes } = this.config.security;
    await this.dataSource.transaction(async (manager) => {
      const rows = await updateReturning<{ locked: boolean }>(
        manager,
        `UPDATE users SET
           failed_login_count = CASE WHEN locked_until > now() THEN failed_login_count
                                     WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
           locked_until = CASE WHEN locked_until > now() THEN locked_until
                               WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1
         RETURNING coalesce(locked_until > now(), false) AS locked`,
        [userId ?? NIL_UUID, maxFailedLogins, lockoutMinutes],
      );
      await this.audit.record(manager, {
        action: 'auth.login',
        entityType: 'user',
        entityId: userId,
        result: 'failure',
        errorCode: rows[0]?.locked ? 'AUTH_ACCOUNT_LOCKED' : errorCode,
        actor: attempted,
      });
    });
  }

  private async isLocked(userId: string): Promise<boolean> {
    const [row] = await this.dataSource.query<{ locked: boolean }[]>(
      `SELECT coalesce(locked_until > now(), false) AS locked FROM users WHERE id = $1`,
      [userId],
    );
    return row?.locked === true;
  }

  /** A signed, short-lived ticket for the second step: `mfa.<user>.<expiry ms>.<hmac>`. */
  private challenge(userId: string): MfaChallengeDto {
    const seconds = this.config.mfa.challengeMinutes * 60;
    const expires = Date.now() + seconds * 1000;
    const body = `${userId}.${expires}`;
    return { mfaRequired: true, mfaToken: `mfa.${body}.${this.tokens.hash(`mfa-challenge:${body}`)}`, expiresIn: seconds };
  }

  private challengeUser(token: string): string | null {
    const match = /^mfa\.([0-9a-f-]{36})\.(\d{13,15})\.([0-9a-f]{64})$/.exec(token);
    if (!match) return null;
    const [, userId, expires, signature] = match;
    const expected = this.tokens.hash(`mfa-challenge:${userId}.${expires}`);
    if (!timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return null;
    return Number(expires) > Date.now() ? userId : null;
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
          await this.audit.record(manager, {
            action: 'auth.refresh_reuse',
            entityType: 'session',
            entityId: used.sessionId,
            result: 'failure',
            errorCode: 'AUTH_REFRESH_INVALID',
          });
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
      throw AuthErrors.AUTH_PASSWORD_WRONG({
        errors: [fieldError('currentPassword', 'wrong', '当前密码不正确', 'The current password is wrong')],
      });
    }
    assertStrongPassword(dto.newPassword, user.username, this.config, 'newPassword');
    if (dto.newPassword === dto.currentPassword) {
      throw AuthErrors.AUTH_PASSWORD_REUSED({
        errors: [fieldError('newPassword', 'reused', '新密码不能与当前密码相同', 'Must differ from the current password')],
      });
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() });
      // Other sessions of this account end; the one that changed the password goes on.
      await manager
        .createQueryBuilder()
        .update(SessionEntity)
        .set({ revokedAt: new Date(), revokedReason: 'password_changed' })
        .where('user_id = :id AND revoked_at IS NULL AND id <> :sid', {
          id: user.id,
          sid: principal.sessionId ?? '00000000-0000-0000-0000-000000000000',
        })
        .execute();
      await this.audit.record(manager, { action: 'auth.change_password', entityType: 'user', entityId: user.id });
    });
  }

  async me(principal: Principal, manager: EntityManager = this.dataSource.manager): Promise<MeDto> {
    assertUser(principal);
    const user = await manager.findOneOrFail(UserEntity, { where: { id: principal.id }, relations: { organization: true } });
    return toMe(user, this.config);
  }

  /**
   * The caller of a request from its access token's hash: session, user and what it may see read in
   * one statement (a request's only one for authentication); checks expiry, idle time and
   * revocation; `last_seen_at` is written at most every 15 s.
   */
  async principalFromTokenHash(hash: string): Promise<Principal> {
    const rows = await queryNamed<SessionRow>(
      this.dataSource,
      'jx_session_principal',
      `SELECT a.*, ${FINGERPRINT_SQL('a')} AS fingerprint, ${SUBTREE_SQL('a')} FROM (${SESSION_ROW_SQL('$1')}) a`,
      [hash],
    );
    const row = rows[0];
    if (!row || row.revoked_at) {
      if (row?.revoked_reason === 'idle') throw AuthErrors.AUTH_SESSION_EXPIRED();
      throw AuthErrors.AUTH_TOKEN_INVALID();
    }
    const now = new Date();
    const repo = this.dataSource.getRepository(SessionEntity);
    if (this.idle({ lastSeenAt: row.last_seen_at }, now)) {
      await repo.update({ id: row.id }, { revokedAt: now, revokedReason: 'idle' });
      throw AuthErrors.AUTH_SESSION_EXPIRED();
    }
    if (row.access_expires_at <= now) throw AuthErrors.AUTH_TOKEN_EXPIRED();
    if (!row.user_id || !row.active) throw AuthErrors.AUTH_ACCOUNT_DISABLED();
    let lastSeen = row.last_seen_at.getTime();
    if (now.getTime() - lastSeen > LAST_SEEN_EVERY_MS) {
      await repo.update({ id: row.id }, { lastSeenAt: now });
      lastSeen = now.getTime();
    }
    const roles = row.roles as Role[];
    const principal: Principal = {
      kind: 'user',
      id: row.user_id,
      name: row.username,
      roles,
      permissions: new Set(permissionsOf(roles)),
      organizationId: row.organization_id,
      dataScope: dataScopeOf(roles),
      readOnly: isReadOnly(roles),
      sessionId: row.id,
      mustChangePassword: row.must_change_password,
      mfaEnrolmentRequired: !row.mfa_enabled && mfaRequiredFor(roles, this.config),
    };
    principal.visibleOrganizationIds = visibleOrganizationIdsOf(principal, row.subtree ?? []);
    principal.profileVersions = row.profile_versions;
    principal.workingYearSetting = row.working_year_setting;
    principal.credential = { key: hash, fingerprint: row.fingerprint };
    // usable unconfirmed-until-read while its last-seen mark needs no writing and the token lives
    principal.credentialFreshUntil = Math.min(lastSeen + LAST_SEEN_EVERY_MS, row.access_expires_at.getTime());
    return principal;
  }

  private idle(session: Pick<SessionEntity, 'lastSeenAt'>, now: Date): boolean {
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

  private async tokenResponse(
    manager: EntityManager,
    userId: string,
    issued: { access: string; refresh: string },
  ): Promise<TokenResponseDto> {
    const user = await manager.findOneOrFail(UserEntity, { where: { id: userId }, relations: { organization: true } });
    return {
      accessToken: issued.access,
      refreshToken: issued.refresh,
      tokenType: 'Bearer',
      expiresIn: this.config.security.accessTokenMinutes * 60,
      mustChangePassword: user.mustChangePassword,
      mfaEnrolmentRequired: !user.mfaEnabledAt && mfaRequiredFor(user.roles, this.config),
      user: toMe(user, this.config),
    };
  }
}

function assertUser(principal: Principal): void {
  if (principal.kind !== 'user') throw CommonErrors.FORBIDDEN({ detail: 'only for signed-in users, not API keys' });
}

export function toMe(user: UserEntity & { organization?: OrganizationEntity }, config: Pick<AppConfig, 'mfa'>): MeDto {
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
    mfaEnabled: user.mfaEnabledAt !== null,
    mfaEnrolmentRequired: !user.mfaEnabledAt && mfaRequiredFor(roles, config),
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
