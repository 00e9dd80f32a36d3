import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Label, Permission } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import type { DataScope } from '../../common/scope/data-scope.service';
import { countsInScope } from '../../database/rolled-up-counts.sql';

/** Where an item opens: an SPA route name and the list filters, as query parameters. */
export interface WorkbenchLink {
  route: string;
  query: Record<string, string>;
}

/** What an item is computed for: the caller, the district's working year, today in Asia/Shanghai. */
export interface WorkbenchContext {
  caller: Principal;
  manager: EntityManager;
  /** The working year (settings): every item counts that year's rows. */
  year: number;
  /** 'YYYY-MM-DD', Asia/Shanghai. */
  today: string;
  /** The caller's own organization (null for a district-wide API key). */
  organization: { id: string; kind: string; parentId: string | null } | null;
}

/**
 * One entry of the workbench. `todo` items are what waits for the caller (a count of rows);
 * `coverage` items are a share of the caller's scope (`count` of `total`). The item is shown only
 * when the caller holds `permission` — the permission of the list `link` opens — and `applies`
 * (when given) says it concerns this caller at all; counts are then computed in SQL under the
 * caller's data scope (DataScope.applyTo), so they are the rows the linked list shows.
 */
export interface WorkbenchItem {
  /** Stable key, `<module>.<item>` (e.g. `targets.to_review`); the SPA registers its label and icon by it. */
  key: string;
  section: 'todo' | 'coverage';
  /** For API clients; the SPA's own table (views/dashboard/items.ts) names it in the UI language. */
  label: Label;
  permission: Permission;
  /** Position within its section: lower first. */
  order: number;
  /**
   * A deadline code of the year's calendar (policy profile) this open work counts against: once the
   * date has passed, a count above zero makes the deadline overdue for the caller.
   */
  deadline?: string;
  applies?: (ctx: WorkbenchContext) => boolean;
  count: (ctx: WorkbenchContext) => Promise<{ count: number; total?: number }>;
  link: (ctx: WorkbenchContext) => WorkbenchLink;
}

/** A module's contribution to the workbench. */
export interface WorkbenchProvider {
  items(): WorkbenchItem[];
}

export const WORKBENCH_PROVIDER_KEY = 'jixiao:workbench-provider';

/**
 * Marks a provider as a workbench contribution. Add the class to the module's providers: the
 * workbench finds it (like @AsDemoSeeder) — nothing in the workbench module changes.
 */
export const AsWorkbenchProvider = () => SetMetadata(WORKBENCH_PROVIDER_KEY, true);

/** Organizations that keep their own cycle records (and so have returned items to fix, lists to file). */
export const OWNER_KINDS = ['department', 'unit', 'town'];

export const ownsRecords = (ctx: WorkbenchContext): boolean => !!ctx.organization && OWNER_KINDS.includes(ctx.organization.kind);

/** Rows to count, as a number (PostgreSQL's count is a bigint string). */
export async function countOf(qb: { getCount(): Promise<number> }): Promise<number> {
  return Number(await qb.getCount());
}

type ProjectCounts = { total: number; approved: number; ready: number };
/** Read once per workbench (its context): the target and the gate coverage items both sum them. */
const projectCounts = new WeakMap<WorkbenchContext, Promise<ProjectCounts>>();

/**
 * R5–R7: the projects of the working year in the caller's scope, those with an approved target and those the budget
 * gate lets through, from the counts the triggers keep in the writing transaction (target_coverage_counts, migrations
 * GateStored and GateReadyCounted; for the whole city the roll-up, a few hundred rows: `countsInScope`) instead of its
 * projects, targets and gates counted.
 */
export function projectCountsOf(ctx: WorkbenchContext, scope: DataScope): Promise<ProjectCounts> {
  let read = projectCounts.get(ctx);
  if (!read) {
    read = (async () => {
      const visible = await scope.visibleOrganizationIds(ctx.caller, ctx.manager);
      const counts = countsInScope('target_coverage_counts', visible, '$2::uuid[]');
      const [row] = await ctx.manager.query<ProjectCounts[]>(
        `SELECT coalesce(sum(c.total), 0)::int AS total, coalesce(sum(c.approved), 0)::int AS approved,
                coalesce(sum(c.ready), 0)::int AS ready
           FROM ${counts.table} c WHERE c.year = $1 ${counts.scope}`,
        visible === null ? [ctx.year] : [ctx.year, visible],
      );
      return row;
    })();
    projectCounts.set(ctx, read);
  }
  return read;
}
