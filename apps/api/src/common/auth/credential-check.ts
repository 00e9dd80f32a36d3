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

/** The check the current request still waits for, if any: a page statement reads it with its rows. */
export function pendingCredentialCheck(): CredentialCheck | undefined {
  const check = requestContext.get()?.credentialCheck;
  return check?.state === 'pending' ? check : undefined;
}

/** Settles the check by the fingerprint a page statement read (NULL when the credential's row is gone). */
export function settleCredentialCheck(check: CredentialCheck, seen: unknown): void {
  check.state = seen === check.fingerprint ? 'confirmed' : 'failed';
}
