import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DataScopeKind, Permission, permissionsWithinScope } from '@jixiao/contracts';
import { AuthErrors } from '../../common/auth/auth.errors';
import type { Principal } from '../../common/auth/principal';
import { PrincipalResolver } from '../../common/auth/principal-resolver';
import { PROFILE_VERSIONS_SQL, WORKING_YEAR_SETTING_SQL, subtreeIdsSql, visibleOrganizationIdsOf } from '../../common/scope/data-scope.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { queryNamed } from '../../database/named-statement';
import { ApiKeyEntity } from '../api-keys/entities/api-key.entity';
import { AuthService } from './auth.service';
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
}

@Injectable()
export class SessionPrincipalResolver extends PrincipalResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly dataSource: DataSource,
    @Inject(TOKEN_HASHER) private readonly tokens: TokenHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  fromAccessToken(token: string): Promise<Principal> {
    return this.auth.principalFromAccessToken(token);
  }

  /**
   * Another government system: its key's permissions, and the district or one organization's
   * subtree — key and subtree read in one statement; `last_used_at` written at most every minute.
   */
  async fromApiKey(key: string): Promise<Principal> {
    const rows = await queryNamed<ApiKeyRow>(
      this.dataSource,
      this.config,
      'jx_api_key_principal',
      `SELECT k.id, k.name, k.permissions, k.organization_id, k.active, k.expires_at, k.last_used_at,
              CASE WHEN k.organization_id IS NOT NULL THEN ${subtreeIdsSql('k.organization_id')} END AS subtree,
              ${PROFILE_VERSIONS_SQL} AS profile_versions,
              ${WORKING_YEAR_SETTING_SQL} AS working_year_setting
         FROM api_keys k WHERE k.key_hash = $1`,
      [this.tokens.hash(key)],
    );
    const apiKey = rows[0];
    const now = new Date();
    if (!apiKey || !apiKey.active || (apiKey.expires_at && apiKey.expires_at <= now)) throw AuthErrors.AUTH_API_KEY_INVALID();
    if (!apiKey.last_used_at || now.getTime() - apiKey.last_used_at.getTime() > 60_000) {
      await this.dataSource.getRepository(ApiKeyEntity).update({ id: apiKey.id }, { lastUsedAt: now });
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
    return principal;
  }
}
