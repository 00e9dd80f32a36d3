import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { Permission, type Comparison, type EvaluationKind, type IndicatorLevel1, type ListResult, type Sector } from '@jixiao/contracts';
import {
  defineActionRules,
  evaluationDue,
  executionRate,
  keyBasisOf,
  mayTakeAction,
  normalizeMoney,
  selfEvaluationScore,
  templateFor,
  templateScore,
  type PolicyProfileValues,
} from '@jixiao/domain';
import type { Assignee } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { projectSearchWhere } from '../projects/project-search.sql';
import { actorNamesJsonSql, namesFromColumns, namesFromJson } from '../../common/audit/actor-names';
import { CHILD, childrenFrom, childrenSql, rowsSql } from '../../common/list/children';
import { paginate, sqlPageWithHead } from '../../common/list/paginate';
import { pageRunner } from '../../common/list/read-page';
import { isoSql, type JsonFields } from '../../common/list/json-items';
import { DataScope } from '../../common/scope/data-scope.service';
import { readOne } from '../../common/scope/read-one';
import { assertSegregated, withActor } from '../../common/workflow/segregation';
import { updateVersioned } from '../../database/versioned-update';
import { EvaluationRecordsService } from '../evaluation-records/evaluation-records.service';
import { StoredFileEntity } from '../files/entities/stored-file.entity';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { ProjectEntity } from '../projects/entities/project.entity';
import { SettingsService } from '../settings/settings.service';
import { TargetEntity } from '../targets/entities/target.entity';
import { ProjectBudgetAdjustmentEntity } from '../trackings/entities/budget-adjustment.entity';
import { TrackingIndicatorReadingEntity } from '../trackings/entities/tracking-indicator-reading.entity';
import { TrackingEntity } from '../trackings/entities/tracking.entity';
import {
  CreateEvaluationDto,
  EvaluationCoverageDto,
  EvaluationCoverageQueryDto,
  EvaluationDetailDto,
  EvaluationDto,
  EvaluationListQueryDto,
  ReviewEvaluationDto,
  SaveEvaluationDto,
  VersionDto,
  type EvaluationCommissionFilter,
} from './dto/evaluation.dto';
import { commissionView, isBureau, mayCommission, mayGradeCommission } from './commission.view';
import { attachmentViews, mayAttach } from './evaluation-files.view';
import { EvaluationFileEntity } from './entities/evaluation-file.entity';
import { EvaluationCommissionEntity } from './entities/evaluation-commission.entity';
import { EvaluationFindingEntity } from './entities/evaluation-finding.entity';
import { EvaluationIndicatorEntity } from './entities/evaluation-indicator.entity';
import { EvaluationEntity } from './entities/evaluation.entity';
import { EvaluationErrors } from './evaluations.errors';

/**
 * N3 / R11: who may take which step. The department (or town) confirms its units' self-evaluations,
 * never whoever submitted them.
 */
export const EVALUATION_ACTION_RULES = defineActionRules('evaluation', {
  pre_review: { permission: Permission.EvaluationPreReview, notByActorOf: 'submit' },
});

/** An agency reaches the evaluations commissioned to its organization (R13); the guard and the list read the same column. */
export const EVALUATION_AGENCY_ASSIGNEE: Assignee = { column: 'agencyOrganizationId', match: 'organization' };

/**
 * R13 on a query of evaluations (alias `e`): `commissioned` — commissioned to an agency; `to_grade` —
 * completed by the agency and not yet graded, where the caller grades (the bureau, or the commissioning
 * party: `mayGradeCommission`). The list's filter and the workbench's count are this one condition.
 */
export function commissionFilter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  filter: EvaluationCommissionFilter,
  caller: Principal,
): SelectQueryBuilder<T> {
  if (filter === 'commissioned') return qb.andWhere(`${alias}.agencyOrganizationId IS NOT NULL`);
  const grader = isBureau(caller) ? '' : ' AND c.commissioning_organization_id = :commissioningOrg';
  return qb.andWhere(
    `${alias}.status = 'completed' AND EXISTS (SELECT 1 FROM evaluation_commissions c WHERE c.evaluation_id = ${alias}.id AND c.grade IS NULL${grader})`,
    { commissioningOrg: caller.organizationId },
  );
}

const evaluationRecord = (e: EvaluationEntity) => ({ organizationId: e.organizationId, actors: e.actors ?? {} });

/** What the evaluation's result looks like once computed (stored as `breakdown`). */
interface Computed {
  executionRate: string | null;
  score: string | null;
  grade: EvaluationEntity['grade'];
  breakdown: Record<string, unknown>;
  issues: { field: string; code: string; message: string; messageEn: string }[];
}

/**
 * Evaluations (绩效评价, R11–R14, N1–N3): the unit self-evaluation scored live from the approved
 * target and the year's actual values, reviewed by the department before it counts; department and
 * finance key evaluations scored on the profile's indicator systems. Every figure is computed by
 * the rules in libs/domain; weights and grades from the evaluated year's profile, deadlines from the
 * profile of the year the work is done in.
 */
/** EvaluationDto as PostgreSQL writes it for the list, but for its due date and actions (json-items.ts); equal to `toDto` (checked under jest). */
const EVALUATION_JSON: JsonFields = {
  id: 'e.id',
  kind: 'e.kind',
  projectId: 'e.projectId',
  projectCode: 'p.code',
  projectName: 'p.name',
  projectKind: 'p.kind',
  organizationId: 'e.organizationId',
  organizationName: { sql: `coalesce(o.name, '')` },
  year: 'e.year',
  workYear: 'e.workYear',
  status: 'e.status',
  score: 'e.score',
  grade: 'e.grade',
  executionRate: 'e.executionRate',
  agencyId: 'e.agencyOrganizationId',
  agencyName: { sql: `(SELECT ag.name FROM organizations ag WHERE ag.id = e.agency_organization_id)` },
  commissionGrade: {
    sql: `CASE WHEN e.agency_organization_id IS NOT NULL THEN (SELECT c.grade FROM evaluation_commissions c WHERE c.evaluation_id = e.id) END`,
  },
  savedAt: 'e.savedAt',
  submittedAt: 'e.submittedAt',
  completedAt: 'e.completedAt',
  version: 'e.version',
  createdAt: 'e.createdAt',
};

/** Due dates by (frozen, cached) policy profile, then kind, evaluated year and sector: a page reads its rows' due dates without building the year's calendar again. */
const duesByProfile = new WeakMap<PolicyProfileValues, Map<string, EvaluationDto['due']>>();

/** What the evaluation's detail read in its own statement (`get`), for `detail`. */
interface DetailRead {
  adjustedBudget: string | null;
  findings: EvaluationFindingEntity[];
  commission: EvaluationCommissionEntity | null;
  organizationNames: Map<string, string>;
  attachments: EvaluationFileEntity[];
  files: ReadonlyMap<string, StoredFileEntity>;
  actorNames: Map<string, string>;
  spotCheck: EvaluationDetailDto['spotCheck'];
}

/** The verdict of the last concluded spot check that sampled a self-evaluation, as `SPOT_CHECK_SQL` writes it. */
interface SpotCheckRow {
  id: string;
  verdict: 'adequate' | 'deficient';
  findings: string | null;
  concludedAt: string;
}

/**
 * The last concluded spot check that sampled the evaluation `evaluationIdSql` (nothing while one is
 * still open), as one JSON object (`SpotCheckRow`), NULL when none: read by the detail's statement
 * and, after a write, on its own.
 */
const SPOT_CHECK_SQL = (evaluationIdSql: string) => `(SELECT json_build_object('id', s.id, 'verdict', si.verdict, 'findings', si.findings,
      'concludedAt', ${isoSql('s.concluded_at')})
     FROM evaluation_spot_check_items si JOIN evaluation_spot_checks s ON s.id = si.spot_check_id
    WHERE si.evaluation_id = ${evaluationIdSql} AND s.status = 'concluded' AND s.concluded_at IS NOT NULL
    ORDER BY s.concluded_at DESC LIMIT 1)`;

function spotCheckDto(row: SpotCheckRow): NonNullable<EvaluationDetailDto['spotCheck']> {
  return { spotCheckId: row.id, verdict: row.verdict, findings: row.findings, concludedAt: row.concludedAt };
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
    private readonly settings: SettingsService,
    private readonly records: EvaluationRecordsService,
  ) {}

  async list(caller: Principal, query: EvaluationListQueryDto): Promise<ListResult<EvaluationDto>> {
    const qb = this.dataSource
      .getRepository(EvaluationEntity)
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.project', 'p')
      .leftJoinAndSelect('p.organization', 'o');
    await this.scope.applyTo(qb, 'e.organizationId', caller, { ...EVALUATION_AGENCY_ASSIGNEE, column: 'e.agencyOrganizationId' });
    if (query.year) qb.andWhere('e.year = :year', { year: query.year });
    if (query.kind) qb.andWhere('e.kind = :kind', { kind: query.kind });
    if (query.status === 'in_progress') qb.andWhere(`e.status IN ('draft', 'returned')`);
    else if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.organizationId) qb.andWhere('(e.organizationId = :org OR o.parentId = :org)', { org: query.organizationId });
    if (query.commission) commissionFilter(qb, 'e', query.commission, caller);
    if (query.q) qb.andWhere(...projectSearchWhere('p', query.q, qb.alias));
    // the agency's name and the commission read in the page statement
    return paginate(qb, query, {
      sortable: { createdAt: 'e.createdAt', score: 'e.score', projectCode: 'e.projectCode', year: 'e.year', status: 'e.status' },
      defaultSort: '-createdAt,projectCode',
      columns: {
        agencyName: 'SELECT ag.name FROM organizations ag WHERE ag.id = e.agency_organization_id',
        commission: childrenSql(this.dataSource, EvaluationCommissionEntity, 'evaluationId', 'e.id'),
      },
      map: (row, columns) => ({ row, columns }),
      finish: async (rows) => {
        const dues = this.pageDues();
        const agencyNames = namesFromColumns(rows.map(({ row, columns }) => [row.agencyOrganizationId, columns.agencyName]));
        const commissions = new Map(
          rows.flatMap(({ row, columns }) => {
            const [commission] = row.agencyOrganizationId
              ? childrenFrom(this.dataSource, EvaluationCommissionEntity, columns.commission)
              : [];
            return commission ? [[row.id, commission] as const] : [];
          }),
        );
        const items: EvaluationDto[] = [];
        for (const e of rows.map((i) => i.row)) {
          const due = await dues(e.kind, e.year, e.workYear, e.project?.organization?.sector ?? null);
          items.push(this.toDto(e, caller, due, agencyNames, commissions.get(e.id) ?? null));
        }
        return items;
      },
      json: EVALUATION_JSON,
      // the due date (a rule with the work year's profile) and the caller's actions, made from the row's state
      jsonPlus: {
        columns: {
          kind: 'e.kind',
          year: 'e.year',
          workYear: 'e.work_year',
          status: 'e.status',
          organizationId: 'e.organization_id',
          agencyOrganizationId: 'e.agency_organization_id',
          actors: 'e.actors',
          sector: 'o.sector',
          commissioningOrganizationId: `CASE WHEN e.agency_organization_id IS NOT NULL THEN
              (SELECT c.commissioning_organization_id FROM evaluation_commissions c WHERE c.evaluation_id = e.id) END`,
        },
        add: async (rows) => {
          const dues = this.pageDues();
          const extras: Record<string, unknown>[] = [];
          for (const r of rows) {
            const due = await dues(r.kind, r.year, r.workYear, r.sector);
            const state = r as Pick<EvaluationEntity, 'kind' | 'status' | 'organizationId' | 'agencyOrganizationId' | 'actors'>;
            const commission = r.commissioningOrganizationId
              ? ({ commissioningOrganizationId: r.commissioningOrganizationId } as EvaluationCommissionEntity)
              : null;
            extras.push({ due, actions: this.actionsOf(state as EvaluationEntity, caller, commission) });
          }
          return extras;
        },
      },
    });
  }

  /**
   * The evaluation's page in one statement (readOne, common/scope/read-one.ts: with the caller's
   * credential and the route's owner check): the evaluation with its project and organization joined,
   * and its indicators, findings, commission, attachments with their files and attachers' names, the
   * organizations' names, the project's last budget adjustment and the last concluded spot check
   * aggregated into it — as `find` and `detail` would read them in up to ten.
   */
  async get(caller: Principal, id: string): Promise<EvaluationDetailDto> {
    const ds = this.dataSource;
    const read = await readOne(
      ds
        .getRepository(EvaluationEntity)
        .createQueryBuilder('e')
        .leftJoinAndSelect('e.project', 'p')
        .leftJoinAndSelect('p.organization', 'o')
        .addSelect(`(${childrenSql(ds, EvaluationIndicatorEntity, 'evaluationId', 'e.id')})`, 'lx_indicators')
        .addSelect(`(${childrenSql(ds, EvaluationFindingEntity, 'evaluationId', 'e.id', ['sortOrder'])})`, 'lx_findings')
        .addSelect(`(${childrenSql(ds, EvaluationCommissionEntity, 'evaluationId', 'e.id')})`, 'lx_commission')
        .addSelect(`(${childrenSql(ds, EvaluationFileEntity, 'evaluationId', 'e.id', ['createdAt'])})`, 'lx_attachments')
        .addSelect(
          `(${rowsSql(
            ds,
            StoredFileEntity,
            `${CHILD}.id IN (SELECT ef.file_id FROM evaluation_commission_files ef WHERE ef.evaluation_id = e.id
                             UNION ALL SELECT ec.declaration_file_id FROM evaluation_commissions ec WHERE ec.evaluation_id = e.id)`,
          )})`,
          'lx_files',
        )
        .addSelect(
          actorNamesJsonSql(`SELECT ea.attached_by_id FROM evaluation_commission_files ea WHERE ea.evaluation_id = e.id`),
          'lx_names',
        )
        .addSelect(
          `(SELECT coalesce(json_object_agg(n.id, n.name), '{}'::json) FROM organizations n
             WHERE n.id = e.agency_organization_id
                OR n.id IN (SELECT en.commissioning_organization_id FROM evaluation_commissions en WHERE en.evaluation_id = e.id))`,
          'lx_organization_names',
        )
        .addSelect(
          `(SELECT ab.amount::text FROM project_budget_adjustments ab WHERE ab.project_id = e.project_id
             ORDER BY ab.approved_on DESC, ab.created_at DESC LIMIT 1)`,
          'lx_adjusted_budget',
        )
        .addSelect(`(${SPOT_CHECK_SQL('e.id')})`, 'lx_spot_check')
        .where('e.id = :id', { id }),
    );
    if (!read) throw CommonErrors.NOT_FOUND();
    const evaluation = read.entity;
    await this.assertReadable(caller, evaluation);
    evaluation.indicators = childrenFrom(ds, EvaluationIndicatorEntity, read.raw.lx_indicators);
    const files = childrenFrom(ds, StoredFileEntity, read.raw.lx_files);
    const spotCheck = read.raw.lx_spot_check as SpotCheckRow | null;
    return this.detail(ds.manager, evaluation, caller, {
      adjustedBudget: (read.raw.lx_adjusted_budget as string | null) ?? null,
      findings: childrenFrom(ds, EvaluationFindingEntity, read.raw.lx_findings),
      commission: evaluation.agencyOrganizationId
        ? (childrenFrom(ds, EvaluationCommissionEntity, read.raw.lx_commission)[0] ?? null)
        : null,
      organizationNames: namesFromJson(read.raw.lx_organization_names),
      attachments: childrenFrom(ds, EvaluationFileEntity, read.raw.lx_attachments),
      files: new Map(files.map((f) => [f.id, f])),
      actorNames: namesFromJson(read.raw.lx_names),
      spotCheck: spotCheck ? spotCheckDto(spotCheck) : null,
    });
  }

  /** N3: starts an evaluation of a project, policy or department overall expenditure, pre-filled from its target and last tracking. */
  async create(caller: Principal, projectId: string, dto: CreateEvaluationDto): Promise<EvaluationDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const id = await this.start(manager, caller, projectId, dto.kind);
      return this.detail(manager, await this.find(manager, id), caller);
    });
  }

  /** The one way an evaluation begins (a request, or the bureau's R14 selection): checks, pre-fills, scores, audits; returns its id. */
  async start(manager: EntityManager, caller: Principal, projectId: string, kind: EvaluationKind): Promise<string> {
    const project = await manager.findOne(ProjectEntity, { where: { id: projectId }, relations: { organization: true } });
    if (!project) throw CommonErrors.NOT_FOUND();
    await this.scope.assertVisible(caller, project.organizationId, manager);
    await this.scope.assertWritable(caller, project.organizationId, manager);
    if (kind === 'finance_key' && (caller.dataScope !== 'all' || !caller.permissions.has(Permission.EvaluationReview))) {
      throw EvaluationErrors.EVALUATION_FINANCE_KEY_BY_BUREAU();
    }
    const profile = await this.profiles.valuesFor(project.year, manager);
    if (kind === 'department' && keyBasisOf(project, profile) === null) throw EvaluationErrors.EVALUATION_NOT_KEY_PROJECT();
    const target = await manager.findOne(TargetEntity, { where: { projectId }, relations: { indicators: true } });
    if (!target || target.status !== 'approved') {
      throw EvaluationErrors.EVALUATION_TARGET_NOT_APPROVED({ extra: { targetStatus: target?.status ?? null } });
    }
    const existing = await manager.findOne(EvaluationEntity, { where: { projectId, kind: kind } });
    if (existing) throw EvaluationErrors.EVALUATION_EXISTS({ extra: { id: existing.id } });

    // Pre-filled from the last tracking: the executed amount and the values read so far.
    const last = await manager.findOne(TrackingEntity, { where: { projectId }, order: { asOf: 'DESC', createdAt: 'DESC' } });
    const readings = last ? await manager.find(TrackingIndicatorReadingEntity, { where: { trackingId: last.id } }) : [];
    const readingOf = new Map(readings.map((r) => [r.targetIndicatorId, r]));

    const saved = await manager.save(
      manager.create(EvaluationEntity, {
        kind: kind,
        projectId,
        organizationId: project.organizationId,
        year: project.year,
        workYear: project.year + 1,
        status: 'draft',
        executedAmount: last ? normalizeMoney(last.executedAmount) : null,
        actors: withActor({}, 'create', caller),
      }),
    );
    const indicators = [...(target.indicators ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
    if (indicators.length) {
      await manager.insert(
        EvaluationIndicatorEntity,
        indicators.map((i) => ({
          evaluationId: saved.id,
          targetIndicatorId: i.id,
          sortOrder: i.sortOrder,
          indicator: {
            name: i.name,
            level1: i.level1,
            level2: i.level2 ?? null,
            comparison: i.comparison,
            value: i.value,
            unit: i.unit,
            weight: i.weight === null || i.weight === undefined ? null : String(i.weight),
          },
          actual: readingOf.get(i.id)?.valueSoFar ?? null,
          band: readingOf.get(i.id)?.band ?? null,
          explanation: null,
        })),
      );
    }
    const evaluation = await this.find(manager, saved.id);
    const computed = await this.compute(manager, evaluation, profile);
    await manager.update(EvaluationEntity, { id: saved.id }, this.stored(computed));
    await this.audit.record(manager, {
      action: 'evaluation.create',
      entityType: 'evaluation',
      entityId: saved.id,
      after: { projectId, kind: kind, year: project.year, prefilledFromTracking: last?.id ?? null },
    });
    return saved.id;
  }

  /** Saves what was entered (only what is listed changes) and recomputes the score. */
  async save(caller: Principal, id: string, dto: SaveEvaluationDto): Promise<EvaluationDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const evaluation = await this.find(manager, id);
      await this.assertEditor(caller, evaluation, manager);
      if (evaluation.status !== 'draft' && evaluation.status !== 'returned') throw EvaluationErrors.EVALUATION_NOT_EDITABLE();
      if (evaluation.version !== dto.version) throw CommonErrors.VERSION_CONFLICT();
      const profile = await this.profiles.valuesFor(evaluation.year, manager);

      const byId = new Map((evaluation.indicators ?? []).map((i) => [i.targetIndicatorId, i]));
      const errors: ReturnType<typeof fieldError>[] = [];
      const seen = new Set<string>();
      (dto.indicators ?? []).forEach((input, index) => {
        const row = byId.get(input.targetIndicatorId);
        if (!row) throw EvaluationErrors.EVALUATION_INDICATOR_UNKNOWN({ extra: { targetIndicatorId: input.targetIndicatorId } });
        if (seen.has(input.targetIndicatorId)) {
          errors.push(
            fieldError(`indicators.${index}.targetIndicatorId`, 'DUPLICATE', '同一指标重复填报', 'the indicator is listed twice'),
          );
        }
        seen.add(input.targetIndicatorId);
        const qualitative = row.indicator.comparison === 'qualitative';
        if (qualitative && input.actual) {
          errors.push(
            fieldError(
              `indicators.${index}.actual`,
              'QUALITATIVE_HAS_BAND',
              '定性指标请选择完成档次',
              'a qualitative indicator is judged by a band',
            ),
          );
        }
        if (!qualitative && input.band) {
          errors.push(
            fieldError(
              `indicators.${index}.band`,
              'QUANTITATIVE_HAS_VALUE',
              '定量指标请填写实际值',
              'a quantitative indicator takes an actual value',
            ),
          );
        }
        if (input.band && !profile.monitoring.qualitativeBands.some((b) => b.code === input.band)) {
          errors.push(
            fieldError(`indicators.${index}.band`, 'UNKNOWN_BAND', '完成档次不在政策参数中', 'the band is not one of the profile’s bands'),
          );
        }
      });
      const template = evaluation.kind === 'self' ? null : templateFor(evaluation.project!.kind, profile);
      const itemCodes = new Set(template?.dimensions.flatMap((d) => d.items.map((i) => i.code)) ?? []);
      (dto.templateScores ?? []).forEach((s, index) => {
        if (!template) {
          errors.push(
            fieldError(
              `templateScores.${index}`,
              'NOT_A_TEMPLATE_EVALUATION',
              '单位自评按指标实际值计分，不按指标体系打分',
              'a self-evaluation is scored from actual values, not on an indicator system',
            ),
          );
        } else if (!itemCodes.has(s.code)) {
          errors.push(
            fieldError(
              `templateScores.${index}.code`,
              'UNKNOWN_ITEM',
              `指标体系中没有 ${s.code}`,
              `the indicator system has no item ${s.code}`,
            ),
          );
        }
      });
      if (errors.length) throw CommonErrors.VALIDATION_FAILED({ errors });

      for (const input of dto.indicators ?? []) {
        const row = byId.get(input.targetIndicatorId)!;
        await manager.update(
          EvaluationIndicatorEntity,
          { id: row.id },
          {
            ...(input.actual !== undefined ? { actual: input.actual } : {}),
            ...(input.band !== undefined ? { band: input.band } : {}),
            ...(input.explanation !== undefined ? { explanation: input.explanation?.trim() || null } : {}),
          },
        );
      }
      if (dto.findings) {
        await manager.delete(EvaluationFindingEntity, { evaluationId: id });
        if (dto.findings.length) {
          await manager.insert(
            EvaluationFindingEntity,
            dto.findings.map((f, i) => ({
              evaluationId: id,
              organizationId: evaluation.organizationId,
              sortOrder: i,
              finding: f.finding.trim(),
              basis: f.basis?.trim() || null,
              amount: f.amount ? normalizeMoney(f.amount) : null,
              suggestedMeasure: f.suggestedMeasure?.trim() || null,
            })),
          );
        }
      }
      const changes: Partial<EvaluationEntity> = {};
      if (dto.executedAmount !== undefined)
        changes.executedAmount = dto.executedAmount === null ? null : normalizeMoney(dto.executedAmount);
      if (dto.summary !== undefined) changes.summary = dto.summary?.trim() || null;
      if (dto.templateScores) {
        const scores = { ...(evaluation.templateScores ?? {}) };
        for (const s of dto.templateScores) {
          if (s.points === null || s.points === undefined || s.points === '') delete scores[s.code];
          else scores[s.code] = s.points;
        }
        changes.templateScores = scores;
      }
      const updated = await this.find(manager, id);
      Object.assign(updated, changes);
      const computed = await this.compute(manager, updated, profile);
      await updateVersioned(manager, EvaluationEntity, id, dto.version, { ...changes, ...this.stored(computed), savedAt: new Date() });
      await this.audit.record(manager, {
        action: 'evaluation.save',
        entityType: 'evaluation',
        entityId: id,
        after: {
          score: computed.score,
          grade: computed.grade,
          executedAmount: updated.executedAmount,
          indicators: dto.indicators?.length ?? 0,
        },
      });
      return this.detail(manager, await this.find(manager, id), caller);
    });
  }

  /**
   * Submits a complete evaluation. A unit's self-evaluation then waits for its department's (or
   * town's) review; a department's or town's own, and department and finance key evaluations, count at once.
   */
  async submit(caller: Principal, id: string, dto: VersionDto): Promise<EvaluationDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const evaluation = await this.find(manager, id);
      await this.assertEditor(caller, evaluation, manager);
      if (evaluation.status !== 'draft' && evaluation.status !== 'returned') throw EvaluationErrors.EVALUATION_NOT_EDITABLE();
      const profile = await this.profiles.valuesFor(evaluation.year, manager);
      const computed = await this.compute(manager, evaluation, profile);
      if (computed.issues.length) {
        throw EvaluationErrors.EVALUATION_INCOMPLETE({
          errors: computed.issues.map((i) => fieldError(i.field, i.code, i.message, i.messageEn)),
        });
      }
      const needsReview = evaluation.kind === 'self' && evaluation.project?.organization?.kind === 'unit';
      const now = new Date();
      await updateVersioned(manager, EvaluationEntity, id, dto.version, {
        ...this.stored(computed),
        status: needsReview ? 'submitted' : 'completed',
        // What is submitted is what was entered: a never-saved evaluation counts as saved by its submission.
        savedAt: evaluation.savedAt ?? now,
        submittedAt: now,
        completedAt: needsReview ? null : now,
        reviewComment: null,
        actors: withActor(evaluation.actors, 'submit', caller),
      });
      await this.audit.record(manager, {
        action: 'evaluation.submit',
        entityType: 'evaluation',
        entityId: id,
        after: { score: computed.score, grade: computed.grade, status: needsReview ? 'submitted' : 'completed' },
      });
      const saved = await this.find(manager, id);
      if (!needsReview) await this.recordFinished(manager, saved, caller);
      return this.detail(manager, saved, caller);
    });
  }

  /** R11: the department (or town) confirms a unit's submitted self-evaluation — then it counts — or returns it with a comment. */
  async review(caller: Principal, id: string, dto: ReviewEvaluationDto): Promise<EvaluationDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const evaluation = await this.find(manager, id);
      await this.scope.assertWritable(caller, evaluation.organizationId, manager);
      if (evaluation.kind !== 'self' || evaluation.status !== 'submitted') throw EvaluationErrors.EVALUATION_NOT_SUBMITTED();
      assertSegregated(EVALUATION_ACTION_RULES, 'pre_review', caller, evaluationRecord(evaluation));
      const comment = dto.comment?.trim() || null;
      if (dto.decision === 'return' && !comment) throw EvaluationErrors.EVALUATION_RETURN_COMMENT_REQUIRED();
      await updateVersioned(manager, EvaluationEntity, id, dto.version, {
        status: dto.decision === 'confirm' ? 'completed' : 'returned',
        completedAt: dto.decision === 'confirm' ? new Date() : null,
        reviewComment: comment,
        actors: withActor(evaluation.actors, 'pre_review', caller),
      });
      await this.audit.record(manager, {
        action: 'evaluation.pre_review',
        entityType: 'evaluation',
        entityId: id,
        after: { decision: dto.decision, comment },
      });
      const saved = await this.find(manager, id);
      if (dto.decision === 'confirm') await this.recordFinished(manager, saved, caller);
      return this.detail(manager, saved, caller);
    });
  }

  /**
   * A finished evaluation goes into the evaluation records (by project code), in the same
   * transaction: a department or finance key one thereby sets the project's last key-evaluation
   * year for the five-year planner (R4).
   */
  private async recordFinished(manager: EntityManager, evaluation: EvaluationEntity, caller: Principal): Promise<void> {
    const project = evaluation.project ?? (await manager.findOneOrFail(ProjectEntity, { where: { id: evaluation.projectId } }));
    if (evaluation.score === null || evaluation.grade === null) return;
    // The evaluator: the unit itself for a self-evaluation, else the evaluating department, town or bureau.
    const evaluatorOrg =
      evaluation.kind === 'self' || !caller.organizationId
        ? project.organization
        : await manager.findOne(OrganizationEntity, { where: { id: caller.organizationId } });
    await this.records.recordFinished(manager, {
      evaluationId: evaluation.id,
      projectCode: project.code,
      organizationId: evaluation.organizationId,
      year: evaluation.year,
      kind: evaluation.kind,
      score: evaluation.score,
      grade: evaluation.grade,
      evaluator: evaluatorOrg?.name ?? null,
    });
  }

  /**
   * R11 full coverage: for every department and town in the caller's scope, how many projects,
   * policies and department overall expenditures of the evaluated year (its units' included) have
   * no self-evaluation, one in progress, one awaiting review, one completed — counted in SQL.
   */
  async coverage(caller: Principal, query: EvaluationCoverageQueryDto): Promise<EvaluationCoverageDto> {
    const manager = this.dataSource.manager;
    const year = query.year ?? (await this.settings.workingYear()).year - 1;
    const visible = await this.scope.visibleOrganizationIds(caller);
    const { rows, params } = selfCoverageRows(year, visible);
    // the summary over every row (which also counts them): the page statement's head, over the same rows computed once
    const { page, head } = await sqlPageWithHead(pageRunner(this.dataSource, manager), query, {
      with: `lx_rows AS MATERIALIZED (${rows})`,
      rows: `SELECT * FROM lx_rows`,
      params,
      head: `(SELECT json_build_object('organizations', count(*), 'due', COALESCE(sum(r.due), 0), 'notStarted', COALESCE(sum(r.not_started), 0),
                     'inProgress', COALESCE(sum(r.in_progress), 0), 'submitted', COALESCE(sum(r.submitted), 0),
                     'completed', COALESCE(sum(r.completed), 0))
                FROM lx_rows r) AS h_summary`,
      totalOf: (h) => Number(h.h_summary.organizations),
      sortable: {
        organizationKind: 'r.kind',
        organizationCode: 'r.code',
        organizationName: 'r.name',
        due: 'r.due',
        notStarted: 'r.not_started',
        inProgress: 'r.in_progress',
        submitted: 'r.submitted',
        completed: 'r.completed',
      },
      notNull: ['r.kind', 'r.code', 'r.name', 'r.due', 'r.not_started', 'r.in_progress', 'r.submitted', 'r.completed'],
      defaultSort: 'organizationKind,organizationCode',
      tieBreak: 'r.id',
      map: (r) => ({
        organizationId: r.id,
        organizationName: r.name,
        organizationKind: r.kind,
        due: r.due,
        notStarted: r.not_started,
        inProgress: r.in_progress,
        submitted: r.submitted,
        completed: r.completed,
      }),
    });
    const workProfile = await this.profiles.valuesFor(year + 1).catch(() => null);
    const due = workProfile ? evaluationDue('self', year, workProfile) : null;
    const summary = head.h_summary as EvaluationCoverageDto['summary'];
    return { year, due: due ? { rule: due.rule, due: due.due } : null, summary, ...page };
  }

  /**
   * Recomputes and stores an evaluation's result from what is stored, with the evaluated year's
   * profile, inside the caller's transaction (the demo seeder writes rows, then lets the rules score
   * them exactly as a save would). Answers what keeps it from being submitted.
   */
  async recompute(manager: EntityManager, id: string): Promise<{ score: string | null; grade: string | null; issues: Computed['issues'] }> {
    const evaluation = await this.find(manager, id);
    const computed = await this.compute(manager, evaluation, await this.profiles.valuesFor(evaluation.year, manager));
    await manager.update(EvaluationEntity, { id }, this.stored(computed));
    return { score: computed.score, grade: computed.grade, issues: computed.issues };
  }

  /** The evaluation as the caller sees it, inside the caller's transaction (for the commission use cases). */
  async detailOf(manager: EntityManager, id: string, caller: Principal): Promise<EvaluationDetailDto> {
    return this.detail(manager, await this.find(manager, id), caller);
  }

  /** The evaluation row with its project and indicators; 404 when there is none. */
  load(manager: EntityManager, id: string): Promise<EvaluationEntity> {
    return this.find(manager, id);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** The owner's scope, or the agency the evaluation is commissioned to (the guard checked the same). */
  async assertReadable(caller: Principal, e: EvaluationEntity, manager?: EntityManager): Promise<void> {
    if (this.scope.isAssignee(caller, EVALUATION_AGENCY_ASSIGNEE, e.agencyOrganizationId)) return;
    await this.scope.assertVisible(caller, e.organizationId, manager);
  }

  /**
   * Who enters an evaluation's values: the owner's scope, or — once it is commissioned (R13) — the
   * commissioned agency only (the owner then reads, and grades the agency's work).
   */
  async assertEditor(caller: Principal, e: EvaluationEntity, manager: EntityManager): Promise<void> {
    if (this.scope.isAssignee(caller, EVALUATION_AGENCY_ASSIGNEE, e.agencyOrganizationId)) {
      if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
      return;
    }
    await this.scope.assertWritable(caller, e.organizationId, manager);
    if (e.agencyOrganizationId) throw EvaluationErrors.EVALUATION_COMMISSIONED_TO_AGENCY();
  }

  private async organizationNames(manager: EntityManager, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
    if (!wanted.length) return new Map();
    const rows: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])`, [
      wanted,
    ]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Computes the score from what is stored (and what is being saved) with the evaluated year's profile. */
  private async compute(manager: EntityManager, e: EvaluationEntity, profile: PolicyProfileValues): Promise<Computed> {
    const project = e.project!;
    if (e.kind !== 'self') {
      const result = templateScore(templateFor(project.kind, profile), e.templateScores ?? {}, profile);
      return {
        executionRate: null,
        score: result.complete ? result.total : null,
        grade: result.grade,
        breakdown: { dimensions: result.dimensions, parts: [], lines: [], needsExplanation: [], issues: result.issues },
        issues: result.issues.map((i) => ({ field: i.field, code: i.code, message: i.message, messageEn: i.messageEn ?? i.message })),
      };
    }
    let rate: string | null = null;
    if (e.executedAmount !== null) {
      const adjustment = await manager
        .getRepository(ProjectBudgetAdjustmentEntity)
        .createQueryBuilder('a')
        .where('a.projectId = :projectId', { projectId: project.id })
        .orderBy('a.approvedOn', 'DESC')
        .addOrderBy('a.createdAt', 'DESC')
        .getOne();
      try {
        rate = executionRate(e.executedAmount, project.budgetAmount, adjustment?.amount ?? null).rate;
      } catch {
        rate = null;
      }
    }
    const indicators = [...(e.indicators ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
    const result = selfEvaluationScore(
      {
        executionRate: rate,
        indicators: indicators.map((i) => ({
          key: i.targetIndicatorId,
          name: i.indicator.name,
          level1: i.indicator.level1 as IndicatorLevel1,
          comparison: i.indicator.comparison as Comparison,
          target: i.indicator.value,
          unit: i.indicator.unit,
          actual: i.actual,
          band: i.band,
          weight: i.indicator.weight,
          explanation: i.explanation,
        })),
      },
      profile,
    );
    const issues = [...result.issues];
    if (e.executedAmount === null) {
      issues.unshift({
        field: 'executedAmount',
        code: 'REQUIRED',
        message: '请填写全年累计执行金额',
        messageEn: 'enter the amount executed in the year',
      } as (typeof issues)[number]);
    }
    return {
      executionRate: rate,
      score: result.total,
      grade: result.grade,
      breakdown: { dimensions: [], parts: result.parts, lines: result.lines, needsExplanation: result.needsExplanation, issues },
      issues: issues.map((i) => ({ field: i.field, code: i.code, message: i.message, messageEn: i.messageEn ?? i.message })),
    };
  }

  private stored(c: Computed): Pick<EvaluationEntity, 'executionRate' | 'score' | 'grade'> & { breakdown: never } {
    return { executionRate: c.executionRate, score: c.score, grade: c.grade, breakdown: c.breakdown as never };
  }

  private async dueOf(manager: EntityManager, e: EvaluationEntity): Promise<EvaluationDto['due']> {
    return this.dueFor(manager, e.kind, e.year, e.workYear, e.project?.organization?.sector ?? null);
  }

  /**
   * The due dates of a page's evaluations, each computed once per kind, evaluated year, work year and
   * sector — everything `evaluationDue` reads (a department of the education sector has later deadlines).
   */
  private pageDues() {
    const dues = new Map<string, Promise<EvaluationDto['due']>>();
    return (kind: EvaluationEntity['kind'], year: number, workYear: number, sector: Sector | null): Promise<EvaluationDto['due']> => {
      const key = `${kind}|${year}|${workYear}|${sector ?? ''}`;
      let due = dues.get(key);
      if (!due) dues.set(key, (due = this.dueFor(this.dataSource.manager, kind, year, workYear, sector)));
      return due;
    };
  }

  private async dueFor(
    manager: EntityManager,
    kind: EvaluationEntity['kind'],
    year: number,
    workYear: number,
    sector: Sector | null,
  ): Promise<EvaluationDto['due']> {
    const workProfile = await this.profiles.valuesFor(workYear, manager).catch(() => null);
    if (!workProfile) return null;
    // computed once per profile (profiles are frozen: a changed one is another object) and kind, year and sector
    let dues = duesByProfile.get(workProfile);
    if (!dues) duesByProfile.set(workProfile, (dues = new Map()));
    const key = `${kind}|${year}|${sector ?? ''}`;
    let known = dues.get(key);
    if (known === undefined) {
      const due = evaluationDue(kind, year, workProfile, sector);
      dues.set(key, (known = due ? { rule: due.rule, due: due.due } : null));
    }
    return known;
  }

  private actionsOf(e: EvaluationEntity, caller: Principal, commission: EvaluationCommissionEntity | null): string[] {
    const actions: string[] = [];
    const editable = e.status === 'draft' || e.status === 'returned';
    const asAgency = this.scope.isAssignee(caller, EVALUATION_AGENCY_ASSIGNEE, e.agencyOrganizationId);
    // Once commissioned, the agency enters the values (R13); before, the owner's writers.
    const mayEdit = e.agencyOrganizationId ? asAgency : caller.dataScope !== 'assigned';
    if (editable && mayEdit && !caller.readOnly && caller.permissions.has(Permission.EvaluationWrite)) actions.push('save', 'submit');
    if (mayAttach(e, caller, asAgency)) actions.push('attach_file');
    if (mayCommission(e, caller)) actions.push('commission');
    if (commission && mayGradeCommission(e, commission, caller)) actions.push('grade_commission');
    if (e.kind === 'self' && e.status === 'submitted' && mayTakeAction(EVALUATION_ACTION_RULES.pre_review, caller, evaluationRecord(e))) {
      actions.push('pre_review');
    }
    return actions;
  }

  private toDto(
    e: EvaluationEntity,
    caller: Principal,
    due: EvaluationDto['due'],
    names: Map<string, string>,
    commission: EvaluationCommissionEntity | null,
  ): EvaluationDto {
    const p = e.project!;
    return {
      id: e.id,
      kind: e.kind,
      projectId: e.projectId,
      projectCode: p.code,
      projectName: p.name,
      projectKind: p.kind,
      organizationId: e.organizationId,
      organizationName: p.organization?.name ?? '',
      year: e.year,
      workYear: e.workYear,
      status: e.status,
      score: e.score,
      grade: e.grade,
      executionRate: e.executionRate,
      agencyId: e.agencyOrganizationId,
      agencyName: e.agencyOrganizationId ? (names.get(e.agencyOrganizationId) ?? null) : null,
      commissionGrade: commission?.grade ?? null,
      due,
      savedAt: e.savedAt?.toISOString() ?? null,
      submittedAt: e.submittedAt?.toISOString() ?? null,
      completedAt: e.completedAt?.toISOString() ?? null,
      actions: this.actionsOf(e, caller, commission),
      version: e.version,
      createdAt: e.createdAt.toISOString(),
    };
  }

  /**
   * The evaluation's page: `e` read by `find` (its project, organization and indicators); `read` the
   * rest when the caller read it already (`get`, in its own statement).
   */
  private async detail(manager: EntityManager, e: EvaluationEntity, caller: Principal, read?: DetailRead): Promise<EvaluationDetailDto> {
    const adjustedBudget = read
      ? read.adjustedBudget
      : ((
          await manager
            .getRepository(ProjectBudgetAdjustmentEntity)
            .createQueryBuilder('a')
            .where('a.projectId = :projectId', { projectId: e.projectId })
            .orderBy('a.approvedOn', 'DESC')
            .addOrderBy('a.createdAt', 'DESC')
            .getOne()
        )?.amount ?? null);
    const findings =
      read?.findings ?? (await manager.find(EvaluationFindingEntity, { where: { evaluationId: e.id }, order: { sortOrder: 'ASC' } }));
    const breakdown = e.breakdown && Object.keys(e.breakdown).length ? (e.breakdown as unknown as EvaluationDetailDto['breakdown']) : null;
    const commission = read
      ? read.commission
      : e.agencyOrganizationId
        ? await manager.findOne(EvaluationCommissionEntity, { where: { evaluationId: e.id } })
        : null;
    const names =
      read?.organizationNames ?? (await this.organizationNames(manager, [e.agencyOrganizationId, commission?.commissioningOrganizationId]));
    const attachments =
      read?.attachments ?? (await manager.find(EvaluationFileEntity, { where: { evaluationId: e.id }, order: { createdAt: 'ASC' } }));
    return {
      ...this.toDto(e, caller, await this.dueOf(manager, e), names, commission),
      commission: commission ? await commissionView(manager, commission, names, e, read && { files: read.files, attachments }) : null,
      attachments: await attachmentViews(manager, attachments, read && { files: read.files, names: read.actorNames }),
      spotCheck: e.kind === 'self' ? (read ? read.spotCheck : await this.spotCheckOf(manager, e.id)) : null,
      executedAmount: e.executedAmount === null ? null : normalizeMoney(e.executedAmount),
      budgetAmount: normalizeMoney(e.project!.budgetAmount),
      adjustedBudget: adjustedBudget === null ? null : normalizeMoney(adjustedBudget),
      summary: e.summary,
      reviewComment: e.reviewComment,
      indicators: [...(e.indicators ?? [])]
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((i) => ({
          targetIndicatorId: i.targetIndicatorId,
          name: i.indicator.name,
          level1: i.indicator.level1,
          level2: i.indicator.level2,
          comparison: i.indicator.comparison,
          target: i.indicator.value,
          unit: i.indicator.unit,
          weight: i.indicator.weight,
          actual: i.actual,
          band: i.band,
          explanation: i.explanation,
        })),
      breakdown,
      findings: findings.map((f) => ({
        id: f.id,
        finding: f.finding,
        basis: f.basis,
        amount: f.amount === null ? null : normalizeMoney(f.amount),
        suggestedMeasure: f.suggestedMeasure,
      })),
    };
  }

  /**
   * The verdict of the last concluded spot check that sampled this self-evaluation (read within the
   * evaluation's scope, as its detail is); nothing while the spot check is still open.
   */
  private async spotCheckOf(manager: EntityManager, evaluationId: string): Promise<EvaluationDetailDto['spotCheck']> {
    const [row] = await manager.query<{ row: SpotCheckRow | null }[]>(`SELECT ${SPOT_CHECK_SQL('$1::uuid')} AS row`, [evaluationId]);
    return row?.row ? spotCheckDto(row.row) : null;
  }

  private async find(manager: EntityManager, id: string): Promise<EvaluationEntity> {
    const evaluation = await manager.findOne(EvaluationEntity, {
      where: { id },
      relations: { project: { organization: true }, indicators: true },
    });
    if (!evaluation) throw CommonErrors.NOT_FOUND();
    return evaluation;
  }
}

/**
 * R11 coverage's rows: every department and town of the caller's scope (`visible`, null for the whole
 * city; for a scope its top organizations) with its projects of the evaluated `year` by self-evaluation
 * state — for GET /evaluations/coverage and the workbench's share (EvaluationsWorkbench).
 */
export function selfCoverageRows(year: number, visible: readonly string[] | null): { rows: string; params: unknown[] } {
  // The departments and towns (for a scope: its top organizations), each with the self-evaluation
  // states of its own and its units' rows: the projects per organization and status are stored and
  // kept by the writes (evaluation_coverage_counts, migration EvaluationCoverageStored; '' = no
  // self-evaluation), rolled up for a scope here to the organization itself and to its parent.
  // A caller who sees the whole city reads the counts rolled up to each department and town (its
  // units at any depth, organizations.list_organization_id; evaluation_coverage_counts_rollup,
  // migration RolledUpCounts): a few hundred rows.
  const cityRows = `
    SELECT top.id, top.name, top.kind, top.code, COALESCE(sum(c.projects), 0)::int AS due,
           COALESCE(sum(c.projects) FILTER (WHERE c.status = ''), 0)::int AS not_started,
           COALESCE(sum(c.projects) FILTER (WHERE c.status IN ('draft', 'returned')), 0)::int AS in_progress,
           COALESCE(sum(c.projects) FILTER (WHERE c.status = 'submitted'), 0)::int AS submitted,
           COALESCE(sum(c.projects) FILTER (WHERE c.status = 'completed'), 0)::int AS completed
      FROM organizations top
      LEFT JOIN evaluation_coverage_counts_rollup c ON c.organization_id = top.id AND c.year = $1 AND c.projects <> 0
     WHERE top.active = true AND top.kind IN ('department', 'town')
     GROUP BY top.id, top.name, top.kind, top.code`;
  const scopeRows = `
    WITH tops AS (
      SELECT o.id, o.name, o.kind, o.code FROM organizations o
       WHERE o.active = true
         AND o.id = ANY($2::uuid[]) AND o.kind IN ('department', 'town', 'unit')
         AND (o.parent_id IS NULL OR NOT (o.parent_id = ANY($2::uuid[])))
    ),
    counts AS (
      SELECT c.organization_id, sum(c.projects)::int AS due,
             COALESCE(sum(c.projects) FILTER (WHERE c.status = ''), 0)::int AS not_started,
             COALESCE(sum(c.projects) FILTER (WHERE c.status IN ('draft', 'returned')), 0)::int AS in_progress,
             COALESCE(sum(c.projects) FILTER (WHERE c.status = 'submitted'), 0)::int AS submitted,
             COALESCE(sum(c.projects) FILTER (WHERE c.status = 'completed'), 0)::int AS completed
        FROM evaluation_coverage_counts c
       WHERE c.year = $1 AND c.projects <> 0 AND c.organization_id = ANY($2::uuid[])
       GROUP BY 1
    ),
    rolled AS (
      SELECT c.organization_id AS top_id, c.* FROM counts c WHERE c.organization_id IN (SELECT id FROM tops)
      UNION ALL
      SELECT o.parent_id, c.* FROM counts c JOIN organizations o ON o.id = c.organization_id WHERE o.parent_id IN (SELECT id FROM tops)
    )
    SELECT top.id, top.name, top.kind, top.code, COALESCE(sum(r.due), 0)::int AS due,
           COALESCE(sum(r.not_started), 0)::int AS not_started, COALESCE(sum(r.in_progress), 0)::int AS in_progress,
           COALESCE(sum(r.submitted), 0)::int AS submitted, COALESCE(sum(r.completed), 0)::int AS completed
      FROM tops top LEFT JOIN rolled r ON r.top_id = top.id
     GROUP BY top.id, top.name, top.kind, top.code`;
  return visible === null ? { rows: cityRows, params: [year] } : { rows: scopeRows, params: [year, visible] };
}
