import { type DataScopeKind, type Permission, permissionsWithinScope, type Role } from '@jixiao/contracts';

/** Who is calling: a signed-in user or another system's API key, with what it may do and see. */
export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  name: string;
  roles: Role[];
  /** Read only: a principal reused for list reads shares its set with the one this instance keeps (principal-resolver). */
  permissions: ReadonlySet<Permission>;
  /** The data scope `permissions` were confined to (`confinePermissions`); unset until they are. */
  permissionsConfinedTo?: DataScopeKind;
  organizationId: string | null;
  dataScope: DataScopeKind;
  readOnly: boolean;
  sessionId?: string;
  mustChangePassword?: boolean;
  /** The role requires two-factor authentication and the user has not enrolled: only enrolment is open. */
  mfaEnrolmentRequired?: boolean;
  /**
   * The version of each year's policy profile as the request began (read with the credentials in
   * one statement): a cached profile of that version is current, any other is read again.
   */
  profileVersions?: Record<string, number>;
  /** The working-year setting as the request began (read with the credentials); null when unset, undefined when not read. */
  workingYearSetting?: { value: unknown; updatedAt: string } | null;
  /**
   * The credential the principal was resolved from: its key (the token's hash) and the fingerprint of
   * the row it was made of, so a later read can confirm it in its own statement (credential-check.ts).
   */
  credential?: { key: string; fingerprint: string };
  /** Until when (ms since epoch) this instance may reuse the principal for list reads, confirmed by their page statement. */
  credentialFreshUntil?: number;
  /** Organization ids the caller may see; null means the whole district. Filled lazily, once per request. */
  visibleOrganizationIds?: string[] | null;
}

/**
 * Confines the principal's permissions to its data scope (`permissionsWithinScope`, the reach table
 * of libs/contracts): a district-only permission held below district scope is dropped. Once: a
 * principal already confined to its scope — or a copy of one, the flag travels with the copy — is
 * left as it is.
 */
export function confinePermissions(principal: Principal): void {
  if (principal.permissionsConfinedTo === principal.dataScope) return;
  principal.permissions = new Set(permissionsWithinScope(principal.permissions, principal.dataScope));
  principal.permissionsConfinedTo = principal.dataScope;
}
