import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, SelectQueryBuilder } from 'typeorm';
import { checkIndicatorDefinition, childCategoryLevel, type ListResult, type Sector } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { paginate } from '../../common/list/paginate';
import type { ListQueryDto } from '../../common/list/list-query.dto';
import { DataScope } from '../../common/scope/data-scope.service';
import { readOne } from '../../common/scope/read-one';
import { childrenFrom, rowsSql } from '../../common/list/children';
import { assertTransition } from '../../common/workflow/transition';
import { assertSegregated, withActor } from '../../common/workflow/segregation';
import { actorNameSql, actorNames, namesFromColumns } from '../../common/audit/actor-names';
import { permittedActions } from '@jixiao/domain';
import { updateVersioned } from '../../database/versioned-update';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { escapeLike } from '../../common/list/escape-like';
import { ProjectEntity } from '../projects/entities/project.entity';
import { IndicatorCategoryEntity } from './entities/indicator-category.entity';
import { IndicatorEntity } from './entities/indicator.entity';
import {
  AcceptProposalDto,
  CreateIndicatorCategoryDto,
  CreateIndicatorDto,
  IndicatorCategoryDto,
  IndicatorDto,
  IndicatorFieldsDto,
  IndicatorListQueryDto,
  IndicatorSuggestionsDto,
  ProposalListQueryDto,
  ProposeIndicatorDto,
  RejectProposalDto,
  UpdateIndicatorCategoryDto,
  UpdateIndicatorDto,
  UsedValueDto,
} from './dto/indicator.dto';
import { buildTree, categoryPaths, CategoryRow } from './category-tree';
import { IndicatorErrors } from './indicators.errors';
import { PROPOSAL_ACTION_RULES, PROPOSAL_WORKFLOW } from './indicators.workflow';

/** What turning rows into DTOs needs: category paths, usage counts, proposer names, and what the caller may see. */
/** The ids of the categories matching `condition` (on alias `ic`) and of every category below them. */
function categoriesBelowSql(condition: string): string {
  return `WITH RECURSIVE below AS (
            SELECT ic.id, 0 AS depth FROM indicator_categories ic WHERE ${condition}
            UNION ALL
            SELECT c.id, below.depth + 1 FROM indicator_categories c JOIN below ON c.parent_id = below.id WHERE below.depth < 16)
          SELECT below.id FROM below`;
}

interface DtoContext {
  categories: Map<string, Pick<CategoryRow, 'sector'>>;
  paths: Map<string, string[]>;
  usage: Map<string, number>;
  orgNames: Map<string, string>;
  visible: string[] | null;
  caller: Principal;
  actorNames: Map<string, string>;
}

/** A category as the tree and the paths read it. */
function categoryRow(r: IndicatorCategoryEntity): CategoryRow {
  return { id: r.id, parentId: r.parentId, name: r.name, level: r.level, sector: r.sector, version: r.version };
}

/** How many suggestions at most. */
const SUGGESTION_LIMIT = 200;

/**
 * The indicator library (R24, N4): district-wide reference data curated by the finance bureau,
 * plus departments' proposals, which are organization-owned until the bureau decides.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
  ) {}

  // ── categories ────────────────────────────────────────────────────────────

  async tree(): Promise<IndicatorCategoryDto[]> {
    const rows = await this.categoryRows(this.dataSource.manager);
    const counts: { id: string; n: number }[] = await this.dataSource.query(
      `SELECT category_id AS id, count(*)::int AS n FROM indicators WHERE status = 'active' GROUP BY category_id`,
    );
    return buildTree(rows, new Map(counts.map((c) => [c.id, c.n]))) as IndicatorCategoryDto[];
  }

  async createCategory(caller: Principal, dto: CreateIndicatorCategoryDto): Promise<IndicatorCategoryDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      const parent = dto.parentId ? await manager.findOne(IndicatorCategoryEntity, { where: { id: dto.parentId } }) : null;
      if (dto.parentId && !parent) throw CommonErrors.REFERENCE_INVALID({ detail: 'parentId' });
      const level = childCategoryLevel(parent ? parent.level : null);
      if (!level) throw IndicatorErrors.CATEGORY_TOO_DEEP();
      const sector = parent ? parent.sector : dto.sector;
      if (!sector) {
        throw CommonErrors.VALIDATION_FAILED({
          errors: [fieldError('sector', 'required', '新建行业须选择行业代码', 'a sector node needs its sector code')],
        });
      }
      await this.assertCategoryNameFree(manager, parent?.id ?? null, dto.name);
      const saved = await manager.save(
        manager.create(IndicatorCategoryEntity, { parentId: parent?.id ?? null, level, name: dto.name, sector }),
      );
      const after = this.toCategoryDto(saved);
      await this.audit.record(manager, {
        action: 'indicator_category.create',
        entityType: 'indicator_category',
        entityId: saved.id,
        after,
      });
      return after;
    });
  }

  async updateCategory(caller: Principal, id: string, dto: UpdateIndicatorCategoryDto): Promise<IndicatorCategoryDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.findCategory(manager, id);
      if (dto.name !== current.name) await this.assertCategoryNameFree(manager, current.parentId, dto.name);
      const updated = await updateVersioned(manager, IndicatorCategoryEntity, id, dto.version, { name: dto.name });
      const after = this.toCategoryDto(updated);
      await this.audit.record(manager, {
        action: 'indicator_category.update',
        entityType: 'indicator_category',
        entityId: id,
        before: this.toCategoryDto(current),
        after,
      });
      return after;
    });
  }

  async removeCategory(caller: Principal, id: string): Promise<void> {
    await this.scope.assertDistrictWide(caller);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.findCategory(manager, id);
      const inUse =
        (await manager.exists(IndicatorCategoryEntity, { where: { parentId: id } })) ||
        (await manager.exists(IndicatorEntity, { where: { categoryId: id } }));
      if (inUse) throw IndicatorErrors.CATEGORY_IN_USE();
      await manager.delete(IndicatorCategoryEntity, { id });
      await this.audit.record(manager, {
        action: 'indicator_category.delete',
        entityType: 'indicator_category',
        entityId: id,
        before: this.toCategoryDto(current),
      });
    });
  }

  // ── the library ───────────────────────────────────────────────────────────

  /** Search of the library; rows not yet (or never) accepted only within the caller's scope. */
  async search(caller: Principal, query: IndicatorListQueryDto): Promise<ListResult<IndicatorDto>> {
    const manager = this.dataSource.manager;
    const qb = manager.getRepository(IndicatorEntity).createQueryBuilder('i');
    const status = query.status ?? 'active';
    qb.where('i.status = :status', { status });
    if (status !== 'active') await this.scope.applyTo(qb, 'i.proposedByOrganizationId', caller);
    // the category filters on the tree in the page statement (a category: itself and every node below it)
    if (query.categoryId) qb.andWhere(`i.categoryId IN (${categoriesBelowSql('ic.id = :categoryId')})`, { categoryId: query.categoryId });
    if (query.sector)
      qb.andWhere('i.categoryId IN (SELECT ics.id FROM indicator_categories ics WHERE ics.sector = :sector)', { sector: query.sector });
    if (query.level1) qb.andWhere('i.level1 = :level1', { level1: query.level1 });
    if (query.level2) qb.andWhere('i.level2 = :level2', { level2: query.level2 });
    if (query.core !== undefined) qb.andWhere('i.isCore = :core', { core: query.core });
    if (query.q) {
      // the name, the unit, or a category on the indicator's path (a node named so, or any below it)
      const like = `%${escapeLike(query.q.trim())}%`;
      qb.andWhere(`(i.name ILIKE :like OR i.unit ILIKE :like OR i.categoryId IN (${categoriesBelowSql('ic.name ILIKE :like')}))`, { like });
    }
    return this.page(caller, qb, query, {
      sortable: { name: 'i.name', level1: 'i.level1', isCore: 'i.isCore', createdAt: 'i.createdAt', updatedAt: 'i.updatedAt' },
      defaultSort: '-isCore,name',
    });
  }

  /**
   * A page of indicators in one statement: each row with its category path and sector, its use in
   * targets, its proposer's organization and name; only the caller's visible organizations cost
   * nothing more (the authentication read them).
   */
  private async page(
    caller: Principal,
    qb: SelectQueryBuilder<IndicatorEntity>,
    query: ListQueryDto,
    options: { sortable: Record<string, string>; defaultSort: string },
  ): Promise<ListResult<IndicatorDto>> {
    const page = await paginate(qb, query, {
      ...options,
      columns: {
        categoryPath: `WITH RECURSIVE up AS (
                         SELECT c.id, c.parent_id, c.name, 0 AS depth FROM indicator_categories c WHERE c.id = i.category_id
                         UNION ALL
                         SELECT c.id, c.parent_id, c.name, up.depth + 1 FROM indicator_categories c JOIN up ON c.id = up.parent_id WHERE up.depth < 16)
                       SELECT json_agg(up.name ORDER BY up.depth DESC) FROM up`,
        sector: 'SELECT c.sector FROM indicator_categories c WHERE c.id = i.category_id',
        usage: 'SELECT count(*)::int FROM target_indicators ti WHERE ti.library_indicator_id = i.id',
        organizationName: 'SELECT o.name FROM organizations o WHERE o.id = i.proposed_by_organization_id',
        proposedByName: actorNameSql(`(i.actors->>'propose')::uuid`),
      },
      map: (row, columns) => ({ row, columns }),
    });
    const ctx: DtoContext = {
      categories: new Map(
        page.items.map(({ row, columns }) => [row.categoryId, { sector: (columns.sector as string | null) ?? 'general' }]),
      ),
      paths: new Map(page.items.map(({ row, columns }) => [row.categoryId, (columns.categoryPath as string[] | null) ?? []])),
      usage: new Map(page.items.map(({ row, columns }) => [row.id, Number(columns.usage ?? 0)])),
      orgNames: namesFromColumns(page.items.map(({ row, columns }) => [row.proposedByOrganizationId, columns.organizationName])),
      visible: await this.scope.visibleOrganizationIds(caller, this.dataSource.manager),
      caller,
      actorNames: namesFromColumns(page.items.map(({ row, columns }) => [row.actors?.propose, columns.proposedByName])),
    };
    return { ...page, items: page.items.map(({ row }) => this.toDto(row, ctx)) };
  }

  async create(caller: Principal, dto: CreateIndicatorDto): Promise<IndicatorDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      await this.assertDefinition(manager, dto);
      await this.assertNameFree(manager, dto.categoryId, dto.name);
      const saved = await manager.save(
        manager.create(IndicatorEntity, {
          ...this.fields(dto),
          isCore: dto.isCore ?? false,
          status: 'active',
          proposedByOrganizationId: null,
        }),
      );
      const after = await this.dto(manager, caller, saved);
      await this.audit.record(manager, { action: 'indicator.create', entityType: 'indicator', entityId: saved.id, after });
      return after;
    });
  }

  async update(caller: Principal, id: string, dto: UpdateIndicatorDto): Promise<IndicatorDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      const merged = {
        categoryId: dto.categoryId ?? current.categoryId,
        level1: dto.level1 ?? current.level1,
        level2: dto.level2 ?? current.level2,
        name: dto.name ?? current.name,
        comparison: dto.comparison ?? current.comparison,
        value: dto.value !== undefined ? dto.value : current.value,
        unit: dto.unit !== undefined ? dto.unit : current.unit,
        standardSource: dto.standardSource ?? current.standardSource,
        note: dto.note !== undefined ? dto.note : current.note,
      };
      await this.assertDefinition(manager, merged);
      if (merged.name !== current.name || merged.categoryId !== current.categoryId) {
        await this.assertNameFree(manager, merged.categoryId, merged.name, id);
      }
      const updated = await updateVersioned(manager, IndicatorEntity, id, dto.version, {
        ...this.fields(merged),
        ...(dto.isCore !== undefined ? { isCore: dto.isCore } : {}),
      });
      const after = await this.dto(manager, caller, updated);
      await this.audit.record(manager, {
        action: 'indicator.update',
        entityType: 'indicator',
        entityId: id,
        before: await this.dto(manager, caller, current),
        after,
      });
      return after;
    });
  }

  async remove(caller: Principal, id: string): Promise<void> {
    await this.scope.assertDistrictWide(caller);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      const before = await this.dto(manager, caller, current);
      if (before.usageCount > 0) throw IndicatorErrors.INDICATOR_IN_USE({ extra: { usageCount: before.usageCount } });
      await manager.delete(IndicatorEntity, { id });
      await this.audit.record(manager, { action: 'indicator.delete', entityType: 'indicator', entityId: id, before });
    });
  }

  // ── proposals ─────────────────────────────────────────────────────────────

  async propose(caller: Principal, dto: ProposeIndicatorDto): Promise<IndicatorDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.scope.assertWritable(caller, dto.organizationId, manager);
      if (!(await manager.exists(OrganizationEntity, { where: { id: dto.organizationId } }))) {
        throw CommonErrors.REFERENCE_INVALID({ detail: 'organizationId' });
      }
      await this.assertDefinition(manager, dto);
      await this.assertNameFree(manager, dto.categoryId, dto.name);
      const saved = await manager.save(
        manager.create(IndicatorEntity, {
          ...this.fields(dto),
          isCore: false,
          status: 'proposed',
          proposedByOrganizationId: dto.organizationId,
          actors: withActor({}, 'propose', caller),
        }),
      );
      const after = await this.dto(manager, caller, saved);
      await this.audit.record(manager, { action: 'indicator.propose', entityType: 'indicator', entityId: saved.id, after });
      return after;
    });
  }

  async proposals(caller: Principal, query: ProposalListQueryDto): Promise<ListResult<IndicatorDto>> {
    const manager = this.dataSource.manager;
    const qb = manager.getRepository(IndicatorEntity).createQueryBuilder('i').where('i.proposedByOrganizationId IS NOT NULL');
    await this.scope.applyTo(qb, 'i.proposedByOrganizationId', caller);
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.organizationId) qb.andWhere('i.proposedByOrganizationId = :org', { org: query.organizationId });
    if (query.q) qb.andWhere('i.name ILIKE :like', { like: `%${escapeLike(query.q.trim())}%` });
    return this.page(caller, qb, query, {
      sortable: { name: 'i.name', status: 'i.status', createdAt: 'i.createdAt', updatedAt: 'i.updatedAt' },
      defaultSort: '-createdAt',
    });
  }

  /**
   * A proposal's page in one statement (readOne, common/scope/read-one.ts: with the caller's credential and
   * the route's owner check, the proposing organization): with the categories, its use in targets and
   * the proposer's and the proposing person's names beside it — as `dtoContext` would read them in four.
   */
  async proposal(caller: Principal, id: string): Promise<IndicatorDto> {
    const ds = this.dataSource;
    const read = await readOne(
      ds
        .getRepository(IndicatorEntity)
        .createQueryBuilder('i')
        .addSelect(`(${rowsSql(ds, IndicatorCategoryEntity, 'true')})`, 'lx_categories')
        .addSelect(`(SELECT count(*)::int FROM target_indicators ti WHERE ti.library_indicator_id = i.id)`, 'lx_usage')
        .addSelect(`(SELECT po.name FROM organizations po WHERE po.id = i.proposed_by_organization_id)`, 'lx_proposer')
        .addSelect(actorNameSql(`(i.actors ->> 'propose')::uuid`), 'lx_proposed_by')
        .where('i.id = :id', { id }),
    );
    if (!read) throw CommonErrors.NOT_FOUND();
    const row = read.entity;
    if (!row.proposedByOrganizationId) throw IndicatorErrors.INDICATOR_NOT_A_PROPOSAL();
    await this.scope.assertVisible(caller, row.proposedByOrganizationId);
    const categories = childrenFrom(ds, IndicatorCategoryEntity, read.raw.lx_categories).map(categoryRow);
    return this.toDto(
      row,
      await this.dtoContext(ds.manager, caller, [row], categories, {
        usage: new Map([[row.id, read.raw.lx_usage as number]]),
        orgNames: namesFromColumns([[row.proposedByOrganizationId, read.raw.lx_proposer]]),
        actorNames: namesFromColumns([[row.actors?.propose, read.raw.lx_proposed_by]]),
      }),
    );
  }

  async accept(caller: Principal, id: string, dto: AcceptProposalDto): Promise<IndicatorDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      const status = assertTransition(PROPOSAL_WORKFLOW, current.status, 'accept');
      assertSegregated(PROPOSAL_ACTION_RULES, 'accept', caller, {
        organizationId: current.proposedByOrganizationId,
        actors: current.actors,
      });
      await this.assertNameFree(manager, current.categoryId, current.name, id);
      const updated = await updateVersioned(manager, IndicatorEntity, id, dto.version, {
        status,
        reviewComment: dto.comment ?? null,
        actors: withActor(current.actors, 'accept', caller),
        ...(dto.isCore !== undefined ? { isCore: dto.isCore } : {}),
      });
      const after = await this.dto(manager, caller, updated);
      await this.audit.record(manager, {
        action: 'indicator.accept',
        entityType: 'indicator',
        entityId: id,
        before: { status: current.status },
        after,
      });
      return after;
    });
  }

  async reject(caller: Principal, id: string, dto: RejectProposalDto): Promise<IndicatorDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      const status = assertTransition(PROPOSAL_WORKFLOW, current.status, 'reject');
      assertSegregated(PROPOSAL_ACTION_RULES, 'reject', caller, {
        organizationId: current.proposedByOrganizationId,
        actors: current.actors,
      });
      const updated = await updateVersioned(manager, IndicatorEntity, id, dto.version, {
        status,
        reviewComment: dto.comment,
        actors: withActor(current.actors, 'reject', caller),
      });
      const after = await this.dto(manager, caller, updated);
      await this.audit.record(manager, {
        action: 'indicator.reject',
        entityType: 'indicator',
        entityId: id,
        before: { status: current.status },
        after,
      });
      return after;
    });
  }

  // ── suggestions while a target is written ─────────────────────────────────

  async suggestions(caller: Principal, projectId: string | undefined): Promise<IndicatorSuggestionsDto> {
    const manager = this.dataSource.manager;
    let org: OrganizationEntity | null = null;
    if (projectId) {
      const project = await manager.findOne(ProjectEntity, { where: { id: projectId }, relations: { organization: true } });
      if (!project) throw CommonErrors.NOT_FOUND();
      await this.scope.assertVisible(caller, project.organizationId);
      org = project.organization ?? null;
    } else if (caller.organizationId) {
      // No project named: the caller's own organization's sector.
      org = await manager.findOne(OrganizationEntity, { where: { id: caller.organizationId } });
    }
    const parent = org?.parentId ? await manager.findOne(OrganizationEntity, { where: { id: org.parentId } }) : null;
    const sectors = [...new Set([org?.sector, parent?.sector, 'general'].filter((s): s is Sector => Boolean(s)))];

    const rows = await this.categoryRows(manager);
    const categoryIds = rows.filter((r) => sectors.includes(r.sector as Sector)).map((r) => r.id);
    const indicators = categoryIds.length
      ? await manager.find(IndicatorEntity, { where: { status: 'active', categoryId: In(categoryIds) } })
      : [];
    const ctx = await this.dtoContext(manager, caller, indicators, rows);
    const sectorRank = (i: IndicatorEntity) => sectors.indexOf((ctx.categories.get(i.categoryId)?.sector ?? 'general') as Sector);
    indicators.sort(
      (a, b) =>
        sectorRank(a) - sectorRank(b) ||
        (ctx.usage.get(b.id) ?? 0) - (ctx.usage.get(a.id) ?? 0) ||
        Number(b.isCore) - Number(a.isCore) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
    const top = indicators.slice(0, SUGGESTION_LIMIT);
    const used = await this.usedValues(
      manager,
      top.map((i) => i.id),
      projectId ?? null,
      sectors,
    );
    return {
      projectId: projectId ?? null,
      sectors,
      items: top.map((i) => ({ ...this.toDto(i, ctx), usedValues: used.get(i.id) ?? [] })),
    };
  }

  /** Values that other projects of the same sectors used for each library indicator, most used first. */
  private async usedValues(
    manager: EntityManager,
    ids: string[],
    projectId: string | null,
    sectors: string[],
  ): Promise<Map<string, UsedValueDto[]>> {
    const out = new Map<string, UsedValueDto[]>();
    if (!ids.length) return out;
    const rows: { id: string; comparison: UsedValueDto['comparison']; value: string | null; unit: string | null; n: number }[] =
      await manager.query(
        `SELECT ti.library_indicator_id AS id, ti.comparison, ti.value, ti.unit, count(*)::int AS n
           FROM target_indicators ti
           JOIN targets t ON t.id = ti.target_id
           JOIN projects p ON p.id = t.project_id
           JOIN organizations o ON o.id = p.organization_id
           LEFT JOIN organizations po ON po.id = o.parent_id
          WHERE ti.library_indicator_id = ANY($1::uuid[]) AND p.id IS DISTINCT FROM $2::uuid AND COALESCE(o.sector, po.sector) = ANY($3::text[])
          GROUP BY ti.library_indicator_id, ti.comparison, ti.value, ti.unit
          ORDER BY n DESC, ti.value`,
        [ids, projectId, sectors],
      );
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), { comparison: r.comparison, value: r.value, unit: r.unit, count: r.n }]);
    return out;
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  private fields(dto: IndicatorFieldsDto): Partial<IndicatorEntity> {
    return {
      categoryId: dto.categoryId,
      level1: dto.level1,
      level2: dto.level2,
      name: dto.name,
      comparison: dto.comparison,
      value: dto.value ?? null,
      unit: dto.comparison === 'qualitative' ? null : (dto.unit ?? null),
      standardSource: dto.standardSource,
      note: dto.note ?? null,
    };
  }

  /** The category exists and is a level node; the N4 definition is consistent. */
  private async assertDefinition(manager: EntityManager, dto: IndicatorFieldsDto): Promise<void> {
    const category = await manager.findOne(IndicatorCategoryEntity, { where: { id: dto.categoryId } });
    if (!category) throw CommonErrors.REFERENCE_INVALID({ detail: 'categoryId' });
    if (category.level !== 'level') throw IndicatorErrors.CATEGORY_NOT_A_LEVEL();
    const issues = checkIndicatorDefinition({ ...dto, value: dto.value ?? null, unit: dto.unit ?? null });
    if (issues.length) throw CommonErrors.VALIDATION_FAILED({ errors: issues.map((i) => fieldError(i.field, i.code, i.zh, i.en)) });
  }

  /** No second active or pending indicator of the same name in a category. */
  private async assertNameFree(manager: EntityManager, categoryId: string, name: string, exceptId?: string): Promise<void> {
    const qb = manager
      .createQueryBuilder(IndicatorEntity, 'i')
      .where('i.categoryId = :categoryId AND i.name = :name AND i.status IN (:...statuses)', {
        categoryId,
        name,
        statuses: ['active', 'proposed'],
      });
    if (exceptId) qb.andWhere('i.id <> :exceptId', { exceptId });
    if (await qb.getExists()) throw IndicatorErrors.INDICATOR_NAME_TAKEN();
  }

  private async assertCategoryNameFree(manager: EntityManager, parentId: string | null, name: string): Promise<void> {
    const taken = await manager.exists(IndicatorCategoryEntity, { where: { parentId: parentId ?? IsNull(), name } });
    if (taken) throw IndicatorErrors.CATEGORY_NAME_TAKEN();
  }

  private async categoryRows(manager: EntityManager): Promise<CategoryRow[]> {
    return (await manager.find(IndicatorCategoryEntity)).map(categoryRow);
  }

  private async findCategory(manager: EntityManager, id: string): Promise<IndicatorCategoryEntity> {
    const row = await manager.findOne(IndicatorCategoryEntity, { where: { id } });
    if (!row) throw CommonErrors.NOT_FOUND();
    return row;
  }

  private async find(manager: EntityManager, id: string): Promise<IndicatorEntity> {
    const row = await manager.findOne(IndicatorEntity, { where: { id } });
    if (!row) throw CommonErrors.NOT_FOUND();
    return row;
  }

  private toCategoryDto(c: IndicatorCategoryEntity): IndicatorCategoryDto {
    return {
      id: c.id,
      parentId: c.parentId,
      level: c.level,
      name: c.name,
      sector: c.sector as Sector,
      indicatorCount: 0,
      version: c.version,
      children: [],
    };
  }

  private async dto(manager: EntityManager, caller: Principal, row: IndicatorEntity): Promise<IndicatorDto> {
    return this.toDto(row, await this.dtoContext(manager, caller, [row]));
  }

  /** What the answers need besides the rows; `read` the uses, names and actors a caller read in its own statement (`proposal`). */
  private async dtoContext(
    manager: EntityManager,
    caller: Principal,
    rows: IndicatorEntity[],
    categories?: CategoryRow[],
    read?: Pick<DtoContext, 'usage' | 'orgNames' | 'actorNames'>,
  ): Promise<DtoContext> {
    const cats = categories ?? (await this.categoryRows(manager));
    if (read) {
      const visible = await this.scope.visibleOrganizationIds(caller, manager);
      return { categories: new Map(cats.map((c) => [c.id, c])), paths: categoryPaths(cats), visible, caller, ...read };
    }
    const ids = rows.map((r) => r.id);
    const usage: { id: string; n: number }[] = ids.length
      ? await manager.query(
          `SELECT library_indicator_id AS id, count(*)::int AS n FROM target_indicators
            WHERE library_indicator_id = ANY($1::uuid[]) GROUP BY library_indicator_id`,
          [ids],
        )
      : [];
    const orgIds = [...new Set(rows.map((r) => r.proposedByOrganizationId).filter((x): x is string => Boolean(x)))];
    const orgs = orgIds.length ? await manager.find(OrganizationEntity, { where: { id: In(orgIds) } }) : [];
    return {
      categories: new Map(cats.map((c) => [c.id, c])),
      paths: categoryPaths(cats),
      usage: new Map(usage.map((u) => [u.id, u.n])),
      orgNames: new Map(orgs.map((o) => [o.id, o.name])),
      visible: await this.scope.visibleOrganizationIds(caller, manager),
      caller,
      actorNames: await actorNames(
        manager,
        rows.map((r) => r.actors?.propose),
      ),
    };
  }

  /** The proposer is shown only to callers who may see that organization. */
  private toDto(i: IndicatorEntity, ctx: DtoContext): IndicatorDto {
    const proposer = i.proposedByOrganizationId;
    const showProposer = proposer !== null && (ctx.visible === null || ctx.visible.includes(proposer));
    return {
      id: i.id,
      categoryId: i.categoryId,
      categoryPath: ctx.paths.get(i.categoryId) ?? [],
      sector: (ctx.categories.get(i.categoryId)?.sector ?? 'general') as Sector,
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      comparison: i.comparison,
      value: i.value,
      unit: i.unit,
      standardSource: i.standardSource,
      note: i.note,
      isCore: i.isCore,
      status: i.status,
      organizationId: showProposer ? proposer : null,
      organizationName: showProposer ? (ctx.orgNames.get(proposer) ?? null) : null,
      reviewComment: showProposer || proposer === null ? i.reviewComment : null,
      proposedById: showProposer ? (i.actors?.propose ?? null) : null,
      proposedByName: showProposer && i.actors?.propose ? (ctx.actorNames.get(i.actors.propose) ?? null) : null,
      actions:
        proposer === null
          ? []
          : permittedActions(PROPOSAL_WORKFLOW, i.status, PROPOSAL_ACTION_RULES, ctx.caller, {
              organizationId: proposer,
              actors: i.actors,
            }),
      usageCount: ctx.usage.get(i.id) ?? 0,
      version: i.version,
      createdAt: i.createdAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
    };
  }
}
