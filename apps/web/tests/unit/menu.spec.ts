import { describe, expect, it } from 'vitest';
import { i18n } from '@/locales';
import { createMemoryHistory, createRouter } from 'vue-router';
import { dataScopeOf, permissionsOf, type Role } from '@jixiao/contracts';
import { MENU, breadcrumbOf, visibleMenu, type VisibleMenuItem } from '@/layouts/menu';
import { mayOpen, type Visitor } from '@/router/access';
import { routes } from '@/router/routes';
import { satisfies } from '@/stores/auth';

const router = createRouter({ history: createMemoryHistory(), routes });
const metaOf = (name: string) => router.getRoutes().find((r) => r.name === name)?.meta;

/** The organization each demo role sits in (ROLE_ORGANIZATION_KINDS' first choice). */
const KIND: Record<Role, string> = {
  finance: 'finance_bureau',
  department: 'department',
  unit: 'unit',
  town: 'town',
  agency: 'agency',
  expert: 'agency',
  auditor: 'auditor',
};

function menuFor(roles: Role[], organizationKind = KIND[roles[0]]): VisibleMenuItem[] {
  const granted = new Set<string>(permissionsOf(roles));
  const who: Visitor = { roles, dataScope: dataScopeOf(roles), organizationKind };
  return visibleMenu(MENU, metaOf, (meta) => mayOpen(meta, { can: (required) => satisfies(granted, required), who }));
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

  it('gives finance staff no entry that would only show a banner or stay empty', () => {
    const keys = flat(menuFor(['finance']));
    // the bureau keeps no key-project list of its own, is assigned no reviews and pre-reviews no unit
    expect(keys).not.toContain('key-project-list-mine');
    expect(keys).not.toContain('target-reviews-mine');
    expect(keys).not.toContain('target-pre-review');
    // what it does use stays
    for (const key of ['key-project-lists', 'key-project-lists-coverage', 'experts', 'target-change-requests', 'budget-gate'])
      expect(keys).toContain(key);
  });

  it('gives departments and towns their own list and the pre-review, and units neither the lists nor the pre-review', () => {
    for (const role of ['department', 'town'] as const) {
      const keys = flat(menuFor([role]));
      expect(keys).toContain('key-project-list-mine');
      expect(keys).toContain('key-project-lists');
      expect(keys).toContain('target-pre-review');
      expect(keys).not.toContain('target-reviews-mine');
    }
    const unit = flat(menuFor(['unit']));
    expect(unit).not.toContain('key-project-lists-group');
    expect(unit).not.toContain('key-project-list-mine');
    expect(unit).not.toContain('key-project-lists');
    expect(unit).not.toContain('target-pre-review');
    expect(unit).toContain('targets');
    expect(unit).toContain('projects');
  });

  it('gives experts their review tasks, wherever they work', () => {
    expect(flat(menuFor(['expert']))).toContain('target-reviews-mine');
    expect(flat(menuFor(['expert'], 'department'))).toContain('target-reviews-mine');
  });

  it('titles every entry with an i18n key that exists in both languages', () => {
    const titles = (items: VisibleMenuItem[]): string[] => items.flatMap((i) => [i.title, ...titles(i.children ?? [])]);
    const all = new Set([...titles(menuFor(['finance'])), ...titles(menuFor(['department'])), ...titles(menuFor(['expert']))]);
    for (const title of all) {
      expect(i18n.global.te(title, 'zh-CN'), `${title} (zh-CN)`).toBe(true);
      expect(i18n.global.te(title, 'en-US'), `${title} (en-US)`).toBe(true);
    }
  });
});

describe('breadcrumb', () => {
  const crumbs = (name: string) => {
    const meta = metaOf(name);
    if (!meta) throw new Error(`no route ${name}`);
    return breadcrumbOf(name, meta, metaOf);
  };

  it('puts a detail page under its list, the list as a link (项目库 / 项目详情)', () => {
    expect(crumbs('project-detail')).toEqual([
      { title: 'projects.group' },
      { title: 'projects.menu', route: 'projects' },
      { title: 'projects.detailTitle' },
    ]);
    expect(crumbs('target-detail').map((c) => c.title)).toEqual(['targets.group', 'targets.menu', 'targets.detailTitle']);
  });

  it('names a list page under its group, without a link to itself', () => {
    expect(crumbs('budget-gate')).toEqual([{ title: 'projects.group' }, { title: 'projects.gateMenu' }]);
    expect(crumbs('pre-assessments')).toEqual([{ title: 'preAssessments.menu' }]);
  });

  it('gives a page outside the menu its own title', () => {
    expect(crumbs('account-security')).toEqual([{ title: 'route.accountSecurity' }]);
  });

  it('has crumbs in both languages for every page', () => {
    for (const record of router.getRoutes().filter((r) => typeof r.name === 'string' && r.components)) {
      for (const c of breadcrumbOf(String(record.name), record.meta, metaOf)) {
        expect(i18n.global.te(c.title, 'zh-CN'), `${String(record.name)}: ${c.title}`).toBe(true);
        expect(i18n.global.te(c.title, 'en-US'), `${String(record.name)}: ${c.title}`).toBe(true);
      }
    }
  });
});
