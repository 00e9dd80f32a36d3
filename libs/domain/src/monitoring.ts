/** N7 dual monitoring: execution checkpoints, deviation between achievement and execution, response time. */
import type { Label } from '@jixiao/contracts';
import type { Comparison, ProjectKind } from '@jixiao/contracts';
import { buildCalendar, daysInMonth, isValidDate } from './calendar';
import { compare, div, min, ONE, parseDecimal, ratio, type Ratio } from './decimal';
import { formatMoney, parseMoney } from './money';
import { addWorkingDaysAcrossYears, type ProfileWorkingCalendar, type WorkingDaysResult } from './working-calendar';
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

/**
 * A percentage as the API and the pages show it: a decimal string with two places ("24.99").
 * Inside, hundredths of a percent as a BigInt, so comparisons are exact.
 */
export type PercentText = string;

function hundredthsOf(value: PercentText): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new RangeError(`not a percentage with at most two decimals: ${value}`);
  return BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

function percentText(hundredths: bigint): PercentText {
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** a / b in hundredths of a percent, rounded half up (a, b ≥ 0, b > 0). */
function ratioHundredths(a: bigint, b: bigint): bigint {
  const numerator = a * 10000n;
  let q = numerator / b;
  if ((numerator % b) * 2n >= b) q += 1n;
  return q;
}

export interface ExecutionRate {
  /** Percent with two places, rounded half up once: the figure shown and compared. */
  rate: PercentText;
  /** Which amount the rate is of: the approved adjusted budget when there is one, else the budget. */
  base: 'adjusted_budget' | 'budget';
  baseAmount: string;
}

/**
 * N7 / R9: cumulative execution ÷ (adjusted budget when recorded, else budget), in percent, rounded
 * half up to two places once (24.996 % is 25.00 %). Throws RangeError when the base is zero.
 */
export function executionRate(executed: string, budget: string, adjustedBudget?: string | null): ExecutionRate {
  const useAdjusted = adjustedBudget !== undefined && adjustedBudget !== null && adjustedBudget !== '';
  const baseAmount = useAdjusted ? adjustedBudget : budget;
  const base = parseMoney(baseAmount);
  if (base === 0n) throw new RangeError('executionRate: the budget is zero');
  return {
    rate: percentText(ratioHundredths(parseMoney(executed), base)),
    base: useAdjusted ? 'adjusted_budget' : 'budget',
    baseAmount: formatMoney(base),
  };
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
 * The checkpoint month a tracking as of `asOf` is held to: the latest month that has ended on or
 * before that date (30 June → June; 15 June → May, so April's checkpoint). 0 before January ends.
 */
export function endedMonthOn(asOf: string): number {
  if (!isValidDate(asOf)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(asOf)}`);
  const [year, month, day] = asOf.split('-').map(Number);
  return day === daysInMonth(year, month) ? month : month - 1;
}

/** The checkpoint applied to a tracking as of `asOf`, or undefined before the first one. */
export function checkpointOn(asOf: string, profile: PolicyProfileValues): ExecutionCheckpoint | undefined {
  const month = endedMonthOn(asOf);
  return month === 0 ? undefined : applicableCheckpoint(month, profile);
}

export interface TrackingWarning {
  code: WarningCode;
  /** The rule it comes from (DOMAIN.md). */
  rule: 'N7';
  /** The profile's number: minimum execution (percent) or allowed gap (points), two places. */
  threshold: PercentText;
  /** Execution rate (percent) or the gap found (points), two places. */
  actual: PercentText;
  /** EXECUTION_BELOW_CHECKPOINT: the checkpoint month applied. */
  checkpointMonth?: number;
  /** DEVIATION: the two figures compared. */
  achievementRate?: PercentText;
  executionRate?: PercentText;
  /** The rule with its numbers, in both languages. */
  message: string;
  messageEn: string;
}

export interface TrackingFigures {
  asOf: string;
  /** From `executionRate(...).rate`. */
  executionRate: PercentText;
  /** From `achievementDegree(...).degree`, when the target's indicators were read. */
  achievementRate?: PercentText | null;
}

/**
 * N7: the warnings of a tracking. Execution below the checkpoint applied on the as-of date warns
 * (exactly at it does not); achievement and execution more than `deviationPoints` apart warn
 * (exactly that far apart does not). All comparisons on the two-place figures shown.
 */
export function trackingWarnings(figures: TrackingFigures, profile: PolicyProfileValues): TrackingWarning[] {
  const execution = hundredthsOf(figures.executionRate);
  const warnings: TrackingWarning[] = [];
  const checkpoint = checkpointOn(figures.asOf, profile);
  if (checkpoint) {
    const minimum = BigInt(checkpoint.minExecutionPct) * 100n;
    if (execution < minimum) {
      const threshold = percentText(minimum);
      warnings.push({
        code: 'EXECUTION_BELOW_CHECKPOINT',
        rule: 'N7',
        threshold,
        actual: figures.executionRate,
        checkpointMonth: checkpoint.month,
        message: `N7：截至${checkpoint.month}月末累计预算执行率应不低于 ${threshold}%，截至 ${figures.asOf} 为 ${figures.executionRate}%`,
        messageEn: `N7: cumulative execution must be at least ${threshold}% by the end of month ${checkpoint.month}; as of ${figures.asOf} it is ${figures.executionRate}%`,
      });
    }
  }
  if (figures.achievementRate !== undefined && figures.achievementRate !== null) {
    const achievement = hundredthsOf(figures.achievementRate);
    const gap = achievement > execution ? achievement - execution : execution - achievement;
    const allowed = BigInt(profile.monitoring.deviationPoints) * 100n;
    if (gap > allowed) {
      const points = percentText(gap);
      const threshold = percentText(allowed);
      warnings.push({
        code: 'DEVIATION',
        rule: 'N7',
        threshold,
        actual: points,
        achievementRate: figures.achievementRate,
        executionRate: figures.executionRate,
        message: `N7：目标实现程度 ${figures.achievementRate}% 与预算执行率 ${figures.executionRate}% 相差 ${points} 个百分点，超过 ${threshold} 个百分点`,
        messageEn: `N7: target achievement ${figures.achievementRate}% and execution ${figures.executionRate}% are ${points} points apart, more than ${threshold}`,
      });
    }
  }
  return warnings;
}

/** One indicator of an approved target, as a tracking reads it. */
export interface IndicatorProgressInput {
  /** Stable key to match the working to the page's row (the indicator id). */
  key: string;
  comparison: Comparison;
  /** The year's value (a number as text for ≥ ≤ =; wording for qualitative). */
  yearValue: string | null;
  /** The value reached so far (a number as text), for quantitative indicators. */
  valueSoFar?: string | null;
  /** The band picked, for qualitative indicators (a code of the profile's `qualitativeBands`). */
  band?: string | null;
  /** The indicator's weight in the target; all null → equal weights. */
  weight: string | null;
}

export interface IndicatorProgressLine {
  key: string;
  /** Percent achieved, two places, capped at 100; null when not read yet. */
  degree: PercentText | null;
  /** How it was computed: ratio (≥, =), inverse ratio (≤), band, or why not. */
  basis: 'ratio' | 'inverse_ratio' | 'band' | 'not_read' | 'not_numeric';
  weight: PercentText;
}

export interface AchievementDegree {
  /** The weighted degree of target achievement, percent with two places; null when nothing was read. */
  degree: PercentText | null;
  lines: IndicatorProgressLine[];
}

/** How one indicator's value compares with its target, exactly and capped at 100 %. */
export interface IndicatorRatio {
  /** ratio (≥, and = in the year's trackings), inverse ratio (≤), band (qualitative), or why there is none. */
  basis: 'ratio' | 'inverse_ratio' | 'band' | 'not_read' | 'not_numeric';
  /** The degree as an exact fraction between 0 and 1; null when not read or not numeric. */
  ratio: Ratio | null;
}

/**
 * N7 / R11: the degree one indicator reaches. A ≥ (or =) indicator: value ÷ target; a ≤ indicator:
 * target ÷ value (at or under the target is 100 %); a target of 0 is reached by anything for ≥;
 * each capped at 100 %; a qualitative one: its band's percentage from the profile's
 * `monitoring.qualitativeBands`. Values are non-negative decimals with up to six places.
 */
export function indicatorRatio(
  indicator: { comparison: Comparison; target: string | null; reached?: string | null; band?: string | null },
  profile: Pick<PolicyProfileValues, 'monitoring'>,
): IndicatorRatio {
  if (indicator.comparison === 'qualitative') {
    const band = profile.monitoring.qualitativeBands.find((b) => b.code === indicator.band);
    return band ? { basis: 'band', ratio: ratio(band.pct, 100) } : { basis: 'not_read', ratio: null };
  }
  if (indicator.reached === null || indicator.reached === undefined || indicator.reached === '') {
    return { basis: 'not_read', ratio: null };
  }
  const target = parseDecimal(indicator.target);
  const reached = parseDecimal(indicator.reached);
  if (target === null || reached === null) return { basis: 'not_numeric', ratio: null };
  if (indicator.comparison === '<=') {
    const degree = compare(reached, target) <= 0 ? ONE : div(target, reached);
    return { basis: 'inverse_ratio', ratio: min(degree, ONE) };
  }
  return { basis: 'ratio', ratio: target.n === 0n ? ONE : min(div(reached, target), ONE) };
}

/** A decimal weight in millionths, or null when it is not one. */
function weightMicros(value: string | null | undefined): bigint | null {
  const parsed = parseDecimal(value);
  return parsed === null ? null : (parsed.n * 1_000_000n) / parsed.d;
}

/**
 * N7: the degree of target achievement so far, computed, never typed. A ≥ or = indicator: value so
 * far ÷ the year's value; a ≤ indicator: the year's value ÷ value so far (at or under it is 100 %);
 * each capped at 100 %; a qualitative one: its band's percentage from the profile (`indicatorRatio`).
 * Weighted by the target's weights (equal when none are set), over the indicators read; rounded half up once.
 */
export function achievementDegree(indicators: readonly IndicatorProgressInput[], profile: PolicyProfileValues): AchievementDegree {
  const weights = indicators.map((i) => weightMicros(i.weight));
  const weighted = weights.some((w) => w !== null && w > 0n);
  const lines: IndicatorProgressLine[] = [];
  let sum = 0n; // hundredths of a percent × weight micros
  let weightSum = 0n;
  indicators.forEach((indicator, index) => {
    const weight = weighted ? (weights[index] ?? 0n) : 1_000_000n;
    const weightText = percentText(weight / 10_000n);
    const { basis, ratio: r } = indicatorRatio(
      { comparison: indicator.comparison, target: indicator.yearValue, reached: indicator.valueSoFar, band: indicator.band },
      profile,
    );
    const degree = r === null ? null : ratioHundredths(r.n, r.d);
    lines.push({ key: indicator.key, degree: degree === null ? null : percentText(degree), basis, weight: weightText });
    if (degree !== null && weight > 0n) {
      sum += degree * weight;
      weightSum += weight;
    }
  });
  if (weightSum === 0n) return { degree: null, lines };
  let degree = sum / weightSum;
  if ((sum % weightSum) * 2n >= weightSum) degree += 1n;
  return { degree: percentText(degree), lines };
}

/**
 * N7: the date by which the unit must choose continue / adjust / cancel after a warning raised on
 * `warningDate`: the profile's working days on each year's own calendar (`calendarOf` gives a year's
 * profile calendar; a year without one counts weekends only and is reported).
 */
export function responseDeadline(
  warningDate: string,
  profile: PolicyProfileValues,
  calendarOf: (year: number) => ProfileWorkingCalendar | null | undefined,
): WorkingDaysResult {
  return addWorkingDaysAcrossYears(warningDate, profile.monitoring.responseWorkingDays, calendarOf);
}

/** Answered after the deadline? (On the deadline day is in time.) */
export function isLateAnswer(answeredOn: string, deadline: string): boolean {
  return answeredOn > deadline;
}

export interface TrackingRoundInput {
  /** The budget year of the project or policy. */
  year: number;
  /** The sector of its organization (the education sector has a later first round). */
  sector?: string | null;
  /** When it was created, 'YYYY-MM-DD' (Asia/Shanghai). */
  createdOn: string;
  /** When its target was approved, 'YYYY-MM-DD', or null while not approved. */
  targetApprovedOn: string | null;
}

export interface TrackingRoundDue {
  /** R9: the first round for everything there by its deadline; R10: one later round for what came after. */
  round: 'first_tracking' | 'later_tracking';
  rule: string;
  /** The deadline, 'YYYY-MM-DD'. */
  due: string;
}

/**
 * R9 / R10: the tracking a project or policy owes. Everything is due in the first round (31 Aug;
 * the education sector 30 Sep); what was created, or had its target approved, after that
 * deadline owes one by the later round's date (30 Nov) instead. Dates from the profile's deadlines
 * `first_tracking` and `later_tracking`; null when the profile has no first round.
 */
export function trackingRoundDue(input: TrackingRoundInput, profile: PolicyProfileValues): TrackingRoundDue | null {
  const deadlines = buildCalendar(profile, input.year, input.sector ?? undefined);
  const first = deadlines.find((d) => d.code === 'first_tracking');
  if (!first) return null;
  const later = deadlines.find((d) => d.code === 'later_tracking');
  const cameLate = input.createdOn > first.date || (input.targetApprovedOn !== null && input.targetApprovedOn > first.date);
  if (cameLate && later) return { round: 'later_tracking', rule: later.rule, due: later.date };
  return { round: 'first_tracking', rule: first.rule, due: first.date };
}

export interface FundSplitLine {
  source: string;
  amount: string;
}

/**
 * R25: a tracking's executed amount split by fund source must use each source at most once, only
 * sources the project is funded from (when it lists them), and add up to the executed amount exactly.
 * Returns field issues (paths under `fundSources`), empty when the split is right or absent.
 */
export function fundSplitIssues(
  executed: string,
  split: readonly FundSplitLine[] | null | undefined,
  projectSources: readonly string[] = [],
): { field: string; code: string; message: string; messageEn: string }[] {
  if (!split || split.length === 0) return [];
  const issues: { field: string; code: string; message: string; messageEn: string }[] = [];
  const seen = new Set<string>();
  let total = 0n;
  split.forEach((line, index) => {
    const field = `fundSources.${index}.source`;
    if (seen.has(line.source)) {
      issues.push({ field, code: 'DUPLICATE_SOURCE', message: '资金来源重复', messageEn: 'the fund source is listed twice' });
    }
    seen.add(line.source);
    if (projectSources.length && !projectSources.includes(line.source)) {
      issues.push({
        field,
        code: 'NOT_A_PROJECT_SOURCE',
        message: '该资金来源不在项目的资金来源中',
        messageEn: 'the project is not funded from this source',
      });
    }
    total += parseMoney(line.amount);
  });
  if (total !== parseMoney(executed)) {
    issues.push({
      field: 'fundSources',
      code: 'SPLIT_NOT_EQUAL_TOTAL',
      message: `各资金来源合计 ${formatMoney(total)} 元与累计执行金额 ${formatMoney(parseMoney(executed))} 元不一致`,
      messageEn: `the fund sources add up to ${formatMoney(total)} yuan, not the executed ${formatMoney(parseMoney(executed))} yuan`,
    });
  }
  return issues;
}

/** R9: what dual monitoring tracks — every project and policy (department overall expenditure is evaluated, not tracked). */
export const MONITORED_KINDS: readonly ProjectKind[] = ['project', 'policy'];

export function isMonitoredKind(kind: string): boolean {
  return (MONITORED_KINDS as readonly string[]).includes(kind);
}

/** `MONITORED_KINDS` as an SQL condition on a kind column. */
export function monitoredKindSql(column: string): string {
  return `${column} IN (${MONITORED_KINDS.map((k) => `'${k}'`).join(', ')})`;
}

/** R9 / R10: where a project or policy stands in the year's trackings. */
export const TRACKING_STATES = ['tracked', 'due', 'overdue', 'not_trackable'] as const;
export type TrackingState = (typeof TRACKING_STATES)[number];

export const TRACKING_STATE_LABELS: Record<TrackingState, Label> = {
  tracked: { zh: '已跟踪', en: 'Tracked' },
  due: { zh: '待跟踪', en: 'Due' },
  overdue: { zh: '逾期未跟踪', en: 'Overdue' },
  not_trackable: { zh: '目标未批复', en: 'Target not approved' },
};

/**
 * R9: every project and policy counts. One whose target is not approved cannot be tracked (and is
 * listed with that reason); otherwise it is tracked once it has a tracking for the year, else due
 * until its round's deadline and overdue after it. `trackingStateSql` is the same rule in SQL.
 */
export function trackingState(input: { targetApproved: boolean; trackings: number; due: string; today: string }): TrackingState {
  if (!input.targetApproved) return 'not_trackable';
  if (input.trackings > 0) return 'tracked';
  return input.today > input.due ? 'overdue' : 'due';
}

/**
 * `trackingRoundDue`'s deadline in SQL, in steps, over the year's profile deadlines (a jsonb
 * expression: the profile values' `deadlines` array, NULL when the year has none), the year, the
 * sector and the day the project arrived in the year's monitoring (the later of its creation and its
 * target's approval: it came late when either is after the first round): the first and later
 * rounds' rules (`firstRule`, `laterRule`), the first round's deadline from its rule (`firstDue`)
 * and the deadline from that and the later rule (`due`). Each step is a plain expression (no
 * query), so the database's trigger function evaluates them as variables, once each, without
 * running a statement (migration ProjectCountsByStatement; test/monitoring-stored.e2e-spec.ts
 * compares every stored deadline with `trackingRoundDue`). Sector names are used when made of
 * lowercase letters and underscores (the profile's keys); without a first round the deadline is
 * 31 December.
 */
export function trackingDueSqlSteps(columns: { deadlines: string; year: string; sector: string; arrivedOn: string }): {
  firstRule: string;
  laterRule: string;
  firstDue: (firstRule: string) => string;
  due: (firstDue: string, laterRule: string) => string;
} {
  const rule = (code: string) =>
    // The first deadline of that code (in the array's order), found without unnesting the array.
    `jsonb_path_query_first(COALESCE(${columns.deadlines}, '[]'::jsonb), '$[*] ? (@.code == "${code}")')`;
  // dateInYear: month and day, the day clamped to the month's last (29 February in other years).
  const inYear = (monthDay: string) =>
    `make_date(${columns.year}, split_part(${monthDay}, '-', 1)::int, least(split_part(${monthDay}, '-', 2)::int, extract(day from make_date(${columns.year}, split_part(${monthDay}, '-', 1)::int, 1) + interval '1 month' - interval '1 day')::int))`;
  const sectorDate = (rule: string) =>
    `COALESCE(CASE WHEN ${columns.sector} ~ '^[a-z_]+$' THEN ${rule}->'sectorDates'->>${columns.sector} END, ${rule}->>'date')`;
  return {
    firstRule: rule('first_tracking'),
    laterRule: rule('later_tracking'),
    firstDue: (firstRule) =>
      `CASE WHEN ${firstRule} IS NULL THEN make_date(${columns.year}, 12, 31) ELSE ${inYear(sectorDate(firstRule))} END`,
    due: (firstDue, laterRule) =>
      `CASE WHEN ${laterRule} IS NOT NULL AND ${columns.arrivedOn} > ${firstDue} THEN ${inYear(sectorDate(laterRule))} ELSE ${firstDue} END`,
  };
}

/** `trackingState` in SQL over a row's columns (target status, tracking count, due date, today). */
export function trackingStateSql(columns: { targetStatus: string; trackings: string; due: string; today: string }): string {
  return `(CASE WHEN ${columns.targetStatus} IS DISTINCT FROM 'approved' THEN 'not_trackable'
    WHEN ${columns.trackings} > 0 THEN 'tracked'
    WHEN ${columns.today} > ${columns.due} THEN 'overdue' ELSE 'due' END)`;
}
