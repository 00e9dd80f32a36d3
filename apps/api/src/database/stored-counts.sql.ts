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
