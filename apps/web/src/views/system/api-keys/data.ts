import type { CreateApiKeyBody } from '@jixiao/api-client';
import { ALL_PERMISSIONS, RESOURCE_LABELS, type Resource } from '@jixiao/contracts';

/**
 * A permission as the API enumerates it. The contracts' `Permission` type is every
 * resource × action; ALL_PERMISSIONS holds exactly the ones the API lists.
 */
export type KnownPermission = CreateApiKeyBody['permissions'][number];

export const DEFAULT_SORT = '-createdAt';

/** Permissions grouped by resource, for the key's permission picker. */
export function permissionGroups(): Array<{ resource: Resource; permissions: KnownPermission[] }> {
  const groups = new Map<Resource, KnownPermission[]>();
  for (const permission of ALL_PERMISSIONS) {
    const resource = permission.split(':')[0] as Resource;
    if (!(resource in RESOURCE_LABELS)) continue;
    groups.set(resource, [...(groups.get(resource) ?? []), permission]);
  }
  return [...groups].map(([resource, permissions]) => ({ resource, permissions }));
}

export type KeyState = 'active' | 'revoked' | 'expired';

export function keyState(key: { active: boolean; expiresAt: string | null }, now: Date = new Date()): KeyState {
  if (!key.active) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}
