import type { CredentialCheck } from './credential-check';
import type { Principal } from './principal';

/**
 * A request's credential: a bearer access token (a session's) or an API key. `hash` is what the
 * credential is stored and looked up by, computed once by the resolver and kept here for the
 * request's later resolutions (a recent principal missed, then the full one; the credential check).
 */
export interface Credential {
  kind: 'session' | 'api_key';
  secret: string;
  hash?: string;
}

/** A principal resolved a moment ago for the same credential, to be confirmed by the read's own statement. */
export interface RecentPrincipal {
  principal: Principal;
  check: CredentialCheck;
}

/** Turns credentials into a principal; provided by the auth module (sessions and API keys). */
export abstract class PrincipalResolver {
  /** The credential's principal, read in full (one statement); refuses a credential that no longer holds. */
  abstract resolve(credential: Credential): Promise<Principal>;
  /**
   * The principal this instance resolved for the credential a moment ago, if still fresh, with the
   * check that confirms it in a list read's page statement; null to resolve it in full. No statement.
   */
  recent(_credential: Credential): RecentPrincipal | null {
    return null;
  }
}
