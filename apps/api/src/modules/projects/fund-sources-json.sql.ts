/**
 * The fund sources of a project or of a tracking as its list item (and the import's comparison)
 * reads them, written by PostgreSQL: a JSON array of `{ source, amount }` ordered by the source's
 * code units (`COLLATE "C"`, as the DTO mapping sorts them), amounts as exact decimal text, `[]`
 * when there are none. One definition for every statement that reads them as JSON.
 */
const FUND_SOURCE_TABLES = {
  project: { table: 'project_fund_sources', foreignKey: 'project_id' },
  tracking: { table: 'tracking_fund_sources', foreignKey: 'tracking_id' },
} as const;

export function fundSourcesJsonSql(owner: keyof typeof FUND_SOURCE_TABLES, ownerId: string): string {
  const { table, foreignKey } = FUND_SOURCE_TABLES[owner];
  return `(SELECT coalesce(${fundSourcesAggSql('f')}, '[]'::json)
             FROM ${table} f WHERE f.${foreignKey} = ${ownerId})`;
}

/** The aggregate of `fundSourcesJsonSql` over fund source rows `f` (NULL for none): for a statement that groups them itself. */
export function fundSourcesAggSql(f: string): string {
  return `json_agg(json_build_object('source', ${f}.source, 'amount', ${f}.amount::text) ORDER BY ${f}.source COLLATE "C")`;
}
