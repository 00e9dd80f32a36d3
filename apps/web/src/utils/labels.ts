import { ACTION_LABELS, INDICATOR_UNIT_LABELS, ORGANIZATION_KIND_LABELS, RESOURCE_LABELS, ROLE_LABELS, SECTOR_LABELS, type Label } from '@jixiao/contracts';
import { pickLabel, t, type AppLocale } from '@/locales';

function lookup(table: Record<string, Label>, value: string | null | undefined, locale?: AppLocale): string {
  if (!value) return '';
  const label = table[value];
  return label ? pickLabel(label, locale) : value;
}

/** Labels of the contracts' enums in the UI language; unknown values show as they are. */
export const roleLabel = (role: string, locale?: AppLocale) => lookup(ROLE_LABELS, role, locale);
export const sectorLabel = (sector: string | null | undefined, locale?: AppLocale) => lookup(SECTOR_LABELS, sector, locale);
export const kindLabel = (kind: string, locale?: AppLocale) => lookup(ORGANIZATION_KIND_LABELS, kind, locale);

/** `user:manage` → 用户 · 管理 / Users · Manage */
export function permissionLabel(permission: string, locale?: AppLocale): string {
  const [resource, action] = permission.split(':');
  if (!resource || !action) return permission;
  return `${lookup(RESOURCE_LABELS, resource, locale)} · ${lookup(ACTION_LABELS, action, locale)}`;
}

export function scopeLabel(scope: string): string {
  return ['all', 'subtree', 'own', 'assigned'].includes(scope) ? t(`scope.${scope}`) : scope;
}

/** An indicator's unit (stored in Chinese, a controlled list) in the UI language; units outside the list show as they are. */
export const unitLabel = (unit: string | null | undefined, locale?: AppLocale): string =>
  lookup(INDICATOR_UNIT_LABELS as Record<string, Label>, unit, locale);
