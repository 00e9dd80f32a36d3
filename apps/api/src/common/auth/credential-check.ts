import { requestContext } from '../http/request-context';
import { pageRows } from '../list/page-head';

/**
 * How a list read confirms a recently resolved principal without a statement of its own: the
 * credential's row (session, user, scope, profile versions… — what the principal is made of) is
 * read again inside the page's statement, as a fingerprint compared with the one the principal was
 * made from. Same snapshot as the page: a logout, a lock, a moved organization or a changed profile
 * committed on any instance before the page was read is seen by it. A read that does not confirm
 * (no page row, another fingerprint, a route without a page statement) is settled before its
 * answer leaves (`settlingCredential`, below): the credential is resolved again in full, refused
 * if it no longer holds, and the handler run again when the principal changed.
 */
export interface CredentialCheck {
  /** The credential's fingerprint as of the statement's snapshot: an SQL expression reading its key at `param`. */
  sql(param: string): string;
  /** The key the expression reads (the token's hash). */
  key: string;
  /** The fingerprint the principal was made from. */
  fingerprint: string;
  state: 'pending' | 'confirmed' | 'failed';
}

/** The column a page statement reads the credential's fingerprint into. */
export const CREDENTIAL_COLUMN = 'lx_credential';

/**
 * The check the current request still waits for, as a column of its page statement (named
 * `CREDENTIAL_COLUMN`; an uncorrelated subquery, run once): `bind` places the credential's key
 * among the statement's parameters and returns its placeholder; `settle` reads the fingerprint
 * back from the statement's rows. A page statement read as text selects it in its head (page-head.ts:
 * a one-row part the page is joined to), so even an empty page answers it; one TypeORM reads itself
 * selects it beside each row, and an empty page leaves the check pending, for `settlingCredential`
 * to settle. Undefined when nothing waits.
 */
export function credentialColumn(bind: (key: string) => string):
  | {
      sql: string;
      head: string;
      settle(rows: readonly Record<string, unknown>[]): void;
      headed(marker: string): <Row extends Record<string, unknown>>(rows: Row[]) => Row[];
    }
  | undefined {
  const check = requestContext.get()?.credentialCheck;
  if (check?.state !== 'pending') return undefined;
  const sql = check.sql(bind(check.key));
  const settle = (rows: readonly Record<string, unknown>[]) => {
    if (rows.length) check.state = rows[0][CREDENTIAL_COLUMN] === check.fingerprint ? 'confirmed' : 'failed';
  };
  return {
    sql,
    // the entry a statement's head selects it by (page-head.ts)
    head: `${sql} AS ${CREDENTIAL_COLUMN}`,
    settle,
    // what reads a statement `withHead` made with it: the check settled from its head, the page's own rows returned
    headed: (marker) => (rows) => {
      settle(rows);
      return pageRows(rows, marker);
    },
  };
}

/**
 * `handler` made to settle the request's credential check before its answer (or refusal) leaves:
 * when the page statement did not confirm the recently resolved principal (no page row, another
 * fingerprint, no page statement at all), the guard's `settleCredential` resolves the credential
 * again in full — a logout, lock or expiry is refused (401 / 403) instead of the rows — and, when
 * the session holds but its principal changed (roles, organization, a profile), the handler runs
 * again with the principal as it is now (the arguments that were the old principal replaced). Nothing
 * read under a principal that no longer holds is answered. A request with no check waiting calls
 * the handler as it is. Wrapped around every `@Authorize` route by the decorator — a plain function
 * around the handler instead of a global interceptor, which would put every request of the API
 * through Nest's rxjs chain (~10 % of the API's CPU a list read).
 */
export function settlingCredential<A extends unknown[], R>(
  handler: (this: unknown, ...args: A) => R,
): (this: unknown, ...args: A) => R | Promise<Awaited<R>> {
  return function settled(this: unknown, ...args: A): R | Promise<Awaited<R>> {
    const ctx = requestContext.get();
    const settle = ctx?.settleCredential;
    if (!ctx || !settle) return handler.apply(this, args);
    // claimed by the outermost handler: one it calls (another route's method) runs as it is
    ctx.settleCredential = undefined;
    const before = ctx.principal;
    const run = async (): Promise<Awaited<R>> => {
      let outcome: { value: Awaited<R> } | { error: unknown };
      try {
        outcome = { value: await handler.apply(this, args) };
      } catch (error) {
        outcome = { error };
      }
      const now = await settle();
      if (now) return await handler.apply(this, args.map((arg) => (arg === before && before !== undefined ? now : arg)) as A);
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    };
    return run();
  };
}
