import type { User } from '@jixiao/api-client';
import type { Column, FilterField } from '@/components/paged-table';
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

/** The filter form of the user list. */
export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'q', label: 'user.username', kind: 'input', placeholder: 'user.searchPlaceholder' },
  { field: 'organizationId', label: 'user.organization', kind: 'org' },
  { field: 'role', label: 'user.roles', kind: 'select', options: ROLE_OPTIONS, width: 180 },
];

/** Columns; the dates give way first on a 1366 px screen. */
export const COLUMNS: Column<User>[] = [
  { prop: 'username', label: 'user.username', sortable: true, minWidth: 110 },
  { prop: 'displayName', label: 'user.displayName', sortable: true, minWidth: 110 },
  { prop: 'organizationName', label: 'user.organization', minWidth: 160, ellipsis: true },
  { key: 'roles', label: 'user.roles', minWidth: 150 },
  { key: 'status', label: 'user.status', minWidth: 170 },
  { prop: 'lastLoginAt', label: 'user.lastLoginAt', sortable: true, width: 150, priority: 2 },
  { prop: 'createdAt', label: 'common.createdAt', sortable: true, width: 150, formatter: 'datetime', priority: 3 },
];
