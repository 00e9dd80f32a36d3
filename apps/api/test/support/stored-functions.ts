import type { StoredFunction } from '../../src/database/stored-counts.sql';
import type { TestApp } from './test-app';

/**
 * The functions (and triggers) a stored-state migration created are exactly what the code generates
 * now: a change of a rule or a trigger without a migration that replaces them fails here.
 */
export async function expectStoredFunctionsCurrent(
  t: TestApp,
  functions: readonly StoredFunction[],
  triggers?: { like: string; statements: string[] },
): Promise<void> {
  const rows = await t.sql<{ proname: string; prosrc: string }>(`SELECT proname, prosrc FROM pg_proc WHERE proname = ANY($1::text[])`, [
    functions.map((f) => f.name),
  ]);
  expect(Object.fromEntries(rows.map((r) => [r.proname, r.prosrc]))).toEqual(Object.fromEntries(functions.map((f) => [f.name, f.body])));
  if (!triggers) return;
  const names = await t.sql<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgname LIKE $1 ORDER BY tgname`, [triggers.like]);
  expect(names.map((r) => r.tgname)).toEqual(triggers.statements.map((s) => /CREATE TRIGGER (\w+)/.exec(s)![1]).sort());
}

/**
 * The counts kept from projects by statement triggers (target, self-evaluation and key coverage) equal
 * the projects' rows of `years` grouped here, independently of the rebuild functions (rows that add up
 * to nothing are the same as none).
 */
export async function expectProjectCountsMatchRows(t: TestApp, years: number[], context: string): Promise<void> {
  const pairs: [string, string, string][] = [
    [
      'target coverage',
      `SELECT year, organization_id, kind, total, approved FROM target_coverage_counts WHERE year = ANY($1) AND (total, approved) <> (0, 0)`,
      `SELECT year, organization_id, kind, count(*), count(*) FILTER (WHERE target_status = 'approved') FROM projects WHERE year = ANY($1) GROUP BY 1, 2, 3`,
    ],
    [
      'self-evaluation coverage',
      `SELECT year, organization_id, status, projects FROM evaluation_coverage_counts WHERE year = ANY($1) AND projects <> 0`,
      `SELECT year, organization_id, coalesce(self_evaluation_status, ''), count(*) FROM projects WHERE year = ANY($1) GROUP BY 1, 2, 3`,
    ],
    [
      'key coverage',
      `SELECT year, organization_id, last_year, first_listed, projects FROM key_coverage_counts WHERE year = ANY($1) AND projects <> 0`,
      `SELECT year, organization_id, coalesce(key_last_year, 0), least(coalesce(start_year, year), year), count(*) FROM projects
        WHERE year = ANY($1) AND is_key GROUP BY 1, 2, 3, 4`,
    ],
  ];
  for (const [name, kept, rows] of pairs) {
    const differ = await t.sql(`(${kept} EXCEPT ALL ${rows}) UNION ALL (${rows} EXCEPT ALL ${kept})`, [years]);
    if (differ.length) throw new Error(`${context}: ${name} counts differ from the projects' rows: ${JSON.stringify(differ)}`);
  }
}
