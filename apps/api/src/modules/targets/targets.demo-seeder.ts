import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { EDU_CODE, HEALTH_CODE, ZHUJIAJIAO_CODE } from '../demo/demo-organizations';
import { ProjectEntity } from '../projects/entities/project.entity';
import { ExpertReviewEntity } from '../target-reviews/entities/expert-review.entity';
import { TargetChangeRequestEntity } from './entities/target-change-request.entity';
import { TargetEventEntity } from './entities/target-event.entity';
import { TargetIndicatorEntity } from './entities/target-indicator.entity';
import { TargetEntity, TargetStatus } from './entities/target.entity';

type DemoState =
  'draft' | 'submitted' | 'returned' | 'expert_review' | 'in_consultation' | 'department_review' | 'approved' | 'approved_with_change';

/** A state for the next free project in code order, or for the named project of the organization. */
type DemoPick = DemoState | { state: DemoState; project: string };

/**
 * Which states the demo gives the first projects of each organization (the rest stay without a
 * target). `department_review` takes the first free project of one of the organization's units
 * (a unit's target waiting for its department's pre-review); the others take projects in code order,
 * unless a pick names its project. The browser tests rely on the codes this gives (QP-D02-2022-001
 * approved, -003 in expert review, -004 submitted; QP-D16-2022-001 in expert review, -004 a draft).
 *
 * 区教育局's and 朱家角镇's first approved targets are department overall expenditure, which dual
 * monitoring does not track (R9: projects and policies); each also has an approved target of a
 * project or policy below the key-list threshold that needs no pre-assessment (R1, R5), so the
 * trackings demo has one of theirs to track.
 */
const PLAN: [string, DemoPick[]][] = [
  [HEALTH_CODE, ['expert_review', 'approved_with_change', 'returned', 'draft', 'in_consultation']],
  [
    EDU_CODE,
    ['approved', 'returned', 'expert_review', 'submitted', 'department_review', { state: 'approved', project: '教师培训与专业发展项目' }],
  ],
  [ZHUJIAJIAO_CODE, ['approved', 'returned', 'draft', { state: 'approved', project: '高龄老人营养补贴' }]],
];

const CONSULTATION_COMMENT = '专家评审为良：请细化效益指标的测算口径，满意度指标补充调查方式，修改后报财政局确认';

function indicatorsFor(p: ProjectEntity) {
  return [
    { level1: 'output', level2: 'quantity', name: `${p.name}年度任务完成率`, comparison: '>=', value: '100', unit: '%' },
    { level1: 'output', level2: 'timeliness', name: '按计划节点完成率', comparison: '>=', value: '95', unit: '%' },
    { level1: 'effect', level2: 'social', name: '服务覆盖人次', comparison: '>=', value: '5000', unit: '人次' },
    { level1: 'satisfaction', level2: 'recipient_satisfaction', name: '服务对象满意度', comparison: '>=', value: '90', unit: '%' },
    { level1: 'cost', level2: 'economic_cost', name: '项目总成本', comparison: '<=', value: p.budgetAmount, unit: '元' },
  ] as const;
}

/** Demo targets in various states for 区卫生健康委员会, 区教育局 and 朱家角镇 projects. */
@Injectable()
@AsDemoSeeder(40)
export class TargetsDemoSeeder implements DemoSeeder {
  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    const deptUser = (code: string) =>
      code === HEALTH_CODE
        ? context.userIds.get('health')
        : code === EDU_CODE
          ? context.userIds.get('edu')
          : context.userIds.get('zhujiajiao');
    const finance = context.userIds.get('finance') ?? null;
    const expert = context.userIds.get('expert') ?? null;
    for (const [code, states] of PLAN) {
      const orgId = context.organizationIds.get(code);
      if (!orgId) continue;
      const orgIds = [...context.organizationIds.entries()].filter(([c]) => c === code || c.startsWith(`${code}-`)).map(([, id]) => id);
      const projects = await manager.find(ProjectEntity, {
        where: { organizationId: In(orgIds), year: context.year },
        order: { code: 'ASC' },
      });
      const taken = new Set(
        (await manager.find(TargetEntity, { where: { projectId: In(projects.map((p) => p.id)) } })).map((t) => t.projectId),
      );
      const free = projects.filter((p) => !taken.has(p.id));
      const actor = deptUser(code) ?? null;
      for (const pick of states) {
        const state = typeof pick === 'string' ? pick : pick.state;
        const named = typeof pick === 'string' ? null : pick.project;
        const index = free.findIndex((p) =>
          named !== null ? p.name === named : state !== 'department_review' || p.organizationId !== orgId,
        );
        if (index < 0) continue;
        const [project] = free.splice(index, 1);
        await this.seedTarget(manager, project, state, actor, finance, expert);
      }
    }
  }

  private async seedTarget(
    manager: EntityManager,
    project: ProjectEntity,
    state: DemoState,
    department: string | null,
    finance: string | null,
    expert: string | null,
  ): Promise<void> {
    const status: TargetStatus = state === 'approved_with_change' ? 'approved' : state;
    const reviewed = state === 'in_consultation';
    const now = new Date();
    const inserted = await manager.insert(TargetEntity, {
      projectId: project.id,
      organizationId: project.organizationId,
      year: project.year,
      overallGoal: `保障${project.name}按期实施，完成年度建设和服务任务，服务对象满意度不低于 90%`,
      annualGoals: [`${project.year} 年完成${project.name}年度任务`],
      status,
      expertReviewPicked: state === 'expert_review' || reviewed,
      returnComment: state === 'returned' ? '效益指标测算依据不足，请补充后重新报送' : null,
      reviewScore: reviewed ? '85.00' : null,
      reviewGrade: reviewed ? 'good' : null,
      consultationComment: reviewed ? CONSULTATION_COMMENT : null,
      submittedAt: status === 'draft' ? null : now,
      approvedAt: status === 'approved' ? now : null,
      // Who submitted, for the segregation rules (as the events below say).
      actors: status !== 'draft' && state !== 'department_review' && department ? { submit: department } : {},
    });
    const targetId = inserted.identifiers[0].id as string;
    const indicators = indicatorsFor(project);
    await manager.insert(
      TargetIndicatorEntity,
      indicators.map((i, index) => ({
        targetId,
        sortOrder: index,
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        comparison: i.comparison,
        value: i.value,
        unit: i.unit,
        weight: '20',
        libraryIndicatorId: null,
        reviewComment: state === 'returned' && index === 2 ? '服务覆盖人次的测算依据不足，请说明来源' : null,
      })),
    );
    const events: Partial<TargetEventEntity>[] = [{ action: 'create', fromStatus: null, toStatus: 'draft', actorId: department }];
    if (state === 'department_review')
      events.push({ action: 'submit_to_department', fromStatus: 'draft', toStatus: 'department_review', actorId: null });
    else if (status !== 'draft') events.push({ action: 'submit', fromStatus: 'draft', toStatus: 'submitted', actorId: department });
    if (state === 'returned')
      events.push({
        action: 'return',
        fromStatus: 'submitted',
        toStatus: 'returned',
        actorId: finance,
        comment: '效益指标测算依据不足，请补充后重新报送',
      });
    if (state === 'expert_review' || reviewed) {
      events.push({
        action: 'pick_for_expert_review',
        fromStatus: 'submitted',
        toStatus: 'submitted',
        actorId: finance,
        noteCode: 'target.picked_for_expert_review',
      });
      events.push({ action: 'pass_to_expert_review', fromStatus: 'submitted', toStatus: 'expert_review', actorId: finance });
    }
    if (status === 'approved') events.push({ action: 'pass', fromStatus: 'submitted', toStatus: 'approved', actorId: finance });
    for (const e of events) await manager.insert(TargetEventEntity, { targetId, comment: null, ...e });
    if ((state === 'expert_review' || reviewed) && expert) {
      await manager.insert(ExpertReviewEntity, {
        targetId,
        organizationId: project.organizationId,
        expertUserId: expert,
        status: reviewed ? 'submitted' : 'assigned',
        score: reviewed ? '85.00' : null,
        opinion: reviewed ? '目标总体明确，效益指标测算口径需细化' : null,
        submittedAt: reviewed ? now : null,
      });
      await manager.insert(TargetEventEntity, {
        targetId,
        action: 'assign_experts',
        fromStatus: 'expert_review',
        toStatus: 'expert_review',
        actorId: finance,
        noteCode: 'target.experts_assigned',
        noteParams: { names: ['评审专家（演示）'] },
      });
    }
    if (reviewed) {
      await manager.insert(TargetEventEntity, {
        targetId,
        action: 'conclude_consult',
        fromStatus: 'expert_review',
        toStatus: 'in_consultation',
        actorId: finance,
        comment: CONSULTATION_COMMENT,
        noteCode: 'target.review_concluded',
        noteParams: { average: '85.00', grade: 'good' },
      });
    }
    if (state === 'approved_with_change') {
      const proposed = {
        overallGoal: `保障${project.name}按期实施，完成年度任务，服务对象满意度不低于 92%`,
        annualGoals: [`${project.year} 年完成${project.name}年度任务`],
        indicators: indicators.map((i) => ({
          ...i,
          weight: 20,
          libraryIndicatorId: null,
          ...(i.level1 === 'satisfaction' ? { value: '92' } : {}),
        })),
      };
      await manager.insert(TargetChangeRequestEntity, {
        targetId,
        organizationId: project.organizationId,
        reason: '根据年中实施情况调整满意度目标值',
        proposed,
        status: 'pending',
        requestedById: department,
      });
      await manager.insert(TargetEventEntity, {
        targetId,
        action: 'request_change',
        fromStatus: 'approved',
        toStatus: 'approved',
        actorId: department,
        comment: '根据年中实施情况调整满意度目标值',
      });
    }
  }
}
