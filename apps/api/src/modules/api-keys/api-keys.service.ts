import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DISTRICT_ONLY_PERMISSIONS, ListResult } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { paginate } from '../../common/list/paginate';
import { DataScope } from '../../common/scope/data-scope.service';
import { TOKEN_HASHER, TokenHasher } from '../auth/token-hasher';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { ApiKeyDto, ApiKeyListQueryDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { ApiKeyErrors } from './api-keys.errors';

function toApiKeyDto(k: ApiKeyEntity, organizationName: string | null = k.organization?.name ?? null): ApiKeyDto {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    permissions: k.permissions,
    organizationId: k.organizationId,
    organizationName,
    active: k.active,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    createdAt: k.createdAt.toISOString(),
  };
}

/** Service accounts of other government systems (budget system, audit, …), created by the finance bureau. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    @Inject(TOKEN_HASHER) private readonly tokens: TokenHasher,
  ) {}

  async list(caller: Principal, query: ApiKeyListQueryDto): Promise<ListResult<ApiKeyDto>> {
    // the organization's name joined (the SPA names a key's organization without reading the whole tree)
    const qb = this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k').leftJoinAndSelect('k.organization', 'o');
    // District-wide keys belong to the finance bureau; only the district scope sees them.
    if ((await this.scope.visibleOrganizationIds(caller)) !== null) await this.scope.applyTo(qb, 'k.organizationId', caller);
    return paginate(qb, query, {
      sortable: { name: 'k.name', createdAt: 'k.createdAt', lastUsedAt: 'k.lastUsedAt' },
      defaultSort: '-createdAt',
      map: (k) => toApiKeyDto(k),
    });
  }

  async create(caller: Principal, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) {
      throw ApiKeyErrors.API_KEY_EXPIRY_IN_PAST({
        errors: [fieldError('expiresAt', 'future', '必须晚于当前时间', 'Must be in the future')],
      });
    }
    const notHeld = dto.permissions.filter((perm) => !caller.permissions.has(perm));
    if (notHeld.length) throw ApiKeyErrors.API_KEY_PERMISSION_NOT_HELD({ detail: notHeld.join(', ') });
    const districtOnly = dto.permissions.filter((perm) => DISTRICT_ONLY_PERMISSIONS.includes(perm));
    if (dto.organizationId && districtOnly.length) {
      throw ApiKeyErrors.API_KEY_DISTRICT_PERMISSION({
        errors: [
          fieldError(
            'permissions',
            'districtOnly',
            `限定机构的密钥不能拥有：${districtOnly.join(', ')}`,
            `Not for a key limited to one organization: ${districtOnly.join(', ')}`,
          ),
        ],
      });
    }
    const key = this.tokens.newToken('jxk_');
    return this.dataSource.transaction(async (manager) => {
      let organizationName: string | null = null;
      if (dto.organizationId) {
        const organization = await manager.findOne(OrganizationEntity, { where: { id: dto.organizationId } });
        if (!organization) throw CommonErrors.REFERENCE_INVALID({ detail: 'organizationId' });
        organizationName = organization.name;
        await this.scope.assertWritable(caller, dto.organizationId, manager);
      } else if ((await this.scope.visibleOrganizationIds(caller, manager)) !== null) {
        throw CommonErrors.OUT_OF_SCOPE();
      }
      const saved = await manager.save(
        manager.create(ApiKeyEntity, {
          name: dto.name.trim(),
          prefix: key.slice(0, 8),
          keyHash: this.tokens.hash(key),
          permissions: dto.permissions,
          organizationId: dto.organizationId ?? null,
          expiresAt,
          createdById: caller.kind === 'user' ? caller.id : null,
        }),
      );
      const after = toApiKeyDto(saved, organizationName);
      await this.audit.record(manager, { action: 'api_key.create', entityType: 'api_key', entityId: saved.id, after });
      return { ...after, key };
    });
  }

  async revoke(caller: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(ApiKeyEntity, { where: { id }, relations: { organization: true } });
      if (!current) throw CommonErrors.NOT_FOUND();
      if (current.organizationId) await this.scope.assertWritable(caller, current.organizationId, manager);
      if (!current.active) throw ApiKeyErrors.API_KEY_ALREADY_REVOKED();
      await manager.update(ApiKeyEntity, { id }, { active: false, version: () => 'version + 1' });
      await this.audit.record(manager, {
        action: 'api_key.revoke',
        entityType: 'api_key',
        entityId: id,
        before: toApiKeyDto(current),
        after: { active: false },
      });
    });
  }
}
