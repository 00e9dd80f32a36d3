import type { CredentialCheck } from './credential-check';
import type { Principal } from './principal';

/** A principal resolved a moment ago for the same credential, to be confirmed by the read's own statement. */
export interface RecentPrincipal {
  principal: Principal;
  check: CredentialCheck;
}

/** Turns credentials into a principal; provided by the auth module (sessions) and api-keys module. */
export abstract class PrincipalResolver {
  abstract fromAccessToken(token: string): Promise<Principal>;
  abstract fromApiKey(key: string): Promise<Principal>;
  /**
   * The principal this instance resolved for the token a moment ago, if still fresh, with the check
   * that confirms it in a list read's page statement; null to resolve it in full. No statement.
   */
  recentFromAccessToken(_token: string): RecentPrincipal | null {
    return null;
  }
  /** The same for an API key. */
  recentFromApiKey(_key: string): RecentPrincipal | null {
    return null;
  }
}
