import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ListResult, ORGANIZATION_OPTIONS_LIMIT, ORGANIZATION_PARENT_KINDS } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { CommonErrors } from '../../common/errors/common.errors';
import { paginate } from '../../common/list/paginate';
import { escapeLike } from '../../common/list/escape-like';
import { DataScope } from '../../common/scope/data-scope.service';
import { readOne } from '../../common/scope/read-one';
import { JsonText, type JsonFields } from '../../common/list/json-items';
import { credentialColumn } from '../../common/auth/credential-check';
import { updateVersioned } from '../../database/versioned-update';
import { AgencyEntity } from '../agencies/entities/agency.entity';
import { OrganizationEntity } from './entities/organization.entity';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationListQueryDto,
  OrganizationNodeDto,
  OrganizationOptionsQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { OrganizationErrors } from './organizations.errors';

/** `toOrganizationDto` as SQL over the list's alias `o` (json-items.ts): the list's items written by PostgreSQL. */
const ORGANIZATION_JSON: JsonFields = {
  id: 'o.id',
  code: 'o.code',
  name: 'o.name',
  kind: 'o.kind',
  sector: 'o.sector',
  parentId: 'o.parentId',
  active: 'o.active',
  version: 'o.version',
  createdAt: 'o.createdAt',
  updatedAt: 'o.updatedAt',
};

export function toOrganizationDto(o: OrganizationEntity): OrganizationDto {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    kind: o.kind,
    sector: o.sector,
    parentId: o.parentId,
    active: o.active,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Principal, query: OrganizationListQueryDto): Promise<ListResult<OrganizationDto>> {
    const qb = this.dataSource.getRepository(OrganizationEntity).createQueryBuilder('o');
    await this.scope.applyTo(qb, 'o.id', caller);
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.parentId) qb.andWhere('o.parentId = :parentId', { parentId: query.parentId });
    if (query.q) qb.andWhere('(o.name ILIKE :q OR o.code ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    return paginate(qb, query, {
      sortable: { code: 'o.code', name: 'o.name', kind: 'o.kind', createdAt: 'o.createdAt' },
      defaultSort: 'code',
      map: toOrganizationDto,
      json: ORGANIZATION_JSON,
    });
  }

  /** The organizations the caller may see, as a tree; roots are those whose parent is out of sight. */
  async tree(caller: Principal): Promise<OrganizationNodeDto[]> {
    const qb = this.dataSource.getRepository(OrganizationEntity).createQueryBuilder('o').orderBy('o.code', 'ASC');
    await this.scope.applyTo(qb, 'o.id', caller);
    const rows = await qb.getMany();
    const nodes = new Map(rows.map((o) => [o.id, { ...toOrganizationDto(o), children: [] as OrganizationNodeDto[] }]));
    const roots: OrganizationNodeDto[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  /**
   * An organization picker's level (GET /organizations/options): the children the caller sees of `parentId`, else the
   * top of what it sees (an organization whose parent it does not see); with `q`, the organizations it sees whose name or
   * code holds the text, at most ORGANIZATION_OPTIONS_LIMIT. One statement, each row with whether anything it sees is
   * below it — instead of the whole tree (about 5,000 organizations, 1.5 MB for the city's finance bureau) at every
   * filtered list.
   */
  async options(caller: Principal, query: OrganizationOptionsQueryDto): Promise<JsonText> {
    const visible = await this.scope.visibleOrganizationIds(caller);
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const seen = visible === null ? null : param(visible);
    const where: string[] = [];
    if (seen) where.push(`o.id = ANY(${seen}::uuid[])`);
    const q = query.q?.trim();
    if (q) where.push(`(o.name ILIKE ${param(`%${escapeLike(q)}%`)} OR o.code ILIKE $${params.length})`);
    else if (query.parentId) where.push(`o.parent_id = ${param(query.parentId)}`);
    else where.push(seen ? `(o.parent_id IS NULL OR NOT (o.parent_id = ANY(${seen}::uuid[])))` : 'o.parent_id IS NULL');
    // the answer's JSON written by PostgreSQL, the caller's credential confirmed in the same statement (credential-check.ts)
    const credential = credentialColumn(param);
    const [row] = await this.dataSource.query<{ body: string }[]>(
      `SELECT coalesce(json_agg(x ORDER BY x.code, x.id), '[]')::text AS body ${credential ? `, ${credential.head}` : ''}
         FROM (SELECT o.id, o.code, o.name, o.kind, o.parent_id AS "parentId", o.active,
                      NOT EXISTS (SELECT 1 FROM organizations c WHERE c.parent_id = o.id ${seen ? `AND c.id = ANY(${seen}::uuid[])` : ''}) AS leaf
                 FROM organizations o
                WHERE ${where.join(' AND ')}
                ORDER BY o.code, o.id ${q ? `LIMIT ${ORGANIZATION_OPTIONS_LIMIT}` : ''}) x`,
      params,
    );
    credential?.settle([row]);
    return new JsonText(row.body);
  }

  async get(caller: Principal, id: string): Promise<OrganizationDto> {
    // one statement, with the caller's credential and the route's owner check (readOne, common/scope/read-one.ts)
    const org = (await readOne(this.dataSource.getRepository(OrganizationEntity).createQueryBuilder('o').where('o.id = :id', { id })))
      ?.entity;
    if (!org) throw CommonErrors.NOT_FOUND();
    await this.scope.assertVisible(caller, org.id);
    return toOrganizationDto(org);
  }

  async create(caller: Principal, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertParent(manager, dto.kind, dto.parentId ?? null);
      if (dto.parentId) await this.scope.assertWritable(caller, dto.parentId, manager);
      else await this.scope.assertDistrictWide(caller, manager);
      if (await manager.exists(OrganizationEntity, { where: { code: dto.code } })) throw OrganizationErrors.ORGANIZATION_CODE_TAKEN();
      const saved = await manager.save(
        manager.create(OrganizationEntity, {
          code: dto.code,
          name: dto.name.trim(),
          kind: dto.kind,
          sector: dto.sector ?? null,
          parentId: dto.parentId ?? null,
        }),
      );
      const after = toOrganizationDto(saved);
      await this.audit.record(manager, { action: 'organization.create', entityType: 'organization', entityId: saved.id, after });
      // Every agency has its entry in the agency registry (issue 9), filled in there by the bureau.
      if (saved.kind === 'agency') await manager.insert(AgencyEntity, { id: saved.id });
      return after;
    });
  }

  async update(caller: Principal, id: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(OrganizationEntity, { where: { id } });
      if (!current) throw CommonErrors.NOT_FOUND();
      await this.scope.assertWritable(caller, current.id, manager);
      if (dto.active === false && current.active) {
        const activeChildren = await manager.count(OrganizationEntity, { where: { parentId: id, active: true } });
        if (activeChildren > 0) throw OrganizationErrors.ORGANIZATION_HAS_ACTIVE_CHILDREN();
      }
      const changes: Partial<OrganizationEntity> = {};
      if (dto.name !== undefined) changes.name = dto.name.trim();
      if (dto.sector !== undefined) changes.sector = dto.sector ?? null;
      if (dto.active !== undefined) changes.active = dto.active;
      const updated = await updateVersioned(manager, OrganizationEntity, id, dto.version, changes);
      const after = toOrganizationDto(updated);
      await this.audit.record(manager, {
        action: 'organization.update',
        entityType: 'organization',
        entityId: id,
        before: toOrganizationDto(current),
        after,
      });
      return after;
    });
  }

  private async assertParent(manager: EntityManager, kind: CreateOrganizationDto['kind'], parentId: string | null): Promise<void> {
    const allowed = ORGANIZATION_PARENT_KINDS[kind];
    if (!parentId) {
      if (allowed.length) throw OrganizationErrors.ORGANIZATION_PARENT_INVALID({ detail: `${kind} needs a parent` });
      return;
    }
    const parent = await manager.findOne(OrganizationEntity, { where: { id: parentId } });
    if (!parent) throw CommonErrors.REFERENCE_INVALID({ detail: 'parentId' });
    if (!allowed.includes(parent.kind)) throw OrganizationErrors.ORGANIZATION_PARENT_INVALID();
  }
}
