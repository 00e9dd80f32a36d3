import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import { Permission } from '@jixiao/contracts';
import type { Audience } from './access';
import { loadAreaModules } from './modules/types';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (and of its menu entry). */
    title?: string;
    /** Open without signing in (the login page). */
    public?: boolean;
    /** Permission(s) the page needs, from the contracts constants; any one of a list suffices. */
    permission?: Permission | Permission[];
    /** Reachable while the user still has to change the initial password. */
    allowWhilePasswordChange?: boolean;
    /** Reachable while the role requires two-factor authentication and the user has not enrolled. */
    allowWhileMfaEnrolment?: boolean;
    /** Route name whose menu entry is highlighted for this (hidden) page. */
    activeMenu?: string;
    icon?: Component;
    /** Who the page is for beyond its permission (roles, data scope, organization kind); menu and guard both apply it. */
    audience?: Audience;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/_core/authentication/login.vue'),
    meta: { title: 'route.login', public: true },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('@/views/_core/authentication/change-password.vue'),
    meta: { title: 'route.changePassword', allowWhilePasswordChange: true, allowWhileMfaEnrolment: true },
  },
  // Area pages outside the main layout (printable forms).
  ...loadAreaModules().flatMap((area) => area.standalone ?? []),
  {
    path: '/',
    component: () => import('@/layouts/basic-layout.vue'),
    children: [
      {
        path: '',
        name: 'dashboard',
        component: () => import('@/views/dashboard/index.vue'),
        meta: { title: 'route.dashboard' },
      },
      {
        path: 'account/security',
        name: 'account-security',
        component: () => import('@/views/_core/account/security.vue'),
        meta: { title: 'route.accountSecurity', allowWhileMfaEnrolment: true },
      },
      ...loadAreaModules().flatMap((area) => area.routes),
      {
        path: 'system/organizations',
        name: 'organizations',
        component: () => import('@/views/system/organizations/list.vue'),
        meta: { title: 'route.organizations', permission: Permission.OrganizationManage },
      },
      {
        path: 'system/users',
        name: 'users',
        component: () => import('@/views/system/users/list.vue'),
        meta: { title: 'route.users', permission: Permission.UserManage },
      },
      {
        path: 'system/api-keys',
        name: 'api-keys',
        component: () => import('@/views/system/api-keys/list.vue'),
        meta: { title: 'route.apiKeys', permission: Permission.ApiKeyManage },
      },
      {
        path: 'system/policy-profiles',
        name: 'policy-profiles',
        component: () => import('@/views/system/policy-profiles/list.vue'),
        meta: { title: 'route.policyProfiles', permission: Permission.PolicyProfileRead },
      },
      {
        path: 'system/policy-profiles/:year(\\d{4})',
        name: 'policy-profile-edit',
        component: () => import('@/views/system/policy-profiles/edit.vue'),
        props: (route) => ({ year: Number(route.params.year) }),
        meta: {
          title: 'route.policyProfileEdit',
          permission: Permission.PolicyProfileRead,
          activeMenu: 'policy-profiles',
        },
      },
      {
        path: 'audit-logs',
        name: 'audit-logs',
        component: () => import('@/views/audit-logs/list.vue'),
        meta: { title: 'route.auditLogs', permission: Permission.AuditLogRead },
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('@/views/_core/fallback/forbidden.vue'),
        meta: { title: 'route.forbidden', allowWhileMfaEnrolment: true },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/_core/fallback/not-found.vue'),
        meta: { title: 'route.notFound' },
      },
    ],
  },
];
