/** N7 dual monitoring: execution checkpoints, deviation between achievement and execution, response time. */
import type { Label } from '@jixiao/contracts';
import { addWorkingDays, type WorkingCalendar } from './calendar';
import type { ExecutionCheckpoint, PolicyProfileValues } from './policy-profile';

export const WARNING_CODES = ['EXECUTION_BELOW_CHECKPOINT', 'DEVIATION'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export const WARNING_LABELS: Record<WarningCode, Label> = {
  EXECUTION_BELOW_CHECKPOINT: { zh: '预算执行进度偏慢', en: 'Budget execution below checkpoint' },
  DEVIATION: { zh: '目标实现与预算执行偏离', en: 'Target achievement and execution deviate' },
};

/** N7: what the unit chooses after a warning. */
export const WARNING_RESPONSES = ['continue', 'adjust', 'cancel'] as const;
export type WarningResponse = (typeof WARNING_RESPONSES)[number];

export const WARNING_RESPONSE_LABELS: Record<WarningResponse, Label> = {
  continue: { zh: '继续实施', en: 'Continue' },
  adjust: { zh: '调整', en: 'Adjust' },
  cancel: { zh: '取消', en: 'Cancel' },
};

export interface ExecutionWarning {
  code: WarningCode;
  /** Minimum execution (percent) or allowed deviation (percentage points). */
  threshold: number;
  /** Execution (percent) or the deviation found (percentage points). */
  actual: number;
  /** The checkpoint month applied, for EXECUTION_BELOW_CHECKPOINT. */
  checkpointMonth?: number;
  message: string;
  messageEn: string;
}

export interface MonitoringReading {
  /** Month (1–12) whose end the cumulative figures refer to. */
  month: number;
  /** Cumulative budget execution, percent. */
  executionPct: number;
  /** Degree of target achievement, percent, when assessed. */
  achievementPct?: number;
}

/** Percent in hundredths, so 20.1 − 10.1 compares as exactly 10. */
function hundredths(value: number): number {
  return Math.round(value * 100);
}

function assertPct(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative percentage, got ${value}`);
  }
}

/** The latest checkpoint whose month is at or before `month`, or undefined before the first one. */
export function applicableCheckpoint(month: number, profile: PolicyProfileValues): ExecutionCheckpoint | undefined {
  let found: ExecutionCheckpoint | undefined;
  for (const checkpoint of profile.monitoring.executionCheckpoints) {
    if (checkpoint.month <= month && (!found || checkpoint.month > found.month)) found = checkpoint;
  }
  return found;
}

/**
 * N7: warnings for a monitoring reading. Execution below the latest checkpoint reached warns
 * (exactly at the minimum does not); achievement and execution more than `deviationPoints` apart
 * warn (exactly that far apart does not).
 */
export function executionWarnings(reading: MonitoringReading, profile: PolicyProfileValues): ExecutionWarning[] {
  const { month, executionPct, achievementPct } = reading;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1–12, got ${month}`);
  assertPct('executionPct', executionPct);
  if (achievementPct !== undefined && achievementPct !== null) assertPct('achievementPct', achievementPct);

  const warnings: ExecutionWarning[] = [];
  const checkpoint = applicableCheckpoint(month, profile);
  if (checkpoint && hundredths(executionPct) < hundredths(checkpoint.minExecutionPct)) {
    warnings.push({
      code: 'EXECUTION_BELOW_CHECKPOINT',
      threshold: checkpoint.minExecutionPct,
      actual: executionPct,
      checkpointMonth: checkpoint.month,
      message: `截至${checkpoint.month}月末累计预算执行率 ${executionPct}% 低于 ${checkpoint.minExecutionPct}%`,
      messageEn: `Cumulative execution ${executionPct}% is below ${checkpoint.minExecutionPct}% due by the end of month ${checkpoint.month}`,
    });
  }
  if (achievementPct !== undefined && achievementPct !== null) {
    const gap = Math.abs(hundredths(achievementPct) - hundredths(executionPct));
    const allowed = hundredths(profile.monitoring.deviationPoints);
    if (gap > allowed) {
      const points = gap / 100;
      warnings.push({
        code: 'DEVIATION',
        threshold: profile.monitoring.deviationPoints,
        actual: points,
        message: `目标实现程度 ${achievementPct}% 与预算执行率 ${executionPct}% 相差 ${points} 个百分点，超过 ${profile.monitoring.deviationPoints} 个百分点`,
        messageEn: `Target achievement ${achievementPct}% and execution ${executionPct}% are ${points} points apart, more than ${profile.monitoring.deviationPoints}`,
      });
    }
  }
  return warnings;
}

/** N7: the date by which the unit must choose continue / adjust / cancel after a warning. */
export function responseDeadline(
  warningDate: string,
  profile: PolicyProfileValues,
  calendar?: WorkingCalendar,
): string {
  return addWorkingDays(warningDate, profile.monitoring.responseWorkingDays, calendar);
}
