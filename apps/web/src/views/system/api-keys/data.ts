import type { ApiKey } from '@jixiao/api-client';
import type { Column } from '@/components/paged-table';
import type { CreateApiKeyBody } from '@jixiao/api-client';
import { ALL_PERMISSIONS, isDistrictOnly, RESOURCE_LABELS, type Resource } from '@jixiao/contracts';

/**
 * A permission as the API enumerates it. The contracts' `Permission` type is every
 * resource × action; ALL_PERMISSIONS holds exactly the ones the API lists.
 */
export type KnownPermission = CreateApiKeyBody['permissions'][number];

export const DEFAULT_SORT = '-createdAt';

/**
 * Permissions grouped by resource, for the key's permission picker. A key limited to one
 * organization is not offered the district-only permissions (PERMISSION_REACH in libs/contracts,
 * the same table the API checks at creation and on every request).
 */
export function permissionGroups(organizationLimited = false): Array<{ resource: Resource; permissions: KnownPermission[] }> {
  const groups = new Map<Resource, KnownPermission[]>();
  for (const permission of offeredPermissions(organizationLimited)) {
    const resource = permission.split(':')[0] as Resource;
    if (!(resource in RESOURCE_LABELS)) continue;
    groups.set(resource, [...(groups.get(resource) ?? []), permission]);
  }
  return [...groups].map(([resource, permissions]) => ({ resource, permissions }));
}

/** The permissions a key may be given: all of them for the district, none of the district-only ones for one organization. */
export function offeredPermissions(organizationLimited: boolean): KnownPermission[] {
  return ALL_PERMISSIONS.filter((permission) => !organizationLimited || !isDistrictOnly(permission));
}

/** Ticked permissions that stay when the key's reach changes: choosing an organization unticks the district-only ones. */
export function keepOffered(permissions: KnownPermission[], organizationLimited: boolean): KnownPermission[] {
  const offered = new Set(offeredPermissions(organizationLimited));
  return permissions.filter((p) => offered.has(p));
}

export type KeyState = 'active' | 'revoked' | 'expired';

export function keyState(key: { active: boolean; expiresAt: string | null }, now: Date = new Date()): KeyState {
  if (!key.active) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Columns of the key list (the permissions column takes the spare width; dates give way first). */
export const COLUMNS: Column<ApiKey>[] = [
  { prop: 'name', label: 'apiKey.name', sortable: true, minWidth: 140 },
  { key: 'prefix', label: 'apiKey.prefix', width: 120 },
  { key: 'permissions', label: 'apiKey.permissions', minWidth: 240 },
  { key: 'organization', label: 'apiKey.organization', minWidth: 140 },
  { key: 'state', label: 'apiKey.active', width: 100 },
  { prop: 'expiresAt', label: 'apiKey.expiresAt', sortable: true, width: 150 },
  { prop: 'lastUsedAt', label: 'apiKey.lastUsedAt', sortable: true, width: 150, priority: 2 },
  { prop: 'createdAt', label: 'common.createdAt', sortable: true, width: 150, formatter: 'datetime', priority: 3 },
];
