/**
 * Evaluations (绩效评价, R11–R14, N1–N3, N8) as pure rules: the unit self-evaluation scored from the
 * approved target, the indicator-system templates of department and finance key evaluations, the
 * ranking and selection of finance key evaluations, the independence of third-party agencies and
 * what a commission needs, and the deadlines. Every number comes from the policy profile: weights,
 * templates and grades from the evaluated year's, deadlines from the year the work is done in.
 *
 * Scores are decimal strings with two places (`ScoreText`), computed exactly and rounded half up
 * once; the points shown on breakdown lines are each rounded for display, the total is the exact
 * sum rounded once (so lines may differ from the total by a hundredth).
 */
import {
  AGENCY_STATE_LABELS,
  AGENCY_TIE_KIND_LABELS,
  EVALUATION_KIND_LABELS,
  PUBLIC_ATTENTION_LABELS,
  type AgencyState,
  type AgencyTieKind,
  type Comparison,
  type EvaluationKind,
  type FieldError,
  type IndicatorLevel1,
  type ProjectKind,
  type PublicAttention,
} from '@jixiao/contracts';
import { buildCalendar, dateInYear, isValidDate } from './calendar';
import { add, compare, div, min, mul, ONE, parseDecimal, ratio, sub, sum, ZERO, roundText, type Ratio } from './decimal';
import { fieldIssue } from './field-issue';
import { evaluationGrade, type Grade } from './grades';
import { compareMoney } from './money';
import { indicatorRatio, type PercentText } from './monitoring';
import type { EvaluationTemplate, PolicyProfileValues } from './policy-profile';

/** A score with two decimals, e.g. '89.99'. */
export type ScoreText = string;

type Profile = Pick<PolicyProfileValues, 'evaluation' | 'monitoring'>;

const blank = (text: string | null | undefined) => typeof text !== 'string' || !text.trim();
const points = (value: Ratio) => roundText(value, 2);
const pct = (value: Ratio) => roundText(mul(value, ratio(100)), 2);
/** A profile number (weight, points, percentage) as an exact fraction. */
const exact = (value: number): Ratio => {
  const parsed = parseDecimal(value, 10);
  if (parsed === null) throw new RangeError(`not a non-negative profile number: ${value}`);
  return parsed;
};
const shown = (value: number) => roundText(exact(value), 2).replace(/\.00$/, '');

// ---------------------------------------------------------------------------------------------
// R11 / N2: the unit self-evaluation
// ---------------------------------------------------------------------------------------------

/** One indicator of the approved target with the unit's actual value. */
export interface SelfEvaluationIndicator {
  /** Stable key (the target indicator's id). */
  key: string;
  /** The indicator's name, for the breakdown's messages. */
  name: string;
  level1: IndicatorLevel1;
  comparison: Comparison;
  /** The target value (a number as text for ≥ ≤ =; wording for qualitative). */
  target: string | null;
  unit?: string | null;
  /** The actual value reached in the year (a number as text), for ≥ ≤ =. */
  actual?: string | null;
  /** The band the unit picked (a code of the profile's `monitoring.qualitativeBands`), for qualitative indicators. */
  band?: string | null;
  /**
   * The indicator's weight (分值) in the target. A part's points are shared in proportion to its
   * indicators' weights when every one of them has a positive weight, else equally.
   */
  weight?: string | number | null;
  /** Why the indicator was not fully achieved (偏差原因). */
  explanation?: string | null;
}

export interface SelfEvaluationInput {
  /** The year's budget execution rate, percent with two places (`executionRate(...).rate`); null while unknown. */
  executionRate: PercentText | null;
  indicators: readonly SelfEvaluationIndicator[];
}

export const SELF_EVALUATION_BASES = [
  'execution_rate',
  'at_least',
  'at_most',
  'equal_within_tolerance',
  'equal_outside_tolerance',
  'qualitative_band',
  'not_read',
  'not_numeric',
  'weight_moved',
  'no_indicators',
] as const;
/** How a breakdown line got its points. */
export type SelfEvaluationBasis = (typeof SELF_EVALUATION_BASES)[number];

export interface BreakdownLine {
  /** The indicator's key; the part's code for the execution line and for part lines (weight moved, no indicators). */
  key: string;
  /** The `selfEvaluationWeights` item it counts in. */
  part: string;
  /** The rule in DOMAIN.md that gave the points. */
  rule: 'N2';
  basis: SelfEvaluationBasis;
  /** Degree achieved, percent with two places; null when nothing can be read. */
  degree: PercentText | null;
  maxPoints: ScoreText;
  points: ScoreText;
  fullyAchieved: boolean;
  /** The rule with its numbers, in both languages. */
  message: string;
  messageEn: string;
}

export interface SelfEvaluationPart {
  code: string;
  zh: string;
  en: string;
  /** The weight in the profile. */
  weight: ScoreText;
  /** After moving weights: 0 for a part that gave its weight away, more for the one that received it. */
  effectiveWeight: ScoreText;
  /** Where this part's weight went (no indicator in it), else null. */
  movedTo: string | null;
  /** The parts whose weights this one received. */
  receivedFrom: string[];
  points: ScoreText;
}

export interface SelfEvaluationResult {
  /** The exact sum of the points, rounded half up once to two places. */
  total: ScoreText;
  grade: Grade;
  parts: SelfEvaluationPart[];
  lines: BreakdownLine[];
  /** Keys of the indicators not fully achieved: each needs an explanation. */
  needsExplanation: string[];
  /** What keeps the self-evaluation from being submitted (values missing, explanations missing); empty when complete. */
  issues: FieldError[];
}

interface Degree {
  basis: SelfEvaluationBasis;
  value: Ratio | null;
  zh: string;
  en: string;
}

function indicatorDegree(indicator: SelfEvaluationIndicator, profile: Profile): Degree {
  const unit = indicator.unit ?? '';
  const name = indicator.name;
  const tolerancePct = profile.evaluation.selfEvaluation.equalTolerancePct;
  if (indicator.comparison === '=') {
    if (blank(indicator.actual))
      return { basis: 'not_read', value: null, zh: `“${name}”未填写实际值`, en: `"${name}" has no actual value` };
    const target = parseDecimal(indicator.target);
    const actual = parseDecimal(indicator.actual);
    if (target === null || actual === null) {
      return {
        basis: 'not_numeric',
        value: null,
        zh: `“${name}”的目标值或实际值不是数字`,
        en: `"${name}": the target or actual value is not a number`,
      };
    }
    const deviation = compare(actual, target) >= 0 ? sub(actual, target) : sub(target, actual);
    const allowed = mul(target, div(exact(tolerancePct), ratio(100)));
    if (compare(deviation, allowed) <= 0) {
      return {
        basis: 'equal_within_tolerance',
        value: ONE,
        zh: `“${name}”实际 ${indicator.actual}${unit}，目标 ${indicator.target}${unit}，偏差在 ±${shown(tolerancePct)}% 容差内，视为完全实现`,
        en: `"${name}" actual ${indicator.actual}${unit}, target ${indicator.target}${unit}: within the ±${shown(tolerancePct)}% tolerance, fully achieved`,
      };
    }
    const off = target.n === 0n ? ONE : min(div(deviation, target), ONE);
    const value = sub(ONE, off);
    return {
      basis: 'equal_outside_tolerance',
      value,
      zh: `“${name}”实际 ${indicator.actual}${unit}，目标 ${indicator.target}${unit}，偏差 ${pct(off)}% 超出 ±${shown(tolerancePct)}% 容差，按 1 − 偏差率计 ${pct(value)}%`,
      en: `"${name}" actual ${indicator.actual}${unit}, target ${indicator.target}${unit}: ${pct(off)}% off, beyond the ±${shown(tolerancePct)}% tolerance, scored 1 − deviation = ${pct(value)}%`,
    };
  }
  const r = indicatorRatio(
    { comparison: indicator.comparison, target: indicator.target, reached: indicator.actual, band: indicator.band },
    profile,
  );
  if (r.ratio === null) {
    if (r.basis === 'not_numeric') {
      return {
        basis: 'not_numeric',
        value: null,
        zh: `“${name}”的目标值或实际值不是数字`,
        en: `"${name}": the target or actual value is not a number`,
      };
    }
    return indicator.comparison === 'qualitative'
      ? { basis: 'not_read', value: null, zh: `“${name}”未评定完成档次`, en: `"${name}" has no band picked` }
      : { basis: 'not_read', value: null, zh: `“${name}”未填写实际值`, en: `"${name}" has no actual value` };
  }
  if (r.basis === 'band') {
    const band = profile.monitoring.qualitativeBands.find((b) => b.code === indicator.band)!;
    return {
      basis: 'qualitative_band',
      value: r.ratio,
      zh: `“${name}”评定为「${band.zh}」，按定性分档计 ${band.pct}%`,
      en: `"${name}" judged "${band.en}": ${band.pct}% by the qualitative bands`,
    };
  }
  if (r.basis === 'inverse_ratio') {
    return {
      basis: 'at_most',
      value: r.ratio,
      zh:
        compare(r.ratio, ONE) === 0
          ? `“${name}”实际 ${indicator.actual}${unit} 不高于目标 ${indicator.target}${unit}，完全实现`
          : `“${name}”目标 ${indicator.target}${unit} ÷ 实际 ${indicator.actual}${unit} = ${pct(r.ratio)}%`,
      en:
        compare(r.ratio, ONE) === 0
          ? `"${name}" actual ${indicator.actual}${unit} at or below the target ${indicator.target}${unit}: fully achieved`
          : `"${name}" target ${indicator.target}${unit} ÷ actual ${indicator.actual}${unit} = ${pct(r.ratio)}%`,
    };
  }
  return {
    basis: 'at_least',
    value: r.ratio,
    zh: `“${name}”实际 ${indicator.actual}${unit} ÷ 目标 ${indicator.target}${unit} = ${pct(r.ratio)}%（最高 100%）`,
    en: `"${name}" actual ${indicator.actual}${unit} ÷ target ${indicator.target}${unit} = ${pct(r.ratio)}% (at most 100%)`,
  };
}

/**
 * R11 / N2: the unit self-evaluation score, computed live from the approved target and the actual
 * values. The execution item scores its weight × the execution rate (capped at 100 %); each other
 * item of `selfEvaluationWeights` is shared among the target's indicators whose level 1 counts in it
 * (`selfEvaluation.indicatorParts`), each scoring its share × its degree: ≥ actual ÷ target, ≤
 * target ÷ actual, = full within the profile's tolerance and 1 − deviation ÷ target outside it,
 * qualitative by the band's percentage — capped at 100 %. An item without indicators gives its
 * weight to its fallback (`weightFallbacks`, satisfaction → effect) when that has indicators, else
 * scores 0. The total is rounded once; the grade follows N1. Every indicator not fully achieved
 * needs an explanation; missing values and explanations are `issues` (the points count them as 0).
 */
export function selfEvaluationScore(input: SelfEvaluationInput, profile: Profile): SelfEvaluationResult {
  const rules = profile.evaluation.selfEvaluation;
  const weights = profile.evaluation.selfEvaluationWeights;
  const issues: FieldError[] = [];
  const lines: BreakdownLine[] = [];
  const needsExplanation: string[] = [];

  const byPart = new Map<string, number[]>();
  input.indicators.forEach((indicator, index) => {
    const part = rules.indicatorParts[indicator.level1];
    if (!part) {
      issues.push(
        fieldIssue(
          `indicators.${index}.level1`,
          'UNKNOWN_LEVEL1',
          `一级指标 ${String(indicator.level1)} 未计入任何自评项`,
          `level 1 ${String(indicator.level1)} counts in no self-evaluation item`,
        ),
      );
      return;
    }
    byPart.set(part, [...(byPart.get(part) ?? []), index]);
  });

  // N2: an item without indicators gives its weight to its fallback when that one has indicators.
  const effective = new Map<string, Ratio>(weights.map((w) => [w.code, exact(w.weight)]));
  const movedTo = new Map<string, string>();
  for (const w of weights) {
    if (w.code === rules.executionItem || byPart.has(w.code)) continue;
    const to = rules.weightFallbacks[w.code];
    if (to && byPart.has(to) && effective.has(to)) {
      movedTo.set(w.code, to);
      effective.set(to, add(effective.get(to)!, exact(w.weight)));
      effective.set(w.code, ZERO);
    }
  }

  const partPoints = new Map<string, Ratio>();
  const label = (code: string) => weights.find((w) => w.code === code) ?? { zh: code, en: code };

  for (const w of weights) {
    const weight = exact(w.weight);
    if (w.code === rules.executionItem) {
      const rate = input.executionRate === null ? null : parseDecimal(input.executionRate, 2);
      if (rate === null) {
        issues.push(fieldIssue('executionRate', 'EXECUTION_RATE_REQUIRED', '缺少预算执行率', 'the budget execution rate is missing'));
        lines.push({
          key: w.code,
          part: w.code,
          rule: 'N2',
          basis: 'not_read',
          degree: null,
          maxPoints: points(weight),
          points: '0.00',
          fullyAchieved: false,
          message: `N2：缺少预算执行率，${w.zh}暂计 0 分`,
          messageEn: `N2: no budget execution rate yet, ${w.en} scores 0 for now`,
        });
        partPoints.set(w.code, ZERO);
        continue;
      }
      const degree = min(div(rate, ratio(100)), ONE);
      const got = mul(weight, degree);
      partPoints.set(w.code, got);
      lines.push({
        key: w.code,
        part: w.code,
        rule: 'N2',
        basis: 'execution_rate',
        degree: pct(degree),
        maxPoints: points(weight),
        points: points(got),
        fullyAchieved: compare(degree, ONE) === 0,
        message: `N2：预算执行率 ${input.executionRate}%（最高按 100% 计）× ${w.zh} ${shown(w.weight)} 分 = ${points(got)} 分`,
        messageEn: `N2: budget execution rate ${input.executionRate}% (at most 100%) × ${w.en} ${shown(w.weight)} points = ${points(got)}`,
      });
      continue;
    }
    const to = movedTo.get(w.code);
    if (to) {
      const target = label(to);
      lines.push({
        key: w.code,
        part: w.code,
        rule: 'N2',
        basis: 'weight_moved',
        degree: null,
        maxPoints: '0.00',
        points: '0.00',
        fullyAchieved: true,
        message: `N2：目标未设${w.zh}，其 ${shown(w.weight)} 分转入${target.zh}（共 ${points(effective.get(to)!)} 分）`,
        messageEn: `N2: the target has no ${w.en} indicator; its ${shown(w.weight)} points move to ${target.en} (now ${points(effective.get(to)!)})`,
      });
      partPoints.set(w.code, ZERO);
      continue;
    }
    const members = byPart.get(w.code) ?? [];
    if (!members.length) {
      lines.push({
        key: w.code,
        part: w.code,
        rule: 'N2',
        basis: 'no_indicators',
        degree: null,
        maxPoints: points(weight),
        points: '0.00',
        fullyAchieved: false,
        message: `N2：目标未设${w.zh}，且无可转入的项目，该项 ${shown(w.weight)} 分不得分`,
        messageEn: `N2: the target has no ${w.en} indicator and no item to move it to; its ${shown(w.weight)} points are not earned`,
      });
      partPoints.set(w.code, ZERO);
      continue;
    }
    const partWeight = effective.get(w.code)!;
    const memberWeights = members.map((i) => {
      const raw = input.indicators[i].weight;
      const parsed = raw === null || raw === undefined || raw === '' ? null : parseDecimal(raw);
      return parsed !== null && parsed.n > 0n ? parsed : null;
    });
    const proportional = memberWeights.every((mw) => mw !== null);
    const weightTotal = proportional ? sum(memberWeights as Ratio[]) : ratio(members.length);
    let got = ZERO;
    members.forEach((index, m) => {
      const indicator = input.indicators[index];
      const share = div(proportional ? (memberWeights[m] as Ratio) : ONE, weightTotal);
      const maxPoints = mul(partWeight, share);
      const degree = indicatorDegree(indicator, profile);
      const earned = degree.value === null ? ZERO : mul(maxPoints, degree.value);
      got = add(got, earned);
      const full = degree.value !== null && compare(degree.value, ONE) === 0;
      lines.push({
        key: indicator.key,
        part: w.code,
        rule: 'N2',
        basis: degree.basis,
        degree: degree.value === null ? null : pct(degree.value),
        maxPoints: points(maxPoints),
        points: points(earned),
        fullyAchieved: full,
        message: `N2：${degree.zh}，× ${points(maxPoints)} 分 = ${points(earned)} 分`,
        messageEn: `N2: ${degree.en}, × ${points(maxPoints)} points = ${points(earned)}`,
      });
      const field = `indicators.${index}`;
      if (degree.basis === 'not_read') {
        if (indicator.comparison !== 'qualitative') {
          issues.push(
            fieldIssue(
              `${field}.actual`,
              'ACTUAL_REQUIRED',
              `请填写“${indicator.name}”的实际值`,
              `enter the actual value of "${indicator.name}"`,
            ),
          );
        } else if (blank(indicator.band)) {
          issues.push(
            fieldIssue(`${field}.band`, 'BAND_REQUIRED', `请评定“${indicator.name}”的完成档次`, `pick a band for "${indicator.name}"`),
          );
        } else {
          issues.push(
            fieldIssue(
              `${field}.band`,
              'UNKNOWN_BAND',
              `“${indicator.band}”不是本年度的定性分档`,
              `"${indicator.band}" is not one of the year's qualitative bands`,
            ),
          );
        }
      } else if (degree.basis === 'not_numeric') {
        const actualOk = parseDecimal(indicator.actual) !== null;
        issues.push(
          actualOk
            ? fieldIssue(
                `${field}.target`,
                'TARGET_NOT_NUMERIC',
                `“${indicator.name}”的目标值不是数字，无法计分`,
                `the target value of "${indicator.name}" is not a number and cannot be scored`,
              )
            : fieldIssue(
                `${field}.actual`,
                'NOT_A_NUMBER',
                `“${indicator.name}”的实际值须为非负数字`,
                `the actual value of "${indicator.name}" must be a non-negative number`,
              ),
        );
      } else if (!full) {
        needsExplanation.push(indicator.key);
        if (blank(indicator.explanation)) {
          issues.push(
            fieldIssue(
              `${field}.explanation`,
              'EXPLANATION_REQUIRED',
              `“${indicator.name}”未完全实现，须说明偏差原因`,
              `"${indicator.name}" was not fully achieved and needs an explanation`,
            ),
          );
        }
      }
    });
    partPoints.set(w.code, got);
  }

  const total = points(sum([...partPoints.values()]));
  const parts: SelfEvaluationPart[] = weights.map((w) => ({
    code: w.code,
    zh: w.zh,
    en: w.en,
    weight: points(exact(w.weight)),
    effectiveWeight: points(effective.get(w.code) ?? ZERO),
    movedTo: movedTo.get(w.code) ?? null,
    receivedFrom: [...movedTo.entries()].filter(([, to]) => to === w.code).map(([from]) => from),
    points: points(partPoints.get(w.code) ?? ZERO),
  }));
  return { total, grade: evaluationGrade(total, profile), parts, lines, needsExplanation, issues };
}

// ---------------------------------------------------------------------------------------------
// R12 / R14: department and finance key evaluations on the profile's templates
// ---------------------------------------------------------------------------------------------

/** The indicator system the profile keeps for what is evaluated (project, policy, department overall expenditure). */
export function templateFor(kind: ProjectKind, profile: Pick<PolicyProfileValues, 'evaluation'>): EvaluationTemplate {
  const template = profile.evaluation.templates[kind];
  if (!template) throw new RangeError(`no evaluation template for ${String(kind)}`);
  return template;
}

export interface TemplateItemScore {
  code: string;
  zh: string;
  en: string;
  maxPoints: ScoreText;
  /** The score given, two places; null while missing or invalid. */
  points: ScoreText | null;
}

export interface TemplateDimensionScore {
  code: string;
  zh: string;
  en: string;
  weight: ScoreText;
  points: ScoreText;
  items: TemplateItemScore[];
}

export interface TemplateScoreResult {
  /** The sum of the valid item scores, two places. */
  total: ScoreText;
  /** N1 grade of the total once every item is scored validly; null before. */
  grade: Grade | null;
  complete: boolean;
  dimensions: TemplateDimensionScore[];
  /** Coded problems at `scores.<item code>`: REQUIRED, NOT_A_SCORE, OUT_OF_RANGE, UNKNOWN_ITEM. */
  issues: FieldError[];
}

/**
 * R12 / R14: the score of a department or finance key evaluation on its indicator system. Each item
 * is scored 0..its points with at most two decimals (a decimal string, or a number); the dimensions
 * and the total add up exactly; the grade (N1) is given once every item is scored.
 */
export function templateScore(
  template: EvaluationTemplate,
  scores: Readonly<Record<string, string | number | null | undefined>>,
  profile: Pick<PolicyProfileValues, 'evaluation'>,
): TemplateScoreResult {
  const issues: FieldError[] = [];
  const given = scores && typeof scores === 'object' && !Array.isArray(scores) ? scores : {};
  const known = new Set<string>();
  let total = ZERO;
  const dimensions = template.dimensions.map((d) => {
    let dimensionPoints = ZERO;
    const items = d.items.map((item) => {
      known.add(item.code);
      const field = `scores.${item.code}`;
      const raw = Object.prototype.hasOwnProperty.call(given, item.code) ? given[item.code] : undefined;
      const max = exact(item.points);
      let value: Ratio | null = null;
      if (raw === undefined || raw === null || raw === '') {
        issues.push(fieldIssue(field, 'REQUIRED', `请为“${item.zh}”打分`, `score "${item.en}"`));
      } else {
        const parsed = parseDecimal(raw, 2);
        if (parsed === null) {
          issues.push(
            fieldIssue(
              field,
              'NOT_A_SCORE',
              `“${item.zh}”的得分须为最多两位小数的非负数`,
              `the score of "${item.en}" must be a non-negative number with at most two decimals`,
            ),
          );
        } else if (compare(parsed, max) > 0) {
          issues.push(
            fieldIssue(
              field,
              'OUT_OF_RANGE',
              `“${item.zh}”的得分须在 0 到 ${shown(item.points)} 之间`,
              `the score of "${item.en}" must be between 0 and ${shown(item.points)}`,
            ),
          );
        } else {
          value = parsed;
          dimensionPoints = add(dimensionPoints, parsed);
        }
      }
      return { code: item.code, zh: item.zh, en: item.en, maxPoints: points(max), points: value === null ? null : points(value) };
    });
    total = add(total, dimensionPoints);
    return { code: d.code, zh: d.zh, en: d.en, weight: points(exact(d.weight)), points: points(dimensionPoints), items };
  });
  for (const code of Object.keys(given)) {
    if (!known.has(code))
      issues.push(fieldIssue(`scores.${code}`, 'UNKNOWN_ITEM', `指标体系中没有 ${code}`, `the indicator system has no item ${code}`));
  }
  const complete = issues.length === 0;
  const totalText = points(total);
  return { total: totalText, grade: complete ? evaluationGrade(totalText, profile) : null, complete, dimensions, issues };
}

// ---------------------------------------------------------------------------------------------
// R14: finance key evaluations — candidates ranked from data, the profile's number selected
// ---------------------------------------------------------------------------------------------

/** A project, policy or department overall expenditure the bureau may evaluate. */
export interface FinanceKeyCandidate {
  /** Stable key (the project id). */
  key: string;
  code: string;
  name?: string;
  /** Budget in yuan (decimal string), the first tie-break. */
  budgetAmount: string;
  /** Last year's execution rate, percent (e.g. '62.50'); null when unknown. */
  lastYearExecutionRate: string | null;
  managementChainLevels: number | null;
  isLivelihood: boolean;
  publicAttention: PublicAttention;
}

export const FINANCE_KEY_CRITERIA = ['last_year_execution', 'management_chain', 'livelihood', 'public_attention'] as const;
export type FinanceKeyCriterion = (typeof FINANCE_KEY_CRITERIA)[number];

export interface CriterionScore {
  criterion: FinanceKeyCriterion;
  /** The criterion's weight in the profile. */
  weight: ScoreText;
  /** Share of the weight earned, percent with two places. */
  degree: PercentText;
  /** Its contribution to the candidate's score. */
  points: ScoreText;
  message: string;
  messageEn: string;
}

export interface RankedCandidate {
  candidate: FinanceKeyCandidate;
  /** 1 for the first; no two candidates share a rank. */
  rank: number;
  score: ScoreText;
  criteria: CriterionScore[];
}

/** 1 at or above `fullAt`, 0 at or below `zeroAt`, linear between (more is more). */
function risingScale(value: Ratio, zeroAt: number, fullAt: number): Ratio {
  if (compare(value, exact(fullAt)) >= 0) return ONE;
  if (compare(value, exact(zeroAt)) <= 0) return ZERO;
  return div(sub(value, exact(zeroAt)), sub(exact(fullAt), exact(zeroAt)));
}

/** 1 at or below `fullAt`, 0 at or above `zeroAt`, linear between (less is more). */
function fallingScale(value: Ratio, fullAt: number, zeroAt: number): Ratio {
  if (compare(value, exact(fullAt)) <= 0) return ONE;
  if (compare(value, exact(zeroAt)) >= 0) return ZERO;
  return div(sub(exact(zeroAt), value), sub(exact(zeroAt), exact(fullAt)));
}

function criterionScores(
  candidate: FinanceKeyCandidate,
  profile: Pick<PolicyProfileValues, 'evaluation'>,
): (CriterionScore & { exactPoints: Ratio })[] {
  const c = profile.evaluation.financeKeyCriteria;
  const line = (criterion: FinanceKeyCriterion, weight: number, degree: Ratio, zh: string, en: string) => {
    const got = mul(exact(weight), degree);
    return {
      exactPoints: got,
      criterion,
      weight: points(exact(weight)),
      degree: pct(degree),
      points: points(got),
      message: `R14：${zh}，得 ${pct(degree)}% × ${shown(weight)} = ${points(got)} 分`,
      messageEn: `R14: ${en}, ${pct(degree)}% × ${shown(weight)} = ${points(got)} points`,
    };
  };
  const e = c.lastYearExecution;
  const rate = candidate.lastYearExecutionRate === null ? null : parseDecimal(candidate.lastYearExecutionRate, 2);
  const execution =
    rate === null
      ? line('last_year_execution', e.weight, ZERO, '无上年执行率', 'no execution rate for last year')
      : line(
          'last_year_execution',
          e.weight,
          fallingScale(rate, e.fullAtOrBelowPct, e.zeroAtOrAbovePct),
          `上年预算执行率 ${candidate.lastYearExecutionRate}%（≤${e.fullAtOrBelowPct}% 满分，≥${e.zeroAtOrAbovePct}% 不得分）`,
          `last year's execution rate ${candidate.lastYearExecutionRate}% (full at or below ${e.fullAtOrBelowPct}%, none at or above ${e.zeroAtOrAbovePct}%)`,
        );
  const m = c.managementChain;
  const levels = candidate.managementChainLevels;
  const chain =
    levels === null || !Number.isInteger(levels) || levels < 0
      ? line('management_chain', m.weight, ZERO, '管理链条层级未知', 'management chain levels unknown')
      : line(
          'management_chain',
          m.weight,
          risingScale(ratio(levels), m.zeroAtOrBelowLevels, m.fullAtOrAboveLevels),
          `管理链条 ${levels} 级（≤${m.zeroAtOrBelowLevels} 级不得分，≥${m.fullAtOrAboveLevels} 级满分）`,
          `management chain of ${levels} levels (none at or below ${m.zeroAtOrBelowLevels}, full at or above ${m.fullAtOrAboveLevels})`,
        );
  const livelihood = line(
    'livelihood',
    c.livelihood.weight,
    candidate.isLivelihood ? ONE : ZERO,
    candidate.isLivelihood ? '属民生重点' : '不属民生重点',
    candidate.isLivelihood ? 'a livelihood priority' : 'not a livelihood priority',
  );
  const level = PUBLIC_ATTENTION_LABELS[candidate.publicAttention] ? candidate.publicAttention : 'low';
  const attention = line(
    'public_attention',
    c.publicAttention.weight,
    div(exact(c.publicAttention.pct[level]), ratio(100)),
    `百姓关注度${PUBLIC_ATTENTION_LABELS[level].zh}`,
    `public attention ${PUBLIC_ATTENTION_LABELS[level].en.toLowerCase()}`,
  );
  return [execution, chain, livelihood, attention];
}

/**
 * R14: the candidates scored on the profile's criteria (each contribution visible) and ranked:
 * score (as shown, two places) descending, then budget amount descending, then code, then key.
 */
export function rankFinanceKeyCandidates(
  candidates: readonly FinanceKeyCandidate[],
  profile: Pick<PolicyProfileValues, 'evaluation'>,
): RankedCandidate[] {
  const scored = candidates.map((candidate) => {
    const lines = criterionScores(candidate, profile);
    // The total of the exact contributions, rounded once.
    const score = points(sum(lines.map((line) => line.exactPoints)));
    const criteria: CriterionScore[] = lines.map(({ exactPoints: _exact, ...line }) => line);
    return { candidate, criteria, score };
  });
  scored.sort((a, b) => {
    const byScore = compare(parseDecimal(b.score, 2)!, parseDecimal(a.score, 2)!);
    if (byScore) return byScore;
    const byBudget = compareMoney(b.candidate.budgetAmount, a.candidate.budgetAmount);
    if (byBudget) return byBudget;
    if (a.candidate.code !== b.candidate.code) return a.candidate.code < b.candidate.code ? -1 : 1;
    return a.candidate.key < b.candidate.key ? -1 : a.candidate.key > b.candidate.key ? 1 : 0;
  });
  return scored.map((s, index) => ({ ...s, rank: index + 1 }));
}

/** The columns of a candidate row `financeKeyScoreFromCriteriaSql` reads (SQL expressions). */
export interface FinanceKeyCandidateColumns {
  /** Last year's execution rate, numeric percent, NULL when unknown. */
  executionRate: string;
  /** Management chain levels, integer, NULL when unknown. */
  managementChainLevels: string;
  isLivelihood: string;
  publicAttention: string;
}

/**
 * R14 `rankFinanceKeyCandidates`' score as SQL, with the criteria read from a jsonb SQL expression
 * `criteria` (a profile's `evaluation.financeKeyCriteria`): the same criteria, weights and scales,
 * each number rounded to ten places as `rankFinanceKeyCandidates` reads it, summed exactly (numeric)
 * and rounded once to two places (half up, as `roundText`). For the database's triggers, which keep
 * each project's score stored (migration FinanceKeyScoreStored); NULL criteria (no profile) give a
 * NULL score. The ranking orders by it, then budget descending, code (`COLLATE "C"`, as JavaScript
 * compares) and id: `financeKeyRankOrderSql`.
 */
export function financeKeyScoreFromCriteriaSql(c: FinanceKeyCandidateColumns, criteria: string): string {
  return scoreSql(c, (path) => `round((${criteria}#>>'{${path.join(',')}}')::numeric, 10)`);
}

/** The score over the criteria's numbers, each as SQL (`n` of its path in `FinanceKeyCriteria`). */
function scoreSql(c: FinanceKeyCandidateColumns, n: (path: readonly string[]) => string): string {
  const [fullAt, zeroAt] = [n(['lastYearExecution', 'fullAtOrBelowPct']), n(['lastYearExecution', 'zeroAtOrAbovePct'])];
  const execution = `CASE WHEN ${c.executionRate} IS NULL THEN 0::numeric WHEN ${c.executionRate} <= ${fullAt} THEN 1::numeric
    WHEN ${c.executionRate} >= ${zeroAt} THEN 0::numeric ELSE (${zeroAt} - ${c.executionRate}) / (${zeroAt} - ${fullAt}) END`;
  const [zeroLevels, fullLevels] = [n(['managementChain', 'zeroAtOrBelowLevels']), n(['managementChain', 'fullAtOrAboveLevels'])];
  const chain = `CASE WHEN ${c.managementChainLevels} IS NULL OR ${c.managementChainLevels} < 0 THEN 0::numeric
    WHEN ${c.managementChainLevels} >= ${fullLevels} THEN 1::numeric WHEN ${c.managementChainLevels} <= ${zeroLevels} THEN 0::numeric
    ELSE (${c.managementChainLevels} - ${zeroLevels}) / (${fullLevels} - ${zeroLevels}) END`;
  const livelihood = `CASE WHEN ${c.isLivelihood} THEN 1::numeric ELSE 0::numeric END`;
  const levels = Object.keys(PUBLIC_ATTENTION_LABELS).filter((level) => /^[a-z_]+$/.test(level)) as PublicAttention[];
  const attention = `CASE ${c.publicAttention} ${levels
    .filter((level) => level !== 'low')
    .map((level) => `WHEN '${level}' THEN ${n(['publicAttention', 'pct', level])}`)
    .join(' ')} ELSE ${n(['publicAttention', 'pct', 'low'])} END / 100`;
  const weight = (criterion: string) => n([criterion, 'weight']);
  return `round(${weight('lastYearExecution')} * (${execution}) + ${weight('managementChain')} * (${chain}) + ${weight('livelihood')} * (${livelihood}) + ${weight('publicAttention')} * (${attention}), 2)`;
}

/** R14: the ranking's order over a candidate row (`score` the column or expression of `financeKeyScoreFromCriteriaSql`). */
export function financeKeyRankOrderSql(c: { score: string; budgetAmount: string; code: string; id: string }): string {
  return `${c.score} DESC, ${c.budgetAmount} DESC, ${c.code} COLLATE "C" ASC, ${c.id} ASC`;
}

/** The bureau's departure from the ranking: add a candidate or remove one, always with a reason. */
export interface SelectionOverride {
  key: string;
  action: 'add' | 'remove';
  reason?: string | null;
}

export interface SelectedEvaluation {
  key: string;
  code: string;
  rank: number;
  score: ScoreText;
  /** `ranking`: among the first N; `override`: added by the bureau. */
  via: 'ranking' | 'override';
  reason: string | null;
}

export interface FinanceKeySelection {
  /** In ranking order. */
  selected: SelectedEvaluation[];
  /** Candidates of the first N the bureau took out, with its reasons. */
  removed: { key: string; code: string; rank: number; reason: string | null }[];
  /** The profile's number (`financeKeyEvaluationCount`). */
  required: number;
  /** Coded problems: at `overrides.<n>.…` (REASON_REQUIRED, UNKNOWN_CANDIDATE, ALREADY_SELECTED, NOT_SELECTED, DUPLICATE_OVERRIDE, INVALID_ACTION) and `selected` (COUNT_MISMATCH). */
  issues: FieldError[];
}

/**
 * R14: the finance key evaluations: the first `financeKeyEvaluationCount` of the ranking, with the
 * bureau's overrides applied (each needs a reason; an added candidate must be outside, a removed one
 * inside the first N). The selection must hold exactly the profile's number.
 */
export function selectFinanceKeyEvaluations(
  ranked: readonly RankedCandidate[],
  profile: Pick<PolicyProfileValues, 'evaluation'>,
  overrides: readonly SelectionOverride[] = [],
): FinanceKeySelection {
  const required = profile.evaluation.financeKeyEvaluationCount;
  const issues: FieldError[] = [];
  const byKey = new Map(ranked.map((r) => [r.candidate.key, r]));
  const chosen = new Map<string, { via: 'ranking' | 'override'; reason: string | null }>();
  for (const r of ranked.slice(0, required)) chosen.set(r.candidate.key, { via: 'ranking', reason: null });
  const removed: FinanceKeySelection['removed'] = [];
  const seen = new Set<string>();
  overrides.forEach((override, index) => {
    const field = `overrides.${index}`;
    const entry = byKey.get(override.key);
    if (override.action !== 'add' && override.action !== 'remove') {
      issues.push(fieldIssue(`${field}.action`, 'INVALID_ACTION', '调整方式须为 add 或 remove', 'the action must be add or remove'));
      return;
    }
    if (blank(override.reason)) {
      issues.push(fieldIssue(`${field}.reason`, 'REASON_REQUIRED', '调整排序结果须说明理由', 'an override of the ranking needs a reason'));
    }
    if (!entry) {
      issues.push(fieldIssue(`${field}.key`, 'UNKNOWN_CANDIDATE', '该对象不在候选名单中', 'not one of the candidates'));
      return;
    }
    if (seen.has(override.key)) {
      issues.push(
        fieldIssue(`${field}.key`, 'DUPLICATE_OVERRIDE', `${entry.candidate.code} 已调整过`, `${entry.candidate.code} is overridden twice`),
      );
      return;
    }
    seen.add(override.key);
    const reason = blank(override.reason) ? null : override.reason!.trim();
    if (override.action === 'add') {
      if (chosen.has(override.key)) {
        issues.push(
          fieldIssue(
            `${field}.key`,
            'ALREADY_SELECTED',
            `${entry.candidate.code} 已在前 ${required} 名中`,
            `${entry.candidate.code} is already among the first ${required}`,
          ),
        );
        return;
      }
      chosen.set(override.key, { via: 'override', reason });
    } else {
      if (!chosen.has(override.key)) {
        issues.push(
          fieldIssue(
            `${field}.key`,
            'NOT_SELECTED',
            `${entry.candidate.code} 不在前 ${required} 名中，无需移出`,
            `${entry.candidate.code} is not among the first ${required}`,
          ),
        );
        return;
      }
      chosen.delete(override.key);
      removed.push({ key: override.key, code: entry.candidate.code, rank: entry.rank, reason });
    }
  });
  const selected = ranked
    .filter((r) => chosen.has(r.candidate.key))
    .map((r) => ({ key: r.candidate.key, code: r.candidate.code, rank: r.rank, score: r.score, ...chosen.get(r.candidate.key)! }));
  if (selected.length !== required) {
    issues.push(
      fieldIssue(
        'selected',
        'COUNT_MISMATCH',
        `须选定 ${required} 个财政重点评价，现为 ${selected.length} 个`,
        `${required} finance key evaluations must be selected, ${selected.length} are`,
      ),
    );
  }
  removed.sort((a, b) => a.rank - b.rank);
  return { selected, removed, required, issues };
}

// ---------------------------------------------------------------------------------------------
// R13 / N8: third-party agencies
// ---------------------------------------------------------------------------------------------

export interface AgencyViolation {
  /** When it was recorded, 'YYYY-MM-DD'. */
  date: string;
  description?: string | null;
}

export interface AgencyTie {
  kind: AgencyTieKind;
  /** The organization the agency is tied to (ownership, staff, or earlier work for it). */
  organizationId?: string | null;
  /** The project (by code, across years) the agency designed or carried out. */
  projectCode?: string | null;
  note?: string | null;
}

export interface AgencyRecord {
  name?: string;
  state: AgencyState;
  violations: readonly AgencyViolation[];
  ties: readonly AgencyTie[];
}

export interface CommissionContext {
  /** The commissioning party (the bureau, or the department), and where useful its parents. */
  commissioningOrganizationId: string | readonly string[];
  /** The evaluated organization, and where useful its parents. */
  evaluatedOrganizationId: string | readonly string[];
  /** The evaluated project's code (ties of earlier work are by code, across years). */
  evaluatedProjectCode?: string | null;
  /** The commissioning date, 'YYYY-MM-DD'. */
  date: string;
}

const ids = (value: string | readonly string[]) => (typeof value === 'string' ? [value] : [...value]);

/**
 * N8 / R13: why an agency may not be commissioned: it is not active; it has a violation on or after
 * the same day `violationLookBackYears` years before the commissioning date; or a declared tie
 * (ownership, staff, earlier design or implementation) links it to the commissioning party, the
 * evaluated organization or the evaluated project. Empty when it may be commissioned.
 */
export function agencyIndependenceIssues(
  agency: AgencyRecord,
  context: CommissionContext,
  profile: Pick<PolicyProfileValues, 'evaluation'>,
): FieldError[] {
  if (!isValidDate(context.date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(context.date)}`);
  const issues: FieldError[] = [];
  if (agency.state !== 'active') {
    const state = AGENCY_STATE_LABELS[agency.state] ?? { zh: String(agency.state), en: String(agency.state) };
    issues.push(
      fieldIssue(
        'agencyId',
        'AGENCY_NOT_ACTIVE',
        `该机构状态为“${state.zh}”，不能委托`,
        `the agency is ${state.en.toLowerCase()} and cannot be commissioned`,
      ),
    );
  }
  const years = profile.evaluation.agencies.violationLookBackYears;
  const [y, md] = [Number(context.date.slice(0, 4)), context.date.slice(5)];
  const since = dateInYear(y - years, md);
  const recent = agency.violations.filter((v) => isValidDate(v.date) && v.date >= since && v.date <= context.date);
  if (recent.length) {
    const dates = recent.map((v) => v.date).join('、');
    issues.push(
      fieldIssue(
        'agencyId',
        'AGENCY_RECENT_VIOLATION',
        `该机构近 ${years} 年内（${since} 起）有违规记录（${dates}），不能委托`,
        `the agency has violations within ${years} years (since ${since}: ${recent.map((v) => v.date).join(', ')}) and cannot be commissioned`,
      ),
    );
  }
  const commissioning = ids(context.commissioningOrganizationId);
  const evaluated = ids(context.evaluatedOrganizationId);
  for (const tie of agency.ties) {
    const kind = AGENCY_TIE_KIND_LABELS[tie.kind] ?? { zh: String(tie.kind), en: String(tie.kind) };
    const withParty = !!tie.organizationId && commissioning.includes(tie.organizationId);
    const withEvaluated = !!tie.organizationId && evaluated.includes(tie.organizationId);
    const withProject = !!tie.projectCode && !!context.evaluatedProjectCode && tie.projectCode === context.evaluatedProjectCode;
    if (!withParty && !withEvaluated && !withProject) continue;
    const whom = withParty
      ? { zh: '委托方', en: 'the commissioning party' }
      : withEvaluated
        ? { zh: '被评价单位', en: 'the evaluated organization' }
        : { zh: `被评价项目（${tie.projectCode}）`, en: `the evaluated project (${tie.projectCode})` };
    issues.push(
      fieldIssue(
        'agencyId',
        'AGENCY_NOT_INDEPENDENT',
        `N8：该机构与${whom.zh}存在关联（${kind.zh}），不具备独立性`,
        `N8: the agency is tied to ${whom.en} (${kind.en.toLowerCase()}) and is not independent`,
      ),
    );
  }
  return issues;
}

/** What a commission of an evaluation to an agency records. */
export interface CommissionInput {
  kind: EvaluationKind;
  /** Why a third party is needed (R13: only where truly needed). */
  justification?: string | null;
  /** Codes of the profile's `commissioningChecklist` items confirmed. */
  checklist: readonly string[];
  /** The agency's signed independence declaration is on file (N8). */
  independenceDeclarationSigned: boolean;
  /** The reference number of 上海市预算绩效综合服务平台 (R13). */
  platformReference?: string | null;
}

/**
 * R13 / N8: what a commission lacks: a justification; each item of the profile's commissioning
 * checklist; the agency's signed independence declaration; and, for the kinds in
 * `platformReferenceKinds` (department and finance key evaluations), the city platform's reference number.
 */
export function commissioningIssues(commission: CommissionInput, profile: Pick<PolicyProfileValues, 'evaluation'>): FieldError[] {
  const rules = profile.evaluation.agencies;
  const issues: FieldError[] = [];
  if (blank(commission.justification)) {
    issues.push(
      fieldIssue('justification', 'JUSTIFICATION_REQUIRED', '委托第三方须说明必要性', 'commissioning a third party needs a justification'),
    );
  }
  const confirmed = new Set(commission.checklist ?? []);
  rules.commissioningChecklist.forEach((item) => {
    if (!confirmed.has(item.code)) {
      issues.push(
        fieldIssue(
          `checklist.${item.code}`,
          'CHECKLIST_ITEM_MISSING',
          `未确认委托标准：${item.zh}`,
          `commissioning standard not confirmed: ${item.en}`,
        ),
      );
    }
  });
  for (const code of confirmed) {
    if (!rules.commissioningChecklist.some((item) => item.code === code)) {
      issues.push(
        fieldIssue(
          `checklist.${code}`,
          'UNKNOWN_CHECKLIST_ITEM',
          `本年度委托标准中没有 ${code}`,
          `the year's checklist has no item ${code}`,
        ),
      );
    }
  }
  if (commission.independenceDeclarationSigned !== true) {
    issues.push(
      fieldIssue(
        'independenceDeclarationSigned',
        'DECLARATION_REQUIRED',
        'N8：须有机构签署的独立性声明',
        'N8: the agency’s signed independence declaration is required',
      ),
    );
  }
  if (rules.platformReferenceKinds.includes(commission.kind) && blank(commission.platformReference)) {
    const kind = EVALUATION_KIND_LABELS[commission.kind];
    issues.push(
      fieldIssue(
        'platformReference',
        'PLATFORM_REFERENCE_REQUIRED',
        `R13：委托第三方的${kind.zh}须通过上海市预算绩效综合服务平台实施，请填写平台编号`,
        `R13: a commissioned ${kind.en.toLowerCase()} runs through the Shanghai budget performance service platform; enter its reference number`,
      ),
    );
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Deadlines and the years involved
// ---------------------------------------------------------------------------------------------

/** The year an evaluation of `evaluatedYear` is done in (in 2022 units self-evaluate 2021). */
export function evaluationWorkYear(evaluatedYear: number): number {
  if (!Number.isInteger(evaluatedYear)) throw new RangeError(`not a year: ${evaluatedYear}`);
  return evaluatedYear + 1;
}

/** The profile deadline (`deadlines` code) each kind is held to; finance key evaluations have none in the seed. */
export const EVALUATION_DEADLINE_CODES: Readonly<Record<EvaluationKind, string | null>> = {
  self: 'self_evaluation',
  department: 'department_evaluation',
  finance_key: null,
};

export interface EvaluationDue {
  code: string;
  /** Rule reference, e.g. 'R11'. */
  rule: string;
  /** The year the work is done in. */
  workYear: number;
  /** 'YYYY-MM-DD'. */
  due: string;
}

/**
 * R11 / R12: when an evaluation of `evaluatedYear` is due, from the profile of the year the work is
 * done in (`workYearProfile`, the profile of evaluatedYear + 1) and the organization's sector.
 * Null when the kind has no deadline or that profile lists none.
 */
export function evaluationDue(
  kind: EvaluationKind,
  evaluatedYear: number,
  workYearProfile: Pick<PolicyProfileValues, 'deadlines'>,
  sector?: string | null,
): EvaluationDue | null {
  const code = EVALUATION_DEADLINE_CODES[kind];
  if (!code) return null;
  const workYear = evaluationWorkYear(evaluatedYear);
  const entry = buildCalendar(workYearProfile as PolicyProfileValues, workYear, sector ?? undefined).find((d) => d.code === code);
  return entry ? { code, rule: entry.rule, workYear, due: entry.date } : null;
}

/** R11: the unit self-evaluation of `evaluatedYear` is due 31 March of the next year (by that year's profile). */
export function selfEvaluationDue(
  evaluatedYear: number,
  workYearProfile: Pick<PolicyProfileValues, 'deadlines'>,
  sector?: string | null,
): EvaluationDue | null {
  return evaluationDue('self', evaluatedYear, workYearProfile, sector);
}

/** R12: department evaluations of `evaluatedYear` are due 30 June of the next year (by that year's profile). */
export function departmentEvaluationDue(
  evaluatedYear: number,
  workYearProfile: Pick<PolicyProfileValues, 'deadlines'>,
  sector?: string | null,
): EvaluationDue | null {
  return evaluationDue('department', evaluatedYear, workYearProfile, sector);
}

/** R4: a finished department or finance key evaluation sets the project's last key-evaluation year; a self-evaluation does not. */
export function countsAsKeyEvaluation(kind: EvaluationKind): boolean {
  return kind === 'department' || kind === 'finance_key';
}
