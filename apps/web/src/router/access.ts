import type { RouteLocationRaw, RouteMeta } from 'vue-router';
import type { Permission } from '@jixiao/contracts';

/** What the guard knows about the visitor. */
export interface AccessState {
  /** A token is held. */
  authenticated: boolean;
  /** `/auth/me` answered for that token. */
  userLoaded: boolean;
  mustChangePassword: boolean;
  /** The role requires two-factor authentication and the user has not enrolled. */
  mfaEnrolmentRequired?: boolean;
  /** Why the last session ended, passed to the login page. */
  endReason?: string | null;
  can(required: Permission | readonly Permission[] | undefined): boolean;
}

/** The parts of a route location the decision reads. */
export interface AccessTarget {
  name?: unknown;
  path: string;
  fullPath: string;
  meta: RouteMeta;
  matched: ReadonlyArray<{ meta: RouteMeta }>;
}

/**
 * The whole navigation policy as one pure function: `true` lets the navigation through,
 * a location redirects. Order: public pages, sign-in, forced password change, two-factor
 * enrolment the role requires, permissions.
 */
export function decideAccess(to: AccessTarget, state: AccessState): true | RouteLocationRaw {
  if (to.meta.public) {
    if (to.name === 'login' && state.authenticated && state.userLoaded) {
      if (state.mustChangePassword) return { name: 'change-password' };
      return state.mfaEnrolmentRequired ? { name: 'account-security' } : { path: '/' };
    }
    return true;
  }

  if (!state.authenticated || !state.userLoaded) {
    const query: Record<string, string> = {};
    if (to.fullPath !== '/') query.redirect = to.fullPath;
    if (state.endReason) query.reason = state.endReason;
    return { name: 'login', query };
  }

  if (state.mustChangePassword && !to.meta.allowWhilePasswordChange) {
    return { name: 'change-password' };
  }

  if (state.mfaEnrolmentRequired && !state.mustChangePassword && !to.meta.allowWhileMfaEnrolment) {
    return { name: 'account-security' };
  }

  const denied = to.matched.some((record) => !state.can(record.meta.permission));
  if (denied) return { name: 'forbidden' };

  return true;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
  if (value.startsWith('/login')) return '/';
  return value;
}
