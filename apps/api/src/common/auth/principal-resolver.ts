import type { Principal } from './principal';

/** Turns credentials into a principal; provided by the auth module (sessions) and api-keys module. */
export abstract class PrincipalResolver {
  abstract fromAccessToken(token: string): Promise<Principal>;
  abstract fromApiKey(key: string): Promise<Principal>;
}
