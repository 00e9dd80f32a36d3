import { SetMetadata } from '@nestjs/common';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { COUNT_BOUND, type Label, type Permission } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import type { DataScope } from '../../common/scope/data-scope.service';
import { countsInScope } from '../../database/rolled-up-counts.sql';
import { countUpToSql } from '../../common/list/keyset';
import { queryPrepared } from '../../database/named-statement';

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
  /**
   * One value read with the workbench's other statements (`workbenchBatch`): `text` a SELECT of one row and one
   * column with parameters $1…, `values` theirs.
   */
  value: <T>(text: string, values: unknown[]) => Promise<T>;
}

/**
 * One entry of the workbench. `todo` items are what waits for the caller (a count of rows);
 * `coverage` items are a share of the caller's scope (`count` of `total`). The item is shown only
 * when the caller holds `permission` — the permission of the list `link` opens — and `applies`
 * (when given) says it concerns this caller at all; counts are then computed in SQL under the
 * caller's data scope (DataScope.applyTo), so they are the rows the linked list shows. A count of rows
 * is made with the `rows` the workbench hands the item (`workbenchBatch`): a to-do's up to the list
 * contract's bound ("10,000+"), a coverage figure's exactly (a share needs both sides exact).
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
  count: (ctx: WorkbenchContext, rows: RowCounter) => Promise<{ count: number; total?: number }>;
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

/** Counts a query's rows for an item (`workbenchBatch`: the service hands each item its section's). */
export type RowCounter = (qb: SelectQueryBuilder<ObjectLiteral>) => Promise<number>;

/**
 * The statements of one workbench, sent together (`workbenchBatch`): the items run at once, and the
 * values and counts they ask for in the same turn of the event loop go to PostgreSQL as ONE statement
 * (one scalar subquery each, prepared per set of items) instead of one after another — a city finance
 * clerk's workbench asked for fifteen.
 *
 * How rows are counted is decided here, not per item: a to-do up to the list contract's bound + 1
 * (`countUpToSql`, never more rows read; the workbench shows the bound as "10,000+", `boundedCount`) —
 * the bureau's 40,000 trackings waiting for review are not counted one by one on every landing page;
 * a coverage share exactly (a share needs both sides exact).
 */
export function workbenchBatch(manager: EntityManager): {
  value: WorkbenchContext['value'];
  rows: Record<WorkbenchItem['section'], RowCounter>;
} {
  const queued: { text: string; values: unknown[]; done: (value: unknown) => void; failed: (e: unknown) => void }[] = [];
  const flush = async () => {
    const batch = queued.splice(0);
    const values: unknown[] = [];
    // each statement's parameters renumbered after those of the statements before it (their texts hold `$n` only as
    // parameters: TypeORM's escaped queries and the items' own SQL, which writes no literal with a `$`)
    const columns = batch.map((q, i) => {
      const offset = values.length;
      values.push(...q.values);
      return `(${q.text.replace(/\$(\d+)\b/g, (_, n: string) => `$${Number(n) + offset}`)}) AS c${i}`;
    });
    try {
      const [row] = await queryPrepared<Record<string, unknown>>(manager.connection, `SELECT ${columns.join(', ')}`, values);
      batch.forEach((q, i) => q.done(row[`c${i}`]));
    } catch (error) {
      batch.forEach((q) => q.failed(error));
    }
  };
  const value = <T>(text: string, values: unknown[]): Promise<T> =>
    new Promise<T>((done, failed) => {
      if (queued.push({ text, values, done: done as (value: unknown) => void, failed }) === 1) setImmediate(() => void flush());
    });
  const counter =
    (count: (qb: SelectQueryBuilder<ObjectLiteral>) => string): RowCounter =>
    async (qb) => {
      const [text, values] = manager.connection.driver.escapeQueryWithParameters(count(qb), qb.getParameters());
      return Number(await value<number>(text, values));
    };
  const joined = (qb: SelectQueryBuilder<ObjectLiteral>) => qb.expressionMap.joinAttributes.length > 0;
  return {
    value,
    rows: {
      todo: counter((qb) => countUpToSql(qb, COUNT_BOUND, joined(qb))),
      coverage: counter((qb) => {
        const id = `${qb.alias}.id`;
        return qb
          .clone()
          .select(joined(qb) ? `count(DISTINCT ${id})::int` : 'count(*)::int', 'n')
          .orderBy()
          .getQuery();
      }),
    },
  };
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
      return ctx.value<ProjectCounts>(
        `SELECT json_build_object('total', coalesce(sum(c.total), 0)::int, 'approved', coalesce(sum(c.approved), 0)::int,
                                  'ready', coalesce(sum(c.ready), 0)::int)
           FROM ${counts.table} c WHERE c.year = $1 ${counts.scope}`,
        visible === null ? [ctx.year] : [ctx.year, visible],
      );
    })();
    projectCounts.set(ctx, read);
  }
  return read;
}
