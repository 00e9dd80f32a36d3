import type { RouteLocationNormalized, Router } from 'vue-router';
import { t } from '@/locales';
import { useAuthStore } from '@/stores/auth';
import { decideAccess } from './access';

/** The browser tab's title for a route, in the current language: "<page> · 绩效管理". */
export function pageTitle(route: Pick<RouteLocationNormalized, 'meta' | 'params'>): string {
  const app = t('shell.titleSuffix');
  if (!route.meta.title) return app;
  return `${t(route.meta.title, route.params as Record<string, unknown>)} · ${app}`;
}

/** The one guard: sign-in, forced password change and permissions (see `decideAccess`). */
export function setupRouterGuard(router: Router): void {
  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    if (auth.isAuthenticated && !auth.me && !to.meta.public) {
      try {
        await auth.ensureMe();
      } catch {
        // the server could not be reached; the login page will say so on the next attempt
      }
    }
    return decideAccess(to, {
      authenticated: auth.isAuthenticated,
      userLoaded: auth.me !== null,
      mustChangePassword: auth.mustChangePassword,
      mfaEnrolmentRequired: auth.mfaEnrolmentRequired,
      endReason: auth.endReason,
      can: (required) => auth.hasPermission(required),
      who: auth.me,
    });
  });

  router.afterEach((to) => {
    if (typeof document !== 'undefined') document.title = pageTitle(to);
  });
}
