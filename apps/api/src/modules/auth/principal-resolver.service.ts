import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DataScopeKind, Permission, permissionsWithinScope } from '@jixiao/contracts';
import { AuthErrors } from '../../common/auth/auth.errors';
import { confinePermissions, type Principal } from '../../common/auth/principal';
import { type Credential, PrincipalResolver, RecentPrincipal } from '../../common/auth/principal-resolver';
import { visibleOrganizationIdsOf } from '../../common/scope/data-scope.service';
import { queryNamed } from '../../database/named-statement';
import { ApiKeyEntity } from '../api-keys/entities/api-key.entity';
import { AuthService } from './auth.service';
import { API_KEY_ROW_SQL, CREDENTIAL_CHECK_SQL, FINGERPRINT_SQL, SUBTREE_SQL } from './credential-rows.sql';
import { TOKEN_HASHER, TokenHasher } from './token-hasher';

interface ApiKeyRow {
  id: string;
  name: string;
  permissions: string[];
  organization_id: string | null;
  active: boolean;
  expires_at: Date | null;
  last_used_at: Date | null;
  subtree: string[] | null;
  profile_versions: Record<string, number>;
  working_year_setting: { value: unknown; updatedAt: string } | null;
  fingerprint: string;
}

/** Credentials whose principal this instance keeps for reuse by list reads (the oldest are dropped beyond it). */
const RECENT_MAX = 10_000;

/** How often an API key's last-used mark is written (at most); its principal is reused unconfirmed no longer. */
const LAST_USED_EVERY_MS = 60_000;

@Injectable()
export class SessionPrincipalResolver extends PrincipalResolver {
  /** Principals resolved here a moment ago, by credential kind and hash: reused by list reads, confirmed by their page statement. */
  private readonly recentlyResolved = new Map<string, Principal>();
  /**
   * The keyed hashes of credentials that resolved here (at most RECENT_MAX, the oldest dropped): a
   * list read of a credential seen a moment ago finds its hash without computing the HMAC again.
   * Only credentials that held are kept, so a flood of made-up tokens cannot push them out.
   */
  private readonly hashBySecret = new Map<string, string>();

  constructor(
    private readonly auth: AuthService,
    private readonly dataSource: DataSource,
    @Inject(TOKEN_HASHER) private readonly tokens: TokenHasher,
  ) {
    super();
  }

  /** The credential's principal, read in full: a session's (AuthService) or an API key's. */
  async resolve(credential: Credential): Promise<Principal> {
    const hash = this.hashOf(credential);
    const principal = credential.kind === 'session' ? await this.auth.principalFromTokenHash(hash) : await this.fromApiKeyHash(hash);
    if (principal.credential) {
      // kept confined (as the guard would confine it), as a copy: the request's own fields are set on the one handed back
      confinePermissions(principal);
      const at = `${credential.kind}:${principal.credential.key}`;
      this.recentlyResolved.delete(at);
      if (this.recentlyResolved.size >= RECENT_MAX) this.recentlyResolved.delete(this.recentlyResolved.keys().next().value as string);
      this.recentlyResolved.set(at, { ...principal });
      if (!this.hashBySecret.has(credential.secret)) {
        if (this.hashBySecret.size >= RECENT_MAX) this.hashBySecret.delete(this.hashBySecret.keys().next().value as string);
        this.hashBySecret.set(credential.secret, hash);
      }
    }
    return principal;
  }

  /**
   * The principal resolved here for the credential a moment ago (a session's while its last-seen
   * mark needs no writing and the token lives; an API key's while its last-used mark needs none and
   * it has not expired), as a copy, with the check its list read's page statement confirms it by.
   * Whether the credential still holds is NOT known here: that is the check's job.
   */
  override recent(credential: Credential): RecentPrincipal | null {
    const key = this.hashOf(credential);
    const at = `${credential.kind}:${key}`;
    const principal = this.recentlyResolved.get(at);
    if (!principal?.credential) return null;
    if (!(Date.now() < (principal.credentialFreshUntil ?? 0))) {
      this.recentlyResolved.delete(at);
      return null;
    }
    return {
      // a copy for the request (its permissions' set shared: read only, and already confined)
      principal: { ...principal },
      check: { sql: CREDENTIAL_CHECK_SQL[credential.kind], key, fingerprint: principal.credential.fingerprint, state: 'pending' },
    };
  }

  /** The credential's hash, computed once a request (and not at all for a credential that resolved here lately). */
  private hashOf(credential: Credential): string {
    return (credential.hash ??= this.hashBySecret.get(credential.secret) ?? this.tokens.hash(credential.secret));
  }

  /**
   * Another government system: its key's permissions, and the district or one organization's
   * subtree — key and subtree read in one statement; `last_used_at` written at most every minute.
   */
  private async fromApiKeyHash(hash: string): Promise<Principal> {
    const rows = await queryNamed<ApiKeyRow>(
      this.dataSource,
      'jx_api_key_principal',
      `SELECT a.*, ${FINGERPRINT_SQL('a')} AS fingerprint, ${SUBTREE_SQL('a')} FROM (${API_KEY_ROW_SQL('$1')}) a`,
      [hash],
    );
    const apiKey = rows[0];
    const now = new Date();
    if (!apiKey || !apiKey.active || (apiKey.expires_at && apiKey.expires_at <= now)) throw AuthErrors.AUTH_API_KEY_INVALID();
    let lastUsed = apiKey.last_used_at?.getTime() ?? 0;
    if (now.getTime() - lastUsed > LAST_USED_EVERY_MS) {
      await this.dataSource.getRepository(ApiKeyEntity).update({ id: apiKey.id }, { lastUsedAt: now });
      lastUsed = now.getTime();
    }
    const dataScope: DataScopeKind = apiKey.organization_id ? 'subtree' : 'all';
    // A key limited to one organization never exercises a district-only permission, even one stored before that rule.
    const permissions = new Set<Permission>(permissionsWithinScope(apiKey.permissions as Permission[], dataScope));
    const principal: Principal = {
      kind: 'api_key',
      id: apiKey.id,
      name: `api-key:${apiKey.name}`.slice(0, 100),
      roles: [],
      permissions,
      organizationId: apiKey.organization_id,
      dataScope,
      readOnly: [...permissions].every((p) => p.endsWith(':read')),
    };
    principal.visibleOrganizationIds = visibleOrganizationIdsOf(principal, apiKey.subtree ?? []);
    principal.profileVersions = apiKey.profile_versions;
    principal.workingYearSetting = apiKey.working_year_setting;
    principal.credential = { key: hash, fingerprint: apiKey.fingerprint };
    principal.credentialFreshUntil = Math.min(lastUsed + LAST_USED_EVERY_MS, apiKey.expires_at?.getTime() ?? Infinity);
    return principal;
  }
}
