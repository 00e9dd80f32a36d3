import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager, In } from 'typeorm';
import type { ListResult } from '@jixiao/contracts';
import {
  checkScoreParts,
  conclusionForScore,
  conclusionIssues,
  mayTakeAction,
  permittedActions,
  preAssessmentRequired,
  type PolicyProfileValues,
  type PreAssessmentFlags,
  type WeightedItem,
} from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import type { Assignee } from '../../common/auth/authorize.decorator';
import { AuditService } from '../../common/audit/audit.service';
import { CommonErrors } from '../../common/errors/common.errors';
import { paginate } from '../../common/list/paginate';
import { isoSql, type JsonFields } from '../../common/list/json-items';
import { DataScope } from '../../common/scope/data-scope.service';
import { readOne } from '../../common/scope/read-one';
import { assertTransition } from '../../common/workflow/transition';
import { assertSegregated, withActor } from '../../common/workflow/segregation';
import { actorNameSql, actorNames, namesFromColumns } from '../../common/audit/actor-names';
import { updateVersioned } from '../../database/versioned-update';
import { FilesService, FileContent } from '../files/files.service';
import { StoredFileEntity } from '../files/entities/stored-file.entity';
import { toStoredFileDto } from '../files/files.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { projectSearchWhere } from '../projects/project-search.sql';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { ProjectEntity } from '../projects/entities/project.entity';
import { PreAssessmentEntity } from './entities/pre-assessment.entity';
import {
  AcceptPreAssessmentDto,
  AgencyOptionDto,
  AttachReportDto,
  AttachReportFieldsDto,
  CompleteAdjustmentDto,
  CreatePreAssessmentDto,
  PreAssessmentDto,
  PreAssessmentListQueryDto,
  PreAssessmentReportDto,
  ReturnPreAssessmentDto,
  UpdatePreAssessmentDto,
  WorkflowStepDto,
} from './dto/pre-assessment.dto';
import { checkOpinions, checkPartialScores, partialTotal, submissionIssues } from './pre-assessment-rules';
import { PreAssessmentErrors } from './pre-assessments.errors';
import { EDITABLE_STATES, PRE_ASSESSMENT_ACTION_RULES, PRE_ASSESSMENT_WORKFLOW } from './pre-assessments.workflow';

/** An agency reaches the pre-assessments commissioned to its organization. */
export const AGENCY_ASSIGNEE: Assignee = { column: 'agencyOrganizationId', match: 'organization' };

interface DtoContext {
  profiles: Map<number, PolicyProfileValues | null>;
  orgNames: Map<string, string>;
  files: Map<string, StoredFileEntity>;
  actorNames: Map<string, string>;
}

/** What a pre-assessment's answer shows from other rows, read in the statement of the rows (the list's page, the detail). */
const SHOWN_COLUMNS = {
  organizationName: `SELECT po.name FROM organizations po WHERE po.id = pa.organization_id`,
  agencyName: `SELECT pg.name FROM organizations pg WHERE pg.id = pa.agency_organization_id`,
  submittedByName: actorNameSql(`(pa.actors->>'submit')::uuid`),
  reviewedByName: actorNameSql('pa.reviewed_by_id'),
  adjustmentCompletedByName: actorNameSql('pa.adjustment_completed_by_id'),
};

/** What `derived` works out an answer's fields from (`DERIVED_STATE_COLUMNS`: the same, as SQL of a list's page). */
interface DerivedState extends PreAssessmentFlags {
  status: PreAssessmentEntity['status'];
  conclusion: PreAssessmentEntity['conclusion'];
  adjustmentCompleted: boolean;
  organizationId: string;
  actors: PreAssessmentEntity['actors'];
  scores: PreAssessmentEntity['scores'];
}

/** `DerivedState` (and the year) over the list's aliases, for `jsonPlus`. */
const DERIVED_STATE_COLUMNS: Record<keyof DerivedState | 'year', string> = {
  year: 'p.year',
  isNew: 'p.is_new',
  isMajor: 'p.is_major',
  isCapitalConstruction: 'p.is_capital_construction',
  status: 'pa.status',
  conclusion: 'pa.conclusion',
  adjustmentCompleted: 'pa.adjustment_completed_at IS NOT NULL',
  organizationId: 'pa.organization_id',
  actors: 'pa.actors',
  scores: 'pa.scores',
};

/** A pre-assessment as its answer shows it, as SQL over the list's aliases (`pa`, `p`, its report file `rf`), but what `derived` adds. */
const PRE_ASSESSMENT_JSON: JsonFields = {
  id: 'pa.id',
  projectId: 'pa.projectId',
  projectCode: 'p.code',
  projectName: 'p.name',
  year: 'p.year',
  budgetAmount: 'p.budgetAmount',
  organizationId: 'pa.organizationId',
  organizationName: { sql: `coalesce((${SHOWN_COLUMNS.organizationName}), '')` },
  performedBy: 'pa.performedBy',
  agencyOrganizationId: 'pa.agencyOrganizationId',
  agencyName: { sql: `(${SHOWN_COLUMNS.agencyName})` },
  scores: { sql: `coalesce(pa.scores, '{}'::jsonb)` },
  opinions: { sql: `coalesce(pa.opinions, '{}'::jsonb)` },
  totalScore: 'pa.totalScore',
  conclusion: 'pa.conclusion',
  conclusionDepartureReason: 'pa.conclusionDepartureReason',
  adjustmentRequired: 'pa.adjustmentRequired',
  adjustmentCompletedAt: 'pa.adjustmentCompletedAt',
  adjustmentNote: 'pa.adjustmentNote',
  adjustmentCompletedById: 'pa.adjustmentCompletedById',
  adjustmentCompletedByName: { sql: SHOWN_COLUMNS.adjustmentCompletedByName },
  report: {
    sql: `CASE WHEN rf.id IS NULL THEN NULL ELSE json_build_object('id', rf.id, 'organizationId', rf.organization_id, 'filename', rf.filename,
      'contentType', rf.content_type, 'size', rf.size, 'sha256', rf.sha256, 'createdAt', ${isoSql('rf.created_at')}) END`,
  },
  status: 'pa.status',
  reviewComment: 'pa.reviewComment',
  reviewedAt: 'pa.reviewedAt',
  reviewedById: 'pa.reviewedById',
  reviewedByName: { sql: SHOWN_COLUMNS.reviewedByName },
  submittedById: { sql: `pa.actors ->> 'submit'` },
  submittedByName: { sql: SHOWN_COLUMNS.submittedByName },
  version: 'pa.version',
  createdAt: 'pa.createdAt',
  updatedAt: 'pa.updatedAt',
};

/** The names and report files `SHOWN_COLUMNS` read (each row with its columns), as `context` would read them. */
function shownContext(items: readonly { row: PreAssessmentEntity; columns: Record<string, unknown> }[]): Omit<DtoContext, 'profiles'> {
  return {
    orgNames: namesFromColumns(
      items.flatMap(({ row, columns }) => [
        [row.organizationId, columns.organizationName],
        [row.agencyOrganizationId, columns.agencyName],
      ]),
    ),
    files: new Map(
      items.flatMap(({ row }) => {
        const file = (row as PreAssessmentEntity & { reportFile?: StoredFileEntity | null }).reportFile;
        return file ? [[file.id, file] as const] : [];
      }),
    ),
    actorNames: namesFromColumns(
      items.flatMap(({ row, columns }) => [
        [row.actors?.submit, columns.submittedByName],
        [row.reviewedById, columns.reviewedByName],
        [row.adjustmentCompletedById, columns.adjustmentCompletedByName],
      ]),
    ),
  };
}

/** 事前绩效评估 (R5, N6): one per project, scored on the year's dimensions, reviewed by the finance bureau. */
@Injectable()
export class PreAssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
    private readonly files: FilesService,
  ) {}

  async list(caller: Principal, query: PreAssessmentListQueryDto): Promise<ListResult<PreAssessmentDto>> {
    const manager = this.dataSource.manager;
    // every pre-assessment has its project (project_id NOT NULL, a foreign key): joined LEFT so that PostgreSQL leaves the
    // project out of a count that does not need it (a join to a unique key whose columns it does not read)
    const qb = manager.getRepository(PreAssessmentEntity).createQueryBuilder('pa').leftJoinAndSelect('pa.project', 'p');
    await this.scope.applyTo(qb, 'pa.organizationId', caller, { column: 'pa.agencyOrganizationId', match: 'organization' });
    // the year on the pre-assessment's own row (its project's, kept by triggers: migration PreAssessmentYear)
    if (query.year) qb.andWhere('pa.year = :year', { year: query.year });
    if (query.status) qb.andWhere('pa.status = :status', { status: query.status });
    if (query.organizationId) qb.andWhere('pa.organizationId = :org', { org: query.organizationId });
    if (query.q?.trim()) qb.andWhere(...projectSearchWhere('p', query.q.trim(), qb.alias));
    // the report file, the organizations' and the actors' names read in the page statement
    qb.leftJoinAndMapOne('pa.reportFile', StoredFileEntity, 'rf', 'rf.id = pa.reportFileId');
    return paginate(qb, query, {
      sortable: {
        createdAt: 'pa.createdAt',
        updatedAt: 'pa.updatedAt',
        status: 'pa.status',
        projectCode: 'p.code',
        totalScore: 'pa.totalScore',
      },
      defaultSort: '-updatedAt',
      columns: SHOWN_COLUMNS,
      map: (row, columns) => ({ row, columns }),
      finish: async (items) => {
        const rows = items.map((i) => i.row);
        const ctx = await this.context(manager, rows, shownContext(items));
        return rows.map((pa) => this.toDto(pa, ctx, caller));
      },
      // each item written by PostgreSQL; what the profile and the caller decide added in Node (`derived`)
      json: PRE_ASSESSMENT_JSON,
      jsonPlus: {
        columns: DERIVED_STATE_COLUMNS,
        add: async (rows) => {
          const profiles = await this.profilesOf(
            manager,
            rows.map((r) => r.year as number),
          );
          return rows.map((r) => this.derived(r as DerivedState, profiles.get(r.year as number) ?? null, caller));
        },
      },
    });
  }

  async agencies(): Promise<AgencyOptionDto[]> {
    const rows = await this.dataSource.manager.find(OrganizationEntity, {
      where: { kind: 'agency', active: true },
      order: { code: 'ASC' },
    });
    return rows.map((o) => ({ id: o.id, code: o.code, name: o.name }));
  }

  /**
   * The pre-assessment's page in one statement (readOne, common/scope/read-one.ts: with the caller's
   * credential and the route's owner check): with its project and report file joined and the names the
   * list's page reads beside it (`SHOWN_COLUMNS`) — as `find` and `context` would read them in four.
   */
  async get(caller: Principal, id: string): Promise<PreAssessmentDto> {
    const qb = this.dataSource
      .getRepository(PreAssessmentEntity)
      .createQueryBuilder('pa')
      .leftJoinAndSelect('pa.project', 'p')
      .leftJoinAndMapOne('pa.reportFile', StoredFileEntity, 'rf', 'rf.id = pa.reportFileId')
      .where('pa.id = :id', { id });
    for (const [name, sql] of Object.entries(SHOWN_COLUMNS)) qb.addSelect(`(${sql})`, `lx_c_${name}`);
    const read = await readOne(qb);
    if (!read) throw CommonErrors.NOT_FOUND();
    const pa = read.entity;
    await this.assertReachable(caller, pa);
    const columns = Object.fromEntries(Object.keys(SHOWN_COLUMNS).map((name) => [name, read.raw[`lx_c_${name}`]]));
    return this.toDto(pa, await this.context(this.dataSource.manager, [pa], shownContext([{ row: pa, columns }])), caller);
  }

  async create(caller: Principal, projectId: string, dto: CreatePreAssessmentDto): Promise<PreAssessmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const project = await manager.findOne(ProjectEntity, { where: { id: projectId } });
      if (!project) throw CommonErrors.NOT_FOUND();
      await this.scope.assertWritable(caller, project.organizationId, manager);
      if (await manager.exists(PreAssessmentEntity, { where: { projectId } })) throw PreAssessmentErrors.PRE_ASSESSMENT_EXISTS();
      const agencyOrganizationId = await this.checkAgency(manager, dto.performedBy, dto.agencyOrganizationId ?? null);
      const saved = await manager.save(
        manager.create(PreAssessmentEntity, {
          projectId,
          organizationId: project.organizationId,
          performedBy: dto.performedBy,
          agencyOrganizationId,
          scores: {},
          opinions: {},
          status: 'draft',
        }),
      );
      const after = await this.dto(manager, await this.find(manager, saved.id), caller);
      await this.audit.record(manager, { action: 'pre_assessment.create', entityType: 'pre_assessment', entityId: saved.id, after });
      // The project's own history shows that its pre-assessment was opened.
      await this.audit.record(manager, {
        action: 'project.pre_assessment_opened',
        entityType: 'project',
        entityId: projectId,
        after: { preAssessmentId: saved.id, required: after.required },
      });
      return after;
    });
  }

  async update(caller: Principal, id: string, dto: UpdatePreAssessmentDto): Promise<PreAssessmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      const asAgency = await this.assertEditor(caller, current, manager);
      if (!EDITABLE_STATES.includes(current.status)) throw PreAssessmentErrors.PRE_ASSESSMENT_LOCKED();
      if (asAgency && (dto.performedBy !== undefined || dto.agencyOrganizationId !== undefined)) {
        throw PreAssessmentErrors.AGENCY_CANNOT_REASSIGN();
      }
      const profile = await this.profiles.valuesFor(current.project!.year, manager);
      const dimensions = profile.preAssessment.dimensions;
      const scores = dto.scores !== undefined ? dto.scores : current.scores;
      const opinions = dto.opinions !== undefined ? dto.opinions : current.opinions;
      const issues = [
        ...(dto.scores !== undefined ? checkPartialScores(scores, dimensions) : []),
        ...(dto.opinions !== undefined ? checkOpinions(opinions, dimensions) : []),
      ];
      if (issues.length) throw CommonErrors.VALIDATION_FAILED({ errors: issues });
      const concluded = this.concluded(
        {
          scores,
          conclusion: dto.conclusion !== undefined ? dto.conclusion : current.conclusion,
          departureReason: dto.departureReason !== undefined ? dto.departureReason : current.conclusionDepartureReason,
          adjustmentRequired: dto.adjustmentRequired !== undefined ? dto.adjustmentRequired : current.adjustmentRequired,
        },
        profile,
      );
      if (concluded.issues.length) throw PreAssessmentErrors.PRE_ASSESSMENT_CONCLUSION_INVALID({ errors: concluded.issues });
      const performedBy = dto.performedBy ?? current.performedBy;
      const agencyOrganizationId = await this.checkAgency(
        manager,
        performedBy,
        dto.agencyOrganizationId !== undefined ? dto.agencyOrganizationId : current.agencyOrganizationId,
      );
      const before = await this.dto(manager, current, caller);
      await updateVersioned(manager, PreAssessmentEntity, id, dto.version, {
        performedBy,
        agencyOrganizationId,
        scores,
        opinions,
        totalScore: partialTotal(scores, dimensions),
        conclusion: concluded.conclusion,
        conclusionDepartureReason: concluded.departureReason,
        adjustmentRequired: concluded.adjustmentRequired,
      });
      const after = await this.dto(manager, await this.find(manager, id), caller);
      await this.audit.record(manager, { action: 'pre_assessment.update', entityType: 'pre_assessment', entityId: id, before, after });
      return after;
    });
  }

  async submit(caller: Principal, id: string, dto: WorkflowStepDto): Promise<PreAssessmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.assertEditor(caller, current, manager);
      const status = assertTransition(PRE_ASSESSMENT_WORKFLOW, current.status, 'submit');
      const profile = await this.profiles.valuesFor(current.project!.year, manager);
      const issues = [
        ...submissionIssues(current, profile.preAssessment.dimensions),
        ...this.concluded(
          {
            scores: current.scores,
            conclusion: current.conclusion,
            departureReason: current.conclusionDepartureReason,
            adjustmentRequired: current.adjustmentRequired,
          },
          profile,
        ).issues,
      ];
      if (issues.length) throw PreAssessmentErrors.PRE_ASSESSMENT_INCOMPLETE({ errors: issues });
      return this.step(manager, caller, current, dto.version, 'submit', { status, actors: withActor(current.actors, 'submit', caller) });
    });
  }

  async accept(caller: Principal, id: string, dto: AcceptPreAssessmentDto): Promise<PreAssessmentDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      const status = assertTransition(PRE_ASSESSMENT_WORKFLOW, current.status, 'accept');
      assertSegregated(PRE_ASSESSMENT_ACTION_RULES, 'accept', caller, current);
      return this.step(
        manager,
        caller,
        current,
        dto.version,
        'accept',
        this.review(caller, current, 'accept', status, dto.comment ?? null),
      );
    });
  }

  async return(caller: Principal, id: string, dto: ReturnPreAssessmentDto): Promise<PreAssessmentDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      const status = assertTransition(PRE_ASSESSMENT_WORKFLOW, current.status, 'return');
      assertSegregated(PRE_ASSESSMENT_ACTION_RULES, 'return', caller, current);
      return this.step(manager, caller, current, dto.version, 'return', this.review(caller, current, 'return', status, dto.comment));
    });
  }

  /**
   * 调整后支持: the department records that the adjustment asked for is done, with a note. Its
   * record suffices (the bureau set the adjustment when it accepted the conclusion, and sees the
   * note, the time and the person in the pre-assessment and the audit log); the gate opens then.
   */
  async completeAdjustment(caller: Principal, id: string, dto: CompleteAdjustmentDto): Promise<PreAssessmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
      await this.scope.assertWritable(caller, current.organizationId, manager);
      if (current.status !== 'accepted' || current.conclusion !== 'support_after_adjustment' || current.adjustmentCompletedAt) {
        throw PreAssessmentErrors.ADJUSTMENT_NOT_PENDING();
      }
      assertSegregated(PRE_ASSESSMENT_ACTION_RULES, 'adjustment_complete', caller, current);
      await updateVersioned(manager, PreAssessmentEntity, id, dto.version, {
        adjustmentCompletedAt: new Date(),
        adjustmentCompletedById: caller.id,
        adjustmentNote: dto.note,
        actors: withActor(current.actors, 'adjustment_complete', caller),
      });
      const after = await this.dto(manager, await this.find(manager, id), caller);
      await this.audit.record(manager, {
        action: 'pre_assessment.adjustment_complete',
        entityType: 'pre_assessment',
        entityId: id,
        before: { adjustmentRequired: current.adjustmentRequired, adjustmentCompletedAt: null },
        after: { adjustmentRequired: after.adjustmentRequired, adjustmentCompletedAt: after.adjustmentCompletedAt, note: dto.note },
      });
      return after;
    });
  }

  async attachReport(caller: Principal, id: string, request: FastifyRequest): Promise<PreAssessmentDto> {
    const upload = await this.files.read(request, AttachReportFieldsDto, AttachReportDto);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.assertEditor(caller, current, manager);
      if (!EDITABLE_STATES.includes(current.status)) throw PreAssessmentErrors.PRE_ASSESSMENT_LOCKED();
      // The report belongs to the project's organization, whoever uploads it.
      const file = await this.files.store(manager, caller, current.organizationId, upload);
      const before = await this.dto(manager, current, caller);
      await updateVersioned(manager, PreAssessmentEntity, id, upload.fields.version, { reportFileId: file.id });
      const after = await this.dto(manager, await this.find(manager, id), caller);
      await this.audit.record(manager, {
        action: 'pre_assessment.attach_report',
        entityType: 'pre_assessment',
        entityId: id,
        before: { report: before.report },
        after: { report: after.report },
      });
      return after;
    });
  }

  async report(caller: Principal, id: string): Promise<PreAssessmentReportDto> {
    const pa = await this.find(this.dataSource.manager, id);
    await this.assertReachable(caller, pa);
    if (!pa.reportFileId) throw PreAssessmentErrors.PRE_ASSESSMENT_NO_REPORT();
    return { preAssessmentId: id, file: toStoredFileDto(await this.files.find(this.dataSource.manager, pa.reportFileId)) };
  }

  async reportContent(caller: Principal, id: string): Promise<FileContent> {
    const pa = await this.find(this.dataSource.manager, id);
    await this.assertReachable(caller, pa);
    if (!pa.reportFileId) throw PreAssessmentErrors.PRE_ASSESSMENT_NO_REPORT();
    return this.files.contentOf(pa.reportFileId);
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  private review(
    caller: Principal,
    current: PreAssessmentEntity,
    action: 'accept' | 'return',
    status: PreAssessmentEntity['status'],
    comment: string | null,
  ): Partial<PreAssessmentEntity> {
    return {
      status,
      reviewComment: comment,
      reviewedById: caller.id,
      reviewedAt: new Date(),
      actors: withActor(current.actors, action, caller),
    };
  }

  private async step(
    manager: EntityManager,
    caller: Principal,
    current: PreAssessmentEntity,
    version: number,
    action: 'submit' | 'accept' | 'return',
    changes: Partial<PreAssessmentEntity>,
  ): Promise<PreAssessmentDto> {
    await updateVersioned(manager, PreAssessmentEntity, current.id, version, changes);
    const after = await this.dto(manager, await this.find(manager, current.id), caller);
    await this.audit.record(manager, {
      action: `pre_assessment.${action}`,
      entityType: 'pre_assessment',
      entityId: current.id,
      before: { status: current.status },
      after,
    });
    return after;
  }

  /** Owner scope, or the commissioned agency (the guard checked the same before the handler). */
  private async assertReachable(caller: Principal, pa: PreAssessmentEntity): Promise<void> {
    if (this.scope.isAssignee(caller, AGENCY_ASSIGNEE, pa.agencyOrganizationId)) return;
    await this.scope.assertVisible(caller, pa.organizationId);
  }

  /** May the caller edit (as owner, or as the commissioned agency)? Returns true for the agency. */
  private async assertEditor(caller: Principal, pa: PreAssessmentEntity, manager: EntityManager): Promise<boolean> {
    if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
    if (pa.performedBy === 'agency' && this.scope.isAssignee(caller, AGENCY_ASSIGNEE, pa.agencyOrganizationId)) return true;
    await this.scope.assertVisible(caller, pa.organizationId, manager);
    await this.scope.assertWritable(caller, pa.organizationId, manager);
    return false;
  }

  private async checkAgency(manager: EntityManager, performedBy: string, agencyId: string | null): Promise<string | null> {
    if (performedBy !== 'agency') return null;
    if (!agencyId) return null;
    const agency = await manager.findOne(OrganizationEntity, { where: { id: agencyId } });
    if (!agency || agency.kind !== 'agency') throw PreAssessmentErrors.AGENCY_INVALID();
    return agencyId;
  }

  /**
   * N6: the conclusion with what goes with it as it will be stored, and what is wrong with it: a
   * departure from the score's band needs a reason (kept only while the conclusion departs or the
   * scoring is partial), 调整后支持 needs the adjustment (kept only for that conclusion).
   */
  private concluded(
    pa: {
      scores: Record<string, number>;
      conclusion: PreAssessmentEntity['conclusion'];
      departureReason: string | null;
      adjustmentRequired: string | null;
    },
    profile: PolicyProfileValues,
  ) {
    const dimensions = profile.preAssessment.dimensions;
    const completeTotal = checkScoreParts(pa.scores, dimensions).length ? null : partialTotal(pa.scores, dimensions);
    const departureReason = pa.departureReason?.trim() || null;
    const adjustmentRequired = pa.adjustmentRequired?.trim() || null;
    const issues = conclusionIssues({ completeTotal, conclusion: pa.conclusion, departureReason, adjustmentRequired }, profile);
    const departs = pa.conclusion !== null && (completeTotal === null || conclusionForScore(completeTotal, profile) !== pa.conclusion);
    return {
      issues,
      conclusion: pa.conclusion,
      departureReason: departs ? departureReason : null,
      adjustmentRequired: pa.conclusion === 'support_after_adjustment' ? adjustmentRequired : null,
    };
  }

  /** The N6 suggestion once every dimension is scored. */
  private suggested(pa: Pick<DerivedState, 'scores'>, profile: PolicyProfileValues | null) {
    if (!profile) return null;
    const dimensions = profile.preAssessment.dimensions;
    const scores = pa.scores ?? {};
    if (!dimensions.length || checkScoreParts(scores, dimensions).length) return null;
    return conclusionForScore(partialTotal(scores, dimensions)!, profile);
  }

  private async find(manager: EntityManager, id: string): Promise<PreAssessmentEntity> {
    const pa = await manager.findOne(PreAssessmentEntity, { where: { id }, relations: { project: true } });
    if (!pa) throw CommonErrors.NOT_FOUND();
    return pa;
  }

  private async dto(manager: EntityManager, pa: PreAssessmentEntity, caller: Principal): Promise<PreAssessmentDto> {
    return this.toDto(pa, await this.context(manager, [pa]), caller);
  }

  /** The profiles of the years, by year: null for a year without one (it shows no dimensions; writes refuse with the profile's error). */
  private async profilesOf(manager: EntityManager, years: Iterable<number>): Promise<Map<number, PolicyProfileValues | null>> {
    const profiles = new Map<number, PolicyProfileValues | null>();
    for (const year of new Set(years)) {
      try {
        profiles.set(year, await this.profiles.valuesFor(year, manager));
      } catch {
        profiles.set(year, null);
      }
    }
    return profiles;
  }

  /** What the answers need besides the rows; `read` what a list page read in its own statement. */
  private async context(manager: EntityManager, rows: PreAssessmentEntity[], read?: Omit<DtoContext, 'profiles'>): Promise<DtoContext> {
    const profiles = await this.profilesOf(
      manager,
      rows.map((r) => r.project!.year),
    );
    if (read) return { profiles, ...read };
    const orgIds = [...new Set(rows.flatMap((r) => [r.organizationId, r.agencyOrganizationId]).filter((x): x is string => Boolean(x)))];
    const orgs = orgIds.length ? await manager.find(OrganizationEntity, { where: { id: In(orgIds) } }) : [];
    const fileIds = rows.map((r) => r.reportFileId).filter((x): x is string => Boolean(x));
    const files = fileIds.length ? await manager.find(StoredFileEntity, { where: { id: In(fileIds) } }) : [];
    const names = await actorNames(
      manager,
      rows.flatMap((r) => [r.actors?.submit, r.reviewedById, r.adjustmentCompletedById]),
    );
    return {
      profiles,
      orgNames: new Map(orgs.map((o) => [o.id, o.name])),
      files: new Map(files.map((f) => [f.id, f])),
      actorNames: names,
    };
  }

  /** What this caller may do now: the workflow table and the action rules (segregation of duties included). */
  private actions(pa: DerivedState, caller: Principal): string[] {
    const actions: string[] = permittedActions(PRE_ASSESSMENT_WORKFLOW, pa.status, PRE_ASSESSMENT_ACTION_RULES, caller, pa);
    const adjustmentPending = pa.status === 'accepted' && pa.conclusion === 'support_after_adjustment' && !pa.adjustmentCompleted;
    if (adjustmentPending && mayTakeAction(PRE_ASSESSMENT_ACTION_RULES.adjustment_complete, caller, pa))
      actions.push('adjustment_complete');
    return actions;
  }

  /**
   * The fields of an answer worked out in Node from the row's state, the year's profile and the caller:
   * R5's `required`, the profile's dimensions and bands, the conclusion the scores suggest, the actions.
   * One definition for the answers mapped from entities (`toDto`) and those PostgreSQL writes (`list`).
   */
  private derived(state: DerivedState, profile: PolicyProfileValues | null, caller: Principal) {
    const dimensions: WeightedItem[] = profile?.preAssessment.dimensions ?? [];
    return {
      required: profile ? preAssessmentRequired(state, profile) : false,
      dimensions: dimensions.map((d) => ({ code: d.code, zh: d.zh, en: d.en, weight: d.weight })),
      suggestedConclusion: this.suggested(state, profile),
      conclusionBands: profile ? { ...profile.preAssessment.conclusionBands } : null,
      actions: this.actions(state, caller),
    };
  }

  private toDto(pa: PreAssessmentEntity, ctx: DtoContext, caller: Principal): PreAssessmentDto {
    const nameOf = (id: string | null | undefined) => (id ? (ctx.actorNames.get(id) ?? null) : null);
    const p = pa.project!;
    const file = pa.reportFileId ? ctx.files.get(pa.reportFileId) : undefined;
    const profile = ctx.profiles.get(p.year) ?? null;
    const derived = this.derived(
      {
        isNew: p.isNew,
        isMajor: p.isMajor,
        isCapitalConstruction: p.isCapitalConstruction,
        status: pa.status,
        conclusion: pa.conclusion,
        adjustmentCompleted: pa.adjustmentCompletedAt !== null,
        organizationId: pa.organizationId,
        actors: pa.actors,
        scores: pa.scores,
      },
      profile,
      caller,
    );
    return {
      id: pa.id,
      projectId: pa.projectId,
      projectCode: p.code,
      projectName: p.name,
      year: p.year,
      budgetAmount: p.budgetAmount,
      organizationId: pa.organizationId,
      organizationName: ctx.orgNames.get(pa.organizationId) ?? '',
      required: derived.required,
      performedBy: pa.performedBy,
      agencyOrganizationId: pa.agencyOrganizationId,
      agencyName: pa.agencyOrganizationId ? (ctx.orgNames.get(pa.agencyOrganizationId) ?? null) : null,
      dimensions: derived.dimensions,
      scores: pa.scores ?? {},
      opinions: pa.opinions ?? {},
      totalScore: pa.totalScore,
      conclusion: pa.conclusion,
      suggestedConclusion: derived.suggestedConclusion,
      conclusionBands: derived.conclusionBands,
      conclusionDepartureReason: pa.conclusionDepartureReason,
      adjustmentRequired: pa.adjustmentRequired,
      adjustmentCompletedAt: pa.adjustmentCompletedAt?.toISOString() ?? null,
      adjustmentNote: pa.adjustmentNote,
      adjustmentCompletedById: pa.adjustmentCompletedById,
      adjustmentCompletedByName: nameOf(pa.adjustmentCompletedById),
      report: file ? toStoredFileDto(file) : null,
      status: pa.status,
      reviewComment: pa.reviewComment,
      reviewedAt: pa.reviewedAt?.toISOString() ?? null,
      reviewedById: pa.reviewedById,
      reviewedByName: nameOf(pa.reviewedById),
      submittedById: pa.actors?.submit ?? null,
      submittedByName: nameOf(pa.actors?.submit),
      actions: derived.actions,
      version: pa.version,
      createdAt: pa.createdAt.toISOString(),
      updatedAt: pa.updatedAt.toISOString(),
    };
  }
}
