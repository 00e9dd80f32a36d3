import { matchTotp, normalizeRecoveryCode } from './totp';
import type { TokenHasher } from './token-hasher';

/** A second factor the user typed: a TOTP code of one time step, or one of the recovery codes. */
export type Factor = { kind: 'totp'; step: number } | { kind: 'recovery_code'; hash: string };

/** The keyed hash a recovery code is stored as (per user, so equal codes of two users differ). */
export function recoveryCodeHash(tokens: TokenHasher, userId: string, code: string): string {
  return tokens.hash(`mfa-recovery:${userId}:${normalizeRecoveryCode(code)}`);
}

/** What a typed code is; null when it is neither a matching TOTP code nor shaped like a recovery code. */
export function resolveFactor(tokens: TokenHasher, userId: string, secret: string, code: string): Factor | null {
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = matchTotp(secret, trimmed);
    return step === null ? null : { kind: 'totp', step };
  }
  if (!/^[A-Z2-7]{10}$/.test(normalizeRecoveryCode(trimmed))) return null;
  return { kind: 'recovery_code', hash: recoveryCodeHash(tokens, userId, trimmed) };
}

/**
 * The SET and WHERE parts that use a factor up inside one `UPDATE users` (parameter `$n`): a TOTP
 * step only if it is later than the last accepted one (no replay), a recovery code only if it is
 * still unused (it is removed). Two requests with the same code: one row update wins.
 */
export function consumeFactorSql(factor: Factor, n: number): { set: string; where: string; value: unknown } {
  if (factor.kind === 'totp') {
    return { set: `mfa_last_step = $${n}`, where: `(mfa_last_step IS NULL OR mfa_last_step < $${n})`, value: factor.step };
  }
  return {
    set: `mfa_recovery_codes = array_remove(mfa_recovery_codes, $${n}::text)`,
    where: `$${n}::text = ANY(mfa_recovery_codes)`,
    value: factor.hash,
  };
}
