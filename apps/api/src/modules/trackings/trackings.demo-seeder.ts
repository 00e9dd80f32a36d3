import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Comparison } from '@jixiao/contracts';
import {
  achievementDegree,
  defaultWorkingCalendar,
  executionRate,
  formatMoney,
  isMonitoredKind,
  parseMoney,
  responseDeadline,
  trackingRoundDue,
  trackingWarnings,
  type PolicyProfileValues,
} from '@jixiao/domain';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { EDU_CODE, HEALTH_CODE, ZHUJIAJIAO_CODE } from '../demo/demo-organizations';
import { PolicyProfileEntity } from '../policy-profiles/entities/policy-profile.entity';
import { ProjectEntity } from '../projects/entities/project.entity';
import { TargetEntity } from '../targets/entities/target.entity';
import { TargetIndicatorEntity } from '../targets/entities/target-indicator.entity';
import { BudgetAdjustmentSuggestionEntity } from './entities/adjustment-suggestion.entity';
import { ProjectBudgetAdjustmentEntity } from './entities/budget-adjustment.entity';
import { TrackingIndicatorReadingEntity } from './entities/tracking-indicator-reading.entity';
import { TrackingWarningEntity } from './entities/tracking-warning.entity';
import { TrackingEntity } from './entities/tracking.entity';

/**
 * Demo trackings of approved targets of projects and policies, as of 30 April, recorded on 6 May:
 * execution below April's 25 % and a deviation, so each such organization has warnings — 区卫生健康委员会
 * answered "adjust" and the bureau reviewed it (an adjustment suggestion, and an adjusted budget in
 * June); 朱家角镇 would answer "continue" and 区教育局 not yet, where their approved targets are of
 * projects (in the 2022 demo those two are department overall expenditure, which is not tracked).
 */
const PLAN: Record<string, { executedPct: bigint; answer: 'adjust' | 'continue' | null; reviewed: boolean }> = {
  [HEALTH_CODE]: { executedPct: 18n, answer: 'adjust', reviewed: true },
  [ZHUJIAJIAO_CODE]: { executedPct: 22n, answer: 'continue', reviewed: false },
  [EDU_CODE]: { executedPct: 12n, answer: null, reviewed: false },
};

const AS_OF = '04-30';
const RECORDED = '05-06';

@Injectable()
@AsDemoSeeder(50)
export class TrackingsDemoSeeder implements DemoSeeder {
  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    const profileRow = await manager.findOne(PolicyProfileEntity, { where: { year: context.year } });
    if (!profileRow) return;
    const profile = profileRow.values as PolicyProfileValues;
    const finance = context.userIds.get('finance') ?? null;
    for (const [code, plan] of Object.entries(PLAN)) {
      const orgIds = [...context.organizationIds.entries()].filter(([c]) => c === code || c.startsWith(`${code}-`)).map(([, id]) => id);
      if (!orgIds.length) continue;
      const targets = await manager.find(TargetEntity, {
        where: { organizationId: In(orgIds), year: context.year, status: 'approved' },
        order: { createdAt: 'ASC' },
      });
      // The first approved target of a tracked kind (project or policy, R9).
      const projects = await manager.find(ProjectEntity, { where: { id: In(targets.map((x) => x.projectId)) } });
      const project = projects
        .filter((p) => isMonitoredKind(p.kind))
        .sort((a, b) => targets.findIndex((x) => x.projectId === a.id) - targets.findIndex((x) => x.projectId === b.id))[0];
      const target = targets.find((x) => x.projectId === project?.id);
      if (!project || !target) continue;
      const indicators = await manager.find(TargetIndicatorEntity, { where: { targetId: target.id }, order: { sortOrder: 'ASC' } });
      const asOf = `${context.year}-${AS_OF}`;
      const recorded = `${context.year}-${RECORDED}`;
      const budgetCents = parseMoney(project.budgetAmount);
      const executedCents = (budgetCents * plan.executedPct) / 100n;
      const executedAmount = formatMoney(executedCents);
      // Readings: each quantitative indicator at 40 % of its year value (≤ ones within it).
      const readings = indicators.map((i) => ({
        indicator: i,
        valueSoFar: i.comparison === 'qualitative' ? null : i.comparison === '<=' ? '0' : ((Number(i.value ?? '0') * 0.4).toFixed(2)),
        band: i.comparison === 'qualitative' ? 'partly_achieved' : null,
      }));
      const achievement = achievementDegree(
        readings.map((r) => ({
          key: r.indicator.id,
          comparison: r.indicator.comparison as Comparison,
          yearValue: r.indicator.value,
          valueSoFar: r.valueSoFar,
          band: r.band,
          weight: r.indicator.weight,
        })),
        profile,
      );
      const rate = executionRate(executedAmount, project.budgetAmount);
      const round = trackingRoundDue(
        { year: context.year, createdOn: `${context.year}-01-10`, targetApprovedOn: `${context.year}-03-01` },
        profile,
      );
      const createdBy = context.userIds.get(code === HEALTH_CODE ? 'health' : code === EDU_CODE ? 'edu' : 'zhujiajiao') ?? null;
      const inserted = await manager.insert(TrackingEntity, {
        projectId: project.id,
        organizationId: project.organizationId,
        year: context.year,
        asOf,
        executedAmount,
        base: rate.base,
        baseAmount: rate.baseAmount,
        executionRate: rate.rate,
        achievementRate: achievement.degree,
        round: round?.round ?? 'first_tracking',
        roundDue: round?.due ?? `${context.year}-08-31`,
        note: '截至4月末的执行和目标完成情况',
        createdById: createdBy,
        reviewStatus: plan.reviewed ? 'reviewed' : 'pending',
        reviewedById: plan.reviewed ? finance : null,
        reviewedAt: plan.reviewed ? new Date(`${context.year}-05-20T10:00:00+08:00`) : null,
        reviewComment: plan.reviewed ? '同意调减，纳入年中预算调整' : null,
        createdAt: new Date(`${recorded}T10:00:00+08:00`),
      });
      const trackingId = inserted.identifiers[0].id as string;
      const lines = new Map(achievement.lines.map((l) => [l.key, l]));
      await manager.insert(
        TrackingIndicatorReadingEntity,
        readings.map((r) => ({
          trackingId,
          targetIndicatorId: r.indicator.id,
          sortOrder: r.indicator.sortOrder,
          indicator: {
            name: r.indicator.name,
            level1: r.indicator.level1,
            comparison: r.indicator.comparison,
            value: r.indicator.value,
            unit: r.indicator.unit,
            weight: r.indicator.weight,
          },
          valueSoFar: r.valueSoFar,
          band: r.band,
          degree: lines.get(r.indicator.id)?.degree ?? null,
          willReach: 'likely' as const,
          deviationReason: '上半年采购和招标进度滞后',
          measures: '加快合同签订和支付进度',
        })),
      );
      const warnings = trackingWarnings({ asOf, executionRate: rate.rate, achievementRate: achievement.degree }, profile);
      const due = responseDeadline(recorded, profile, (year) => (year === context.year ? profile.workingCalendar : defaultWorkingCalendar(year)));
      // The unit proposes to take a quarter of the unexecuted rest out of the budget.
      const adjustAmount = formatMoney((budgetCents - executedCents) / 4n);
      for (const w of warnings) {
        const answered = plan.answer !== null;
        const saved = await manager.insert(TrackingWarningEntity, {
          trackingId,
          organizationId: project.organizationId,
          code: w.code,
          rule: w.rule,
          threshold: w.threshold,
          actual: w.actual,
          checkpointMonth: w.checkpointMonth ?? null,
          message: w.message,
          messageEn: w.messageEn,
          answerDue: due.date,
          yearsWithoutCalendar: due.yearsWithoutCalendar,
          answer: plan.answer,
          answerReason: answered ? (plan.answer === 'adjust' ? '部分设备采购取消，调减预算' : '下半年集中支付，可按期完成') : null,
          answerAmount: plan.answer === 'adjust' ? adjustAmount : null,
          answeredOn: answered ? `${context.year}-05-12` : null,
          answeredLate: false,
          answeredById: answered ? createdBy : null,
        });
        if (plan.reviewed && plan.answer === 'adjust' && w === warnings[0]) {
          // The bureau approved the adjusted budget in June (later trackings compute on it).
          await manager.insert(ProjectBudgetAdjustmentEntity, {
            projectId: project.id,
            organizationId: project.organizationId,
            amount: formatMoney(budgetCents - parseMoney(adjustAmount)),
            approvedOn: `${context.year}-06-15`,
            reason: '部分设备采购取消，年中调减预算',
            createdById: finance,
          });
        }
        if (plan.reviewed && plan.answer === 'adjust') {
          await manager.insert(BudgetAdjustmentSuggestionEntity, {
            warningId: saved.identifiers[0].id as string,
            trackingId,
            projectId: project.id,
            organizationId: project.organizationId,
            year: context.year,
            kind: 'adjust',
            amount: adjustAmount,
            reason: '部分设备采购取消，调减预算',
            createdById: finance,
          });
        }
      }
    }
  }
}
