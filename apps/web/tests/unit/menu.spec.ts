import { describe, expect, it } from 'vitest';
import { i18n } from '@/locales';
import { createMemoryHistory, createRouter } from 'vue-router';
import { permissionsOf, type Role } from '@jixiao/contracts';
import { MENU, visibleMenu, type VisibleMenuItem } from '@/layouts/menu';
import { routes } from '@/router/routes';
import { satisfies } from '@/stores/auth';

const router = createRouter({ history: createMemoryHistory(), routes });
const metaOf = (name: string) => router.getRoutes().find((r) => r.name === name)?.meta;

function menuFor(roles: Role[]): VisibleMenuItem[] {
  const granted = new Set<string>(permissionsOf(roles));
  return visibleMenu(MENU, metaOf, (required) => satisfies(granted, required));
}

const flat = (items: VisibleMenuItem[]): string[] => items.flatMap((i) => [i.key, ...flat(i.children ?? [])]);

describe('sidebar menu', () => {
  it('shows finance staff the whole system menu, dashboard first, platform entries in order', () => {
    const keys = flat(menuFor(['finance']));
    expect(keys[0]).toBe('dashboard');
    const platform = ['system', 'organizations', 'users', 'api-keys', 'policy-profiles', 'audit-logs'];
    // Area modules (router/modules) sit between the dashboard and the platform's own entries.
    expect(keys.filter((k) => platform.includes(k))).toEqual(platform);
    expect(keys.slice(-platform.length)).toEqual(platform);
  });

  it('hides the system group from a department user', () => {
    const keys = flat(menuFor(['department']));
    expect(keys).not.toContain('system');
    expect(keys).not.toContain('users');
    expect(keys).not.toContain('audit-logs');
    expect(keys).toContain('policy-profiles');
  });

  it('shows auditors the audit log', () => {
    const keys = flat(menuFor(['auditor']));
    expect(keys).toContain('audit-logs');
    expect(keys).not.toContain('system');
  });

  it('titles every entry with an i18n key that exists in both languages', () => {
    const titles = (items: VisibleMenuItem[]): string[] => items.flatMap((i) => [i.title, ...titles(i.children ?? [])]);
    for (const title of titles(menuFor(['finance']))) {
      expect(i18n.global.te(title, 'zh-CN'), `${title} (zh-CN)`).toBe(true);
      expect(i18n.global.te(title, 'en-US'), `${title} (en-US)`).toBe(true);
    }
  });
});
