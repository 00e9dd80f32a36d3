import { describe, expect, it } from 'vitest';
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
  it('shows finance staff the whole system menu', () => {
    const keys = flat(menuFor(['finance']));
    expect(keys).toEqual(['dashboard', 'system', 'organizations', 'users', 'api-keys', 'policy-profiles', 'audit-logs']);
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

  it('titles every entry with an i18n key', () => {
    for (const item of menuFor(['finance'])) {
      expect(item.title).toMatch(/^(route|menu)\./);
      for (const child of item.children ?? []) expect(child.title).toMatch(/^route\./);
    }
  });
});
