import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DataScopeKind, Permission, permissionsWithinScope } from '@jixiao/contracts';
import { AuthErrors } from '../../common/auth/auth.errors';
import type { Principal } from '../../common/auth/principal';
import { PrincipalResolver } from '../../common/auth/principal-resolver';
import { ApiKeyEntity } from '../api-keys/entities/api-key.entity';
import { AuthService } from './auth.service';
import { TOKEN_HASHER, TokenHasher } from './token-hasher';

@Injectable()
export class SessionPrincipalResolver extends PrincipalResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly dataSource: DataSource,
    @Inject(TOKEN_HASHER) private readonly tokens: TokenHasher,
  ) {
    super();
  }

  fromAccessToken(token: string): Promise<Principal> {
    return this.auth.principalFromAccessToken(token);
  }

  /** Another government system: its key's permissions, and the district or one organization's subtree. */
  async fromApiKey(key: string): Promise<Principal> {
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const apiKey = await repo.findOne({ where: { keyHash: this.tokens.hash(key) } });
    const now = new Date();
    if (!apiKey || !apiKey.active || (apiKey.expiresAt && apiKey.expiresAt <= now)) throw AuthErrors.AUTH_API_KEY_INVALID();
    if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > 60_000) {
      await repo.update({ id: apiKey.id }, { lastUsedAt: now });
    }
    const dataScope: DataScopeKind = apiKey.organizationId ? 'subtree' : 'all';
    // A key limited to one organization never exercises a district-only permission, even one stored before that rule.
    const permissions = new Set<Permission>(permissionsWithinScope(apiKey.permissions, dataScope));
    return {
      kind: 'api_key',
      id: apiKey.id,
      name: `api-key:${apiKey.name}`.slice(0, 100),
      roles: [],
      permissions,
      organizationId: apiKey.organizationId,
      dataScope,
      readOnly: [...permissions].every((p) => p.endsWith(':read')),
    };
  }
}
