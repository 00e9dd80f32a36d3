import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/layouts/menu-entry';

/** One area of the SPA: its routes under the main layout and its place in the sidebar. */
export interface AreaModule {
  /** Sidebar position: lower comes first (the platform's system entries use 900+). */
  order: number;
  routes: RouteRecordRaw[];
  menu: MenuEntry[];
  /** Pages outside the main layout (no sidebar), e.g. printable forms. */
  standalone?: RouteRecordRaw[];
}

/** Every area module in router/modules, sorted by order. */
export function loadAreaModules(): AreaModule[] {
  const found = import.meta.glob<{ default: AreaModule }>('./*.ts', { eager: true });
  return Object.entries(found)
    .filter(([path]) => !path.endsWith('/types.ts'))
    .map(([, mod]) => mod.default)
    .sort((a, b) => a.order - b.order);
}
