/**
 * The building blocks of the state the database keeps by triggers (migrations GateStored,
 * MonitoringStored, EvaluationCoverageStored): plpgsql functions described once and written as the
 * CREATE statements their migration embeds, and the trigger bodies they share.
 */

export interface StoredFunction {
  name: string;
  /** Argument list as in CREATE FUNCTION. */
  args: string;
  returns: 'void' | 'trigger' | 'date';
  /** The plpgsql body (pg_proc.prosrc). */
  body: string;
}

/** CREATE FUNCTION statements for `functions` (what the migration holds, literally), bodies quoted with `$tag$`. */
export function functionStatements(functions: readonly StoredFunction[], tag: string): string[] {
  return functions.map(
    (f) => `CREATE OR REPLACE FUNCTION ${f.name}(${f.args}) RETURNS ${f.returns} LANGUAGE plpgsql AS $${tag}$${f.body}$${tag}$`,
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
