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
