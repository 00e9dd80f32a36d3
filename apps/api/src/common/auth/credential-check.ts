import { requestContext } from '../http/request-context';

/**
 * How a list read confirms a recently resolved principal without a statement of its own: the
 * credential's row (session, user, scope, profile versions… — what the principal is made of) is
 * read again inside the page's statement, as a fingerprint compared with the one the principal was
 * made from. Same snapshot as the page: a logout, a lock, a moved organization or a changed profile
 * committed on any instance before the page was read is seen by it. A read that does not confirm
 * (no page row, another fingerprint, a route without a page statement) is settled before its
 * answer leaves (CredentialCheckInterceptor): the credential is resolved again in full, refused
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
 * back from the page's rows — an empty page leaves the check pending, for the interceptor to
 * settle. Undefined when nothing waits.
 */
export function credentialColumn(
  bind: (key: string) => string,
): { sql: string; settle(rows: readonly Record<string, unknown>[]): void } | undefined {
  const check = requestContext.get()?.credentialCheck;
  if (check?.state !== 'pending') return undefined;
  return {
    sql: check.sql(bind(check.key)),
    settle(rows) {
      if (rows.length) check.state = rows[0][CREDENTIAL_COLUMN] === check.fingerprint ? 'confirmed' : 'failed';
    },
  };
}
