import type { User } from '@jixiao/api-client';
import { ROLES, type Role } from '@jixiao/contracts';

/** Filters of the user list (the API's `q`, `organizationId`, `role`). */
export function defaultFilters() {
  return { q: '', organizationId: '', role: '' as Role | '' };
}

export const DEFAULT_SORT = 'username';

export const ROLE_OPTIONS = ROLES;

export type UserStatus = 'active' | 'disabled' | 'locked';

/** Disabled wins over locked; a lock that has run out no longer counts. */
export function userStatus(user: Pick<User, 'active' | 'lockedUntil'>, now: Date = new Date()): UserStatus {
  if (!user.active) return 'disabled';
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now.getTime()) return 'locked';
  return 'active';
}

export const STATUS_TAG: Record<UserStatus, 'success' | 'info' | 'danger'> = {
  active: 'success',
  disabled: 'info',
  locked: 'danger',
};

export const STATUS_LABEL: Record<UserStatus, string> = {
  active: 'user.statusActive',
  disabled: 'user.statusDisabled',
  locked: 'user.statusLocked',
};
