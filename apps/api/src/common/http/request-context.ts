import { AsyncLocalStorage } from 'node:async_hooks';
import type { CredentialCheck } from '../auth/credential-check';
import type { OwnerCheck } from '../scope/read-one';
import type { Principal } from '../auth/principal';

export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  principal?: Principal;
  /** A recently resolved principal waiting to be confirmed by the page statement (list reads). */
  credentialCheck?: CredentialCheck;
  /**
   * Settles `credentialCheck` once the handler is done (set by the guard beside it, run by the route's
   * `@Authorize` wrapper): the principal to run the handler again with, or null; throws the refusal.
   */
  settleCredential?: () => Promise<Principal | null>;
  /**
   * The owner check of the row a detail read names, left by the guard to the handler's own statement
   * (`@ReadsOne`, common/scope/read-one.ts); settled with `credentialCheck` when that statement did not make it.
   */
  ownerCheck?: OwnerCheck;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Per-request facts (request id, ip, caller) for the audit log, without threading them through every call. */
export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
};
