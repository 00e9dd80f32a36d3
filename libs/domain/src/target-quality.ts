/** R8: target quality review (审核) — the checks a target must pass before it is submitted. */
import { compareMoney, isMoney } from './money';
import type { PolicyProfileValues } from './policy-profile';

/** The profile's vague words that occur in a target or indicator text, in profile order. */
export function findVagueWords(text: string, profile: PolicyProfileValues): string[] {
  if (!text) return [];
  return profile.targetReview.vagueWords.filter((word) => word.length > 0 && text.includes(word));
}

export interface QualityIndicator {
  level1: string;
  level2: string;
  name: string;
  comparison: string;
  value: string | null;
  unit: string | null;
}

export interface QualityInput {
  overallGoal: string;
  annualGoals: readonly string[];
  indicators: readonly QualityIndicator[];
  /** The project's total budget in yuan (decimal string). */
  budgetAmount: string;
}

export type QualitySeverity = 'blocking' | 'warning';

export interface QualityCheckItem {
  code:
    | 'OVERALL_GOAL_REQUIRED'
    | 'OUTPUT_INDICATOR_REQUIRED'
    | 'EFFECT_INDICATOR_REQUIRED'
    | 'INDICATOR_MEASURABLE'
    | 'QUALITATIVE_ONLY_WHEN_QUALITATIVE'
    | 'COST_WITHIN_BUDGET'
    | 'NO_DUPLICATE_INDICATORS'
    | 'VAGUE_WORDING';
  severity: QualitySeverity;
  passed: boolean;
  message: string;
  messageEn: string;
  /** Zero-based position of the indicator the item is about. */
  indicatorIndex?: number;
  /** Vague words found (VAGUE_WORDING). */
  words?: string[];
}

/** Money units and how many yuan one of them is (元, 万元). */
export const MONEY_UNIT_FACTORS: Readonly<Record<string, bigint>> = { 元: 1n, 万元: 10000n };

const NUMBER = /^\d+(?:\.\d+)?$/;

/** A plain non-negative decimal (no sign, exponent or separators). */
export function isPlainNumber(value: string | null | undefined): boolean {
  return typeof value === 'string' && NUMBER.test(value.trim());
}

/**
 * An amount in a money unit as exact yuan with two decimals, or null when it is not exact to
 * the fen (e.g. '1.2345' 万元 is 12345.00 yuan; '0.000001' 万元 is not a whole fen).
 */
export function moneyUnitToYuan(value: string, unit: string): string | null {
  const factor = MONEY_UNIT_FACTORS[unit];
  if (!factor || !isPlainNumber(value)) return null;
  const [integer, fraction = ''] = value.trim().split('.');
  // Scale to millionths of a unit, then to fen.
  const scaled = BigInt(integer) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
  if (fraction.length > 6 && /[1-9]/.test(fraction.slice(6))) return null;
  const millionthsOfYuan = scaled * factor;
  if (millionthsOfYuan % 10_000n !== 0n) return null;
  const fen = millionthsOfYuan / 10_000n;
  const yuan = `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
  return isMoney(yuan) ? yuan : null;
}

const LEVEL1_ZH: Record<string, string> = { output: '产出', effect: '效益', satisfaction: '满意度', cost: '成本' };

function label(i: QualityIndicator, index: number): { zh: string; en: string } {
  const name = i.name?.trim() || `#${index + 1}`;
  return { zh: `第 ${index + 1} 项指标「${name}」`, en: `indicator ${index + 1} "${name}"` };
}

/**
 * R8 quality check, item by item. Checks that pass give one passed item; checks about single
 * indicators give one failed item per offending indicator. A target with a failed blocking item
 * cannot be submitted; warnings are shown and do not block.
 */
export function checkTargetQuality(input: QualityInput, profile: PolicyProfileValues): QualityCheckItem[] {
  const items: QualityCheckItem[] = [];
  const indicators = input.indicators ?? [];
  const pass = (code: QualityCheckItem['code'], severity: QualitySeverity, message: string, messageEn: string) =>
    items.push({ code, severity, passed: true, message, messageEn });

  // The overall goal.
  if (input.overallGoal?.trim()) pass('OVERALL_GOAL_REQUIRED', 'blocking', '已填写总体目标', 'The overall goal is filled in');
  else
    items.push({
      code: 'OVERALL_GOAL_REQUIRED',
      severity: 'blocking',
      passed: false,
      message: '未填写总体目标',
      messageEn: 'The overall goal is missing',
    });

  // At least one output and one effect indicator (N4).
  for (const [code, level1] of [
    ['OUTPUT_INDICATOR_REQUIRED', 'output'],
    ['EFFECT_INDICATOR_REQUIRED', 'effect'],
  ] as const) {
    const has = indicators.some((i) => i.level1 === level1);
    items.push({
      code,
      severity: 'blocking',
      passed: has,
      message: has ? `已设置${LEVEL1_ZH[level1]}指标` : `至少需要一项${LEVEL1_ZH[level1]}指标`,
      messageEn: has ? `Has ${level1} indicators` : `At least one ${level1} indicator is required`,
    });
  }

  // Measurable quantities: a value and a unit unless the comparison is qualitative.
  const notMeasurable: QualityCheckItem[] = [];
  const qualitativeMismatch: QualityCheckItem[] = [];
  indicators.forEach((i, index) => {
    const l = label(i, index);
    const value = i.value?.trim() ?? '';
    const unit = i.unit?.trim() ?? '';
    if (i.comparison === 'qualitative') {
      if (!value)
        notMeasurable.push({
          code: 'INDICATOR_MEASURABLE',
          severity: 'blocking',
          passed: false,
          indicatorIndex: index,
          message: `${l.zh}为定性指标，须填写指标值（定性描述）`,
          messageEn: `${l.en} is qualitative and needs a value (a description)`,
        });
      return;
    }
    if (!value || !unit) {
      notMeasurable.push({
        code: 'INDICATOR_MEASURABLE',
        severity: 'blocking',
        passed: false,
        indicatorIndex: index,
        message: `${l.zh}缺少${!value && !unit ? '指标值和计量单位' : !value ? '指标值' : '计量单位'}`,
        messageEn: `${l.en} lacks ${!value && !unit ? 'a value and a unit' : !value ? 'a value' : 'a unit'}`,
      });
      return;
    }
    if (!isPlainNumber(value))
      qualitativeMismatch.push({
        code: 'QUALITATIVE_ONLY_WHEN_QUALITATIVE',
        severity: 'blocking',
        passed: false,
        indicatorIndex: index,
        message: `${l.zh}的比较方式为「${i.comparison}」，指标值须为数值（定性表述只能用于定性指标）`,
        messageEn: `${l.en} compares with "${i.comparison}", so its value must be a number (wording only for qualitative indicators)`,
      });
  });
  if (notMeasurable.length) items.push(...notMeasurable);
  else pass('INDICATOR_MEASURABLE', 'blocking', '各项指标均可衡量（有指标值和计量单位）', 'Every indicator is measurable (value and unit)');
  if (qualitativeMismatch.length) items.push(...qualitativeMismatch);
  else pass('QUALITATIVE_ONLY_WHEN_QUALITATIVE', 'blocking', '定性表述仅用于定性指标', 'Wording is used only for qualitative indicators');

  // Cost indicators within the budget (money exact).
  const overBudget: QualityCheckItem[] = [];
  indicators.forEach((i, index) => {
    if (i.level1 !== 'cost' || !i.unit || !(i.unit in MONEY_UNIT_FACTORS) || !i.value || !isPlainNumber(i.value)) return;
    const yuan = moneyUnitToYuan(i.value, i.unit);
    if (yuan !== null && compareMoney(yuan, input.budgetAmount) <= 0) return;
    const l = label(i, index);
    overBudget.push({
      code: 'COST_WITHIN_BUDGET',
      severity: 'blocking',
      passed: false,
      indicatorIndex: index,
      message: `${l.zh}的成本 ${i.value}${i.unit} 超过项目预算 ${input.budgetAmount} 元`,
      messageEn: `${l.en}: the cost ${i.value} ${i.unit} exceeds the budget of ${input.budgetAmount} yuan`,
    });
  });
  if (overBudget.length) items.push(...overBudget);
  else pass('COST_WITHIN_BUDGET', 'blocking', '成本指标未超过项目预算', 'Cost indicators are within the budget');

  // Duplicated indicators: same level 1, level 2 and name.
  const seen = new Map<string, number>();
  const duplicates: QualityCheckItem[] = [];
  indicators.forEach((i, index) => {
    const key = `${i.level1}\u0000${i.level2}\u0000${(i.name ?? '').trim()}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    const l = label(i, index);
    duplicates.push({
      code: 'NO_DUPLICATE_INDICATORS',
      severity: 'blocking',
      passed: false,
      indicatorIndex: index,
      message: `${l.zh}与第 ${first + 1} 项指标重复`,
      messageEn: `${l.en} duplicates indicator ${first + 1}`,
    });
  });
  if (duplicates.length) items.push(...duplicates);
  else pass('NO_DUPLICATE_INDICATORS', 'blocking', '没有重复的指标', 'No duplicated indicators');

  // Vague wording (warning): goals, indicator names and values.
  const vague: QualityCheckItem[] = [];
  const goalWords = findVagueWords([input.overallGoal ?? '', ...(input.annualGoals ?? [])].join('\n'), profile);
  if (goalWords.length)
    vague.push({
      code: 'VAGUE_WORDING',
      severity: 'warning',
      passed: false,
      words: goalWords,
      message: `目标表述含模糊用语：${goalWords.join('、')}`,
      messageEn: `The goals use vague wording: ${goalWords.join(', ')}`,
    });
  indicators.forEach((i, index) => {
    const words = findVagueWords(`${i.name ?? ''}\n${i.value ?? ''}`, profile);
    if (!words.length) return;
    const l = label(i, index);
    vague.push({
      code: 'VAGUE_WORDING',
      severity: 'warning',
      passed: false,
      indicatorIndex: index,
      words,
      message: `${l.zh}含模糊用语：${words.join('、')}`,
      messageEn: `${l.en} uses vague wording: ${words.join(', ')}`,
    });
  });
  if (vague.length) items.push(...vague);
  else pass('VAGUE_WORDING', 'warning', '未发现模糊用语', 'No vague wording found');

  return items;
}

/** The failed blocking items: a target with any cannot be submitted. */
export function blockingFailures(items: readonly QualityCheckItem[]): QualityCheckItem[] {
  return items.filter((i) => i.severity === 'blocking' && !i.passed);
}
