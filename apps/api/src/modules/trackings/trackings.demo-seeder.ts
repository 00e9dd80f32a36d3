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
  type WarningCode,
} from '@jixiao/domain';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { EDU_CODE, HEALTH_CODE, ZHUJIAJIAO_CODE } from '../demo/demo-organizations';
import { PolicyProfileEntity } from '../policy-profiles/entities/policy-profile.entity';
import { ProjectEntity } from '../projects/entities/project.entity';
import { ProjectFundSourceEntity } from '../projects/entities/project-fund-source.entity';
import { TargetEntity } from '../targets/entities/target.entity';
import { TargetIndicatorEntity } from '../targets/entities/target-indicator.entity';
import { BudgetAdjustmentSuggestionEntity } from './entities/adjustment-suggestion.entity';
import { ProjectBudgetAdjustmentEntity } from './entities/budget-adjustment.entity';
import { TrackingFundSourceEntity } from './entities/tracking-fund-source.entity';
import { TrackingIndicatorReadingEntity } from './entities/tracking-indicator-reading.entity';
import { TrackingWarningEntity } from './entities/tracking-warning.entity';
import { TrackingEntity } from './entities/tracking.entity';

/**
 * Demo trackings of approved targets of projects and policies, as of 30 April, recorded on 6 May.
 * 区卫生健康委员会 executed 18 %: below April's 25 % and far behind its achievement, so both warnings;
 * it answered "adjust" to the execution one and "continue" to the deviation, and the bureau reviewed
 * them (one adjustment suggestion, and an adjusted budget in June). 区教育局 executed 12 %: the same two
 * warnings, not answered yet. 朱家角镇 executed 45 %: above the checkpoint and within the deviation
 * points of its achievement (52 %), so no warning, waiting for the bureau's review. (Their first
 * approved targets are department overall expenditure, which is not tracked; the targets demo gives
 * each an approved project or policy as well.)
 */
const PLAN: Record<string, { executedPct: bigint; answers: Partial<Record<WarningCode, 'adjust' | 'continue'>>; reviewed: boolean }> = {
  [HEALTH_CODE]: { executedPct: 18n, answers: { EXECUTION_BELOW_CHECKPOINT: 'adjust', DEVIATION: 'continue' }, reviewed: true },
  [ZHUJIAJIAO_CODE]: { executedPct: 45n, answers: {}, reviewed: false },
  [EDU_CODE]: { executedPct: 12n, answers: {}, reviewed: false },
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
        valueSoFar: i.comparison === 'qualitative' ? null : i.comparison === '<=' ? '0' : (Number(i.value ?? '0') * 0.4).toFixed(2),
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
      // R25: a project funded from several sources has its executed amount split by source, pro rata
      // (the last source takes the rounding), so the dashboard's focus-area funds have figures.
      const sources = await manager.find(ProjectFundSourceEntity, { where: { projectId: project.id }, order: { source: 'ASC' } });
      if (sources.length > 1 && budgetCents > 0n) {
        let rest = executedCents;
        await manager.insert(
          TrackingFundSourceEntity,
          sources.map((f, index) => {
            const cents = index === sources.length - 1 ? rest : (executedCents * parseMoney(f.amount)) / budgetCents;
            rest -= cents;
            return { trackingId, source: f.source, amount: formatMoney(cents) };
          }),
        );
      }
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
      const due = responseDeadline(recorded, profile, (year) =>
        year === context.year ? profile.workingCalendar : defaultWorkingCalendar(year),
      );
      // The unit proposes to take a quarter of the unexecuted rest out of the budget.
      const adjustAmount = formatMoney((budgetCents - executedCents) / 4n);
      for (const w of warnings) {
        const answer = plan.answers[w.code] ?? null;
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
          answer,
          answerReason: answer === 'adjust' ? '部分设备采购取消，调减预算' : answer === 'continue' ? '下半年集中支付，可按期完成' : null,
          answerAmount: answer === 'adjust' ? adjustAmount : null,
          answeredOn: answer ? `${context.year}-05-12` : null,
          answeredLate: false,
          answeredById: answer ? createdBy : null,
        });
        if (plan.reviewed && answer === 'adjust') {
          // The bureau's review made the suggestion, and it approved the adjusted budget in June (later trackings compute on it).
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
          await manager.insert(ProjectBudgetAdjustmentEntity, {
            projectId: project.id,
            organizationId: project.organizationId,
            amount: formatMoney(budgetCents - parseMoney(adjustAmount)),
            approvedOn: `${context.year}-06-15`,
            reason: '部分设备采购取消，年中调减预算',
            createdById: finance,
          });
        }
      }
    }
  }
}
