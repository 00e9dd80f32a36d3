import type { Comparison } from '@jixiao/contracts';
import {
  achievementDegree,
  executionRate,
  isMoney,
  isValidDate,
  trackingWarnings,
  type AchievementDegree,
  type ExecutionRate,
  type PolicyProfileValues,
  type TrackingWarning,
} from '@jixiao/domain';

/**
 * "The SPA shows the working": the figures of a tracking being typed, computed with the very
 * functions of libs/domain the API applies when it records it (execution rate, degree of
 * achievement, N7 warnings under the year's profile). Nothing here is a second copy of a rule.
 */
export interface LiveIndicator {
  key: string;
  comparison: Comparison;
  yearValue: string | null;
  weight: string | null;
  valueSoFar: string;
  band: string;
}

export interface LiveInput {
  asOf: string;
  executedAmount: string;
  budgetAmount: string;
  /** Approved adjusted budgets of the project (any order). */
  adjustments: readonly { amount: string; approvedOn: string }[];
  indicators: readonly LiveIndicator[];
  profile: PolicyProfileValues | null;
}

export interface LiveWorking {
  /** The adjusted budget that applies on the as-of date (approved on or before it), else null. */
  adjustedBudget: string | null;
  /** Null while the amount or the date is not yet valid, or the base is zero. */
  rate: ExecutionRate | null;
  achievement: AchievementDegree | null;
  /** Null while the rate cannot be computed (no profile, no valid date or amount). */
  warnings: TrackingWarning[] | null;
}

/** The adjusted budget a tracking as of `asOf` is computed on: the latest approved on or before it. */
export function adjustedBudgetOn(adjustments: LiveInput['adjustments'], asOf: string): string | null {
  let found: { amount: string; approvedOn: string } | null = null;
  for (const a of adjustments) if (a.approvedOn <= asOf && (!found || a.approvedOn > found.approvedOn)) found = a;
  return found?.amount ?? null;
}

export function liveWorking(input: LiveInput): LiveWorking {
  const dateOk = isValidDate(input.asOf);
  const adjustedBudget = dateOk ? adjustedBudgetOn(input.adjustments, input.asOf) : null;
  let rate: ExecutionRate | null = null;
  if (dateOk && isMoney(input.executedAmount.trim())) {
    try {
      rate = executionRate(input.executedAmount.trim(), input.budgetAmount, adjustedBudget);
    } catch {
      rate = null; // a zero budget: the API refuses it too
    }
  }
  const achievement = input.profile
    ? achievementDegree(
        input.indicators.map((i) => ({
          key: i.key,
          comparison: i.comparison,
          yearValue: i.yearValue,
          valueSoFar: i.valueSoFar.trim() || null,
          band: i.band || null,
          weight: i.weight,
        })),
        input.profile,
      )
    : null;
  const warnings =
    rate && input.profile
      ? trackingWarnings({ asOf: input.asOf, executionRate: rate.rate, achievementRate: achievement?.degree ?? null }, input.profile)
      : null;
  return { adjustedBudget, rate, achievement, warnings };
}
