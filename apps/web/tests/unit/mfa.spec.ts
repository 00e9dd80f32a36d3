import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '@jixiao/api-client';
import { authApi } from '@/api/auth';
import { decideAccess, type AccessState, type AccessTarget } from '@/router/access';
import { isMfaChallenge, useAuthStore } from '@/stores/auth';
import { tokenStorage } from '@/utils/token-storage';
import { qrPath } from '@/utils/qr';
import { meWith } from './helpers';

const tokens = (mfaEnrolmentRequired = false) => ({
  accessToken: 'access-token-0123456789',
  refreshToken: 'refresh-token-0123456789',
  tokenType: 'Bearer' as const,
  expiresIn: 900,
  mustChangePassword: false,
  mfaEnrolmentRequired,
  user: meWith(['finance'], { mfaEnrolmentRequired }),
});

describe('two-factor sign-in in the auth store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    vi.restoreAllMocks();
    tokenStorage.clear();
  });

  it('tells a challenge from tokens', () => {
    expect(isMfaChallenge({ mfaRequired: true, mfaToken: 't', expiresIn: 300 })).toBe(true);
    expect(isMfaChallenge(tokens())).toBe(false);
  });

  it('keeps the challenge in memory only, holds no session until the code is accepted', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue({ mfaRequired: true, mfaToken: 'mfa.ticket', expiresIn: 300 });
    const second = vi.spyOn(authApi, 'loginMfa').mockResolvedValue(tokens());
    const auth = useAuthStore();
    expect(await auth.login('finance', 'Demo#2022')).toEqual({ kind: 'mfa_required' });
    expect(auth.isAuthenticated).toBe(false);
    expect(tokenStorage.accessToken).toBeNull();
    expect(auth.mfaChallenge?.token).toBe('mfa.ticket');
    await auth.verifyMfa(' abcde-fghij ');
    expect(second).toHaveBeenCalledWith({ mfaToken: 'mfa.ticket', code: 'abcde-fghij' });
    expect(auth.isAuthenticated).toBe(true);
    expect(auth.mfaChallenge).toBeNull();
  });

  it('keeps the challenge after a wrong code, and drops it when it has expired', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue({ mfaRequired: true, mfaToken: 'mfa.ticket', expiresIn: 300 });
    const second = vi.spyOn(authApi, 'loginMfa');
    const auth = useAuthStore();
    await auth.login('finance', 'Demo#2022');
    second.mockRejectedValueOnce(new ApiProblem({ status: 401, code: 'AUTH_MFA_CODE_INVALID', message: '验证码错误', messageEn: 'wrong' }));
    await expect(auth.verifyMfa('000000')).rejects.toBeInstanceOf(ApiProblem);
    expect(auth.mfaChallenge).not.toBeNull();
    second.mockRejectedValueOnce(new ApiProblem({ status: 401, code: 'AUTH_MFA_TOKEN_INVALID', message: '已失效', messageEn: 'expired' }));
    await expect(auth.verifyMfa('000000')).rejects.toBeInstanceOf(ApiProblem);
    expect(auth.mfaChallenge).toBeNull();
  });

  it('notes a pending enrolment from the answer, and lifts it once enrolled', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue(tokens(true));
    const auth = useAuthStore();
    const outcome = await auth.login('finance', 'Demo#2022');
    expect(outcome.kind).toBe('signed_in');
    expect(auth.mfaEnrolmentRequired).toBe(true);
    auth.markMfaEnabled(true);
    expect(auth.mfaEnrolmentRequired).toBe(false);
    expect(auth.me?.mfaEnabled).toBe(true);
  });
});

describe('decideAccess with a pending two-factor enrolment', () => {
  const state = (extra: Partial<AccessState> = {}): AccessState => ({
    authenticated: true,
    userLoaded: true,
    mustChangePassword: false,
    mfaEnrolmentRequired: true,
    can: () => true,
    ...extra,
  });
  const target = (path: string, meta: AccessTarget['meta'] = {}, name?: string): AccessTarget => ({ name, path, fullPath: path, meta, matched: [{ meta }] });

  it('sends every page but the enrolment page there', () => {
    expect(decideAccess(target('/system/users'), state())).toEqual({ name: 'account-security' });
    expect(decideAccess(target('/account/security', { allowWhileMfaEnrolment: true }), state())).toBe(true);
    expect(decideAccess(target('/login', { public: true }, 'login'), state())).toEqual({ name: 'account-security' });
  });

  it('asks for the password change first', () => {
    expect(decideAccess(target('/account/security', { allowWhileMfaEnrolment: true }), state({ mustChangePassword: true }))).toEqual({
      name: 'change-password',
    });
  });

  it('lets everything through once enrolled', () => {
    expect(decideAccess(target('/system/users'), state({ mfaEnrolmentRequired: false }))).toBe(true);
  });
});

describe('qrPath', () => {
  it('draws a square code with a quiet zone for an otpauth URI', () => {
    const { size, path } = qrPath('otpauth://totp/Jixiao:finance?secret=JBSWY3DPEHPK3PXP&issuer=Jixiao');
    expect(size).toBeGreaterThanOrEqual(21 + 8);
    // The finder pattern's top-left module sits right after the 4-module quiet zone.
    expect(path.startsWith('M4 4h1v1h-1z')).toBe(true);
  });
});
