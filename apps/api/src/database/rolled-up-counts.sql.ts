/**
 * Issue 10 (city scale): the whole-city dashboards summed a counts table's rows of every organization
 * (about 15,000 a year for a city) through the organizations table at every request — 16–27 ms of
 * SQL each. Each per-organization counts table is now also kept rolled up to each organization's
 * department or town (organizations.list_organization_id, itself where it has none): a few hundred
 * rows a year, the same key and count columns, in `<counts>_rollup`. It is kept by statement
 * triggers on the counts table (a counts row's share moves to its organization's department or
 * town) and on organizations (when an organization's department or town changes, its counts move
 * with it) — in the writing transaction, so never stale.
 *
 * A caller who sees the whole city reads the roll-up; a caller with a scope reads the
 * per-organization counts of its scope (a roll-up row may hold organizations it does not see).
 * Migration RolledUpCounts embeds the text these builders give; the stored-state tests compare the
 * roll-ups with the counts grouped by hand after random changes of projects, trackings and the
 * organization tree.
 */
import {
  functionStatements,
  rebuildCountsSql,
  statementCountsSql,
  statementCountsTriggerStatements,
  type CountedRows,
  type StoredFunction,
} from './stored-counts.sql';

/** A per-organization counts table (keyed by year, organization_id and `keys`) and its `counts` columns. */
export interface RolledUpCounts {
  source: string;
  keys: readonly string[];
  counts: readonly string[];
}

/** The counts tables kept rolled up (a module whose dashboard sums a new counts table adds it here). */
export const ROLLED_UP_COUNTS: readonly RolledUpCounts[] = [
  { source: 'target_coverage_counts', keys: ['kind'], counts: ['total', 'approved', 'ready'] },
  { source: 'monitoring_totals', keys: [], counts: ['projects', 'tracked', 'budget', 'executed', 'base'] },
  { source: 'monitoring_warning_counts', keys: ['code', 'open_due'], counts: ['warnings', 'late'] },
  { source: 'monitoring_fund_totals', keys: ['source'], counts: ['executed', 'projects'] },
  { source: 'monitoring_due_counts', keys: ['due', 'approved', 'tracked'], counts: ['projects'] },
  { source: 'evaluation_coverage_counts', keys: ['status'], counts: ['projects'] },
  { source: 'key_coverage_counts', keys: ['last_year', 'first_listed'], counts: ['projects'] },
];

/** The roll-up table of a counts table. */
export const rollupTable = (source: string): string => `${source}_rollup`;

/** The organization an organization `o`'s counts roll up to: its department or town, else itself. */
export const rollupKeySql = (o: string): string => `coalesce(${o}.list_organization_id, ${o}.id)`;

/**
 * The same for a caller with a scope (`param`: the SQL parameter holding the organizations it sees, a
 * uuid[]): its department or town where the caller sees that, else itself — so a department's own
 * rows add up to what the roll-up gives the whole city for it.
 */
export const scopedRollupKeySql = (o: string, param: string): string =>
  `CASE WHEN ${o}.list_organization_id = ANY(${param}) THEN ${o}.list_organization_id ELSE ${o}.id END`;

const columns = (names: readonly string[], row: string) => Object.fromEntries(names.map((n) => [n, `${row}.${n}`]));

/** A counts row `r`'s share of the roll-up: its counts under its organization's department or town. */
function fromCounts(u: RolledUpCounts): CountedRows {
  return {
    table: rollupTable(u.source),
    keys: (r) => ({
      year: `${r}.year`,
      organization_id: `coalesce((SELECT ${rollupKeySql('ro')} FROM organizations ro WHERE ro.id = ${r}.organization_id), ${r}.organization_id)`,
      ...columns(u.keys, r),
    }),
    counts: (r) => columns(u.counts, r),
  };
}

/** An organizations row `r`'s share of the roll-up: every counts row of that organization, under `r`'s department or town. */
function fromOrganizations(u: RolledUpCounts): CountedRows {
  return {
    table: rollupTable(u.source),
    keys: (r) => ({ year: 'src.year', organization_id: rollupKeySql(r), ...columns(u.keys, 'src') }),
    counts: () => columns(u.counts, 'src'),
    from: (r) => `(SELECT s.* FROM ${u.source} s WHERE s.organization_id = ${r}.id) src`,
  };
}

/** The functions, in creation order: per counts table its trigger and its rebuild, then the one on organizations. */
export const ROLLED_UP_FUNCTIONS: readonly StoredFunction[] = [
  ...ROLLED_UP_COUNTS.flatMap((u): StoredFunction[] => [
    { name: `${rollupTable(u.source)}_on_counts`, args: '', returns: 'trigger', body: statementCountsSql([fromCounts(u)]) },
    {
      name: `${rollupTable(u.source)}_rebuild_year`,
      args: 'y integer',
      returns: 'void',
      body: `
BEGIN
  ${rebuildCountsSql([fromCounts(u)], u.source, 'y')}
END`,
    },
  ]),
  // An update of organizations moves each updated organization's counts from its old department or
  // town to its new one (shares that cancel out — the department unchanged — are not written).
  { name: 'rollups_on_organizations', args: '', returns: 'trigger', body: statementCountsSql(ROLLED_UP_COUNTS.map(fromOrganizations)) },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function rolledUpFunctionStatements(): string[] {
  return functionStatements(ROLLED_UP_FUNCTIONS, 'rollup');
}

/**
 * CREATE TRIGGER statements (what the migration holds, literally): three on each counts table
 * (`rollup_<counts>_insert` / `_delete` / `_update`), one on organizations (`rollups_organizations_update`).
 */
export function rolledUpTriggerStatements(): string[] {
  return [
    ...ROLLED_UP_COUNTS.flatMap((u) =>
      statementCountsTriggerStatements(`rollup_${u.source}`, u.source, `${rollupTable(u.source)}_on_counts`),
    ),
    ...statementCountsTriggerStatements('rollups_organizations', 'organizations', 'rollups_on_organizations').filter((s) =>
      s.includes('AFTER UPDATE'),
    ),
  ];
}

/** The statements that rebuild every roll-up of the year `year` from its counts (after a load with the triggers off). */
export const rebuildRollupsSql = (year: number): string[] =>
  ROLLED_UP_COUNTS.map((u) => `SELECT ${rollupTable(u.source)}_rebuild_year(${Number(year)})`);

/**
 * The counts table a read of the caller's scope sums: the roll-up for a caller who sees the whole
 * city (`ids` null: a few hundred rows a year), else the per-organization counts. The roll-up's
 * organization_id is a department or town (or an organization outside any); the counts' is the
 * organization itself — group those by `scopedRollupKeySql` to read both alike.
 */
export function countsTableInScope(source: string, ids: readonly string[] | null): string {
  if (!ROLLED_UP_COUNTS.some((u) => u.source === source)) throw new Error(`${source} is not kept rolled up (ROLLED_UP_COUNTS)`);
  return ids === null ? rollupTable(source) : source;
}

/**
 * `countsTableInScope` with the condition that keeps the organizations the caller sees, as
 * `FROM ${table} c WHERE … ${scope}` (`param`: the SQL parameter holding `ids`, a uuid[]).
 */
export function countsInScope(source: string, ids: readonly string[] | null, param: string): { table: string; scope: string } {
  const table = countsTableInScope(source, ids);
  return { table, scope: ids === null ? '' : `AND c.organization_id = ANY(${param})` };
}
