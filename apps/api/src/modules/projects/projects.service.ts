import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { GateResult, ListResult } from '@jixiao/contracts';
import { canBeKey, KEY_ELIGIBLE_KINDS, keyBasisOf, normalizeMoney, storedGateJsonSql, type PolicyProfileValues } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { paginate } from '../../common/list/paginate';
import type { JsonFields } from '../../common/list/json-items';
import { DataScope, subtreeIdsSql } from '../../common/scope/data-scope.service';
import { childrenFrom, childrenSql } from '../../common/list/children';
import { readOne } from '../../common/scope/read-one';
import { updateVersioned } from '../../database/versioned-update';
import { storedGate, storedGates } from '../budget-gate/budget-gate.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { projectSearchWhere } from './project-search.sql';
import { noProfileFieldError } from '../policy-profiles/policy-profiles.errors';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { ProjectEntity } from './entities/project.entity';
import { ProjectFundSourceEntity } from './entities/project-fund-source.entity';
import { CreateProjectDto, ProjectDto, ProjectFilterDto, ProjectListQueryDto, SetKeyBasisDto, UpdateProjectDto } from './dto/project.dto';
import { ProjectErrors } from './projects.errors';
import { normalizeFundSources, projectRuleIssues } from './project-rules';
import { storedFundSourcesSql } from './fund-sources-stored.sql';
import { storedOrganizationNameSql } from './organization-name-stored.sql';

/** Organization kinds that own projects. */
export const PROJECT_OWNER_KINDS = ['department', 'unit', 'town'];

/** The key-list threshold of each project's year, read from the policy profile (SQL). */
const THRESHOLD_SQL = (alias: string) =>
  `(SELECT (pp."values"->'keyProjects'->>'amountThreshold')::numeric FROM policy_profiles pp WHERE pp.year = ${alias}.year)`;

/**
 * `keyBasisOf` (libs/domain) as SQL on projects aliased `alias`: an eligible kind (KEY_ELIGIBLE_KINDS),
 * and a hand-set basis or a budget at or above the year's threshold. Parameters `keyKinds`.
 */
export const KEY_PROJECT_SQL = (alias: string) =>
  `(${alias}.kind IN (:...keyKinds) AND (${alias}.manual_key_basis IS NOT NULL OR ${alias}.budget_amount >= ${THRESHOLD_SQL(alias)}))`;

/** The name of a list project's (`p`) organization, for both of the list's paths. */
const PROJECT_ORGANIZATION_NAME_SQL = 'SELECT o.name FROM organizations o WHERE o.id = p.organization_id';

/**
 * ProjectDto as PostgreSQL writes it for the list, but for its key basis (json-items.ts; `keyBasisOf`
 * with the year's cached profile, joined on in Node); equal to `toDto` (checked under jest).
 */
const PROJECT_JSON: JsonFields = {
  id: 'p.id',
  year: 'p.year',
  code: 'p.code',
  name: 'p.name',
  kind: 'p.kind',
  organizationId: 'p.organizationId',
  organizationName: { sql: `coalesce(${storedOrganizationNameSql('p')}, '')` },
  budgetAmount: 'p.budgetAmount',
  fundSources: { sql: storedFundSourcesSql('p') },
  isNew: 'p.isNew',
  isMajor: 'p.isMajor',
  isCapitalConstruction: 'p.isCapitalConstruction',
  isLivelihood: 'p.isLivelihood',
  publicAttention: 'p.publicAttention',
  managementChainLevels: 'p.managementChainLevels',
  lastYearExecutionRate: 'p.lastYearExecutionRate',
  inDisclosureScope: 'p.inDisclosureScope',
  startYear: 'p.startYear',
  endYear: 'p.endYear',
  manualKeyBasis: 'p.manualKeyBasis',
  manualKeyReason: 'p.manualKeyReason',
  lastKeyEvaluationYear: 'p.latestKeyEvaluationYear',
  gate: { sql: storedGateJsonSql('p.gate_status', 'p.gate_reasons') },
  version: 'p.version',
  createdAt: 'p.createdAt',
  updatedAt: 'p.updatedAt',
};

@Injectable()
export class ProjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
  ) {}

  /** A query over projects with the caller's scope and the list filters applied (used by the list and the export). */
  async filteredQuery(
    caller: Principal,
    filter: ProjectFilterDto,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SelectQueryBuilder<ProjectEntity>> {
    const qb = manager.getRepository(ProjectEntity).createQueryBuilder('p');
    await this.scope.applyTo(qb, 'p.organizationId', caller);
    if (filter.year !== undefined) qb.andWhere('p.year = :year', { year: filter.year });
    if (filter.organizationId) {
      // the organization and everything under it, read in the list's statement
      qb.andWhere(`p.organizationId = ANY(${subtreeIdsSql('CAST(:filterOrg AS uuid)')}::uuid[])`, { filterOrg: filter.organizationId });
    }
    if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
    if (filter.q) qb.andWhere(...projectSearchWhere('p', filter.q));
    if (filter.keyOnly) qb.andWhere(KEY_PROJECT_SQL('p'), { keyKinds: [...KEY_ELIGIBLE_KINDS] });
    if (filter.gateStatus) qb.andWhere('p.gateStatus = :gateStatus', { gateStatus: filter.gateStatus });
    return qb;
  }

  async list(caller: Principal, query: ProjectListQueryDto): Promise<ListResult<ProjectDto>> {
    const qb = await this.filteredQuery(caller, query);
    return paginate(qb, query, {
      sortable: {
        code: 'p.code',
        name: 'p.name',
        year: 'p.year',
        kind: 'p.kind',
        budgetAmount: 'p.budgetAmount',
        createdAt: 'p.createdAt',
        updatedAt: 'p.updatedAt',
      },
      defaultSort: 'code',
      // names and fund sources in the page statement; the gate is the project's own (stored) columns
      columns: {
        organizationName: PROJECT_ORGANIZATION_NAME_SQL,
        fundSources: childrenSql(this.dataSource, ProjectFundSourceEntity, 'projectId', 'p.id'),
      },
      map: (p, columns) => ({
        project: p,
        organizationName: (columns.organizationName as string | null) ?? '',
        fundSources: childrenFrom(this.dataSource, ProjectFundSourceEntity, columns.fundSources),
      }),
      finish: async (items) => {
        const profiles = await this.profilesFor(items.map((i) => i.project.year));
        return items.map((i) =>
          toDto(i.project, i.organizationName, i.fundSources, storedGate(i.project.gateStatus, i.project.gateReasons), profiles),
        );
      },
      json: PROJECT_JSON,
      jsonPlus: {
        columns: { year: 'p.year', kind: 'p.kind', budgetAmount: 'p.budget_amount::text', manualKeyBasis: 'p.manual_key_basis' },
        add: async (rows) => {
          const profiles = await this.profilesFor(rows.map((r) => r.year as number));
          return rows.map((r) => ({ keyBasis: keyBasisOf(r as Parameters<typeof keyBasisOf>[0], profiles.get(r.year)) }));
        },
      },
    });
  }

  async get(caller: Principal, id: string): Promise<ProjectDto> {
    // one statement: the project with what its page shows from other tables, stored on it and kept by the writes that
    // change it (its gate, its fund sources' JSON, its organization's name) — the list's item reads the same columns
    // (with the caller's credential and the route's owner check: readOne, common/scope/read-one.ts)
    const project = (
      await readOne(
        this.dataSource
          .getRepository(ProjectEntity)
          .createQueryBuilder('p')
          .addSelect(['p.fundSourcesJson', 'p.organizationName'])
          .where('p.id = :id', { id }),
      )
    )?.entity;
    if (!project) throw CommonErrors.NOT_FOUND();
    await this.scope.assertVisible(caller, project.organizationId);
    const profiles = await this.profilesFor([project.year]);
    return toDto(
      project,
      project.organizationName ?? '',
      // written from project_fund_sources by its triggers: sources of FundSource
      project.fundSourcesJson as Pick<ProjectFundSourceEntity, 'source' | 'amount'>[],
      storedGate(project.gateStatus, project.gateReasons),
      profiles,
    );
  }

  async create(caller: Principal, dto: CreateProjectDto): Promise<ProjectDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.scope.assertWritable(caller, dto.organizationId, manager);
      const org = await manager.findOne(OrganizationEntity, { where: { id: dto.organizationId } });
      if (!org) throw CommonErrors.REFERENCE_INVALID({ detail: 'organizationId' });
      this.assertOwnerKind(org);
      await this.profileOrInvalid(dto.year, manager);
      const fundSources = normalizeFundSources(dto.fundSources ?? []);
      const values = {
        budgetAmount: normalizeMoney(dto.budgetAmount),
        fundSources,
        startYear: dto.startYear ?? null,
        endYear: dto.endYear ?? null,
      };
      this.assertRules(values);
      if (await manager.exists(ProjectEntity, { where: { year: dto.year, code: dto.code } })) throw ProjectErrors.PROJECT_CODE_TAKEN();
      const saved = await manager.save(
        manager.create(ProjectEntity, {
          year: dto.year,
          code: dto.code,
          name: dto.name.trim(),
          kind: dto.kind,
          organizationId: dto.organizationId,
          budgetAmount: values.budgetAmount,
          isNew: dto.isNew,
          isMajor: dto.isMajor,
          isCapitalConstruction: dto.isCapitalConstruction,
          isLivelihood: dto.isLivelihood ?? false,
          publicAttention: dto.publicAttention ?? 'low',
          managementChainLevels: dto.managementChainLevels ?? null,
          lastYearExecutionRate: dto.lastYearExecutionRate ? normalizeMoney(dto.lastYearExecutionRate) : null,
          inDisclosureScope: dto.inDisclosureScope ?? false,
          startYear: values.startYear,
          endYear: values.endYear,
        }),
      );
      await this.replaceFundSources(manager, saved.id, fundSources);
      // Loaded again: the last key-evaluation year is computed by the database (a virtual column).
      const created = await manager.findOneOrFail(ProjectEntity, { where: { id: saved.id } });
      const after = (await this.toDtos([created], manager))[0];
      await this.audit.record(manager, { action: 'project.create', entityType: 'project', entityId: saved.id, after });
      return after;
    });
  }

  async update(caller: Principal, id: string, dto: UpdateProjectDto): Promise<ProjectDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(ProjectEntity, { where: { id } });
      if (!current) throw CommonErrors.NOT_FOUND();
      await this.scope.assertWritable(caller, current.organizationId, manager);
      const before = (await this.toDtos([current], manager))[0];
      const fundSources = dto.fundSources !== undefined ? normalizeFundSources(dto.fundSources) : before.fundSources;
      const values = {
        budgetAmount: dto.budgetAmount !== undefined ? normalizeMoney(dto.budgetAmount) : current.budgetAmount,
        fundSources,
        startYear: dto.startYear !== undefined ? dto.startYear : current.startYear,
        endYear: dto.endYear !== undefined ? dto.endYear : current.endYear,
      };
      this.assertRules(values);
      const changes: Partial<ProjectEntity> = {
        budgetAmount: values.budgetAmount,
        startYear: values.startYear,
        endYear: values.endYear,
      };
      if (dto.name !== undefined) changes.name = dto.name.trim();
      if (dto.kind !== undefined) changes.kind = dto.kind;
      for (const key of ['isNew', 'isMajor', 'isCapitalConstruction', 'isLivelihood', 'publicAttention', 'inDisclosureScope'] as const) {
        if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
      }
      if (dto.managementChainLevels !== undefined) changes.managementChainLevels = dto.managementChainLevels ?? null;
      if (dto.lastYearExecutionRate !== undefined)
        changes.lastYearExecutionRate = dto.lastYearExecutionRate ? normalizeMoney(dto.lastYearExecutionRate) : null;
      const updated = await updateVersioned(manager, ProjectEntity, id, dto.version, changes);
      if (dto.fundSources !== undefined) await this.replaceFundSources(manager, id, fundSources);
      const after = (await this.toDtos([updated], manager))[0];
      await this.audit.record(manager, { action: 'project.update', entityType: 'project', entityId: id, before, after });
      return after;
    });
  }

  async setKeyBasis(caller: Principal, id: string, dto: SetKeyBasisDto): Promise<ProjectDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(ProjectEntity, { where: { id } });
      if (!current) throw CommonErrors.NOT_FOUND();
      await this.scope.assertWritable(caller, current.organizationId, manager);
      const basis = dto.basis ?? null;
      if (basis && !canBeKey(current.kind)) {
        throw CommonErrors.VALIDATION_FAILED({
          errors: [
            fieldError(
              'basis',
              'notKeyEligible',
              '部门整体支出不列入重点项目清单',
              'A department’s overall expenditure is never on the key project list',
            ),
          ],
        });
      }
      const before = (await this.toDtos([current], manager))[0];
      const updated = await updateVersioned(manager, ProjectEntity, id, dto.version, {
        manualKeyBasis: basis,
        manualKeyReason: basis ? dto.reason.trim() : null,
      });
      const after = (await this.toDtos([updated], manager))[0];
      await this.audit.record(manager, {
        action: 'project.key_basis',
        entityType: 'project',
        entityId: id,
        before: { manualKeyBasis: before.manualKeyBasis, manualKeyReason: before.manualKeyReason, keyBasis: before.keyBasis },
        after: {
          manualKeyBasis: after.manualKeyBasis,
          manualKeyReason: after.manualKeyReason,
          keyBasis: after.keyBasis,
          reason: dto.reason,
        },
      });
      return after;
    });
  }

  async remove(caller: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(ProjectEntity, { where: { id } });
      if (!current) throw CommonErrors.NOT_FOUND();
      await this.scope.assertWritable(caller, current.organizationId, manager);
      const targets: unknown[] = await manager.query(`SELECT 1 FROM targets WHERE project_id = $1 LIMIT 1`, [id]);
      if (targets.length) throw ProjectErrors.PROJECT_HAS_TARGET();
      const before = (await this.toDtos([current], manager))[0];
      await manager.delete(ProjectEntity, { id });
      await this.audit.record(manager, { action: 'project.delete', entityType: 'project', entityId: id, before });
    });
  }

  /** Response DTOs for many projects: fund sources, organization names and gates in a few queries. */
  async toDtos(projects: ProjectEntity[], manager: EntityManager = this.dataSource.manager): Promise<ProjectDto[]> {
    if (!projects.length) return [];
    const ids = projects.map((p) => p.id);
    // One after another: inside a transaction the manager holds a single connection.
    const sources = await manager.createQueryBuilder(ProjectFundSourceEntity, 'f').where('f.projectId IN (:...ids)', { ids }).getMany();
    const orgs = await manager
      .createQueryBuilder(OrganizationEntity, 'o')
      .select(['o.id', 'o.name'])
      .where('o.id IN (:...orgIds)', { orgIds: [...new Set(projects.map((p) => p.organizationId))] })
      .getMany();
    // The stored gates, read again: a write's triggers may have just changed them in this transaction.
    const gates = await storedGates(ids, manager);
    const profiles = await this.profilesFor(
      projects.map((p) => p.year),
      manager,
    );
    const sourcesOf = new Map<string, ProjectFundSourceEntity[]>();
    for (const f of sources) {
      if (!sourcesOf.has(f.projectId)) sourcesOf.set(f.projectId, []);
      sourcesOf.get(f.projectId)!.push(f);
    }
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    return projects.map((p) => toDto(p, orgName.get(p.organizationId) ?? '', sourcesOf.get(p.id) ?? [], gates.get(p.id)!, profiles));
  }

  /** The policy profiles of the given years (a year without a profile is left out). */
  async profilesFor(years: number[], manager: EntityManager = this.dataSource.manager): Promise<Map<number, PolicyProfileValues>> {
    // a year without a profile is left out: AMOUNT cannot be derived for it
    return this.profiles.valuesForYears(years, manager);
  }

  private async profileOrInvalid(year: number, manager: EntityManager): Promise<PolicyProfileValues> {
    const profile = (await this.profilesFor([year], manager)).get(year);
    if (!profile) {
      throw CommonErrors.VALIDATION_FAILED({
        errors: [noProfileFieldError('year', year)],
      });
    }
    return profile;
  }

  private assertOwnerKind(org: OrganizationEntity): void {
    if (!PROJECT_OWNER_KINDS.includes(org.kind)) {
      throw CommonErrors.VALIDATION_FAILED({
        errors: [
          fieldError(
            'organizationId',
            'organizationKind',
            '项目只能属于部门、单位或镇',
            'A project belongs to a department, a unit or a town',
          ),
        ],
      });
    }
  }

  private assertRules(values: Parameters<typeof projectRuleIssues>[0]): void {
    const issues = projectRuleIssues(values);
    if (issues.length) throw CommonErrors.VALIDATION_FAILED({ errors: issues });
  }

  private async replaceFundSources(manager: EntityManager, projectId: string, list: { source: string; amount: string }[]): Promise<void> {
    await manager.delete(ProjectFundSourceEntity, { projectId });
    if (list.length) {
      await manager.insert(
        ProjectFundSourceEntity,
        list.map((f) => ({ projectId, source: f.source as ProjectFundSourceEntity['source'], amount: f.amount })),
      );
    }
  }
}

/** A project's response DTO from the project, its organization's name, its fund sources, its gate and the profiles of its year. */
function toDto(
  p: ProjectEntity,
  organizationName: string,
  fundSources: readonly Pick<ProjectFundSourceEntity, 'source' | 'amount'>[],
  gate: GateResult,
  profiles: Map<number, PolicyProfileValues>,
): ProjectDto {
  return {
    id: p.id,
    year: p.year,
    code: p.code,
    name: p.name,
    kind: p.kind,
    organizationId: p.organizationId,
    organizationName,
    budgetAmount: p.budgetAmount,
    fundSources: normalizeFundSources(fundSources.map((f) => ({ source: f.source, amount: f.amount }))) as ProjectDto['fundSources'],
    isNew: p.isNew,
    isMajor: p.isMajor,
    isCapitalConstruction: p.isCapitalConstruction,
    isLivelihood: p.isLivelihood,
    publicAttention: p.publicAttention,
    managementChainLevels: p.managementChainLevels,
    lastYearExecutionRate: p.lastYearExecutionRate,
    inDisclosureScope: p.inDisclosureScope,
    startYear: p.startYear,
    endYear: p.endYear,
    keyBasis: keyBasisOf(p, profiles.get(p.year)),
    manualKeyBasis: p.manualKeyBasis,
    manualKeyReason: p.manualKeyReason,
    lastKeyEvaluationYear: p.latestKeyEvaluationYear,
    gate,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
