import pg from 'pg';

/**
 * The SQL statements the API sends while `fn` runs: every query of this process's pg clients
 * (the app's pool, on PostgreSQL and on the embedded PGlite's socket alike), transaction control
 * (BEGIN, COMMIT, SAVEPOINT…) included. The suite must not run its own SQL meanwhile.
 */
export async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = pg.Client.prototype.query;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    seen.push(typeof first === 'string' ? first : String(first?.text ?? ''));
    return (original as unknown as (...a: unknown[]) => unknown).apply(this, args);
  };
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}
