import type { Component } from 'vue';
import type { RouteMeta } from 'vue-router';
import { Collection, Document, HomeFilled, Key, OfficeBuilding, Setting, User } from '@element-plus/icons-vue';
import type { Permission } from '@jixiao/contracts';

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
 * The menu a user sees: leaves whose route permission the user holds, groups with at least
 * one visible leaf. `metaOf` looks a route's meta up by name.
 */
export function visibleMenu(
  entries: MenuEntry[],
  metaOf: (name: string) => RouteMeta | undefined,
  can: (required: Permission | Permission[] | undefined) => boolean,
): VisibleMenuItem[] {
  const out: VisibleMenuItem[] = [];
  for (const entry of entries) {
    if (entry.children) {
      const children = visibleMenu(entry.children, metaOf, can);
      if (children.length) out.push({ key: entry.key ?? entry.title ?? '', title: entry.title ?? '', icon: entry.icon, children });
      continue;
    }
    if (!entry.route) continue;
    const meta = metaOf(entry.route);
    if (!meta || !can(meta.permission)) continue;
    out.push({ key: entry.route, title: meta.title ?? entry.route, icon: entry.icon, route: entry.route });
  }
  return out;
}
