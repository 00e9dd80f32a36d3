/**
 * The building blocks of the state the database keeps by triggers (migrations GateStored,
 * MonitoringStored, EvaluationCoverageStored): plpgsql functions described once and written as the
 * CREATE statements their migration embeds, and the trigger bodies they share.
 */

export interface StoredFunction {
  name: string;
  /** Argument list as in CREATE FUNCTION. */
  args: string;
  returns: 'void' | 'trigger' | 'date' | 'text';
  /** The plpgsql body (pg_proc.prosrc). */
  body: string;
  /** STABLE for a function that only reads: it runs in its caller's snapshot (VOLATILE, the default, takes its own). */
  stable?: boolean;
  /**
   * Its statements keep one generic plan, also when called from a connection that plans every
   * statement with its values (`SET plan_cache_mode = force_generic_plan`): for a lookup whose plan
   * is the same whatever the value (one row by a unique key) — planned again at each call, it locks
   * every index of its table.
   */
  generic?: boolean;
}

/** The function's settings as the catalog lists them (pg_proc.proconfig, joined by commas). */
export function storedFunctionConfig(f: StoredFunction): string {
  return f.generic ? `plan_cache_mode=${GENERIC_PLANS}` : '';
}

const GENERIC_PLANS = 'force_generic_plan';

/** CREATE FUNCTION statements for `functions` (what the migration holds, literally), bodies quoted with `$tag$`. */
export function functionStatements(functions: readonly StoredFunction[], tag: string): string[] {
  return functions.map(
    (f) =>
      `CREATE OR REPLACE FUNCTION ${f.name}(${f.args}) RETURNS ${f.returns} LANGUAGE plpgsql${f.stable ? ' STABLE' : ''}${f.generic ? ` SET plan_cache_mode = ${GENERIC_PLANS}` : ''} AS $${tag}$${f.body}$${tag}$`,
  );
}

/** A trigger's WHEN condition: any of `columns` differs between OLD and NEW (NULLs compared as values). */
export function rowChangedSql(columns: readonly string[]): string {
  return `(${columns.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `NEW.${c}`).join(', ')})`;
}

/** A row trigger's body that takes OLD's share (`share(OLD, -1)`) and adds NEW's (`share(NEW, 1)`). */
export function sharesOnWriteSql(share: (row: 'OLD' | 'NEW', sign: 1 | -1) => string): string {
  return `
BEGIN
  IF TG_OP <> 'INSERT' THEN
    ${share('OLD', -1)}
  END IF;
  IF TG_OP <> 'DELETE' THEN
    ${share('NEW', 1)}
  END IF;
  RETURN NULL;
END`;
}

/**
 * A row trigger's body that recomputes what the written row's projects store: `refresh` (a plpgsql
 * function taking uuid[]) of the ids `ids` gives for OLD and NEW.
 */
export function refreshOnWriteSql(refresh: string, ids: (row: 'OLD' | 'NEW') => string): string {
  return `
DECLARE ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || ${ids('OLD')}; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || ${ids('NEW')}; END IF;
  PERFORM ${refresh}(ids);
  RETURN NULL;
END`;
}

/**
 * Stored counts kept by row triggers: one row's share added to (sign 1) or taken from (sign -1) a
 * counts table, by its primary key `keys` — the building block of the stored aggregates (migrations
 * MonitoringStored, EvaluationCoverageStored), written as text for their plpgsql functions. With
 * `from`, one share per row of that FROM clause (e.g. each fund source of a JSON object).
 */
export function countDeltaSql(table: string, keys: Record<string, string>, counts: Record<string, string>, from?: string): string {
  const keyColumns = Object.keys(keys);
  const countColumns = Object.keys(counts);
  const values = [...Object.values(keys), ...Object.values(counts)].join(', ');
  return `INSERT INTO ${table} AS c (${[...keyColumns, ...countColumns].join(', ')})
        ${from ? `SELECT ${values} FROM ${from}` : `VALUES (${values})`}
        ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${countColumns.map((k) => `${k} = c.${k} + EXCLUDED.${k}`).join(', ')};`;
}

/**
 * One table's rows counted in a counts table: its key columns and counted values as expressions of
 * one row `r` (its share, added for a new row and taken back for an old one), the rows that count
 * (`where`), and with `from` one share per row of that FROM clause (e.g. each fund source of a JSON
 * object).
 */
export interface CountedRows {
  table: string;
  keys: (r: string) => Record<string, string>;
  counts: (r: string) => Record<string, string>;
  where?: (r: string) => string;
  from?: (r: string) => string;
}

/** The transition tables of the statement triggers `statementCountsTriggerStatements` creates. */
const TRANSITION = { old: 'old_rows', new: 'new_rows' } as const;

/**
 * The shares of the rows a statement wrote (`rows`: a FROM item of rows `r` with a `share_sign` of 1 or -1)
 * added up per key and upserted at once: one write per counts row and statement, however many rows
 * the statement wrote (one write per row and counts row made a 50,000-row import quadratic). Keys
 * whose shares cancel out (an update that moved nothing) are not written.
 */
function countRowsUpsertSql(c: CountedRows, rows: string): string {
  const keys = c.keys('r');
  const counts = c.counts('r');
  const keyColumns = Object.keys(keys);
  const sums = Object.entries(counts).map(([column, share]) => [column, `sum(r.share_sign * (${share}))`] as const);
  const where = c.where ? `\n     WHERE ${c.where('r')}` : '';
  return `INSERT INTO ${c.table} AS c (${[...keyColumns, ...sums.map(([column]) => column)].join(', ')})
    SELECT ${[...Object.values(keys), ...sums.map(([, sum]) => sum)].join(', ')}
      FROM ${rows}${c.from ? ` CROSS JOIN LATERAL ${c.from('r')}` : ''}${where}
     GROUP BY ${keyColumns.map((_, i) => i + 1).join(', ')}
    HAVING ${sums.map(([, sum]) => `${sum} <> 0`).join(' OR ')}
    ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${sums.map(([column]) => `${column} = c.${column} + EXCLUDED.${column}`).join(', ')};`;
}

/**
 * The counts of `counted` for the year `year` (a plpgsql expression) rebuilt from the rows of
 * `source` (as after a bulk load with the triggers off): the year's counts rows deleted, then every
 * row's share summed per key — the very shares the statement triggers add and take back, so a
 * count is described once.
 */
export function rebuildCountsSql(counted: readonly CountedRows[], source: string, year: string): string {
  return counted
    .map(
      (c) => `DELETE FROM ${c.table} WHERE year = ${year};
  ${countRowsUpsertSql(c, `(SELECT 1 AS share_sign, q.* FROM ${source} q WHERE q.year = ${year}) r`)}`,
    )
    .join('\n  ');
}

/**
 * A statement trigger's body (for the triggers `statementCountsTriggerStatements` creates) that moves
 * the counts of `counted` by the rows the statement inserted, deleted or updated (old rows taken
 * back, new rows added), a set-based write per counts table.
 */
export function statementCountsSql(counted: readonly CountedRows[]): string {
  const upserts = (rows: string) => counted.map((c) => countRowsUpsertSql(c, rows)).join('\n    ');
  const oldRows = `SELECT -1 AS share_sign, o.* FROM ${TRANSITION.old} o`;
  const newRows = `SELECT 1 AS share_sign, n.* FROM ${TRANSITION.new} n`;
  return `
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${upserts(`(${newRows}) r`)}
  ELSIF TG_OP = 'DELETE' THEN
    ${upserts(`(${oldRows}) r`)}
  ELSE
    ${upserts(`(${oldRows} UNION ALL ${newRows}) r`)}
  END IF;
  RETURN NULL;
END`;
}

/**
 * The three statement triggers (insert, delete, update) on `table` that run `fn` (a body from
 * `statementCountsSql`) with the statement's transition tables, named `${name}_insert` / `_delete` / `_update`.
 */
export function statementCountsTriggerStatements(name: string, table: string, fn: string): string[] {
  return [
    `CREATE TRIGGER ${name}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS ${TRANSITION.new} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${name}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS ${TRANSITION.old} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${name}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS ${TRANSITION.old} NEW TABLE AS ${TRANSITION.new} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ];
}
