import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Permission, type Comparison, type FundSource, type ListResult } from '@jixiao/contracts';
import {
  achievementDegree,
  executionRate,
  fundSplitIssues,
  isLateAnswer,
  isMonitoredKind,
  monitoredKindSql,
  isValidDate,
  mayTakeAction,
  compareMoney,
  subtractMoney,
  defineActionRules,
  normalizeMoney,
  responseDeadline,
  shanghaiDate,
  trackingRoundDue,
  trackingStateSql,
  trackingWarnings,
  type IndicatorProgressLine,
  type PolicyProfileValues,
  type ProfileWorkingCalendar,
  type WarningCode,
} from '@jixiao/domain';
import { countsInScope, scopedRollupKeySql } from '../../database/rolled-up-counts.sql';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { assertSegregated } from '../../common/workflow/segregation';
import { fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { projectSearchSql, projectSearchWhere } from '../projects/project-search.sql';
import { childrenFrom, childrenSql } from '../../common/list/children';
import { paginate, sqlPageWithHead } from '../../common/list/paginate';
import { pageRunner } from '../../common/list/read-page';
import { childrenJsonSql, type JsonFields } from '../../common/list/json-items';
import { DataScope } from '../../common/scope/data-scope.service';
import { readOne } from '../../common/scope/read-one';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { ProjectEntity } from '../projects/entities/project.entity';
import { fundSourcesJsonSql } from '../projects/fund-sources-json.sql';
import { SettingsService } from '../settings/settings.service';
import { TargetEntity } from '../targets/entities/target.entity';
import {
  AdjustmentSuggestionDto,
  AnswerWarningDto,
  BudgetAdjustmentDto,
  CoveragePageDto,
  ProjectBudgetHistoryDto,
  CoverageQueryDto,
  CoverageSummaryDto,
  DashboardQueryDto,
  MonitoringDashboardDto,
  CreateBudgetAdjustmentDto,
  CreateTrackingDto,
  ReviewTrackingDto,
  SuggestionListQueryDto,
  TrackingDetailDto,
  TrackingDto,
  TrackingListQueryDto,
  TrackingWarningDto,
} from './dto/tracking.dto';
import { BudgetAdjustmentSuggestionEntity } from './entities/adjustment-suggestion.entity';
import { ProjectBudgetAdjustmentEntity } from './entities/budget-adjustment.entity';
import { UserEntity } from '../users/entities/user.entity';
import { updateVersioned } from '../../database/versioned-update';
import { TrackingFundSourceEntity } from './entities/tracking-fund-source.entity';
import { TrackingIndicatorReadingEntity } from './entities/tracking-indicator-reading.entity';
import { TrackingWarningEntity } from './entities/tracking-warning.entity';
import { TrackingEntity } from './entities/tracking.entity';
import { TrackingErrors } from './trackings.errors';
import { COUNTED_STATE_COLUMNS, LATEST_TRACKING_ORDER, STORED_DUE, STORED_STATE_COLUMNS } from './monitoring-stored.sql';

/** Share of the year elapsed on `date`, percent with two places (1 January = 1 day of 365). */
function timeProgress(date: string, year: number): string {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const [y, m, d] = date.split('-').map(Number);
  const elapsedDays = BigInt(Math.round((Date.UTC(y, m - 1, d) - start) / 86_400_000) + 1);
  const yearDays = BigInt(Math.round((end - start) / 86_400_000));
  const hundredths = (elapsedDays * 10000n * 2n + yearDays) / (yearDays * 2n);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

function toWarningDto(w: TrackingWarningEntity): TrackingWarningDto {
  return {
    id: w.id,
    code: w.code,
    rule: w.rule,
    threshold: w.threshold,
    actual: w.actual,
    checkpointMonth: w.checkpointMonth,
    message: w.message,
    messageEn: w.messageEn,
    answerDue: w.answerDue,
    yearsWithoutCalendar: w.yearsWithoutCalendar ?? [],
    answer: w.answer,
    answeredOn: w.answeredOn,
    answeredLate: w.answeredLate,
    answerReason: w.answerReason,
    answerAmount: w.answerAmount === null ? null : normalizeMoney(w.answerAmount),
  };
}

/** N7: the bureau reviews a tracking and its answers; not whoever recorded it (segregation of duties). */
export const TRACKING_ACTION_RULES = defineActionRules('tracking', {
  review: { permission: Permission.MonitoringReview, notByActorOf: 'create' },
});

const trackingRecord = (t: TrackingEntity) => ({ organizationId: t.organizationId, actors: { create: t.createdById } });

/**
 * N7: the tracked unit (or its department or town) chooses continue / adjust / cancel; the bureau,
 * which reviews the answers, does not answer for it. So a district-wide caller never answers.
 */
export function mayAnswerWarnings(caller: Principal): boolean {
  return !caller.readOnly && caller.dataScope !== 'all' && caller.permissions.has(Permission.MonitoringWrite);
}

function trackingActions(t: TrackingEntity, caller: Principal): ('review' | 'answer')[] {
  const answered = (t.warnings ?? []).every((w) => w.answer !== null);
  return actionsOf({ reviewStatus: t.reviewStatus, answered, organizationId: t.organizationId, createdById: t.createdById }, caller);
}

/** What the caller may do with a tracking in the state given (the list reads this state beside each item's JSON). */
function actionsOf(
  t: { reviewStatus: string; answered: boolean; organizationId: string; createdById: string | null },
  caller: Principal,
): ('review' | 'answer')[] {
  const actions: ('review' | 'answer')[] = [];
  if (t.reviewStatus === 'pending' && !t.answered && mayAnswerWarnings(caller)) actions.push('answer');
  if (
    t.reviewStatus === 'pending' &&
    t.answered &&
    mayTakeAction(TRACKING_ACTION_RULES.review, caller, { organizationId: t.organizationId, actors: { create: t.createdById } })
  )
    actions.push('review');
  return actions;
}

/** Code-unit order (PostgreSQL's COLLATE "C"), the warnings' order in the DTO and in the list's SQL. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function toTrackingDto(t: TrackingEntity, caller: Principal): TrackingDto {
  const p = t.project!;
  return {
    id: t.id,
    projectId: t.projectId,
    projectCode: p.code,
    projectName: p.name,
    organizationId: t.organizationId,
    organizationName: p.organization?.name ?? '',
    year: t.year,
    asOf: t.asOf,
    executedAmount: normalizeMoney(t.executedAmount),
    base: t.base,
    baseAmount: normalizeMoney(t.baseAmount),
    executionRate: t.executionRate,
    achievementRate: t.achievementRate,
    round: t.round,
    roundDue: t.roundDue,
    note: t.note,
    fundSources: (t.fundSources ?? [])
      .map((f) => ({ source: f.source, amount: normalizeMoney(f.amount) }))
      .sort((a, b) => a.source.localeCompare(b.source)),
    warnings: (t.warnings ?? []).map(toWarningDto).sort((a, b) => byCodeUnits(a.code, b.code) || byCodeUnits(a.id, b.id)),
    reviewStatus: t.reviewStatus,
    reviewComment: t.reviewComment,
    reviewedAt: t.reviewedAt?.toISOString() ?? null,
    actions: trackingActions(t, caller),
    version: t.version,
    createdAt: t.createdAt.toISOString(),
  };
}

/**
 * R9, R10, R25, N7: trackings of projects and policies whose target is approved. Every figure is
 * computed here from what the unit enters, with the rules of libs/domain and the year's profile.
 */
/** A suggestion with its project's code and name and its organization's name (read beside it), as its list shows it. */
function toSuggestionDto({
  row: s,
  project,
}: {
  row: BudgetAdjustmentSuggestionEntity;
  project: { code: string; name: string; organizationName: string } | null;
}): AdjustmentSuggestionDto {
  return {
    id: s.id,
    warningId: s.warningId,
    trackingId: s.trackingId,
    projectId: s.projectId,
    projectCode: project?.code ?? '',
    projectName: project?.name ?? '',
    organizationId: s.organizationId,
    organizationName: project?.organizationName ?? '',
    year: s.year,
    kind: s.kind,
    amount: normalizeMoney(s.amount),
    reason: s.reason,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
  };
}

/** `toSuggestionDto` as SQL over the list's aliases `s`, `p` (its project) and `o` (the project's organization): json-items.ts. */
const SUGGESTION_JSON: JsonFields = {
  id: 's.id',
  warningId: 's.warningId',
  trackingId: 's.trackingId',
  projectId: 's.projectId',
  projectCode: { sql: `coalesce(p.code, '')` },
  projectName: { sql: `coalesce(p.name, '')` },
  organizationId: 's.organizationId',
  organizationName: { sql: `coalesce(o.name, '')` },
  year: 's.year',
  kind: 's.kind',
  amount: 's.amount',
  reason: 's.reason',
  status: 's.status',
  createdAt: 's.createdAt',
};

/** TrackingDto as PostgreSQL writes it for the list, but for its actions (json-items.ts); equal to `toTrackingDto` (checked under jest). */
let trackingJsonFields: JsonFields | undefined;
function trackingJson(dataSource: DataSource): JsonFields {
  return (trackingJsonFields ??= {
    id: 't.id',
    projectId: 't.projectId',
    projectCode: 'p.code',
    projectName: 'p.name',
    organizationId: 't.organizationId',
    organizationName: { sql: `coalesce(o.name, '')` },
    year: 't.year',
    asOf: 't.asOf',
    executedAmount: 't.executedAmount',
    base: 't.base',
    baseAmount: 't.baseAmount',
    executionRate: 't.executionRate',
    achievementRate: 't.achievementRate',
    round: 't.round',
    roundDue: 't.roundDue',
    note: 't.note',
    fundSources: { sql: fundSourcesJsonSql('tracking', 't.id') },
    warnings: {
      sql: childrenJsonSql(
        dataSource,
        TrackingWarningEntity,
        'w',
        {
          id: 'w.id',
          code: 'w.code',
          rule: 'w.rule',
          threshold: 'w.threshold',
          actual: 'w.actual',
          checkpointMonth: 'w.checkpointMonth',
          message: 'w.message',
          messageEn: 'w.messageEn',
          answerDue: 'w.answerDue',
          yearsWithoutCalendar: { sql: `coalesce(w.years_without_calendar, '[]'::jsonb)` },
          answer: 'w.answer',
          answeredOn: 'w.answeredOn',
          answeredLate: 'w.answeredLate',
          answerReason: 'w.answerReason',
          answerAmount: 'w.answerAmount',
        },
        'w.tracking_id = t.id',
        'w.code COLLATE "C", w.id',
      ),
    },
    reviewStatus: 't.reviewStatus',
    reviewComment: 't.reviewComment',
    reviewedAt: 't.reviewedAt',
    version: 't.version',
    createdAt: 't.createdAt',
  });
}

@Injectable()
export class TrackingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
    private readonly settings: SettingsService,
  ) {}

  async list(caller: Principal, query: TrackingListQueryDto): Promise<ListResult<TrackingDto>> {
    const qb = this.dataSource
      .getRepository(TrackingEntity)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.project', 'p')
      .leftJoinAndSelect('p.organization', 'o');
    await this.scope.applyTo(qb, 't.organizationId', caller);
    if (query.year) qb.andWhere('t.year = :year', { year: query.year });
    if (query.projectId) qb.andWhere('t.projectId = :projectId', { projectId: query.projectId });
    // An organization with its units, as the coverage counts them.
    if (query.organizationId) qb.andWhere('(t.organizationId = :org OR o.parentId = :org)', { org: query.organizationId });
    if (query.q) qb.andWhere(...projectSearchWhere('p', query.q, qb.alias));
    if (query.openWarnings === 'true') {
      qb.andWhere('EXISTS (SELECT 1 FROM tracking_warnings w WHERE w.tracking_id = t.id AND w.answer IS NULL)');
    } else if (query.openWarnings === 'false') {
      qb.andWhere('NOT EXISTS (SELECT 1 FROM tracking_warnings w WHERE w.tracking_id = t.id AND w.answer IS NULL)');
    }
    if (query.reviewStatus) qb.andWhere('t.reviewStatus = :reviewStatus', { reviewStatus: query.reviewStatus });
    // the fund sources and warnings of each row aggregated in the page statement
    return paginate(qb, query, {
      sortable: { asOf: 't.asOf', createdAt: 't.createdAt', executionRate: 't.executionRate', projectCode: 't.projectCode' },
      defaultSort: '-asOf,projectCode',
      columns: {
        fundSources: childrenSql(this.dataSource, TrackingFundSourceEntity, 'trackingId', 't.id'),
        warnings: childrenSql(this.dataSource, TrackingWarningEntity, 'trackingId', 't.id'),
      },
      map: (t, columns) => {
        t.fundSources = childrenFrom(this.dataSource, TrackingFundSourceEntity, columns.fundSources);
        t.warnings = childrenFrom(this.dataSource, TrackingWarningEntity, columns.warnings);
        return toTrackingDto(t, caller);
      },
      json: trackingJson(this.dataSource),
      jsonPlus: {
        columns: {
          reviewStatus: 't.review_status',
          answered: 'NOT EXISTS (SELECT 1 FROM tracking_warnings w WHERE w.tracking_id = t.id AND w.answer IS NULL)',
          organizationId: 't.organization_id',
          createdById: 't.created_by_id',
        },
        add: (rows) => rows.map((state) => ({ actions: actionsOf(state as Parameters<typeof actionsOf>[0], caller) })),
      },
    });
  }

  /**
   * The tracking's page in one statement (readOne, common/scope/read-one.ts: with the caller's credential
   * and the route's owner check): the tracking with its project and the project's organization joined,
   * and its fund sources, warnings and indicator readings aggregated into it — as `find` and `detail`
   * would read them in three.
   */
  async get(caller: Principal, id: string): Promise<TrackingDetailDto> {
    const ds = this.dataSource;
    const read = await readOne(
      ds
        .getRepository(TrackingEntity)
        .createQueryBuilder('t')
        .leftJoinAndSelect('t.project', 'p')
        .leftJoinAndSelect('p.organization', 'o')
        .addSelect(`(${childrenSql(ds, TrackingFundSourceEntity, 'trackingId', 't.id')})`, 'lx_fund_sources')
        .addSelect(`(${childrenSql(ds, TrackingWarningEntity, 'trackingId', 't.id')})`, 'lx_warnings')
        .addSelect(`(${childrenSql(ds, TrackingIndicatorReadingEntity, 'trackingId', 't.id', ['sortOrder'])})`, 'lx_readings')
        .where('t.id = :id', { id }),
    );
    if (!read) throw CommonErrors.NOT_FOUND();
    const tracking = read.entity;
    await this.scope.assertVisible(caller, tracking.organizationId);
    tracking.fundSources = childrenFrom(ds, TrackingFundSourceEntity, read.raw.lx_fund_sources);
    tracking.warnings = childrenFrom(ds, TrackingWarningEntity, read.raw.lx_warnings);
    return this.detail(ds.manager, tracking, caller, childrenFrom(ds, TrackingIndicatorReadingEntity, read.raw.lx_readings));
  }

  /** R9 / N7: records a tracking of the project as of a date and raises the warnings it calls for. */
  async create(caller: Principal, projectId: string, dto: CreateTrackingDto): Promise<TrackingDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const project = await manager.findOne(ProjectEntity, {
        where: { id: projectId },
        relations: { organization: true, fundSources: true },
      });
      if (!project) throw CommonErrors.NOT_FOUND();
      await this.scope.assertVisible(caller, project.organizationId, manager);
      await this.scope.assertWritable(caller, project.organizationId, manager);

      if (!isMonitoredKind(project.kind)) throw TrackingErrors.TRACKING_KIND_NOT_MONITORED({ extra: { kind: project.kind } });
      const target = await manager.findOne(TargetEntity, { where: { projectId }, relations: { indicators: true } });
      if (!target || target.status !== 'approved') {
        throw TrackingErrors.TRACKING_TARGET_NOT_APPROVED({ extra: { targetStatus: target?.status ?? null } });
      }
      const id = await this.record(manager, caller, project, target, dto);
      return this.detail(manager, await this.find(manager, id), caller);
    });
  }

  /**
   * The one way a tracking is written (the form and the execution import): checks the date and the
   * split, computes the execution rate and the degree of achievement, raises the warnings with their
   * answer deadlines, and audits it. The caller has loaded the project and its approved target.
   */
  async record(
    manager: EntityManager,
    caller: Principal,
    project: ProjectEntity,
    target: TargetEntity,
    dto: CreateTrackingDto,
    options: { today?: string; calendars?: Map<number, ProfileWorkingCalendar>; source?: 'import' } = {},
  ): Promise<string> {
    if (!isValidDate(dto.asOf)) {
      throw CommonErrors.VALIDATION_FAILED({
        errors: [fieldError('asOf', 'INVALID_DATE', '须为有效日期（YYYY-MM-DD）', 'must be a valid YYYY-MM-DD date')],
      });
    }
    if (!dto.asOf.startsWith(`${project.year}-`)) {
      throw TrackingErrors.TRACKING_AS_OF_OUTSIDE_YEAR({ params: { year: project.year } });
    }
    const today = options.today ?? shanghaiDate();
    if (dto.asOf > today) throw TrackingErrors.TRACKING_AS_OF_FUTURE();

    const profile = await this.profiles.valuesFor(project.year, manager);
    const executed = normalizeMoney(dto.executedAmount);

    // R25: the split by fund source adds up, once per source, from the project's sources.
    const split = (dto.fundSources ?? []).map((f) => ({ source: f.source, amount: normalizeMoney(f.amount) }));
    const splitProblems = fundSplitIssues(
      executed,
      split,
      (project.fundSources ?? []).map((f) => f.source),
    );
    if (splitProblems.length) {
      throw CommonErrors.VALIDATION_FAILED({
        errors: splitProblems.map((i) => fieldError(i.field, i.code, i.message, i.messageEn)),
      });
    }

    // Readings of the approved target's indicators.
    const indicators = [...(target.indicators ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
    const byId = new Map(indicators.map((i) => [i.id, i]));
    const readings = new Map<string, NonNullable<CreateTrackingDto['indicators']>[number]>();
    const readingErrors: ReturnType<typeof fieldError>[] = [];
    (dto.indicators ?? []).forEach((reading, index) => {
      const indicator = byId.get(reading.targetIndicatorId);
      if (!indicator) throw TrackingErrors.TRACKING_INDICATOR_UNKNOWN({ extra: { targetIndicatorId: reading.targetIndicatorId } });
      if (readings.has(reading.targetIndicatorId)) {
        readingErrors.push(
          fieldError(`indicators.${index}.targetIndicatorId`, 'DUPLICATE', '同一指标重复填报', 'the indicator is read twice'),
        );
      }
      if (indicator.comparison === 'qualitative') {
        if (reading.valueSoFar !== undefined) {
          readingErrors.push(
            fieldError(
              `indicators.${index}.valueSoFar`,
              'QUALITATIVE_HAS_BAND',
              '定性指标请选择完成档次',
              'a qualitative indicator is read as a band',
            ),
          );
        }
        if (reading.band !== undefined && !profile.monitoring.qualitativeBands.some((b) => b.code === reading.band)) {
          readingErrors.push(
            fieldError(`indicators.${index}.band`, 'UNKNOWN_BAND', '完成档次不在政策参数中', 'the band is not one of the profile’s bands'),
          );
        }
      } else if (reading.band !== undefined) {
        readingErrors.push(
          fieldError(
            `indicators.${index}.band`,
            'QUANTITATIVE_HAS_VALUE',
            '定量指标请填写完成值',
            'a quantitative indicator is read as a value',
          ),
        );
      }
      readings.set(reading.targetIndicatorId, reading);
    });
    if (readingErrors.length) throw CommonErrors.VALIDATION_FAILED({ errors: readingErrors });

    const achievement = achievementDegree(
      indicators.map((i) => ({
        key: i.id,
        comparison: i.comparison as Comparison,
        yearValue: i.value,
        valueSoFar: readings.get(i.id)?.valueSoFar ?? null,
        band: readings.get(i.id)?.band ?? null,
        weight: i.weight,
      })),
      profile,
    );
    let rate;
    try {
      const adjustment = await manager
        .getRepository(ProjectBudgetAdjustmentEntity)
        .createQueryBuilder('a')
        .where('a.projectId = :projectId AND a.approvedOn <= :asOf', { projectId: project.id, asOf: dto.asOf })
        .orderBy('a.approvedOn', 'DESC')
        .addOrderBy('a.createdAt', 'DESC')
        .getOne();
      rate = executionRate(executed, project.budgetAmount, adjustment?.amount ?? null);
    } catch {
      throw TrackingErrors.TRACKING_BUDGET_ZERO();
    }
    const sector = project.organization?.sector ?? (await this.parentSector(manager, project.organization ?? null));
    const round = trackingRoundDue(
      {
        year: project.year,
        sector,
        createdOn: shanghaiDate(project.createdAt),
        targetApprovedOn: target.approvedAt ? shanghaiDate(target.approvedAt) : null,
      },
      profile,
    ) ?? { round: 'first_tracking' as const, rule: 'R9', due: `${project.year}-12-31` };

    const saved = await manager.save(
      manager.create(TrackingEntity, {
        projectId: project.id,
        organizationId: project.organizationId,
        year: project.year,
        asOf: dto.asOf,
        executedAmount: executed,
        base: rate.base,
        baseAmount: rate.baseAmount,
        executionRate: rate.rate,
        achievementRate: achievement.degree,
        round: round.round,
        roundDue: round.due,
        note: dto.note?.trim() || null,
        // Who recorded it (a user or an API key): kept for segregation of duties.
        createdById: caller.id,
      }),
    );
    if (split.length) {
      await manager.insert(
        TrackingFundSourceEntity,
        split.map((f) => ({ trackingId: saved.id, source: f.source, amount: f.amount })),
      );
    }
    const lines = new Map<string, IndicatorProgressLine>(achievement.lines.map((l) => [l.key, l]));
    if (indicators.length) {
      await manager.insert(
        TrackingIndicatorReadingEntity,
        indicators.map((i) => {
          const reading = readings.get(i.id);
          return {
            trackingId: saved.id,
            targetIndicatorId: i.id,
            sortOrder: i.sortOrder,
            indicator: { name: i.name, level1: i.level1, comparison: i.comparison, value: i.value, unit: i.unit, weight: i.weight },
            valueSoFar: reading?.valueSoFar ?? null,
            band: reading?.band ?? null,
            degree: lines.get(i.id)?.degree ?? null,
            willReach: reading?.willReach ?? null,
            deviationReason: reading?.deviationReason?.trim() || null,
            measures: reading?.measures?.trim() || null,
          };
        }),
      );
    }

    // N7: the warnings, each with its answer deadline on the working calendars of the years it spans.
    const warnings = trackingWarnings({ asOf: dto.asOf, executionRate: rate.rate, achievementRate: achievement.degree }, profile);
    if (warnings.length) {
      const calendars = options.calendars ?? (await this.calendars(manager, today));
      const deadline = responseDeadline(today, profile, (year) => calendars.get(year) ?? null);
      await manager.insert(
        TrackingWarningEntity,
        warnings.map((w) => ({
          trackingId: saved.id,
          organizationId: project.organizationId,
          code: w.code,
          rule: w.rule,
          threshold: w.threshold,
          actual: w.actual,
          checkpointMonth: w.checkpointMonth ?? null,
          message: w.message,
          messageEn: w.messageEn,
          answerDue: deadline.date,
          yearsWithoutCalendar: deadline.yearsWithoutCalendar,
        })),
      );
    }

    await this.audit.record(manager, {
      action: 'tracking.create',
      entityType: 'tracking',
      entityId: saved.id,
      after: {
        projectId: project.id,
        asOf: dto.asOf,
        executedAmount: executed,
        executionRate: rate.rate,
        achievementRate: achievement.degree,
        warnings: warnings.map((w) => w.code),
        ...(options.source ? { source: options.source } : {}),
      },
    });
    return saved.id;
  }

  /** N7: the unit answers a warning — continue, adjust (with the amount) or cancel — within the working days. */
  async answer(caller: Principal, warningId: string, dto: AnswerWarningDto): Promise<TrackingDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const warning = await manager.findOne(TrackingWarningEntity, { where: { id: warningId }, lock: { mode: 'pessimistic_write' } });
      if (!warning) throw CommonErrors.NOT_FOUND();
      await this.scope.assertWritable(caller, warning.organizationId, manager);
      if (!mayAnswerWarnings(caller)) throw TrackingErrors.TRACKING_ANSWER_BY_OWNER();
      if (warning.answer !== null) throw TrackingErrors.TRACKING_WARNING_ANSWERED();
      const tracking = await this.find(manager, warning.trackingId);
      if (tracking.reviewStatus === 'reviewed') throw TrackingErrors.TRACKING_REVIEWED();
      const rest = subtractMoney(tracking.baseAmount, tracking.executedAmount);
      const restOrZero = compareMoney(rest, '0') < 0 ? '0.00' : normalizeMoney(rest);
      let amount: string | null = null;
      if (dto.answer === 'adjust') {
        if (!dto.amount) throw TrackingErrors.TRACKING_ANSWER_AMOUNT_REQUIRED();
        amount = normalizeMoney(dto.amount);
      } else if (dto.answer === 'cancel') {
        amount = dto.amount ? normalizeMoney(dto.amount) : restOrZero;
      }
      if (amount !== null && compareMoney(amount, restOrZero) > 0) {
        throw TrackingErrors.TRACKING_ANSWER_AMOUNT_TOO_HIGH({ params: { rest: restOrZero } });
      }
      const answeredOn = shanghaiDate();
      await manager.update(
        TrackingWarningEntity,
        { id: warningId },
        {
          answer: dto.answer,
          answerReason: dto.reason.trim(),
          answerAmount: amount,
          answeredOn,
          answeredLate: isLateAnswer(answeredOn, warning.answerDue),
          answeredById: caller.kind === 'user' ? caller.id : null,
        },
      );
      await this.audit.record(manager, {
        action: 'tracking.answer',
        entityType: 'tracking_warning',
        entityId: warningId,
        after: { trackingId: warning.trackingId, code: warning.code, answer: dto.answer, amount, answeredOn, due: warning.answerDue },
      });
      return this.detail(manager, await this.find(manager, warning.trackingId), caller);
    });
  }

  /** N7: the bureau reviews a tracking whose warnings are answered; adjust / cancel answers become suggestions. */
  async review(caller: Principal, id: string, dto: ReviewTrackingDto): Promise<TrackingDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const tracking = await this.find(manager, id);
      await this.scope.assertVisible(caller, tracking.organizationId, manager);
      if (tracking.reviewStatus === 'reviewed') throw TrackingErrors.TRACKING_REVIEWED();
      if ((tracking.warnings ?? []).some((w) => w.answer === null)) throw TrackingErrors.TRACKING_ANSWERS_PENDING();
      assertSegregated(TRACKING_ACTION_RULES, 'review', caller, trackingRecord(tracking));
      await updateVersioned(manager, TrackingEntity, id, dto.version, {
        reviewStatus: 'reviewed',
        reviewedById: caller.kind === 'user' ? caller.id : null,
        reviewedAt: new Date(),
        reviewComment: dto.comment?.trim() || null,
      });
      const toSuggest = (tracking.warnings ?? []).filter((w) => w.answer === 'adjust' || w.answer === 'cancel');
      if (toSuggest.length) {
        await manager.insert(
          BudgetAdjustmentSuggestionEntity,
          toSuggest.map((w) => ({
            warningId: w.id,
            trackingId: tracking.id,
            projectId: tracking.projectId,
            organizationId: tracking.organizationId,
            year: tracking.year,
            kind: w.answer as 'adjust' | 'cancel',
            amount: w.answerAmount ?? '0.00',
            reason: w.answerReason ?? '',
            createdById: caller.kind === 'user' ? caller.id : null,
          })),
        );
      }
      await this.audit.record(manager, {
        action: 'tracking.review',
        entityType: 'tracking',
        entityId: id,
        after: {
          comment: dto.comment ?? null,
          suggestions: toSuggest.map((w) => ({ warningId: w.id, kind: w.answer, amount: w.answerAmount })),
        },
      });
      return this.detail(manager, await this.find(manager, id), caller);
    });
  }

  /** An approved in-year adjusted budget of the project (its history is kept). */
  async addBudgetAdjustment(caller: Principal, projectId: string, dto: CreateBudgetAdjustmentDto): Promise<BudgetAdjustmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const project = await manager.findOne(ProjectEntity, { where: { id: projectId } });
      if (!project) throw CommonErrors.NOT_FOUND();
      await this.scope.assertWritable(caller, project.organizationId, manager);
      if (!isValidDate(dto.approvedOn)) {
        throw CommonErrors.VALIDATION_FAILED({
          errors: [fieldError('approvedOn', 'INVALID_DATE', '须为有效日期（YYYY-MM-DD）', 'must be a valid YYYY-MM-DD date')],
        });
      }
      if (!dto.approvedOn.startsWith(`${project.year}-`))
        throw TrackingErrors.TRACKING_AS_OF_OUTSIDE_YEAR({ params: { year: project.year } });
      if (compareMoney(dto.amount, '0') <= 0) {
        throw CommonErrors.VALIDATION_FAILED({
          errors: [fieldError('amount', 'NOT_POSITIVE', '调整后预算须大于 0', 'the adjusted budget must be greater than 0')],
        });
      }
      const saved = await manager.save(
        manager.create(ProjectBudgetAdjustmentEntity, {
          projectId,
          organizationId: project.organizationId,
          amount: normalizeMoney(dto.amount),
          approvedOn: dto.approvedOn,
          reason: dto.reason.trim(),
          createdById: caller.kind === 'user' ? caller.id : null,
        }),
      );
      await this.audit.record(manager, {
        action: 'project.budget_adjustment',
        entityType: 'project_budget_adjustment',
        entityId: saved.id,
        before: { projectId, budgetAmount: normalizeMoney(project.budgetAmount) },
        after: { projectId, adjustedBudget: saved.amount, approvedOn: saved.approvedOn, reason: saved.reason },
      });
      return (await this.adjustmentDtos(manager, [saved]))[0];
    });
  }

  async budgetAdjustments(caller: Principal, projectId: string): Promise<ProjectBudgetHistoryDto> {
    const manager = this.dataSource.manager;
    const project = await manager.findOne(ProjectEntity, { where: { id: projectId } });
    if (!project) throw CommonErrors.NOT_FOUND();
    await this.scope.assertVisible(caller, project.organizationId);
    const rows = await manager.find(ProjectBudgetAdjustmentEntity, {
      where: { projectId },
      order: { approvedOn: 'DESC', createdAt: 'DESC' },
      take: 200,
    });
    const items = await this.adjustmentDtos(manager, rows);
    return {
      projectId,
      budgetAmount: normalizeMoney(project.budgetAmount),
      adjustedBudget: items[0]?.amount ?? null,
      items,
    };
  }

  async suggestions(caller: Principal, query: SuggestionListQueryDto): Promise<ListResult<AdjustmentSuggestionDto>> {
    // the project and its organization joined by key, for the items PostgreSQL writes (SUGGESTION_JSON)
    const qb = this.dataSource
      .getRepository(BudgetAdjustmentSuggestionEntity)
      .createQueryBuilder('s')
      .leftJoin(ProjectEntity, 'p', 'p.id = s.projectId')
      .leftJoin(OrganizationEntity, 'o', 'o.id = p.organizationId');
    await this.scope.applyTo(qb, 's.organizationId', caller);
    if (query.year) qb.andWhere('s.year = :year', { year: query.year });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    // the project's code and name and its organization's name (joined) read in the page statement
    return paginate(qb, query, {
      sortable: { createdAt: 's.createdAt', amount: 's.amount' },
      defaultSort: '-createdAt',
      columns: {
        project: `CASE WHEN p.id IS NOT NULL THEN json_build_object('code', p.code, 'name', p.name, 'organizationName', o.name) END`,
      },
      map: (row, columns) => ({ row, project: columns.project as { code: string; name: string; organizationName: string } | null }),
      finish: (rows) => rows.map(toSuggestionDto),
      json: SUGGESTION_JSON,
    });
  }

  /**
   * R9: every project and policy of the year in the caller's scope, with where it stands — tracked,
   * due, overdue, or not trackable (target not approved, with the target's status as the reason).
   * Computed in one SQL statement per page plus one for the counts.
   */
  async coverage(caller: Principal, query: CoverageQueryDto): Promise<CoveragePageDto> {
    // no transaction: a read; JIT is off for every connection (data-source-options), which the
    // coverage's statements over every project in scope need (compiling took longer than running)
    return this.coverageIn(this.dataSource.manager, caller, query);
  }

  private async coverageIn(manager: EntityManager, caller: Principal, query: CoverageQueryDto): Promise<CoveragePageDto> {
    const year = query.year ?? (await this.settings.workingYear(manager)).year;
    // The deadlines are stored per project from this profile (a year without one has no coverage: 404).
    await this.profiles.valuesFor(year, manager);
    const params: unknown[] = [year];
    const where: string[] = [`p.year = $1`, monitoredKindSql('p.kind')];
    // The same conditions on the stored counts per (year, organization, deadline, approved, tracked).
    const countWhere: string[] = [`c.year = $1`, `c.projects <> 0`];
    const ids = await this.scope.visibleOrganizationIds(caller, manager);
    if (ids !== null) {
      params.push(ids);
      where.push(`p.organization_id = ANY($${params.length}::uuid[])`);
      countWhere.push(`c.organization_id = ANY($${params.length}::uuid[])`);
    }
    if (query.organizationId) {
      params.push(query.organizationId);
      where.push(`(p.organization_id = $${params.length} OR o.parent_id = $${params.length})`);
      countWhere.push(`(c.organization_id = $${params.length} OR o.parent_id = $${params.length})`);
    }
    if (query.q) {
      where.push(
        projectSearchSql('p', query.q, (value) => {
          params.push(value);
          return `$${params.length}`;
        }),
      );
    }
    const today = shanghaiDate();
    params.push(today);
    const todayParam = `$${params.length}::date`;
    const due = STORED_DUE;
    // The list's rows read the stored facts (target status, tracked, latest execution rate, deadline:
    // migrations GateStored, MonitoringStored), so state, order and filter need no look-up per row;
    // the latest tracking's other figures and the open warnings are looked up for the page's rows only
    // (sqlPage's columns), in the stored latest tracking's order.
    const rows = `
      SELECT p.id, p.code, p.name, p.kind, p.organization_id, o.name AS organization_name, p.budget_amount,
             p.target_status, p.last_execution_rate, ${due} AS due,
             ${trackingStateSql({ ...STORED_STATE_COLUMNS, due, today: todayParam })} AS state
        FROM projects p
        JOIN organizations o ON o.id = p.organization_id
       WHERE ${where.join(' AND ')}`;
    const pageColumns = `
      (SELECT json_build_object('n', (SELECT count(*) FROM trackings c WHERE c.project_id = r.id), 'as_of', to_char(x.as_of, 'YYYY-MM-DD'),
                                'achievement_rate', x.achievement_rate::text)
         FROM trackings x WHERE x.project_id = r.id ORDER BY ${LATEST_TRACKING_ORDER} LIMIT 1) AS last_tracking,
      (SELECT count(*)::int FROM tracking_warnings tw JOIN trackings x ON x.id = tw.tracking_id
        WHERE x.project_id = r.id AND tw.answer IS NULL) AS open_warnings`;
    // The counts need only each row's state. Without a search they add up the stored counts per
    // (organization, deadline, approved, tracked) (migration MonitoringStored); a search counts the
    // matching projects' stored facts, not their latest tracking, target and open warnings. They are
    // the page statement's head (read also for an empty page): one statement.
    const counts = query.q
      ? `SELECT ${trackingStateSql({ ...STORED_STATE_COLUMNS, due: STORED_DUE, today: todayParam })} AS state, count(*)::int AS n
           FROM projects p
           JOIN organizations o ON o.id = p.organization_id
          WHERE ${where.join(' AND ')}
          GROUP BY 1`
      : `SELECT ${trackingStateSql({ ...COUNTED_STATE_COLUMNS, due: 'c.due', today: todayParam })} AS state, sum(c.projects)::int AS n
           FROM monitoring_due_counts c ${query.organizationId ? 'JOIN organizations o ON o.id = c.organization_id' : ''}
          WHERE ${countWhere.join(' AND ')}
          GROUP BY 1`;
    const summaryOf = (head: Record<string, any>): CoverageSummaryDto => {
      const summary: CoverageSummaryDto = { total: 0, tracked: 0, due: 0, overdue: 0, not_trackable: 0 };
      for (const [state, n] of head.h_counts as [keyof CoverageSummaryDto, number][]) {
        summary[state] = n;
        summary.total += n;
      }
      return summary;
    };
    const { page, head } = await sqlPageWithHead(pageRunner(this.dataSource, manager), query, {
      rows: `SELECT x.*, to_char(x.due, 'YYYY-MM-DD') AS due_text FROM (${rows}) x`,
      params: query.state ? [...params, query.state] : params,
      where: query.state ? [`r.state = $${params.length + 1}`] : [],
      head: `(SELECT COALESCE(json_agg(json_build_array(c.state, c.n)), '[]') FROM (${counts}) c) AS h_counts`,
      totalOf: (h) => summaryOf(h)[query.state ?? 'total'],
      sortable: { projectCode: 'r.code', due: 'r.due', state: 'r.state', lastExecutionRate: 'r.last_execution_rate' },
      notNull: ['r.code'],
      defaultSort: 'projectCode',
      tieBreak: 'r.id',
      columns: pageColumns,
      map: (r) => {
        const last = r.last_tracking as { n: number; as_of: string; achievement_rate: string | null } | null;
        return {
          projectId: r.id,
          projectCode: r.code,
          projectName: r.name,
          kind: r.kind,
          organizationId: r.organization_id,
          organizationName: r.organization_name,
          budgetAmount: normalizeMoney(String(r.budget_amount)),
          targetStatus: r.target_status ?? null,
          state: r.state,
          due: r.due_text,
          trackings: last ? Number(last.n) : 0,
          lastAsOf: last?.as_of ?? null,
          lastExecutionRate: r.last_execution_rate === null ? null : String(r.last_execution_rate),
          lastAchievementRate: last?.achievement_rate ?? null,
          openWarnings: Number(r.open_warnings),
        };
      },
    });
    return { ...page, summary: summaryOf(head) };
  }

  /**
   * The monitoring dashboard of the caller's scope: the summary — execution against time progress,
   * warnings by rule, trackings by deadline, focus-area funds by source (R25) — and the departments
   * and towns (`kind`: one of them) paged and sorted by the list contract. One statement, aggregates
   * over the counts the writes keep (migrations MonitoringStored, WarningCountsStored; rolled up to
   * departments and towns for the whole city, RolledUpCounts): the page, with the summary — which
   * also counts the rows — in its head.
   */
  async dashboard(caller: Principal, query: DashboardQueryDto): Promise<MonitoringDashboardDto> {
    const manager = this.dataSource.manager;
    const year = query.year ?? (await this.settings.workingYear(manager)).year;
    const ids = await this.scope.visibleOrganizationIds(caller, manager);
    const today = shanghaiDate();
    const yearEnd = `${year}-12-31`;
    const asOf = today < yearEnd ? today : yearEnd;
    // The deadlines are stored per project from this profile (a year without one has no dashboard: 404).
    await this.profiles.valuesFor(year, manager);
    // $1 the year, $2 the caller's organizations (absent for the whole city)
    const params: unknown[] = ids === null ? [year] : [year, ids];
    // The sums per department or town (organizations.list_organization_id; an organization outside any, or
    // whose department or town the caller does not see, for itself): stored per (year, organization) and
    // kept by the writes (monitoring_totals), rolled up to departments and towns for the whole city
    // (monitoring_totals_rollup), grouped here for a scope.
    const orgRows =
      ids === null
        ? `SELECT top.id, top.code, top.name, top.kind, c.budget, c.executed, c.base, c.projects, c.tracked
             FROM monitoring_totals_rollup c JOIN organizations top ON top.id = c.organization_id
            WHERE c.year = $1 AND c.projects <> 0`
        : `SELECT top.id, top.code, top.name, top.kind, sum(c.budget) AS budget, sum(c.executed) AS executed, sum(c.base) AS base,
                  sum(c.projects)::int AS projects, sum(c.tracked)::int AS tracked
             FROM monitoring_totals c
             JOIN organizations o ON o.id = c.organization_id
             JOIN organizations top ON top.id = ${scopedRollupKeySql('o', '$2::uuid[]')}
            WHERE c.year = $1 AND c.projects <> 0 AND c.organization_id = ANY($2::uuid[])
            GROUP BY top.id, top.code, top.name, top.kind`;
    // the summary is the page statement's head (read also for an empty page), over the same rows: one statement
    const { page, head } = await sqlPageWithHead(pageRunner(this.dataSource, manager), query, {
      with: `org_rows AS MATERIALIZED (${orgRows})`,
      rows: `SELECT * FROM org_rows`,
      params: [...params, today],
      head: dashboardSummarySql(ids, `$${params.length + 1}::date`),
      totalOf: (h) => {
        const totals = (h as DashboardSummaryRow).h_totals;
        return query.kind === 'department' ? totals.departments : query.kind === 'town' ? totals.towns : totals.organizations;
      },
      where: query.kind ? [`r.kind = '${query.kind === 'town' ? 'town' : 'department'}'`] : [],
      sortable: {
        organizationCode: 'r.code',
        organizationName: 'r.name',
        budgetAmount: 'r.budget',
        projects: 'r.projects',
        executionRate: 'CASE WHEN r.base > 0 THEN r.executed / r.base END',
      },
      notNull: ['r.code', 'r.name', 'r.budget', 'r.projects'],
      defaultSort: 'organizationCode',
      tieBreak: 'r.id',
      map: (o) => ({
        organizationId: o.id,
        organizationCode: o.code,
        organizationName: o.name,
        organizationKind: o.kind,
        ...executionSums(o),
        projects: Number(o.projects),
        tracked: Number(o.tracked),
      }),
    });
    return { year, asOf, timeProgress: timeProgress(asOf, year), summary: dashboardSummaryOf(head as DashboardSummaryRow), ...page };
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async adjustmentDtos(manager: EntityManager, rows: ProjectBudgetAdjustmentEntity[]): Promise<BudgetAdjustmentDto[]> {
    const userIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => !!id))];
    const users = userIds.length ? await manager.find(UserEntity, { where: { id: In(userIds) } }) : [];
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return rows.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      amount: normalizeMoney(r.amount),
      approvedOn: r.approvedOn,
      reason: r.reason,
      createdByName: r.createdById ? (names.get(r.createdById) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** The working calendars of the year of `from` and the next, from their profiles when they exist. */
  private async calendars(manager: EntityManager, from: string): Promise<Map<number, ProfileWorkingCalendar>> {
    const year = Number(from.slice(0, 4));
    const out = new Map<number, ProfileWorkingCalendar>();
    for (const y of [year, year + 1]) {
      const values = await this.profiles.valuesFor(y, manager).catch(() => null as PolicyProfileValues | null);
      if (values?.workingCalendar) out.set(y, values.workingCalendar);
    }
    return out;
  }

  private async parentSector(manager: EntityManager, org: OrganizationEntity | null): Promise<string | null> {
    if (!org?.parentId) return null;
    const parent = await manager.findOne(OrganizationEntity, { where: { id: org.parentId } });
    return parent?.sector ?? null;
  }

  private async find(manager: EntityManager, id: string): Promise<TrackingEntity> {
    const tracking = await manager.findOne(TrackingEntity, {
      where: { id },
      relations: { project: { organization: true }, fundSources: true, warnings: true },
    });
    if (!tracking) throw CommonErrors.NOT_FOUND();
    return tracking;
  }

  /** The tracking's page: `tracking` read by `find`; `read` its indicator readings when the caller read them already (`get`). */
  private async detail(
    manager: EntityManager,
    tracking: TrackingEntity,
    caller: Principal,
    read?: TrackingIndicatorReadingEntity[],
  ): Promise<TrackingDetailDto> {
    const readings =
      read ??
      (await manager.find(TrackingIndicatorReadingEntity, {
        where: { trackingId: tracking.id },
        order: { sortOrder: 'ASC' },
      }));
    const profile = await this.profiles.valuesFor(tracking.year, manager);
    // The working, recomputed from what was stored, so the page shows how each degree came about.
    const working = achievementDegree(
      readings.map((r) => ({
        key: r.targetIndicatorId,
        comparison: r.indicator.comparison as Comparison,
        yearValue: r.indicator.value,
        valueSoFar: r.valueSoFar,
        band: r.band,
        weight: r.indicator.weight,
      })),
      profile,
    );
    const basisOf = new Map(working.lines.map((l) => [l.key, l.basis]));
    return {
      ...toTrackingDto(tracking, caller),
      indicators: readings.map((r) => ({
        targetIndicatorId: r.targetIndicatorId,
        name: r.indicator.name,
        level1: r.indicator.level1,
        comparison: r.indicator.comparison,
        yearValue: r.indicator.value,
        unit: r.indicator.unit,
        weight: r.indicator.weight,
        valueSoFar: r.valueSoFar,
        band: r.band,
        degree: r.degree,
        basis: basisOf.get(r.targetIndicatorId) ?? 'not_read',
        willReach: r.willReach,
        deviationReason: r.deviationReason,
        measures: r.measures,
      })),
    };
  }
}

/** A dashboard row's budget, executed amount and execution rate (against the base it counts; null where that is 0). */
function executionSums(r: Record<string, unknown>) {
  const executed = normalizeMoney(String(r.executed));
  const base = normalizeMoney(String(r.base));
  return {
    budgetAmount: normalizeMoney(String(r.budget)),
    executedAmount: executed,
    executionRate: compareMoney(base, '0') > 0 ? executionRate(executed, base).rate : null,
  };
}

/**
 * The monitoring dashboard's summary over the stored counts, as the head of its page statement
 * (sqlPage's `head`; `org_rows` the rows the pages list, `$1` the year, `$2` the caller's
 * organizations unless the whole city, `day` today): the scope's sums and how many rows of each kind,
 * the warnings by rule (stored per year, organization, code and open deadline: open is every
 * deadline but `infinity`, overdue one before today), the trackings by deadline (the approved
 * projects and policies counted per organization, deadline and tracked; folded into one line per
 * deadline by `dashboardSummaryOf`) and the latest trackings' fund sources.
 */
function dashboardSummarySql(ids: string[] | null, day: string): string {
  const warningCounts = countsInScope('monitoring_warning_counts', ids, '$2::uuid[]');
  const fundTotals = countsInScope('monitoring_fund_totals', ids, '$2::uuid[]');
  const dueCounts = countsInScope('monitoring_due_counts', ids, '$2::uuid[]');
  return `(SELECT json_build_object('budget', COALESCE(sum(budget), 0)::text, 'executed', COALESCE(sum(executed), 0)::text,
                   'base', COALESCE(sum(base), 0)::text, 'projects', COALESCE(sum(projects), 0), 'tracked', COALESCE(sum(tracked), 0),
                   'departments', count(*) FILTER (WHERE kind = 'department'), 'towns', count(*) FILTER (WHERE kind = 'town'),
                   'organizations', count(*))
            FROM org_rows) AS h_totals,
         (SELECT COALESCE(json_agg(w ORDER BY w.code), '[]') FROM (
            SELECT c.code, sum(c.warnings)::int AS total,
                   COALESCE(sum(c.warnings) FILTER (WHERE c.open_due <> 'infinity'), 0)::int AS open,
                   COALESCE(sum(c.warnings) FILTER (WHERE c.open_due < ${day}), 0)::int AS overdue,
                   sum(c.late)::int AS late
              FROM ${warningCounts.table} c
             WHERE c.year = $1 AND c.warnings <> 0 ${warningCounts.scope}
             GROUP BY c.code) w) AS h_warnings,
         (SELECT COALESCE(json_agg(f ORDER BY f.source), '[]') FROM (
            SELECT c.source, sum(c.executed)::text AS executed, sum(c.projects)::int AS projects
              FROM ${fundTotals.table} c
             WHERE c.year = $1 AND c.projects <> 0 ${fundTotals.scope}
             GROUP BY c.source) f) AS h_funds,
         (SELECT COALESCE(json_agg(d ORDER BY d.due, d.state), '[]') FROM (
            SELECT to_char(c.due, 'YYYY-MM-DD') AS due,
                   ${trackingStateSql({ ...COUNTED_STATE_COLUMNS, due: 'c.due', today: day })} AS state, sum(c.projects)::int AS n
              FROM ${dueCounts.table} c
             WHERE c.year = $1 AND c.approved AND c.projects <> 0 ${dueCounts.scope}
             GROUP BY c.due, 2) d) AS h_rounds`;
}

/** What `dashboardSummarySql` reads. */
interface DashboardSummaryRow {
  h_totals: {
    budget: string;
    executed: string;
    base: string;
    projects: number;
    tracked: number;
    departments: number;
    towns: number;
    organizations: number;
  };
  h_warnings: { code: WarningCode; total: number; open: number; overdue: number; late: number }[];
  h_funds: { source: FundSource; executed: string; projects: number }[];
  h_rounds: { due: string; state: string; n: number }[];
}

/** The dashboard's summary from what `dashboardSummarySql` read. */
function dashboardSummaryOf(row: DashboardSummaryRow): MonitoringDashboardDto['summary'] {
  const rounds = new Map<string, MonitoringDashboardDto['summary']['rounds'][number]>();
  for (const r of row.h_rounds) {
    const line = rounds.get(r.due) ?? { due: r.due, tracked: 0, pending: 0, overdue: 0 };
    if (r.state === 'tracked') line.tracked += r.n;
    else if (r.state === 'due') line.pending += r.n;
    else if (r.state === 'overdue') line.overdue += r.n;
    rounds.set(r.due, line);
  }
  const t = row.h_totals;
  return {
    ...executionSums(t),
    projects: Number(t.projects),
    tracked: Number(t.tracked),
    departments: Number(t.departments),
    towns: Number(t.towns),
    organizations: Number(t.organizations),
    warnings: row.h_warnings.map((w) => ({ code: w.code, total: w.total, open: w.open, overdue: w.overdue, answeredLate: w.late })),
    rounds: [...rounds.values()],
    fundSources: row.h_funds.map((f) => ({ source: f.source, executedAmount: normalizeMoney(f.executed), projects: f.projects })),
  };
}
