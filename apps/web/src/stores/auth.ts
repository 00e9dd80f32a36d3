import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isApiProblem, type Me, type TokenResponse } from '@jixiao/api-client';
import type { Permission } from '@jixiao/contracts';
import { authApi } from '@/api/auth';
import { tokenStorage } from '@/utils/token-storage';

/** Why the last session ended, shown on the login page. */
export type SessionEndReason = 'session_expired' | 'signed_out';

/** Whether a set of granted permissions satisfies a requirement (any of a list; nothing required → yes). */
export function satisfies(granted: ReadonlySet<string>, required: Permission | readonly Permission[] | null | undefined): boolean {
  if (!required) return true;
  const list: readonly Permission[] = typeof required === 'string' ? [required] : required;
  return list.length === 0 || list.some((perm) => granted.has(perm));
}

export const useAuthStore = defineStore('auth', () => {
  const accessToken = ref<string | null>(tokenStorage.accessToken);
  const me = ref<Me | null>(null);
  const endReason = ref<SessionEndReason | null>(null);

  const isAuthenticated = computed(() => accessToken.value !== null);
  const permissions = computed<ReadonlySet<string>>(() => new Set(me.value?.permissions ?? []));
  const mustChangePassword = computed(() => me.value?.mustChangePassword === true);

  function hasPermission(required: Permission | readonly Permission[] | null | undefined): boolean {
    return satisfies(permissions.value, required);
  }

  function applyTokens(answer: TokenResponse): void {
    tokenStorage.set(answer);
    accessToken.value = answer.accessToken;
    me.value = { ...answer.user, mustChangePassword: answer.mustChangePassword || answer.user.mustChangePassword };
    endReason.value = null;
  }

  /** Forgets the session in memory and storage; the guard sends the user to the login page. */
  function end(reason: SessionEndReason | null): void {
    tokenStorage.clear();
    accessToken.value = null;
    me.value = null;
    endReason.value = reason;
  }

  async function login(username: string, password: string): Promise<TokenResponse> {
    const answer = await authApi.login({ username, password });
    applyTokens(answer);
    return answer;
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

  return {
    accessToken,
    me,
    endReason,
    isAuthenticated,
    permissions,
    mustChangePassword,
    hasPermission,
    login,
    ensureMe,
    refresh,
    logout,
    end,
    changePassword,
    markMustChangePassword,
  };
});
