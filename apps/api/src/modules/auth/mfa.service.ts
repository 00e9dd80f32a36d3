import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../common/audit/audit.service';
import { AuthErrors } from '../../common/auth/auth.errors';
import type { Principal } from '../../common/auth/principal';
import { fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { UserEntity } from '../users/entities/user.entity';
import { MfaEnrolmentDto, MfaRecoveryCodesDto, MfaStatusDto, MfaDisableDto } from './dto/login.dto';
import { consumeFactorSql, recoveryCodeHash, resolveFactor } from './mfa-factor';
import { mfaRequiredFor } from './mfa-policy';
import { verifyPassword } from './password-hasher';
import { updateReturning } from './sql';
import { TOKEN_HASHER, TokenHasher } from './token-hasher';
import { matchTotp, newRecoveryCode, newTotpSecret, otpauthUri, SecretBox } from './totp';

export const RECOVERY_CODE_COUNT = 10;

/** What clearing a user's two-factor authentication writes (disable, or an administrator's reset). */
export const MFA_CLEARED = {
  mfaSecret: null,
  mfaPendingSecret: null,
  mfaEnabledAt: null,
  mfaLastStep: null,
  mfaRecoveryCodes: [] as string[],
};

/** The signed-in user's own two-factor authentication: status, enrolment, confirmation, turning off. */
@Injectable()
export class MfaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_HASHER) private readonly tokens: TokenHasher,
    private readonly box: SecretBox,
  ) {}

  async status(principal: Principal): Promise<MfaStatusDto> {
    const user = await this.load(principal, ['mfaRecoveryCodes']);
    return {
      enabled: user.mfaEnabledAt !== null,
      enabledAt: user.mfaEnabledAt?.toISOString() ?? null,
      required: mfaRequiredFor(user.roles, this.config),
      recoveryCodesLeft: user.mfaEnabledAt ? user.mfaRecoveryCodes.length : 0,
    };
  }

  /** Hands out a new secret (kept sealed as pending until a code confirms it). */
  async startEnrolment(principal: Principal): Promise<MfaEnrolmentDto> {
    const user = await this.load(principal, []);
    if (user.mfaEnabledAt) throw AuthErrors.AUTH_MFA_ALREADY_ENABLED();
    const secret = newTotpSecret();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { mfaPendingSecret: this.box.seal(secret) });
      await this.audit.record(manager, { action: 'auth.mfa_enrol_start', entityType: 'user', entityId: user.id });
    });
    return { secret, otpauthUri: otpauthUri(this.config.mfa.issuer, user.username, secret) };
  }

  /** A code from the app proves the secret arrived: two-factor is on, and ten recovery codes are shown once. */
  async confirmEnrolment(principal: Principal, code: string): Promise<MfaRecoveryCodesDto> {
    const user = await this.load(principal, ['mfaPendingSecret']);
    if (user.mfaEnabledAt) throw AuthErrors.AUTH_MFA_ALREADY_ENABLED();
    if (!user.mfaPendingSecret) throw AuthErrors.AUTH_MFA_NOT_STARTED();
    const step = matchTotp(this.box.open(user.mfaPendingSecret), code);
    if (step === null) throw wrongCode('code');
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    const hashes = recoveryCodes.map((c) => recoveryCodeHash(this.tokens, user.id, c));
    await this.dataSource.transaction(async (manager) => {
      const rows = await updateReturning(
        manager,
        `UPDATE users SET mfa_secret = mfa_pending_secret, mfa_pending_secret = NULL, mfa_enabled_at = now(),
           mfa_last_step = $2, mfa_recovery_codes = $3::text[], version = version + 1
         WHERE id = $1 AND mfa_enabled_at IS NULL AND mfa_pending_secret = $4
         RETURNING id`,
        [user.id, step, hashes, user.mfaPendingSecret],
      );
      if (!rows.length) throw AuthErrors.AUTH_MFA_NOT_STARTED();
      await this.audit.record(manager, { action: 'auth.mfa_enable', entityType: 'user', entityId: user.id });
    });
    return { recoveryCodes };
  }

  /** Turns two-factor off with the password and a code; not when the configuration requires it for the role. */
  async disable(principal: Principal, dto: MfaDisableDto): Promise<void> {
    const user = await this.load(principal, ['passwordHash', 'mfaSecret']);
    if (!user.mfaEnabledAt || !user.mfaSecret) throw AuthErrors.AUTH_MFA_NOT_ENABLED();
    if (mfaRequiredFor(user.roles, this.config)) throw AuthErrors.AUTH_MFA_REQUIRED_BY_POLICY();
    if (!(await verifyPassword(user.passwordHash, dto.password))) {
      throw AuthErrors.AUTH_PASSWORD_WRONG({
        errors: [fieldError('password', 'wrong', '当前密码不正确', 'The current password is wrong')],
      });
    }
    const factor = resolveFactor(this.tokens, user.id, this.box.open(user.mfaSecret), dto.code);
    if (!factor) throw wrongCode('code');
    const consume = consumeFactorSql(factor, 2);
    await this.dataSource.transaction(async (manager) => {
      const rows = await updateReturning(manager, `UPDATE users SET ${consume.set} WHERE id = $1 AND ${consume.where} RETURNING id`, [
        user.id,
        consume.value,
      ]);
      if (!rows.length) throw wrongCode('code');
      await manager.update(UserEntity, { id: user.id }, { ...MFA_CLEARED, version: () => 'version + 1' });
      await this.audit.record(manager, { action: 'auth.mfa_disable', entityType: 'user', entityId: user.id });
    });
  }

  /** New recovery codes (the old ones stop working), with a current TOTP code. */
  async regenerateRecoveryCodes(principal: Principal, code: string): Promise<MfaRecoveryCodesDto> {
    const user = await this.load(principal, ['mfaSecret']);
    if (!user.mfaEnabledAt || !user.mfaSecret) throw AuthErrors.AUTH_MFA_NOT_ENABLED();
    const step = matchTotp(this.box.open(user.mfaSecret), code);
    if (step === null) throw wrongCode('code');
    const consume = consumeFactorSql({ kind: 'totp', step }, 2);
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    const hashes = recoveryCodes.map((c) => recoveryCodeHash(this.tokens, user.id, c));
    await this.dataSource.transaction(async (manager) => {
      const rows = await updateReturning(
        manager,
        `UPDATE users SET ${consume.set}, mfa_recovery_codes = $3::text[] WHERE id = $1 AND ${consume.where} RETURNING id`,
        [user.id, consume.value, hashes],
      );
      if (!rows.length) throw wrongCode('code');
      await this.audit.record(manager, { action: 'auth.mfa_recovery_codes', entityType: 'user', entityId: user.id });
    });
    return { recoveryCodes };
  }

  private async load(principal: Principal, hidden: (keyof UserEntity)[]): Promise<UserEntity> {
    if (principal.kind !== 'user') throw CommonErrors.FORBIDDEN({ detail: 'only for signed-in users, not API keys' });
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').where('u.id = :id', { id: principal.id });
    for (const column of hidden) qb.addSelect(`u.${column}`);
    return qb.getOneOrFail();
  }
}

function wrongCode(field: string) {
  return AuthErrors.AUTH_MFA_CODE_WRONG({
    errors: [fieldError(field, 'wrong', '验证码不正确或已使用', 'The code is wrong or has been used')],
  });
}
