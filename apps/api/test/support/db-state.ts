import type { TestApp } from './test-app';

/**
 * Snapshots of the database for "nothing changed" assertions. The audit log, its checkpoints and
 * refusal counters are left out (refusals are audited and counted on purpose), and so are the columns that note activity rather than data:
 * a session's last activity and an API key's last use.
 */
const VOLATILE_COLUMNS: Record<string, string[]> = {
  auth_sessions: ['last_seen_at'],
  api_keys: ['last_used_at'],
};
const EXCLUDED_TABLES = ['audit_logs', 'audit_checkpoints', 'audit_refusal_counters'];

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function dataTables(t: TestApp): Promise<string[]> {
  const rows = await t.sql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name).filter((name) => !EXCLUDED_TABLES.includes(name));
}

/** The one statement `checksum` runs, built once per app (the schema does not change under a suite). */
const CHECKSUM_SQL = new WeakMap<TestApp, string>();

async function checksumSql(t: TestApp): Promise<string> {
  const cached = CHECKSUM_SQL.get(t);
  if (cached) return cached;
  const tables = await dataTables(t);
  const columns = await t.sql<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const parts = tables.map((table) => {
    const kept = columns
      .filter((c) => c.table_name === table && !(VOLATILE_COLUMNS[table] ?? []).includes(c.column_name))
      .map((c) => ident(c.column_name));
    const name = `'${table.replace(/'/g, "''")}'`;
    // An order-free digest: the sum of a 64-bit hash of each row's text (no sort of the table).
    return `SELECT ${name} AS name, count(*)::text AS n, coalesce(sum(hashtextextended(x::text, 0)), 0)::text AS sum
              FROM (SELECT ${kept.join(', ')} FROM ${ident(table)}) x`;
  });
  const sql = parts.join('\nUNION ALL\n');
  CHECKSUM_SQL.set(t, sql);
  return sql;
}

/** A digest per table over every row (volatile columns left out), keyed by table name; one statement. */
export async function checksum(t: TestApp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const row of await t.sql<{ name: string; n: string; sum: string }>(await checksumSql(t))) out[row.name] = `${row.n}:${row.sum}`;
  return out;
}

/** Row count per data table. */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await dataTables(t)) {
    const [row] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${ident(table)}`);
    out[table] = Number(row.n);
  }
  return out;
}

export async function auditSuccessCount(t: TestApp): Promise<number> {
  const [row] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_logs WHERE result = 'success'`);
  return Number(row.n);
}

export async function maxAuditId(t: TestApp): Promise<number> {
  const [row] = await t.sql<{ id: string | null }>(`SELECT max(id) AS id FROM audit_logs`);
  return Number(row.id ?? 0);
}

/** The organization and every organization below it. */
export async function subtreeIds(t: TestApp, rootId: string): Promise<string[]> {
  const rows = await t.sql<{ id: string }>(
    `WITH RECURSIVE tree AS (
       SELECT id FROM organizations WHERE id = $1
       UNION ALL SELECT o.id FROM organizations o JOIN tree ON o.parent_id = tree.id
     ) SELECT id FROM tree`,
    [rootId],
  );
  return rows.map((r) => r.id);
}

export async function orgIdByName(t: TestApp, name: string): Promise<string> {
  const rows = await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE name = $1`, [name]);
  if (rows.length !== 1) throw new Error(`expected one organization named ${name}, found ${rows.length}`);
  return rows[0].id;
}

/**
 * Creates the policy profiles of `years` as copies of `from`'s through the API (as the bureau does;
 * each year's stored state reads its profile), failing the test if one is refused.
 */
export async function copyProfiles(t: TestApp, years: readonly number[], from = 2022): Promise<void> {
  const finance = await t.login('finance');
  for (const year of years) {
    const copy = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year, copyFromYear: from } });
    if (copy.status !== 201)
      throw new Error(`copying the ${from} profile to ${year} answered ${copy.status}: ${JSON.stringify(copy.body)}`);
  }
}

export async function userIdByName(t: TestApp, username: string): Promise<string> {
  const rows = await t.sql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username]);
  if (rows.length !== 1) throw new Error(`expected one user named ${username}, found ${rows.length}`);
  return rows[0].id;
}

/**
 * A second user like `from` (same organization and password, other roles if given), for tests of
 * segregation of duties: the one who asks and the one who approves must differ.
 */
export async function copyUser(
  t: TestApp,
  from: string,
  username: string,
  displayName: string,
  roles?: string[],
): Promise<{ id: string; token: string }> {
  await t.sql(
    `INSERT INTO users (username, display_name, password_hash, organization_id, roles, active, must_change_password)
     SELECT $2, $3, password_hash, organization_id, coalesce($4::text[], roles), true, false FROM users WHERE username = $1`,
    [from, username, displayName, roles ?? null],
  );
  return { id: await userIdByName(t, username), token: await t.login(username) };
}

/**
 * Bulk fixture projects (`<prefix><000001…>`, kind project, of `organizationId`): loaded in one
 * transaction with the row triggers off, then the year's stored gates, coverage counts, monitoring
 * facts and sums and evaluation coverage computed once, set-based, as `pnpm bench:data` does (row by row, tens of thousands of
 * projects take minutes on the embedded database). `name` and `amount` are SQL expressions over the series number `g`.
 */
export async function bulkInsertProjects(
  t: TestApp,
  p: { year: number; prefix: string; count: number; organizationId: string; name: string; amount: string },
): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(p.organizationId) || !/^[A-Za-z0-9_-]+$/.test(p.prefix)) {
    throw new Error(`bulkInsertProjects: unexpected organization ${p.organizationId} or prefix ${p.prefix}`);
  }
  await t.sql(
    `DO $load$ BEGIN
       SET LOCAL session_replication_role = replica;
       -- (the search keys the row trigger would store: written here, as pnpm bench:data writes them)
       INSERT INTO projects (year, code, name, search_keys, kind, organization_id, budget_amount)
       SELECT ${Number(p.year)}, code, name, jx_search_keys(name, code), 'project', '${p.organizationId}'::uuid, amount
         FROM (SELECT '${p.prefix}' || lpad(g::text, 6, '0') AS code, ${p.name} AS name, ${p.amount} AS amount
                 FROM generate_series(1, ${Number(p.count)}) g) rows;
       -- Statistics that know the new rows before anything plans over them (the embedded PGlite has no autovacuum: its
       -- last ANALYZE, of an earlier test's few rows, made the recomputes and lists of 10,050 rows take minutes)
       ANALYZE projects;
       -- Still with the row triggers off: each recomputes its year from the rows.
       PERFORM gate_recompute_year(${Number(p.year)});
       PERFORM project_organization_name_rebuild_year(${Number(p.year)});
       PERFORM project_fund_sources_rebuild_year(${Number(p.year)});
       PERFORM target_coverage_rebuild_year(${Number(p.year)});
       PERFORM monitoring_rebuild_year(${Number(p.year)});
       PERFORM evaluation_coverage_rebuild_year(${Number(p.year)});
       PERFORM finance_key_score_recompute(${Number(p.year)});
       PERFORM key_coverage_rebuild_year(${Number(p.year)});
     END $load$`,
  );
}
