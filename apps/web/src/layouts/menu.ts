import type { Component } from 'vue';
import type { RouteMeta } from 'vue-router';
import { Collection, Document, HomeFilled, Key, OfficeBuilding, Setting, User } from '@element-plus/icons-vue';

import type { MenuEntry } from './menu-entry';
import { loadAreaModules } from '@/router/modules/types';

export type { MenuEntry } from './menu-entry';

/** Dashboard first, then each area module's entries (router/modules), then the platform's own. */
export const MENU: MenuEntry[] = [
  { route: 'dashboard', icon: HomeFilled },
  ...loadAreaModules().flatMap((area) => area.menu),
  {
    key: 'system',
    title: 'menu.system',
    icon: Setting,
    children: [
      { route: 'organizations', icon: OfficeBuilding },
      { route: 'users', icon: User },
      { route: 'api-keys', icon: Key },
    ],
  },
  { route: 'policy-profiles', icon: Collection },
  { route: 'audit-logs', icon: Document },
];

export interface VisibleMenuItem {
  key: string;
  title: string;
  icon?: Component;
  /** Route name, for leaves. */
  route?: string;
  children?: VisibleMenuItem[];
}

/**
 * The menu a user sees: leaves whose page the user may open (`mayOpen` of router/access: the
 * permission and the page's audience — roles, data scope, organization kind), groups with at
 * least one visible leaf. `metaOf` looks a route's meta up by name.
 */
export function visibleMenu(
  entries: MenuEntry[],
  metaOf: (name: string) => RouteMeta | undefined,
  allowed: (meta: RouteMeta) => boolean,
): VisibleMenuItem[] {
  const out: VisibleMenuItem[] = [];
  for (const entry of entries) {
    if (entry.children) {
      const children = visibleMenu(entry.children, metaOf, allowed);
      if (children.length) out.push({ key: entry.key ?? entry.title ?? '', title: entry.title ?? '', icon: entry.icon, children });
      continue;
    }
    if (!entry.route) continue;
    const meta = metaOf(entry.route);
    if (!meta || !allowed(meta)) continue;
    out.push({ key: entry.route, title: meta.title ?? entry.route, icon: entry.icon, route: entry.route });
  }
  return out;
}

/** One step of the breadcrumb: an i18n key, and the route to open when it is a page of its own. */
export interface Crumb {
  title: string;
  route?: string;
}

function pathTo(entries: MenuEntry[], route: string, trail: MenuEntry[] = []): MenuEntry[] | null {
  for (const entry of entries) {
    if (entry.route === route) return [...trail, entry];
    if (entry.children) {
      const found = pathTo(entry.children, route, [...trail, entry]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The breadcrumb of a page from the menu and the route meta: the menu groups above the page's
 * entry, the entry (a link when the page is a detail page under it, `activeMenu`), then the page.
 * 项目库 / 项目详情; 绩效目标 / 目标列表. The home page is the one crumb 首页.
 */
export function breadcrumbOf(
  name: string | undefined,
  meta: RouteMeta,
  metaOf: (name: string) => RouteMeta | undefined,
  menu: MenuEntry[] = MENU,
): Crumb[] {
  const here: Crumb = { title: meta.title ?? name ?? '' };
  const anchor = meta.activeMenu ?? name;
  const trail = anchor ? pathTo(menu, anchor) : null;
  if (!trail) return [here];
  const crumbs: Crumb[] = [];
  for (const entry of trail) {
    if (entry.route) {
      const title = metaOf(entry.route)?.title ?? entry.route;
      crumbs.push(entry.route === name ? here : { title, route: entry.route });
    } else if (entry.title) {
      crumbs.push({ title: entry.title });
    }
  }
  if (meta.activeMenu && meta.activeMenu !== name) crumbs.push(here);
  return crumbs;
}
