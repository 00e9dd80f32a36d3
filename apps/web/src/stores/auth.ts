import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isApiProblem, type LoginAnswer, type MfaChallenge, type Me, type TokenResponse } from '@jixiao/api-client';
import type { Permission } from '@jixiao/contracts';
import { authApi } from '@/api/auth';
import { ErrorCode } from '@/api/error-codes';
import { tokenStorage } from '@/utils/token-storage';

/** Why the last session ended, shown on the login page. */
export type SessionEndReason = 'session_expired' | 'signed_out';

/** Whether a set of granted permissions satisfies a requirement (any of a list; nothing required → yes). */
export function satisfies(granted: ReadonlySet<string>, required: Permission | readonly Permission[] | null | undefined): boolean {
  if (!required) return true;
  const list: readonly Permission[] = typeof required === 'string' ? [required] : required;
  return list.length === 0 || list.some((perm) => granted.has(perm));
}

/** Whether a login answer is the challenge for the second step (two-factor authentication on). */
export function isMfaChallenge(answer: LoginAnswer): answer is MfaChallenge {
  return 'mfaRequired' in answer && answer.mfaRequired === true;
}

/** What the first login step led to. */
export type LoginOutcome = { kind: 'signed_in'; answer: TokenResponse } | { kind: 'mfa_required' };

export const useAuthStore = defineStore('auth', () => {
  const accessToken = ref<string | null>(tokenStorage.accessToken);
  const me = ref<Me | null>(null);
  const endReason = ref<SessionEndReason | null>(null);

  const isAuthenticated = computed(() => accessToken.value !== null);
  const permissions = computed<ReadonlySet<string>>(() => new Set(me.value?.permissions ?? []));
  const mustChangePassword = computed(() => me.value?.mustChangePassword === true);
  const mfaEnrolmentRequired = computed(() => me.value?.mfaEnrolmentRequired === true);
  /** The second login step, pending: kept in memory only, never stored. */
  const mfaChallenge = ref<{ token: string; expiresAt: number } | null>(null);

  function hasPermission(required: Permission | readonly Permission[] | null | undefined): boolean {
    return satisfies(permissions.value, required);
  }

  function applyTokens(answer: TokenResponse): void {
    tokenStorage.set(answer);
    accessToken.value = answer.accessToken;
    me.value = {
      ...answer.user,
      mustChangePassword: answer.mustChangePassword || answer.user.mustChangePassword,
      mfaEnrolmentRequired: answer.mfaEnrolmentRequired || answer.user.mfaEnrolmentRequired,
    };
    endReason.value = null;
    mfaChallenge.value = null;
  }

  /** Forgets the session in memory and storage; the guard sends the user to the login page. */
  function end(reason: SessionEndReason | null): void {
    tokenStorage.clear();
    accessToken.value = null;
    me.value = null;
    endReason.value = reason;
  }

  /** First step: tokens, or the challenge for the code (then `verifyMfa`). */
  async function login(username: string, password: string): Promise<LoginOutcome> {
    const answer = await authApi.login({ username, password });
    if (isMfaChallenge(answer)) {
      mfaChallenge.value = { token: answer.mfaToken, expiresAt: Date.now() + answer.expiresIn * 1000 };
      return { kind: 'mfa_required' };
    }
    applyTokens(answer);
    return { kind: 'signed_in', answer };
  }

  /** Second step: the authenticator's code or a recovery code. An expired step sends the user back to the password. */
  async function verifyMfa(code: string): Promise<TokenResponse> {
    const challenge = mfaChallenge.value;
    if (!challenge) throw new Error('no sign-in step pending');
    try {
      const answer = await authApi.loginMfa({ mfaToken: challenge.token, code: code.trim() });
      applyTokens(answer);
      return answer;
    } catch (error) {
      if (isApiProblem(error) && error.code === ErrorCode.MfaTokenInvalid) mfaChallenge.value = null;
      throw error;
    }
  }

  function cancelMfa(): void {
    mfaChallenge.value = null;
  }

  let loadingMe: Promise<Me | null> | null = null;

  /** Loads the signed-in user once per page load (after a reload the token comes from sessionStorage). */
  function ensureMe(): Promise<Me | null> {
    if (!accessToken.value) return Promise.resolve(null);
    if (me.value) return Promise.resolve(me.value);
    loadingMe ??= authApi
      .me()
      .then((answer) => {
        me.value = answer;
        return answer;
      })
      .catch((error: unknown) => {
        if (isApiProblem(error) && error.status === 401) {
          if (accessToken.value) end('session_expired');
          return null;
        }
        throw error;
      })
      .finally(() => {
        loadingMe = null;
      });
    return loadingMe;
  }

  let refreshing: Promise<boolean> | null = null;

  /** Renews the access token with the refresh token; several callers share one request. */
  function refresh(): Promise<boolean> {
    const token = tokenStorage.refreshToken;
    if (!token) return Promise.resolve(false);
    refreshing ??= authApi
      .refresh(token)
      .then((answer) => {
        applyTokens(answer);
        return true;
      })
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  async function logout(): Promise<void> {
    try {
      if (accessToken.value) await authApi.logout();
    } catch {
      // the session ends here whatever the server says
    }
    end('signed_out');
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await authApi.changePassword({ currentPassword, newPassword });
    if (me.value) me.value = { ...me.value, mustChangePassword: false };
  }

  function markMustChangePassword(): void {
    if (me.value) me.value = { ...me.value, mustChangePassword: true };
  }

  function markMfaEnrolmentRequired(): void {
    if (me.value) me.value = { ...me.value, mfaEnrolmentRequired: true };
  }

  /** After enrolment (on) or turning it off: the session's limits follow. */
  function markMfaEnabled(enabled: boolean): void {
    if (me.value) me.value = { ...me.value, mfaEnabled: enabled, mfaEnrolmentRequired: enabled ? false : me.value.mfaEnrolmentRequired };
  }

  return {
    accessToken,
    me,
    endReason,
    isAuthenticated,
    permissions,
    mustChangePassword,
    mfaEnrolmentRequired,
    mfaChallenge,
    hasPermission,
    login,
    verifyMfa,
    cancelMfa,
    ensureMe,
    refresh,
    logout,
    end,
    changePassword,
    markMustChangePassword,
    markMfaEnrolmentRequired,
    markMfaEnabled,
  };
});
