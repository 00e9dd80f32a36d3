import pg from 'pg';

/** A query as a pg client sent it: its text and, for a named prepared statement, its name. */
export interface SentQuery {
  text: string;
  name?: string;
}

/**
 * The queries the API sends while `fn` runs: every query of this process's pg clients (the app's
 * pool, on PostgreSQL and on the embedded PGlite's socket alike), transaction control (BEGIN,
 * COMMIT, SAVEPOINT…) included. The suite must not run its own SQL meanwhile.
 */
export async function queriesDuring(fn: () => Promise<unknown>): Promise<SentQuery[]> {
  const seen: SentQuery[] = [];
  const original = pg.Client.prototype.query;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    seen.push(typeof first === 'string' ? { text: first } : { text: String(first?.text ?? ''), name: first?.name });
    return (original as unknown as (...a: unknown[]) => unknown).apply(this, args);
  };
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}

/** The SQL texts of `queriesDuring`. */
export async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  return (await queriesDuring(fn)).map((q) => q.text);
}

/**
 * The statement a sent text reads: queryPrepared sends a statement it has run before wrapped, its
 * rows as one JSON array each (named-statement.ts, `rowCodecFor`); the first run sends it as it is.
 */
export function unwrapped(text: string): string {
  return /^SELECT json_build_array\(.*?\)::text AS lx_row(?:, lx_rows\.\*)? FROM \((.*)\) lx_rows$/s.exec(text)?.[1] ?? text;
}
