import { i18n } from '@/locales';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { Permission, permissionsOf, type Role } from '@jixiao/contracts';
import { decideAccess, safeRedirect, type AccessState, type AccessTarget } from '@/router/access';
import { pageTitle, setupRouterGuard } from '@/router/guard';
import { setLocale } from '@/locales';
import { routes } from '@/router/routes';
import { satisfies, useAuthStore } from '@/stores/auth';
import { meWith } from './helpers';

function target(path: string, meta: AccessTarget['meta'] = {}, name?: string): AccessTarget {
  return { name, path, fullPath: path, meta, matched: [{ meta: {} }, { meta }] };
}

function state(roles: Role[] | null, extra: Partial<AccessState> = {}): AccessState {
  const granted = new Set<string>(roles ? permissionsOf(roles) : []);
  return {
    authenticated: roles !== null,
    userLoaded: roles !== null,
    mustChangePassword: false,
    can: (required) => satisfies(granted, required),
    ...extra,
  };
}

describe('decideAccess', () => {
  const users = target('/system/users', { permission: Permission.UserManage }, 'users');

  it('sends a visitor without a session to the login page with the way back', () => {
    expect(decideAccess(users, state(null))).toEqual({ name: 'login', query: { redirect: '/system/users' } });
  });

  it('tells the login page why the session ended', () => {
    expect(decideAccess(target('/'), state(null, { endReason: 'session_expired' }))).toEqual({
      name: 'login',
      query: { reason: 'session_expired' },
    });
  });

  it('lets anyone open a public page but sends a signed-in user away from the login page', () => {
    const login = target('/login', { public: true }, 'login');
    expect(decideAccess(login, state(null))).toBe(true);
    expect(decideAccess(login, state(['finance']))).toEqual({ path: '/' });
  });

  it('refuses a page whose permission the user lacks, with the 403 page', () => {
    expect(decideAccess(users, state(['department']))).toEqual({ name: 'forbidden' });
    expect(decideAccess(users, state(['auditor']))).toEqual({ name: 'forbidden' });
    expect(decideAccess(users, state(['finance']))).toBe(true);
  });

  it('checks the permission of every matched record (a nested page inherits its parent rule)', () => {
    const nested: AccessTarget = {
      path: '/audit-logs/x',
      fullPath: '/audit-logs/x',
      meta: {},
      matched: [{ meta: { permission: Permission.AuditLogRead } }, { meta: {} }],
    };
    expect(decideAccess(nested, state(['department']))).toEqual({ name: 'forbidden' });
    expect(decideAccess(nested, state(['auditor']))).toBe(true);
  });

  it('keeps a user who must change the password on the change-password page', () => {
    const forced = state(['finance'], { mustChangePassword: true });
    expect(decideAccess(target('/'), forced)).toEqual({ name: 'change-password' });
    expect(decideAccess(target('/change-password', { allowWhilePasswordChange: true }), forced)).toBe(true);
  });

  it('accepts any one of a list of permissions', () => {
    const either = target('/x', { permission: [Permission.UserManage, Permission.AuditLogRead] });
    expect(decideAccess(either, state(['auditor']))).toBe(true);
    expect(decideAccess(either, state(['expert']))).toEqual({ name: 'forbidden' });
  });
});

describe('page audiences', () => {
  const mine = target('/key-project-lists/mine', {
    permission: Permission.KeyProjectListWrite,
    audience: { organizationKinds: ['department', 'town'] },
  });

  it('refuses a page the permission allows but that is not for this organization kind', () => {
    const who = (organizationKind: string) => ({ roles: ['finance'], dataScope: 'all', organizationKind });
    expect(decideAccess(mine, state(['finance'], { who: who('finance_bureau') }))).toEqual({ name: 'forbidden' });
    expect(decideAccess(mine, state(['department'], { who: who('department') }))).toBe(true);
  });

  it('checks roles and data scope too', () => {
    const tasks = target('/target-reviews/mine', { permission: Permission.TargetReviewWrite, audience: { roles: ['expert'] } });
    expect(decideAccess(tasks, state(['finance'], { who: { roles: ['finance'], dataScope: 'all', organizationKind: 'finance_bureau' } }))).toEqual({
      name: 'forbidden',
    });
    expect(decideAccess(tasks, state(['expert'], { who: { roles: ['expert'], dataScope: 'assigned', organizationKind: 'agency' } }))).toBe(true);
    const lists = target('/key-project-lists', { permission: Permission.KeyProjectListRead, audience: { scopes: ['all', 'subtree'] } });
    expect(decideAccess(lists, state(['unit'], { who: { roles: ['unit'], dataScope: 'own', organizationKind: 'unit' } }))).toEqual({
      name: 'forbidden',
    });
  });
});

describe('pageTitle', () => {
  it('reads "<page> · 绩效管理" in the current language', () => {
    setLocale('zh-CN');
    expect(pageTitle({ meta: { title: 'projects.detailTitle' }, params: {} })).toBe('项目详情 · 绩效管理');
    setLocale('en-US');
    expect(pageTitle({ meta: { title: 'projects.detailTitle' }, params: {} })).toMatch(/^Project.* · Performance Management$/);
    setLocale('zh-CN');
  });
});

describe('safeRedirect', () => {
  it('follows only same-site paths', () => {
    expect(safeRedirect('/system/users?page=2')).toBe('/system/users?page=2');
    expect(safeRedirect('//evil.example/x')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('/login')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
  });
});

describe('router guard with the real routes', () => {
  let router: Router;

  beforeEach(async () => {
    setActivePinia(createPinia());
    router = createRouter({ history: createMemoryHistory(), routes });
    setupRouterGuard(router);
  });

  function signIn(roles: Role[], mustChangePassword = false): void {
    const auth = useAuthStore();
    auth.accessToken = 'token';
    auth.me = meWith(roles, { mustChangePassword });
  }

  it('redirects to /login when signed out', async () => {
    await router.push('/system/users');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/system/users');
  });

  it('shows the 403 page to a department user opening user administration', async () => {
    signIn(['department']);
    await router.push('/system/users');
    expect(router.currentRoute.value.name).toBe('forbidden');
    expect(router.currentRoute.value.path).toBe('/403');
  });

  it('opens every system page for finance staff', async () => {
    signIn(['finance']);
    for (const path of ['/system/organizations', '/system/users', '/system/api-keys', '/system/policy-profiles', '/audit-logs']) {
      await router.push(path);
      expect(router.currentRoute.value.path).toBe(path);
    }
  });

  it('lets auditors read the audit log but not manage users', async () => {
    signIn(['auditor']);
    await router.push('/audit-logs');
    expect(router.currentRoute.value.name).toBe('audit-logs');
    await router.push('/system/users');
    expect(router.currentRoute.value.name).toBe('forbidden');
  });

  it('sends finance staff away from the department-only key-project list page', async () => {
    signIn(['finance']);
    await router.push('/key-project-lists/mine');
    expect(router.currentRoute.value.name).toBe('forbidden');
    await router.push('/key-project-lists');
    expect(router.currentRoute.value.name).toBe('key-project-lists');
  });

  it('shows the 404 page for an unknown path', async () => {
    signIn(['unit']);
    await router.push('/no/such/page');
    expect(router.currentRoute.value.name).toBe('not-found');
  });

  it('forces the password change first', async () => {
    signIn(['finance'], true);
    await router.push('/system/users');
    expect(router.currentRoute.value.name).toBe('change-password');
  });

  it('gives every page route an i18n title', () => {
    const titled = router.getRoutes().filter((r) => r.name && r.components);
    expect(titled.length).toBeGreaterThan(5);
    // Platform pages use route.*; area modules (router/modules) use their own namespace. Either way
    // the key must exist in both languages.
    for (const record of titled) {
      const key = String(record.meta.title);
      expect(i18n.global.te(key, 'zh-CN'), `${String(record.name)}: ${key} (zh-CN)`).toBe(true);
      expect(i18n.global.te(key, 'en-US'), `${String(record.name)}: ${key} (en-US)`).toBe(true);
    }
  });
});
