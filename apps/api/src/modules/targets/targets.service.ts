import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { isLevel2Of, ListResult } from '@jixiao/contracts';
import {
  blockingFailures,
  checkTargetQuality,
  indicatorWeightCap,
  indicatorWeightIssues,
  isPreReviewerOf,
  keyBasisOf,
  needsDepartmentPreReview,
  normalizeMoney,
  reviewGrade,
  reviewOutcome,
  type PolicyProfileValues,
  type QualityCheckItem,
  mayTakeAction,
  permittedActions,
  historyNoteLabel,
  type ActionRecord,
  type HistoryNote,
} from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { CommonErrors } from '../../common/errors/common.errors';
import { fieldError } from '../../common/errors/app-error';
import { paginate } from '../../common/list/paginate';
import type { JsonFields } from '../../common/list/json-items';
import { DataScope } from '../../common/scope/data-scope.service';
import { readOne } from '../../common/scope/read-one';
import { assertTransition } from '../../common/workflow/transition';
import { assertSegregated, withActor } from '../../common/workflow/segregation';
import { actorNameSql, actorNames, actorNamesJsonSql, namesFromColumns, namesFromJson } from '../../common/audit/actor-names';
import { childrenFrom, childrenSql } from '../../common/list/children';
import { updateVersioned } from '../../database/versioned-update';
import { projectSearchWhere } from '../projects/project-search.sql';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { ProjectEntity } from '../projects/entities/project.entity';
import { ExpertReviewEntity } from '../target-reviews/entities/expert-review.entity';
import { TargetChangeRequestEntity } from './entities/target-change-request.entity';
import { TargetEventEntity } from './entities/target-event.entity';
import { TargetIndicatorEntity } from './entities/target-indicator.entity';
import { TargetEntity, TargetStatus } from './entities/target.entity';
import {
  CommentedStepDto,
  ConcludeReviewDto,
  CreateTargetDto,
  PassTargetDto,
  PickForExpertReviewDto,
  QualityCheckDto,
  ReturnTargetDto,
  TargetContentDto,
  TargetDetailDto,
  TargetDto,
  TargetIndicatorDto,
  TargetIndicatorInputDto,
  TargetListQueryDto,
  UpdateTargetDto,
  VersionDto,
} from './dto/target.dto';
import {
  ChangeRequestDto,
  ChangeRequestListQueryDto,
  CreateChangeRequestDto,
  RejectChangeRequestDto,
  ReviewChangeRequestDto,
} from './dto/change-request.dto';
import {
  CHANGE_REQUEST_ACTION_RULES,
  CHANGE_REQUEST_WORKFLOW,
  EDITABLE_TARGET_STATUSES,
  TARGET_ACTION_RULES,
  TARGET_EDIT_RULE,
  TARGET_WORKFLOW,
  TargetWorkflowAction,
} from './target.workflow';
import { TargetErrors } from './targets.errors';

export function toTargetDto(t: TargetEntity): TargetDto {
  const p = t.project!;
  return {
    id: t.id,
    projectId: t.projectId,
    projectCode: p.code,
    projectName: p.name,
    projectKind: p.kind,
    budgetAmount: normalizeMoney(p.budgetAmount),
    organizationId: t.organizationId,
    organizationName: p.organization?.name ?? '',
    year: t.year,
    overallGoal: t.overallGoal,
    annualGoals: t.annualGoals ?? [],
    status: t.status,
    expertReviewPicked: t.expertReviewPicked,
    reviewScore: t.reviewScore,
    reviewGrade: t.reviewGrade,
    returnComment: t.returnComment,
    consultationComment: t.consultationComment,
    submittedAt: t.submittedAt?.toISOString() ?? null,
    approvedAt: t.approvedAt?.toISOString() ?? null,
    revision: t.revision,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** TargetDto as PostgreSQL writes it for the list (json-items.ts); equal to `toTargetDto` (checked under jest). */
const TARGET_JSON: JsonFields = {
  id: 't.id',
  projectId: 't.projectId',
  projectCode: 'p.code',
  projectName: 'p.name',
  projectKind: 'p.kind',
  budgetAmount: 'p.budgetAmount',
  organizationId: 't.organizationId',
  organizationName: { sql: `coalesce(o.name, '')` },
  year: 't.year',
  overallGoal: 't.overallGoal',
  annualGoals: { sql: `coalesce(t.annual_goals, '[]'::jsonb)` },
  status: 't.status',
  expertReviewPicked: 't.expertReviewPicked',
  reviewScore: 't.reviewScore',
  reviewGrade: 't.reviewGrade',
  returnComment: 't.returnComment',
  consultationComment: 't.consultationComment',
  submittedAt: 't.submittedAt',
  approvedAt: 't.approvedAt',
  revision: 't.revision',
  version: 't.version',
  createdAt: 't.createdAt',
  updatedAt: 't.updatedAt',
};

function toIndicatorDto(i: TargetIndicatorEntity): TargetIndicatorDto {
  return {
    id: i.id,
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    comparison: i.comparison,
    value: i.value,
    unit: i.unit,
    weight: i.weight === null ? null : Number(i.weight),
    libraryIndicatorId: i.libraryIndicatorId,
    reviewComment: i.reviewComment,
  };
}

interface Content {
  overallGoal: string;
  annualGoals: string[];
  indicators: {
    level1: string;
    level2: string;
    name: string;
    comparison: string;
    value: string | null;
    unit: string | null;
    weight: number | null;
    libraryIndicatorId: string | null;
  }[];
}

function normalizeContent(dto: Partial<TargetContentDto>): Content {
  return {
    overallGoal: (dto.overallGoal ?? '').trim(),
    annualGoals: (dto.annualGoals ?? []).map((g) => g.trim()).filter((g) => g.length > 0),
    indicators: (dto.indicators ?? []).map((i) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name.trim(),
      comparison: i.comparison,
      value: i.value?.trim() ? i.value.trim() : null,
      unit: i.unit ?? null,
      weight: i.weight ?? null,
      libraryIndicatorId: i.libraryIndicatorId ?? null,
    })),
  };
}

/** What a workflow step changes, with a person's comment or a system note for the history. */
interface StepResult {
  changes: Partial<TargetEntity>;
  comment?: string | null;
  note?: HistoryNote | null;
  extra?: unknown;
}

/**
 * A change request as its list shows it, over the list's aliases `c` and `cp` (its target's project), as SQL (json-items.ts):
 * `actions` and `quality` are made in Node (the workflow's rules for the caller, the target rules with the year's profile),
 * and `proposed` is joined on there from the column the check reads.
 */
const CHANGE_REQUEST_JSON: JsonFields = {
  id: 'c.id',
  targetId: 'c.targetId',
  organizationId: 'c.organizationId',
  projectName: { sql: `coalesce(cp.name, '')` },
  reason: 'c.reason',
  status: 'c.status',
  reviewComment: 'c.reviewComment',
  requestedById: 'c.requestedById',
  requestedByName: { sql: actorNameSql('c.requested_by_id') },
  reviewedById: 'c.reviewedById',
  reviewedByName: { sql: actorNameSql('c.reviewed_by_id') },
  version: 'c.version',
  createdAt: 'c.createdAt',
};

/** A change request as the action rules see it: whoever asked (a user or an API key) took `create`. */
function changeRequestRecord(cr: Pick<TargetChangeRequestEntity, 'organizationId' | 'requestedById'>): ActionRecord {
  return { organizationId: cr.organizationId, actors: { create: cr.requestedById } };
}

/** N4: level 2 must belong to its level 1. */
function assertLevels(indicators: readonly TargetIndicatorInputDto[] | undefined): void {
  const errors = (indicators ?? []).flatMap((i, index) =>
    isLevel2Of(i.level1, i.level2)
      ? []
      : [
          fieldError(
            `indicators.${index}.level2`,
            'level2Mismatch',
            `二级指标「${i.level2}」不属于一级指标「${i.level1}」`,
            `level 2 "${i.level2}" does not belong to level 1 "${i.level1}"`,
          ),
        ],
  );
  if (errors.length) throw CommonErrors.VALIDATION_FAILED({ errors });
}

/** An indicator's weight is at most the year's total score (the profile's, not a fixed 100). */
function assertWeights(indicators: readonly TargetIndicatorInputDto[] | undefined, profile: PolicyProfileValues): void {
  const errors = indicatorWeightIssues(indicators ?? [], indicatorWeightCap(profile));
  if (errors.length) throw CommonErrors.VALIDATION_FAILED({ errors });
}

/** 谁批预算谁批目标: does the target's organization go through its department first? */
function needsDepartmentReview(target: TargetEntity): boolean {
  const org = target.project?.organization;
  return !!org && needsDepartmentPreReview({ kind: org.kind, parentKind: org.parent?.kind ?? null });
}

@Injectable()
export class TargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
  ) {}

  // ---- reads ------------------------------------------------------------------------------

  async list(caller: Principal, query: TargetListQueryDto): Promise<ListResult<TargetDto>> {
    const qb = this.dataSource
      .getRepository(TargetEntity)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.project', 'p')
      .leftJoinAndSelect('p.organization', 'o');
    await this.scope.applyTo(qb, 't.organizationId', caller);
    if (query.year) qb.andWhere('t.year = :year', { year: query.year });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.organizationId) qb.andWhere('t.organizationId = :org', { org: query.organizationId });
    if (query.projectId) qb.andWhere('t.projectId = :projectId', { projectId: query.projectId });
    if (query.q) qb.andWhere(...projectSearchWhere('p', query.q, qb.alias));
    return paginate(qb, query, {
      sortable: { updatedAt: 't.updatedAt', createdAt: 't.createdAt', projectCode: 'p.code', status: 't.status', year: 't.year' },
      defaultSort: '-updatedAt',
      map: toTargetDto,
      json: TARGET_JSON,
    });
  }

  /**
   * The target's page in one statement (readOne, common/scope/read-one.ts: with the caller's credential
   * and the route's owner check): the target with its project, the project's organization and its
   * parent joined, and its indicators, history, expert reviews and the names of their actors
   * aggregated into it — as `find` and `detail` would read them in five.
   */
  async get(caller: Principal, id: string): Promise<TargetDetailDto> {
    const ds = this.dataSource;
    const read = await readOne(
      ds
        .getRepository(TargetEntity)
        .createQueryBuilder('t')
        .leftJoinAndSelect('t.project', 'p')
        .leftJoinAndSelect('p.organization', 'o')
        .leftJoinAndSelect('o.parent', 'op')
        .addSelect(`(${childrenSql(ds, TargetIndicatorEntity, 'targetId', 't.id', ['sortOrder'])})`, 'lx_indicators')
        .addSelect(`(${childrenSql(ds, TargetEventEntity, 'targetId', 't.id', ['createdAt'])})`, 'lx_events')
        .addSelect(`(${childrenSql(ds, ExpertReviewEntity, 'targetId', 't.id', ['createdAt'])})`, 'lx_reviews')
        .addSelect(
          actorNamesJsonSql(
            `SELECT ne.actor_id FROM target_events ne WHERE ne.target_id = t.id UNION SELECT nr.expert_user_id FROM expert_reviews nr WHERE nr.target_id = t.id`,
          ),
          'lx_names',
        )
        .where('t.id = :id', { id }),
    );
    if (!read) throw CommonErrors.NOT_FOUND();
    const target = read.entity;
    await this.scope.assertVisible(caller, target.organizationId);
    target.indicators = childrenFrom(ds, TargetIndicatorEntity, read.raw.lx_indicators);
    return this.detail(ds.manager, caller, target, {
      events: childrenFrom(ds, TargetEventEntity, read.raw.lx_events),
      reviews: childrenFrom(ds, ExpertReviewEntity, read.raw.lx_reviews),
      names: namesFromJson(read.raw.lx_names),
    });
  }

  async qualityCheck(caller: Principal, id: string): Promise<QualityCheckDto> {
    const manager = this.dataSource.manager;
    const target = await this.find(manager, id);
    await this.scope.assertVisible(caller, target.organizationId);
    const items = await this.quality(manager, target.project!, this.contentOf(target));
    return { targetId: target.id, submittable: blockingFailures(items).length === 0, items };
  }

  // ---- writes by the department ----------------------------------------------------------

  /** R6: the target of a project, for the project's organization and year. */
  async create(caller: Principal, projectId: string, dto: CreateTargetDto): Promise<TargetDetailDto> {
    assertLevels(dto.indicators);
    return this.dataSource.transaction(async (manager) => {
      const project = await manager.findOne(ProjectEntity, { where: { id: projectId }, relations: { organization: true } });
      if (!project) throw CommonErrors.NOT_FOUND();
      await this.scope.assertVisible(caller, project.organizationId, manager);
      await this.scope.assertWritable(caller, project.organizationId, manager);
      if (await manager.exists(TargetEntity, { where: { projectId: project.id } })) throw TargetErrors.TARGET_EXISTS();
      assertWeights(dto.indicators, await this.profiles.valuesFor(project.year, manager));
      const content = normalizeContent(dto);
      const saved = await manager.save(
        manager.create(TargetEntity, {
          projectId: project.id,
          organizationId: project.organizationId,
          year: project.year,
          overallGoal: content.overallGoal,
          annualGoals: content.annualGoals,
          status: 'draft',
        }),
      );
      await this.replaceIndicators(manager, saved.id, content, dto.indicators ?? []);
      await this.event(manager, caller, saved.id, 'create', null, 'draft', null);
      const target = await this.find(manager, saved.id);
      await this.audit.record(manager, { action: 'target.create', entityType: 'target', entityId: saved.id, after: this.snapshot(target) });
      return this.detail(manager, caller, target);
    });
  }

  async update(caller: Principal, id: string, dto: UpdateTargetDto): Promise<TargetDetailDto> {
    assertLevels(dto.indicators);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.scope.assertWritable(caller, current.organizationId, manager);
      if (!EDITABLE_TARGET_STATUSES.includes(current.status)) throw TargetErrors.TARGET_NOT_EDITABLE({ extra: { status: current.status } });
      assertWeights(dto.indicators, await this.profiles.valuesFor(current.year, manager));
      const content = normalizeContent(dto);
      await updateVersioned(manager, TargetEntity, id, dto.version, { overallGoal: content.overallGoal, annualGoals: content.annualGoals });
      await this.replaceIndicators(manager, id, content, dto.indicators, current.indicators ?? []);
      const target = await this.find(manager, id);
      await this.audit.record(manager, {
        action: 'target.update',
        entityType: 'target',
        entityId: id,
        before: this.snapshot(current),
        after: this.snapshot(target),
      });
      return this.detail(manager, caller, target);
    });
  }

  /** R8: submission after the quality check; a unit's target goes to its department first. */
  async submit(caller: Principal, id: string, dto: VersionDto): Promise<TargetDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.find(manager, id);
      const action: TargetWorkflowAction = needsDepartmentReview(target) ? 'submit_to_department' : 'submit';
      return this.transitionIn(manager, caller, target, dto.version, action, async () => {
        await this.assertQuality(manager, target);
        return { changes: { submittedAt: new Date(), returnComment: null } };
      });
    });
  }

  // ---- pre-review by the unit's department (谁批预算谁批目标) ----------------------------

  async departmentPass(caller: Principal, id: string, dto: PassTargetDto): Promise<TargetDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.find(manager, id);
      return this.transitionIn(manager, caller, target, dto.version, 'department_pass', async () => {
        this.assertPreReviewer(caller, target);
        return { changes: { returnComment: null }, comment: dto.comment?.trim() || null };
      });
    });
  }

  async departmentReturn(caller: Principal, id: string, dto: ReturnTargetDto): Promise<TargetDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.find(manager, id);
      return this.transitionIn(manager, caller, target, dto.version, 'department_return', async () => {
        this.assertPreReviewer(caller, target);
        return this.returnWithComments(manager, target, dto);
      });
    });
  }

  // ---- N5 良: consultation ------------------------------------------------------------------

  /** The department submits its revision made with the bureau's comments. */
  async consultationSubmit(caller: Principal, id: string, dto: PassTargetDto): Promise<TargetDetailDto> {
    return this.transition(caller, id, dto.version, 'consultation_submit', async (manager, target) => {
      await this.assertQuality(manager, target);
      return { changes: {}, comment: dto.comment?.trim() || null };
    });
  }

  /** The bureau confirms the revision: approved, without a second expert round. */
  async consultationConfirm(caller: Principal, id: string, dto: PassTargetDto): Promise<TargetDetailDto> {
    return this.transition(caller, id, dto.version, 'consultation_confirm', async () => ({
      changes: { approvedAt: new Date() },
      comment: dto.comment?.trim() || null,
    }));
  }

  /** The bureau sends the revision back with new comments: the consultation goes on. */
  async consultationReturn(caller: Principal, id: string, dto: CommentedStepDto): Promise<TargetDetailDto> {
    return this.transition(caller, id, dto.version, 'consultation_return', async () => ({
      changes: { consultationComment: dto.comment.trim() },
      comment: dto.comment.trim(),
    }));
  }

  // ---- review by the finance bureau ------------------------------------------------------

  async pass(caller: Principal, id: string, dto: PassTargetDto): Promise<TargetDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.find(manager, id);
      const profile = await this.profiles.valuesFor(target.year, manager);
      const toExperts = keyBasisOf(target.project!, profile) !== null || target.expertReviewPicked;
      return this.transitionIn(manager, caller, target, dto.version, toExperts ? 'pass_to_expert_review' : 'pass', async () => ({
        changes: toExperts ? {} : { approvedAt: new Date() },
        comment: dto.comment?.trim() || null,
      }));
    });
  }

  async returnTarget(caller: Principal, id: string, dto: ReturnTargetDto): Promise<TargetDetailDto> {
    return this.transition(caller, id, dto.version, 'return', (manager, target) => this.returnWithComments(manager, target, dto));
  }

  async pick(caller: Principal, id: string, dto: PickForExpertReviewDto): Promise<TargetDetailDto> {
    return this.transition(caller, id, dto.version, 'pick_for_expert_review', async () => ({
      changes: { expertReviewPicked: dto.picked },
      note: { code: dto.picked ? 'target.picked_for_expert_review' : 'target.unpicked_for_expert_review' },
    }));
  }

  /** N5: average of the experts' scores → grade → approved (优), consultation (良), returned (中) or rejected (差). */
  async concludeReview(caller: Principal, id: string, dto: ConcludeReviewDto): Promise<TargetDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.find(manager, id);
      await this.scope.assertWritable(caller, target.organizationId, manager);
      // The state is checked first, so a target outside expert review answers ILLEGAL_TRANSITION.
      assertTransition(TARGET_WORKFLOW, target.status, 'conclude_approve');
      const reviews = await manager.find(ExpertReviewEntity, { where: { targetId: id } });
      if (!reviews.length) throw TargetErrors.TARGET_NO_EXPERTS_ASSIGNED();
      if (reviews.some((r) => r.status !== 'submitted' || r.score === null)) throw TargetErrors.TARGET_EXPERT_REVIEWS_PENDING();
      const profile = await this.profiles.valuesFor(target.year, manager);
      const average = averageScore(reviews.map((r) => r.score!));
      const grade = reviewGrade(Number(average), profile);
      const outcome = reviewOutcome(grade);
      const action: TargetWorkflowAction =
        outcome === 'to_budget'
          ? 'conclude_approve'
          : outcome === 'finalise_after_consultation'
            ? 'conclude_consult'
            : outcome === 'revise_and_resubmit'
              ? 'conclude_return'
              : 'conclude_reject';
      return this.transitionIn(manager, caller, target, dto.version, action, async () => {
        const changes: Partial<TargetEntity> = { reviewScore: average, reviewGrade: grade };
        if (action === 'conclude_approve') changes.approvedAt = new Date();
        if (action === 'conclude_consult') {
          // Without the bureau's own words the pages say what the score asks for, in the reader's language.
          changes.consultationComment = dto.comment?.trim() || null;
        }
        if (action === 'conclude_return') {
          changes.returnComment = dto.comment?.trim() || null;
          // The next round of review starts fresh; the scores stay in the event and the audit log.
          await manager.delete(ExpertReviewEntity, { targetId: id });
        }
        return {
          changes,
          note: { code: 'target.review_concluded', params: { average, grade } },
          extra: {
            average,
            grade,
            outcome,
            scores: reviews.map((r) => ({ expertUserId: r.expertUserId, score: r.score, opinion: r.opinion })),
          },
        };
      });
    });
  }

  // ---- change requests -------------------------------------------------------------------

  async listChangeRequests(caller: Principal, query: ChangeRequestListQueryDto): Promise<ListResult<ChangeRequestDto>> {
    // the target's project joined by key, for the items PostgreSQL writes (CHANGE_REQUEST_JSON)
    const qb = this.dataSource
      .getRepository(TargetChangeRequestEntity)
      .createQueryBuilder('c')
      .leftJoin(TargetEntity, 'ct', 'ct.id = c.targetId')
      .leftJoin(ProjectEntity, 'cp', 'cp.id = ct.projectId');
    await this.scope.applyTo(qb, 'c.organizationId', caller);
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.targetId) qb.andWhere('c.targetId = :targetId', { targetId: query.targetId });
    // the names and the target's project (joined) read in the page statement
    return paginate(qb, query, {
      sortable: { createdAt: 'c.createdAt', status: 'c.status' },
      defaultSort: '-createdAt',
      columns: {
        requestedByName: actorNameSql('c.requested_by_id'),
        reviewedByName: actorNameSql('c.reviewed_by_id'),
        project: `CASE WHEN cp.id IS NOT NULL THEN json_build_object('name', cp.name, 'year', cp.year, 'budgetAmount', cp.budget_amount::text) END`,
      },
      map: (row, columns) => ({ row, columns }),
      finish: async (items) => {
        const names = namesFromColumns(
          items.flatMap(({ row, columns }) => [
            [row.requestedById, columns.requestedByName],
            [row.reviewedById, columns.reviewedByName],
          ]),
        );
        const projects = new Map(
          items.map(({ row, columns }) => [
            row.targetId,
            (columns.project as Pick<ProjectEntity, 'name' | 'year' | 'budgetAmount'> | null) ?? undefined,
          ]),
        );
        return this.changeRequestDtos(
          this.dataSource.manager,
          items.map((i) => i.row),
          caller,
          { names, projects },
        );
      },
      json: CHANGE_REQUEST_JSON,
      // what depends on the caller (the steps it may take) and on the year's profile (the proposal's quality check)
      jsonPlus: {
        columns: {
          status: 'c.status',
          organizationId: 'c.organization_id',
          requestedById: 'c.requested_by_id',
          proposed: 'c.proposed',
          year: 'cp.year',
          budgetAmount: 'cp.budget_amount',
        },
        add: async (rows) => {
          const profiles = await this.profiles.valuesForYears(rows.flatMap((r) => (r.year === null ? [] : [r.year as number])));
          return rows.map((r) => {
            const profile = r.year === null ? undefined : profiles.get(r.year as number);
            return {
              // read once, for the check and the answer (in the JSON text too, PostgreSQL wrote and sent it twice)
              proposed: r.proposed,
              actions: permittedActions(
                CHANGE_REQUEST_WORKFLOW,
                r.status,
                CHANGE_REQUEST_ACTION_RULES,
                caller,
                changeRequestRecord({ organizationId: r.organizationId as string, requestedById: r.requestedById as string | null }),
              ),
              quality: profile ? checkTargetQuality({ ...(r.proposed as Content), budgetAmount: r.budgetAmount as string }, profile) : [],
            };
          });
        },
      },
    });
  }

  /**
   * The change request's page in one statement (readOne, common/scope/read-one.ts: with the caller's
   * credential and the route's owner check): with its target's project and the actors' names beside it.
   */
  async getChangeRequest(caller: Principal, id: string): Promise<ChangeRequestDto> {
    const ds = this.dataSource;
    const read = await readOne(
      ds
        .getRepository(TargetChangeRequestEntity)
        .createQueryBuilder('cr')
        .addSelect(
          `(SELECT json_build_object('name', p.name, 'year', p.year, 'budgetAmount', p.budget_amount::text)
              FROM targets t JOIN projects p ON p.id = t.project_id WHERE t.id = cr.target_id)`,
          'lx_project',
        )
        .addSelect(actorNameSql('cr.requested_by_id'), 'lx_requested_by')
        .addSelect(actorNameSql('cr.reviewed_by_id'), 'lx_reviewed_by')
        .where('cr.id = :id', { id }),
    );
    if (!read) throw CommonErrors.NOT_FOUND();
    const cr = read.entity;
    await this.scope.assertVisible(caller, cr.organizationId);
    const project = read.raw.lx_project as Pick<ProjectEntity, 'name' | 'year' | 'budgetAmount'> | null;
    const dtos = await this.changeRequestDtos(ds.manager, [cr], caller, {
      names: namesFromColumns([
        [cr.requestedById, read.raw.lx_requested_by],
        [cr.reviewedById, read.raw.lx_reviewed_by],
      ]),
      projects: new Map([[cr.targetId, project ?? undefined]]),
    });
    return dtos[0];
  }

  async createChangeRequest(caller: Principal, id: string, dto: CreateChangeRequestDto): Promise<ChangeRequestDto> {
    assertLevels(dto.indicators);
    return this.dataSource.transaction(async (manager) => {
      const target = await this.find(manager, id);
      await this.scope.assertWritable(caller, target.organizationId, manager);
      assertTransition(TARGET_WORKFLOW, target.status, 'request_change');
      if (await manager.exists(TargetChangeRequestEntity, { where: { targetId: id, status: 'pending' } }))
        throw TargetErrors.TARGET_CHANGE_REQUEST_PENDING();
      assertWeights(dto.indicators, await this.profiles.valuesFor(target.year, manager));
      const proposed = normalizeContent(dto);
      const items = await this.quality(manager, target.project!, proposed);
      const failing = blockingFailures(items);
      if (failing.length) throw TargetErrors.TARGET_QUALITY_FAILED({ extra: { items: failing } });
      const saved = await manager.save(
        manager.create(TargetChangeRequestEntity, {
          targetId: id,
          organizationId: target.organizationId,
          reason: dto.reason.trim(),
          proposed,
          status: 'pending',
          requestedById: caller.id,
        }),
      );
      await this.event(manager, caller, id, 'request_change', target.status, target.status, dto.reason.trim());
      const [out] = await this.changeRequestDtos(manager, [saved], caller);
      await this.audit.record(manager, {
        action: 'target.change_request.create',
        entityType: 'target_change_request',
        entityId: saved.id,
        after: out,
      });
      return out;
    });
  }

  async approveChangeRequest(caller: Principal, id: string, dto: ReviewChangeRequestDto): Promise<ChangeRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      const cr = await this.findChangeRequest(manager, id);
      await this.scope.assertWritable(caller, cr.organizationId, manager);
      assertTransition(CHANGE_REQUEST_WORKFLOW, cr.status, 'approve');
      assertSegregated(CHANGE_REQUEST_ACTION_RULES, 'approve', caller, changeRequestRecord(cr));
      const target = await this.find(manager, cr.targetId);
      assertTransition(TARGET_WORKFLOW, target.status, 'request_change');
      const proposed = cr.proposed as Content;
      const items = await this.quality(manager, target.project!, proposed);
      const failing = blockingFailures(items);
      if (failing.length) throw TargetErrors.TARGET_QUALITY_FAILED({ extra: { items: failing } });
      await updateVersioned(manager, TargetChangeRequestEntity, id, dto.version, {
        status: 'approved',
        reviewComment: dto.comment?.trim() || null,
        reviewedById: caller.id,
      });
      await manager.update(
        TargetEntity,
        { id: target.id },
        {
          overallGoal: proposed.overallGoal,
          annualGoals: proposed.annualGoals,
          revision: target.revision + 1,
          version: () => 'version + 1',
        },
      );
      await this.replaceIndicators(manager, target.id, proposed, []);
      const after = await this.find(manager, target.id);
      await this.event(manager, caller, target.id, 'approve_change', target.status, target.status, dto.comment?.trim() || null, {
        code: 'target.change_approved',
        params: { revision: after.revision },
      });
      await this.audit.record(manager, {
        action: 'target.change_request.approve',
        entityType: 'target',
        entityId: target.id,
        before: this.snapshot(target),
        after: { ...this.snapshot(after), changeRequestId: id },
      });
      const [out] = await this.changeRequestDtos(manager, [await this.findChangeRequest(manager, id)], caller);
      // The request's own entry, as for a rejection: both records changed in this transaction.
      await this.audit.record(manager, {
        action: 'target.change_request.approve',
        entityType: 'target_change_request',
        entityId: id,
        before: { status: cr.status },
        after: out,
      });
      return out;
    });
  }

  async rejectChangeRequest(caller: Principal, id: string, dto: RejectChangeRequestDto): Promise<ChangeRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      const cr = await this.findChangeRequest(manager, id);
      await this.scope.assertWritable(caller, cr.organizationId, manager);
      assertTransition(CHANGE_REQUEST_WORKFLOW, cr.status, 'reject');
      assertSegregated(CHANGE_REQUEST_ACTION_RULES, 'reject', caller, changeRequestRecord(cr));
      await updateVersioned(manager, TargetChangeRequestEntity, id, dto.version, {
        status: 'rejected',
        reviewComment: dto.comment.trim(),
        reviewedById: caller.id,
      });
      const target = await this.find(manager, cr.targetId);
      await this.event(manager, caller, target.id, 'reject_change', target.status, target.status, dto.comment.trim());
      const [out] = await this.changeRequestDtos(manager, [await this.findChangeRequest(manager, id)], caller);
      await this.audit.record(manager, {
        action: 'target.change_request.reject',
        entityType: 'target_change_request',
        entityId: id,
        before: { status: cr.status },
        after: out,
      });
      return out;
    });
  }

  // ---- helpers ---------------------------------------------------------------------------

  private async assertQuality(manager: EntityManager, target: TargetEntity): Promise<void> {
    const items = await this.quality(manager, target.project!, this.contentOf(target));
    const failing = blockingFailures(items);
    if (failing.length) throw TargetErrors.TARGET_QUALITY_FAILED({ extra: { items: failing } });
  }

  /** 谁批预算谁批目标: only the unit's own department (or town) pre-reviews its target. */
  private assertPreReviewer(caller: Principal, target: TargetEntity): void {
    const org = target.project?.organization;
    if (!org || !isPreReviewerOf(caller.organizationId, { id: org.id, parentId: org.parentId }))
      throw TargetErrors.TARGET_NOT_PRE_REVIEWER();
  }

  /** A return with a comment and comments per indicator (by the bureau or the department). */
  private async returnWithComments(
    manager: EntityManager,
    target: TargetEntity,
    dto: ReturnTargetDto,
  ): Promise<{ changes: Partial<TargetEntity>; comment: string; extra: unknown }> {
    const known = new Set((target.indicators ?? []).map((i) => i.id));
    const comments = dto.indicatorComments ?? [];
    const unknown = comments.filter((c) => !known.has(c.indicatorId));
    if (unknown.length) throw TargetErrors.TARGET_INDICATOR_UNKNOWN({ detail: unknown.map((c) => c.indicatorId).join(', ') });
    await manager.update(TargetIndicatorEntity, { targetId: target.id }, { reviewComment: null });
    for (const c of comments) await manager.update(TargetIndicatorEntity, { id: c.indicatorId }, { reviewComment: c.comment.trim() });
    return { changes: { returnComment: dto.comment.trim() }, comment: dto.comment.trim(), extra: { indicatorComments: comments } };
  }

  /** One workflow step in its own transaction. */
  private transition(
    caller: Principal,
    id: string,
    version: number,
    action: TargetWorkflowAction,
    apply: (manager: EntityManager, target: TargetEntity) => Promise<StepResult>,
  ): Promise<TargetDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.find(manager, id);
      return this.transitionIn(manager, caller, target, version, action, () => apply(manager, target));
    });
  }

  private async transitionIn(
    manager: EntityManager,
    caller: Principal,
    target: TargetEntity,
    version: number,
    action: TargetWorkflowAction,
    apply: () => Promise<StepResult>,
  ): Promise<TargetDetailDto> {
    await this.scope.assertWritable(caller, target.organizationId, manager);
    const to = assertTransition(TARGET_WORKFLOW, target.status, action);
    assertSegregated(TARGET_ACTION_RULES, action, caller, await this.actionRecord(manager, target));
    const { changes, comment = null, note = null, extra } = await apply();
    // Who took this step is kept on the target, for the segregation rules of later steps.
    const actors = withActor(target.actors, action, caller);
    await updateVersioned(manager, TargetEntity, target.id, version, { ...changes, actors, status: to });
    await this.event(manager, caller, target.id, action, target.status, to, comment, note);
    const after = await this.find(manager, target.id);
    await this.audit.record(manager, {
      action: `target.${action}`,
      entityType: 'target',
      entityId: target.id,
      before: { status: target.status, version: target.version },
      after: { status: to, version: after.version, ...(changes as object), ...(extra ? { detail: extra } : {}) },
    });
    return this.detail(manager, caller, after);
  }

  private async event(
    manager: EntityManager,
    caller: Principal,
    targetId: string,
    action: string,
    fromStatus: TargetStatus | null,
    toStatus: TargetStatus,
    comment: string | null,
    note: HistoryNote | null = null,
  ): Promise<void> {
    await manager.insert(TargetEventEntity, {
      targetId,
      action,
      fromStatus,
      toStatus,
      actorId: caller.id,
      comment,
      noteCode: note?.code ?? null,
      noteParams: note?.params ? (note.params as TargetEventEntity['noteParams']) : null,
    });
  }

  /** The target as the action rules see it: who took which step, and the experts who scored it. */
  private async actionRecord(manager: EntityManager, target: TargetEntity, reviews?: ExpertReviewEntity[]): Promise<ActionRecord> {
    const rows = reviews ?? (await manager.find(ExpertReviewEntity, { where: { targetId: target.id } }));
    const scorers = rows.filter((r) => r.status === 'submitted').map((r) => r.expertUserId);
    return { organizationId: target.organizationId, actors: { ...target.actors, expert_score: scorers } };
  }

  private async replaceIndicators(
    manager: EntityManager,
    targetId: string,
    content: Content,
    inputs: readonly TargetIndicatorInputDto[],
    previous: readonly TargetIndicatorEntity[] = [],
  ): Promise<void> {
    const oldComments = new Map(previous.map((i) => [i.id, i.reviewComment]));
    await manager.delete(TargetIndicatorEntity, { targetId });
    if (!content.indicators.length) return;
    await manager.insert(
      TargetIndicatorEntity,
      content.indicators.map((i, index) => ({
        targetId,
        sortOrder: index,
        level1: i.level1 as TargetIndicatorEntity['level1'],
        level2: i.level2,
        name: i.name,
        comparison: i.comparison as TargetIndicatorEntity['comparison'],
        value: i.value,
        unit: i.unit,
        weight: i.weight === null ? null : String(i.weight),
        libraryIndicatorId: i.libraryIndicatorId,
        reviewComment: (inputs[index]?.id && oldComments.get(inputs[index].id!)) || null,
      })),
    );
  }

  private async quality(
    manager: EntityManager,
    project: Pick<ProjectEntity, 'year' | 'budgetAmount'>,
    content: Content,
  ): Promise<QualityCheckItem[]> {
    const profile = await this.profiles.valuesFor(project.year, manager);
    return checkTargetQuality({ ...content, budgetAmount: project.budgetAmount }, profile);
  }

  private contentOf(t: TargetEntity): Content {
    return {
      overallGoal: t.overallGoal,
      annualGoals: t.annualGoals ?? [],
      indicators: (t.indicators ?? []).map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        comparison: i.comparison,
        value: i.value,
        unit: i.unit,
        weight: i.weight === null ? null : Number(i.weight),
        libraryIndicatorId: i.libraryIndicatorId,
      })),
    };
  }

  private snapshot(t: TargetEntity) {
    return { ...toTargetDto(t), indicators: (t.indicators ?? []).map(toIndicatorDto) };
  }

  async find(manager: EntityManager, id: string): Promise<TargetEntity> {
    const target = await manager.findOne(TargetEntity, {
      where: { id },
      relations: { project: { organization: { parent: true } }, indicators: true },
      order: { indicators: { sortOrder: 'ASC' } },
    });
    if (!target) throw CommonErrors.NOT_FOUND();
    return target;
  }

  private async findChangeRequest(manager: EntityManager, id: string): Promise<TargetChangeRequestEntity> {
    const cr = await manager.findOne(TargetChangeRequestEntity, { where: { id } });
    if (!cr) throw CommonErrors.NOT_FOUND();
    return cr;
  }

  /**
   * The answers for change requests; `read` the names and each target's project when the caller
   * read them already (a list page reads them in its own statement).
   */
  private async changeRequestDtos(
    manager: EntityManager,
    rows: TargetChangeRequestEntity[],
    caller: Principal,
    read?: { names: Map<string, string>; projects: Map<string, Pick<ProjectEntity, 'name' | 'year' | 'budgetAmount'> | undefined> },
  ): Promise<ChangeRequestDto[]> {
    if (!rows.length) return [];
    let names: Map<string, string>;
    let projectOf: Map<string, Pick<ProjectEntity, 'name' | 'year' | 'budgetAmount'> | undefined>;
    if (read) ({ names, projects: projectOf } = read);
    else {
      names = await actorNames(
        manager,
        rows.flatMap((r) => [r.requestedById, r.reviewedById]),
      );
      const targets = await manager.find(TargetEntity, {
        where: { id: In([...new Set(rows.map((r) => r.targetId))]) },
        relations: { project: true },
      });
      projectOf = new Map(targets.map((t) => [t.id, t.project]));
    }
    const out: ChangeRequestDto[] = [];
    for (const r of rows) {
      const project = projectOf.get(r.targetId);
      const t = project ? { project } : undefined;
      const proposed = r.proposed as Content;
      out.push({
        id: r.id,
        targetId: r.targetId,
        organizationId: r.organizationId,
        projectName: t?.project?.name ?? '',
        reason: r.reason,
        proposed,
        status: r.status,
        reviewComment: r.reviewComment,
        requestedById: r.requestedById,
        requestedByName: r.requestedById ? (names.get(r.requestedById) ?? null) : null,
        reviewedById: r.reviewedById,
        reviewedByName: r.reviewedById ? (names.get(r.reviewedById) ?? null) : null,
        actions: permittedActions(CHANGE_REQUEST_WORKFLOW, r.status, CHANGE_REQUEST_ACTION_RULES, caller, changeRequestRecord(r)),
        quality: t?.project ? await this.quality(manager, t.project, proposed) : [],
        version: r.version,
        createdAt: r.createdAt.toISOString(),
      });
    }
    return out;
  }

  /**
   * The target's page: `target` read by `find` (its project, organization and indicators); `read` its
   * history, expert reviews and their actors' names when the caller read them already (`get`, in its
   * own statement).
   */
  private async detail(
    manager: EntityManager,
    caller: Principal,
    target: TargetEntity,
    read?: { events: TargetEventEntity[]; reviews: ExpertReviewEntity[]; names: Map<string, string> },
  ): Promise<TargetDetailDto> {
    const profile = await this.profiles.valuesFor(target.year, manager);
    const keyBasis = keyBasisOf(target.project!, profile);
    const needsExpertReview = keyBasis !== null || target.expertReviewPicked;
    const events = read?.events ?? (await manager.find(TargetEventEntity, { where: { targetId: target.id }, order: { createdAt: 'ASC' } }));
    const reviews =
      read?.reviews ?? (await manager.find(ExpertReviewEntity, { where: { targetId: target.id }, order: { createdAt: 'ASC' } }));
    const names = read?.names ?? (await actorNames(manager, [...events.map((e) => e.actorId), ...reviews.map((r) => r.expertUserId)]));
    // What this caller may do now: the workflow table and the caller (permission within its scope, read-only,
    // segregation), then the target's own conditions — pre-review only by the unit's own department; pass or pass
    // to expert review by R7; one "conclude" once every expert has scored (N5).
    const org = target.project?.organization;
    const isPreReviewer = !!org && isPreReviewerOf(caller.organizationId, { id: org.id, parentId: org.parentId });
    const record = await this.actionRecord(manager, target, reviews);
    const actions: string[] = [];
    if (EDITABLE_TARGET_STATUSES.includes(target.status) && mayTakeAction(TARGET_EDIT_RULE, caller, target)) actions.push('edit');
    for (const a of permittedActions(TARGET_WORKFLOW, target.status, TARGET_ACTION_RULES, caller, record)) {
      if (a === 'submit_to_department' || a === 'conclude_consult') continue;
      if ((a === 'department_pass' || a === 'department_return') && !isPreReviewer) continue;
      if (a === 'pass' && needsExpertReview) continue;
      if (a === 'pass_to_expert_review' && !needsExpertReview) continue;
      if (a.startsWith('conclude_')) continue;
      actions.push(a);
    }
    if (
      target.status === 'expert_review' &&
      mayTakeAction(TARGET_ACTION_RULES.conclude_approve, caller, record) &&
      reviews.length > 0 &&
      reviews.every((r) => r.status === 'submitted')
    )
      actions.push('conclude');
    return {
      ...toTargetDto(target),
      indicators: (target.indicators ?? []).map(toIndicatorDto),
      events: events.map((e) => ({
        id: e.id,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorId: e.actorId,
        actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
        comment: e.comment,
        note: e.noteCode
          ? { code: e.noteCode, params: e.noteParams ?? {}, ...historyNoteLabel({ code: e.noteCode, params: e.noteParams }) }
          : null,
        createdAt: e.createdAt.toISOString(),
      })),
      actions,
      keyBasis,
      needsExpertReview,
      needsDepartmentReview: needsDepartmentReview(target),
      weightCap: indicatorWeightCap(profile),
      expertReviews: reviews.map((r) => ({
        id: r.id,
        expertUserId: r.expertUserId,
        expertName: names.get(r.expertUserId) ?? '',
        status: r.status,
        score: r.score,
        opinion: r.opinion,
        submittedAt: r.submittedAt?.toISOString() ?? null,
      })),
    };
  }
}

/** Exact average of two-decimal scores, rounded half up to two decimals. */
export function averageScore(scores: readonly string[]): string {
  const hundredths = scores.map((s) => {
    const [i, f = ''] = s.split('.');
    return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
  });
  const sum = hundredths.reduce((a, b) => a + b, 0n);
  const n = BigInt(hundredths.length);
  let avg = sum / n;
  if ((sum % n) * 2n >= n) avg += 1n;
  return `${avg / 100n}.${(avg % 100n).toString().padStart(2, '0')}`;
}
