import { ROLLED_UP_COUNTS, rollupTable } from '../../src/database/rolled-up-counts.sql';
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

/**
 * Every roll-up (migration RolledUpCounts) equals its counts table grouped here by each organization's
 * department or town (itself where it has none), over every year — independently of the roll-ups'
 * triggers and rebuild functions (rows that add up to nothing are the same as none).
 */
export async function expectRollupsMatchCounts(t: TestApp, context: string): Promise<void> {
  for (const u of ROLLED_UP_COUNTS) {
    const keys = u.keys.map((k) => `c.${k}`);
    const sums = u.counts.map((k) => `sum(c.${k})`);
    const zeros = u.counts.map(() => '0').join(', ');
    const kept = `SELECT c.year, c.organization_id, ${[...keys, ...u.counts.map((k) => `c.${k}`)].join(', ')}
                    FROM ${rollupTable(u.source)} c WHERE (${u.counts.map((k) => `c.${k}`).join(', ')}) <> (${zeros})`;
    const grouped = `SELECT c.year, coalesce(o.list_organization_id, o.id), ${[...keys, ...sums].join(', ')}
                       FROM ${u.source} c JOIN organizations o ON o.id = c.organization_id
                      GROUP BY ${['c.year', 'coalesce(o.list_organization_id, o.id)', ...keys].join(', ')}
                     HAVING (${sums.join(', ')}) <> (${zeros})`;
    const differ = await t.sql(`(${kept} EXCEPT ALL ${grouped}) UNION ALL (${grouped} EXCEPT ALL ${kept})`);
    if (differ.length)
      throw new Error(`${context}: ${rollupTable(u.source)} differs from ${u.source} grouped: ${JSON.stringify(differ.slice(0, 5))}`);
  }
}
