import { START_LOCATION, type Router } from 'vue-router';
import type { ApiProblem } from '@jixiao/api-client';
import { ErrorCode } from '@/api/error-codes';
import { setSessionHandlers } from '@/api/http';
import { useAuthStore } from '@/stores/auth';

/**
 * Ties the API client to the session: renews an expired access token once with the refresh
 * token, and otherwise ends the session and sends the user to the login page with a reason.
 */
export function installSessionHandlers(router: Router): void {
  const auth = useAuthStore();

  const toLogin = (): void => {
    const current = router.currentRoute.value;
    // During the first navigation the guard redirects by itself; public pages stay.
    if (current === START_LOCATION || current.meta.public) return;
    void router.replace({
      name: 'login',
      query: { redirect: current.fullPath, reason: auth.endReason ?? 'session_expired' },
    });
  };

  setSessionHandlers({
    async onUnauthorized(problem: ApiProblem): Promise<boolean> {
      if (problem.code === ErrorCode.TokenExpired && (await auth.refresh())) return true;
      if (auth.isAuthenticated) {
        auth.end('session_expired');
        toLogin();
      }
      return false;
    },
    onProblem(problem: ApiProblem): void {
      if (problem.status === 403 && problem.code === ErrorCode.PasswordChangeRequired) {
        auth.markMustChangePassword();
        if (router.currentRoute.value.name !== 'change-password') void router.push({ name: 'change-password' });
      } else if (problem.status === 403 && problem.code === ErrorCode.MfaEnrolmentRequired) {
        auth.markMfaEnrolmentRequired();
        if (router.currentRoute.value.name !== 'account-security') void router.push({ name: 'account-security' });
      }
    },
  });
}
