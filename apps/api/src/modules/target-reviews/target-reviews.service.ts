import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ListResult, Role } from '@jixiao/contracts';
import { defineWorkflow, normalizeMoney } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { CommonErrors } from '../../common/errors/common.errors';
import { paginate } from '../../common/list/paginate';
import { DataScope } from '../../common/scope/data-scope.service';
import { readOne } from '../../common/scope/read-one';
import { childrenFrom, childrenSql } from '../../common/list/children';
import { assertTransition } from '../../common/workflow/transition';
import { updateVersioned } from '../../database/versioned-update';
import { escapeLike } from '../../common/list/escape-like';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { TargetEventEntity } from '../targets/entities/target-event.entity';
import { TargetEntity } from '../targets/entities/target.entity';
import { TargetIndicatorEntity } from '../targets/entities/target-indicator.entity';
import { TARGET_WORKFLOW } from '../targets/target.workflow';
import { TargetsService } from '../targets/targets.service';
import { UserEntity } from '../users/entities/user.entity';
import { ExpertReviewEntity, ExpertReviewStatus } from './entities/expert-review.entity';
import { ExpertEntity } from './entities/expert.entity';
import {
  AssignExpertsDto,
  CreateExpertDto,
  ExpertDto,
  ExpertListQueryDto,
  ExpertReviewDetailDto,
  ExpertReviewDto,
  ExpertReviewListQueryDto,
  SubmitExpertReviewDto,
  UpdateExpertDto,
} from './dto/target-review.dto';
import { TargetReviewErrors } from './target-reviews.errors';

export const EXPERT_REVIEW_WORKFLOW = defineWorkflow<ExpertReviewStatus, 'submit'>({
  name: 'expert_review',
  states: ['assigned', 'submitted'],
  transitions: { submit: { from: ['assigned'], to: 'submitted' } },
});

/** The organizations an expert affiliated with may not review for: the target's organization, its ancestors and its units. */
export async function conflictChain(manager: EntityManager, organizationId: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM organizations WHERE id = $1
       UNION ALL
       SELECT o.id, o.parent_id FROM organizations o JOIN up ON o.id = up.parent_id
     ), down AS (
       SELECT id FROM organizations WHERE id = $1
       UNION ALL
       SELECT o.id FROM organizations o JOIN down ON o.parent_id = down.id
     )
     SELECT id FROM up UNION SELECT id FROM down`,
    [organizationId],
  );
  return rows.map((r) => r.id);
}

/** What a review's answer shows of its target: the year, the project and its organization's name. */
interface ReviewTarget {
  year: number;
  code: string | null;
  name: string | null;
  budgetAmount: string | null;
  organizationName: string | null;
}

function toExpertDto(
  r: ExpertEntity,
  read: { username: string; displayName: string; affiliationName: string; openReviews: number },
): ExpertDto {
  return {
    id: r.id,
    userId: r.userId,
    username: read.username,
    displayName: read.displayName,
    affiliationOrganizationId: r.affiliationOrganizationId,
    affiliationName: r.affiliationOrganizationId ? read.affiliationName : '',
    sectors: r.sectors ?? [],
    active: r.active,
    openReviews: read.openReviews,
    version: r.version,
  };
}

@Injectable()
export class TargetReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
    private readonly targets: TargetsService,
  ) {}

  // ---- the expert pool (finance bureau, district-wide) ------------------------------------

  async listExperts(caller: Principal, query: ExpertListQueryDto): Promise<ListResult<ExpertDto>> {
    await this.scope.assertDistrictWide(caller);
    const qb = this.dataSource
      .getRepository(ExpertEntity)
      .createQueryBuilder('x')
      .innerJoin(UserEntity, 'u', 'u.id = x.userId')
      .addSelect(['u.username', 'u.displayName']);
    if (query.q) qb.andWhere('(u.username ILIKE :q OR u.displayName ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.active) qb.andWhere('x.active = :active', { active: query.active === 'true' });
    // the user's names, the affiliation's name and the open reviews read in the page statement
    return paginate(qb, query, {
      sortable: { createdAt: 'x.createdAt', username: 'u.username' },
      defaultSort: 'createdAt',
      columns: {
        username: 'u.username',
        displayName: 'u.display_name',
        affiliationName: 'SELECT o.name FROM organizations o WHERE o.id = x.affiliation_organization_id',
        openReviews: `SELECT count(*)::int FROM expert_reviews er WHERE er.status = 'assigned' AND er.expert_user_id = x.user_id`,
      },
      map: (r, c) =>
        toExpertDto(r, {
          username: (c.username as string | null) ?? '',
          displayName: (c.displayName as string | null) ?? '',
          affiliationName: (c.affiliationName as string | null) ?? '',
          openReviews: Number(c.openReviews ?? 0),
        }),
    });
  }

  async createExpert(caller: Principal, dto: CreateExpertDto): Promise<ExpertDto> {
    await this.scope.assertDistrictWide(caller);
    if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id: dto.userId } });
      if (!user) throw CommonErrors.REFERENCE_INVALID({ detail: 'userId' });
      if (!user.roles.includes('expert' as Role)) throw TargetReviewErrors.EXPERT_ROLE_REQUIRED();
      if (await manager.exists(ExpertEntity, { where: { userId: dto.userId } })) throw TargetReviewErrors.EXPERT_EXISTS();
      const affiliation = dto.affiliationOrganizationId ?? user.organizationId;
      await this.assertOrganization(manager, affiliation);
      const saved = await manager.save(
        manager.create(ExpertEntity, { userId: user.id, affiliationOrganizationId: affiliation, sectors: dto.sectors ?? [], active: true }),
      );
      const [out] = await this.expertDtos(manager, [saved]);
      await this.audit.record(manager, { action: 'expert.create', entityType: 'expert', entityId: saved.id, after: out });
      return out;
    });
  }

  async updateExpert(caller: Principal, id: string, dto: UpdateExpertDto): Promise<ExpertDto> {
    await this.scope.assertDistrictWide(caller);
    if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(ExpertEntity, { where: { id } });
      if (!current) throw CommonErrors.NOT_FOUND();
      if (dto.affiliationOrganizationId) await this.assertOrganization(manager, dto.affiliationOrganizationId);
      const changes: Partial<ExpertEntity> = {};
      if (dto.affiliationOrganizationId !== undefined) changes.affiliationOrganizationId = dto.affiliationOrganizationId;
      if (dto.sectors !== undefined) changes.sectors = dto.sectors;
      if (dto.active !== undefined) changes.active = dto.active;
      const updated = await updateVersioned(manager, ExpertEntity, id, dto.version, changes);
      const [before] = await this.expertDtos(manager, [current]);
      const [after] = await this.expertDtos(manager, [updated]);
      await this.audit.record(manager, { action: 'expert.update', entityType: 'expert', entityId: id, before, after });
      return after;
    });
  }

  // ---- assignments (finance) --------------------------------------------------------------

  async assign(caller: Principal, targetId: string, dto: AssignExpertsDto): Promise<ExpertReviewDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.targets.find(manager, targetId);
      await this.scope.assertWritable(caller, target.organizationId, manager);
      assertTransition(TARGET_WORKFLOW, target.status, 'assign_experts');
      const experts = await manager.find(ExpertEntity, { where: { userId: In(dto.expertUserIds), active: true } });
      const found = new Set(experts.map((e) => e.userId));
      const missing = dto.expertUserIds.filter((id) => !found.has(id));
      if (missing.length) throw TargetReviewErrors.EXPERT_NOT_IN_POOL({ detail: missing.join(', '), extra: { expertUserIds: missing } });
      const chain = new Set(await conflictChain(manager, target.organizationId));
      const conflicted = experts.filter((e) => e.affiliationOrganizationId && chain.has(e.affiliationOrganizationId));
      if (conflicted.length) {
        const users = await manager.find(UserEntity, { where: { id: In(conflicted.map((e) => e.userId)) } });
        throw TargetReviewErrors.EXPERT_CONFLICT_OF_INTEREST({
          detail: users.map((u) => u.displayName).join(', '),
          extra: { expertUserIds: conflicted.map((e) => e.userId), expertNames: users.map((u) => u.displayName) },
        });
      }
      const existing = new Set((await manager.find(ExpertReviewEntity, { where: { targetId } })).map((r) => r.expertUserId));
      const added = dto.expertUserIds.filter((id) => !existing.has(id));
      for (const expertUserId of added) {
        await manager.insert(ExpertReviewEntity, { targetId, organizationId: target.organizationId, expertUserId, status: 'assigned' });
      }
      const users = await manager.find(UserEntity, { where: { id: In(dto.expertUserIds) } });
      await manager.insert(TargetEventEntity, {
        targetId,
        action: 'assign_experts',
        fromStatus: target.status,
        toStatus: target.status,
        actorId: caller.id,
        comment: null,
        noteCode: 'target.experts_assigned',
        noteParams: { names: dto.expertUserIds.map((id) => users.find((u) => u.id === id)?.displayName ?? id) },
      });
      const reviews = await manager.find(ExpertReviewEntity, { where: { targetId }, order: { createdAt: 'ASC' } });
      const out = await this.reviewDtos(manager, reviews);
      await this.audit.record(manager, {
        action: 'target.assign_experts',
        entityType: 'target',
        entityId: targetId,
        after: { added, reviews: out },
      });
      return out;
    });
  }

  // ---- the expert's own reviews -------------------------------------------------------------

  async mine(caller: Principal, query: ExpertReviewListQueryDto): Promise<ListResult<ExpertReviewDto>> {
    const qb = this.dataSource.getRepository(ExpertReviewEntity).createQueryBuilder('r');
    // Only the caller's own assignments, whoever asks (an API key has none).
    if (caller.kind !== 'user') qb.andWhere('1 = 0');
    else qb.andWhere('r.expertUserId = :me', { me: caller.id });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    // the target's project and organization, the expert's name read in the page statement
    const page = await paginate(qb, query, {
      sortable: { createdAt: 'r.createdAt', status: 'r.status' },
      defaultSort: '-createdAt',
      columns: {
        target: `SELECT json_build_object('year', rt.year, 'code', rp.code, 'name', rp.name, 'budgetAmount', rp.budget_amount::text, 'organizationName', ro.name)
                   FROM targets rt LEFT JOIN projects rp ON rp.id = rt.project_id LEFT JOIN organizations ro ON ro.id = rp.organization_id
                  WHERE rt.id = r.target_id`,
        expertName: 'SELECT ru.display_name FROM users ru WHERE ru.id = r.expert_user_id',
      },
      map: (row, columns) => ({ row, columns }),
    });
    const read = new Map(
      page.items.map(({ row, columns }) => [
        row.id,
        { target: columns.target as ReviewTarget, expertName: (columns.expertName as string | null) ?? '' },
      ]),
    );
    return {
      ...page,
      items: await this.reviewDtos(
        this.dataSource.manager,
        page.items.map((i) => i.row),
        read,
      ),
    };
  }

  /**
   * The review's page in one statement (readOne, common/scope/read-one.ts: with the caller's credential
   * and the route's owner check — the expert it is assigned to, or the owner's scope): the review with
   * what it shows of its target, project and organization, the expert's name and the target's
   * indicators — as `reviewDtos` and `TargetsService.find` would read them in four.
   */
  async get(caller: Principal, id: string): Promise<ExpertReviewDetailDto> {
    const ds = this.dataSource;
    const read = await readOne(
      ds
        .getRepository(ExpertReviewEntity)
        .createQueryBuilder('r')
        .addSelect(
          `(SELECT json_build_object('year', t.year, 'code', p.code, 'name', p.name, 'budgetAmount', p.budget_amount::text,
                     'organizationName', o.name, 'overallGoal', t.overall_goal, 'annualGoals', t.annual_goals)
              FROM targets t LEFT JOIN projects p ON p.id = t.project_id LEFT JOIN organizations o ON o.id = p.organization_id
             WHERE t.id = r.target_id)`,
          'lx_target',
        )
        .addSelect(`(SELECT u.display_name FROM users u WHERE u.id = r.expert_user_id)`, 'lx_expert_name')
        .addSelect(`(${childrenSql(ds, TargetIndicatorEntity, 'targetId', 'r.target_id', ['sortOrder'])})`, 'lx_indicators')
        .where('r.id = :id', { id }),
    );
    if (!read) throw CommonErrors.NOT_FOUND();
    const review = read.entity;
    if (review.expertUserId !== caller.id) await this.scope.assertVisible(caller, review.organizationId);
    const target = read.raw.lx_target as (ReviewTarget & { overallGoal: string; annualGoals: string[] | null }) | null;
    if (!target) throw CommonErrors.NOT_FOUND(); // (a review's target goes with it: ON DELETE CASCADE)
    return this.reviewDetail(ds.manager, review, {
      target,
      expertName: (read.raw.lx_expert_name as string | null) ?? '',
      indicators: childrenFrom(ds, TargetIndicatorEntity, read.raw.lx_indicators),
    });
  }

  async submit(caller: Principal, id: string, dto: SubmitExpertReviewDto): Promise<ExpertReviewDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const review = await manager.findOne(ExpertReviewEntity, { where: { id } });
      if (!review) throw CommonErrors.NOT_FOUND();
      if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
      if (review.expertUserId !== caller.id) throw TargetReviewErrors.EXPERT_REVIEW_NOT_YOURS();
      const target = await manager.findOne(TargetEntity, { where: { id: review.targetId } });
      if (!target || target.status !== 'expert_review') throw TargetReviewErrors.EXPERT_REVIEW_CLOSED();
      const to = assertTransition(EXPERT_REVIEW_WORKFLOW, review.status, 'submit');
      const profile = await this.profiles.valuesFor(target.year, manager);
      if (dto.score > profile.evaluation.totalScore) {
        throw TargetReviewErrors.EXPERT_REVIEW_SCORE_OUT_OF_RANGE({
          detail: `0–${profile.evaluation.totalScore}`,
          extra: { totalScore: profile.evaluation.totalScore },
        });
      }
      const score = dto.score.toFixed(2);
      await updateVersioned(manager, ExpertReviewEntity, id, dto.version, {
        status: to,
        score,
        opinion: dto.opinion.trim(),
        submittedAt: new Date(),
      });
      await manager.insert(TargetEventEntity, {
        targetId: target.id,
        action: 'expert_score',
        fromStatus: target.status,
        toStatus: target.status,
        actorId: caller.id,
        comment: null,
        noteCode: 'target.expert_scored',
      });
      const updated = await manager.findOneOrFail(ExpertReviewEntity, { where: { id } });
      await this.audit.record(manager, {
        action: 'expert_review.submit',
        entityType: 'expert_review',
        entityId: id,
        before: { status: review.status },
        after: { status: to, score, opinion: dto.opinion.trim() },
      });
      return this.reviewDetail(manager, updated);
    });
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async assertOrganization(manager: EntityManager, id: string): Promise<void> {
    if (!(await manager.exists(OrganizationEntity, { where: { id } })))
      throw CommonErrors.REFERENCE_INVALID({ detail: 'affiliationOrganizationId' });
  }

  private async expertDtos(manager: EntityManager, rows: ExpertEntity[]): Promise<ExpertDto[]> {
    // (a list page reads these in its own statement: see listExperts)
    if (!rows.length) return [];
    const users = await manager.find(UserEntity, { where: { id: In(rows.map((r) => r.userId)) } });
    const orgIds = rows.map((r) => r.affiliationOrganizationId).filter((x): x is string => !!x);
    const orgs = orgIds.length ? await manager.find(OrganizationEntity, { where: { id: In(orgIds) } }) : [];
    const open: { expert_user_id: string; n: string }[] = await manager.query(
      `SELECT expert_user_id, count(*)::text AS n FROM expert_reviews WHERE status = 'assigned' AND expert_user_id = ANY($1::uuid[]) GROUP BY expert_user_id`,
      [rows.map((r) => r.userId)],
    );
    const userBy = new Map(users.map((u) => [u.id, u]));
    const orgBy = new Map(orgs.map((o) => [o.id, o.name]));
    const openBy = new Map(open.map((o) => [o.expert_user_id, Number(o.n)]));
    return rows.map((r) =>
      toExpertDto(r, {
        username: userBy.get(r.userId)?.username ?? '',
        displayName: userBy.get(r.userId)?.displayName ?? '',
        affiliationName: r.affiliationOrganizationId ? (orgBy.get(r.affiliationOrganizationId) ?? '') : '',
        openReviews: openBy.get(r.userId) ?? 0,
      }),
    );
  }

  /** The answers for reviews; `read` each one's target and expert name when a list page read them already. */
  private async reviewDtos(
    manager: EntityManager,
    rows: ExpertReviewEntity[],
    read?: Map<string, { target: ReviewTarget; expertName: string }>,
  ): Promise<ExpertReviewDto[]> {
    if (!rows.length) return [];
    let targetOf: (r: ExpertReviewEntity) => ReviewTarget;
    let nameOf: (r: ExpertReviewEntity) => string;
    if (read) {
      targetOf = (r) => read.get(r.id)!.target;
      nameOf = (r) => read.get(r.id)!.expertName;
    } else {
      const targets = await manager.find(TargetEntity, {
        where: { id: In([...new Set(rows.map((r) => r.targetId))]) },
        relations: { project: { organization: true } },
      });
      const users = await manager.find(UserEntity, { where: { id: In([...new Set(rows.map((r) => r.expertUserId))]) } });
      const targetBy = new Map<string, ReviewTarget>(
        targets.map((t) => [
          t.id,
          {
            year: t.year,
            code: t.project?.code ?? null,
            name: t.project?.name ?? null,
            budgetAmount: t.project?.budgetAmount ?? null,
            organizationName: t.project?.organization?.name ?? null,
          },
        ]),
      );
      const userBy = new Map(users.map((u) => [u.id, u.displayName]));
      targetOf = (r) => targetBy.get(r.targetId)!;
      nameOf = (r) => userBy.get(r.expertUserId) ?? '';
    }
    const totals = new Map<number, number>();
    const out: ExpertReviewDto[] = [];
    for (const r of rows) {
      const t = targetOf(r);
      if (!totals.has(t.year)) totals.set(t.year, (await this.profiles.valuesFor(t.year, manager)).evaluation.totalScore);
      out.push({
        id: r.id,
        targetId: r.targetId,
        organizationId: r.organizationId,
        organizationName: t.organizationName ?? '',
        projectCode: t.code ?? '',
        projectName: t.name ?? '',
        budgetAmount: t.budgetAmount !== null ? normalizeMoney(t.budgetAmount) : '0.00',
        expertUserId: r.expertUserId,
        expertName: nameOf(r),
        status: r.status,
        score: r.score,
        opinion: r.opinion,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        totalScore: totals.get(t.year)!,
        version: r.version,
      });
    }
    return out;
  }

  /**
   * The review's page; `read` what it shows of its target, the expert's name and the target's
   * indicators when the caller read them already (`get`, in its own statement).
   */
  private async reviewDetail(
    manager: EntityManager,
    review: ExpertReviewEntity,
    read?: {
      target: ReviewTarget & { overallGoal: string; annualGoals: string[] | null };
      expertName: string;
      indicators: TargetIndicatorEntity[];
    },
  ): Promise<ExpertReviewDetailDto> {
    const [base] = await this.reviewDtos(
      manager,
      [review],
      read && new Map([[review.id, { target: read.target, expertName: read.expertName }]]),
    );
    const target = read ? { ...read.target, indicators: read.indicators } : await this.targets.find(manager, review.targetId);
    return {
      ...base,
      overallGoal: target.overallGoal,
      annualGoals: target.annualGoals ?? [],
      indicators: (target.indicators ?? []).map((i) => ({
        id: i.id,
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        comparison: i.comparison,
        value: i.value,
        unit: i.unit,
        weight: i.weight === null ? null : Number(i.weight),
        libraryIndicatorId: i.libraryIndicatorId,
        reviewComment: null,
      })),
    };
  }
}
