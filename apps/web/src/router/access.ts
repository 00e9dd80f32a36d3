import type { RouteLocationRaw, RouteMeta } from 'vue-router';
import type { DataScopeKind, Permission, Role } from '@jixiao/contracts';

/**
 * Who a page is for, beyond its permission: a page that shows only a banner or is always empty
 * for some roles (the department's own key-project list for the bureau, an expert's review tasks
 * for finance staff) names its audience. Each given condition must hold (any one value of a list).
 */
export interface Audience {
  roles?: readonly Role[];
  scopes?: readonly DataScopeKind[];
  organizationKinds?: readonly string[];
}

/** The signed-in user as the audience rules see them (from `/auth/me`). */
export interface Visitor {
  roles: readonly string[];
  dataScope: string;
  organizationKind: string;
}

/** Does the visitor belong to the page's audience? No audience (or no visitor yet): yes. */
export function inAudience(audience: Audience | undefined, who: Visitor | null | undefined): boolean {
  if (!audience || !who) return true;
  if (audience.roles && !audience.roles.some((r) => who.roles.includes(r))) return false;
  if (audience.scopes && !audience.scopes.includes(who.dataScope as DataScopeKind)) return false;
  if (audience.organizationKinds && !audience.organizationKinds.includes(who.organizationKind)) return false;
  return true;
}

/** May this user open a page with this meta: its permission and its audience (menu and guard alike). */
export function mayOpen(
  meta: RouteMeta,
  state: { can(required: Permission | readonly Permission[] | undefined): boolean; who?: Visitor | null },
): boolean {
  return state.can(meta.permission) && inAudience(meta.audience, state.who);
}

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
  /** Roles, data scope and organization kind of the user, for pages with an audience. */
  who?: Visitor | null;
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

  const denied = to.matched.some((record) => !mayOpen(record.meta, state));
  if (denied) return { name: 'forbidden' };

  return true;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
  if (value.startsWith('/login')) return '/';
  return value;
}
