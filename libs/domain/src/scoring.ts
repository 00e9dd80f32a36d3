/**
 * Scores against weighted items of the profile (N6 pre-assessment dimensions, N2 parts). The unit
 * self-evaluation scored from a target's indicators is `selfEvaluationScore` in evaluation.ts.
 */
import type { Label } from '@jixiao/contracts';
import { fieldIssue, type FieldError } from './field-issue';
import type { PolicyProfileValues, WeightedItem } from './policy-profile';

/** Codes of weighted items, deadlines and sectors: lower snake case. */
export const ITEM_CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Thrown when scores do not fit their items; `issues` carries one field error per problem. */
export class ScoreError extends RangeError {
  readonly code = 'INVALID_SCORES';

  constructor(readonly issues: FieldError[]) {
    super(`Invalid scores: ${issues.map((i) => `${i.field}: ${i.messageEn}`).join('; ')}`);
    this.name = 'ScoreError';
  }
}

/** Hundredths of a value with at most two decimals, or null when it has more. */
function toHundredths(value: number): number | null {
  const scaled = value * 100;
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 1e-6 ? rounded : null;
}

/**
 * Checks scores keyed by item code: every item scored, no unknown code, each score a number with
 * at most two decimals in 0..weight. Returns field errors with the code as field; empty when valid.
 */
export function checkScoreParts(parts: Readonly<Record<string, number>>, items: readonly WeightedItem[]): FieldError[] {
  const issues: FieldError[] = [];
  if (typeof parts !== 'object' || parts === null || Array.isArray(parts)) {
    return [
      fieldIssue('', 'NOT_AN_OBJECT', '得分必须是按指标编码的对象', 'scores must be an object keyed by item code'),
    ];
  }
  const known = new Set(items.map((item) => item.code));
  for (const code of Object.keys(parts)) {
    if (!known.has(code)) issues.push(fieldIssue(code, 'UNKNOWN_ITEM', `未知的评分项 ${code}`, `unknown item ${code}`));
  }
  for (const item of items) {
    const value: unknown = Object.prototype.hasOwnProperty.call(parts, item.code) ? parts[item.code] : undefined;
    if (value === undefined) {
      issues.push(fieldIssue(item.code, 'REQUIRED', `缺少${item.zh}得分`, `${item.en} score is missing`));
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.push(
        fieldIssue(item.code, 'NOT_A_NUMBER', `${item.zh}得分必须是数字`, `${item.en} score must be a number`),
      );
    } else if (value < 0 || value > item.weight) {
      issues.push(
        fieldIssue(
          item.code,
          'OUT_OF_RANGE',
          `${item.zh}得分须在 0 到 ${item.weight} 之间`,
          `${item.en} score must be between 0 and ${item.weight}`,
        ),
      );
    } else if (toHundredths(value) === null) {
      issues.push(
        fieldIssue(
          item.code,
          'TOO_MANY_DECIMALS',
          `${item.zh}得分最多两位小数`,
          `${item.en} score has more than two decimals`,
        ),
      );
    }
  }
  return issues;
}

/** Sum of checked scores, exact to two decimals. Throws ScoreError when `checkScoreParts` finds issues. */
export function sumScoreParts(parts: Readonly<Record<string, number>>, items: readonly WeightedItem[]): number {
  const issues = checkScoreParts(parts, items);
  if (issues.length) throw new ScoreError(issues);
  const hundredths = items.reduce((total, item) => total + (toHundredths(parts[item.code]) as number), 0);
  return hundredths / 100;
}

/** N6: pre-assessment total from the five dimension scores. */
export function preAssessmentTotal(scores: Readonly<Record<string, number>>, profile: PolicyProfileValues): number {
  return sumScoreParts(scores, profile.preAssessment.dimensions);
}

/**
 * Checks a list of weighted items: codes lower snake case and unique, weights positive numbers with
 * at most two decimals, summing to `total`. Fields are relative (`[1].weight`; '' for the sum).
 */
export function validateWeights(items: readonly WeightedItem[], total: number): FieldError[] {
  const issues: FieldError[] = [];
  const seen = new Set<string>();
  let sum = 0;
  let sumKnown = true;
  items.forEach((item, index) => {
    const code: unknown = item?.code;
    if (typeof code !== 'string' || !ITEM_CODE_PATTERN.test(code)) {
      issues.push(
        fieldIssue(
          `[${index}].code`,
          'INVALID_CODE',
          '编码须为小写字母、数字和下划线',
          'code must be lower snake case',
        ),
      );
    } else if (seen.has(code)) {
      issues.push(fieldIssue(`[${index}].code`, 'DUPLICATE_CODE', `编码 ${code} 重复`, `code ${code} is used twice`));
    } else {
      seen.add(code);
    }
    const weight: unknown = item?.weight;
    const hundredths = typeof weight === 'number' && Number.isFinite(weight) ? toHundredths(weight) : null;
    if (hundredths === null || hundredths <= 0) {
      issues.push(
        fieldIssue(
          `[${index}].weight`,
          'INVALID_WEIGHT',
          '权重须为正数，最多两位小数',
          'weight must be a positive number with at most two decimals',
        ),
      );
      sumKnown = false;
    } else {
      sum += hundredths;
    }
  });
  const totalHundredths = toHundredths(total);
  if (sumKnown && (totalHundredths === null || sum !== totalHundredths)) {
    issues.push(
      fieldIssue(
        '',
        'WEIGHTS_SUM_MISMATCH',
        `权重合计 ${sum / 100}，应为 ${total}`,
        `weights sum to ${sum / 100}, expected ${total}`,
      ),
    );
  }
  return issues;
}

export const PRE_ASSESSMENT_CONCLUSIONS = ['support', 'support_after_adjustment', 'reject'] as const;
export type PreAssessmentConclusion = (typeof PRE_ASSESSMENT_CONCLUSIONS)[number];

/** N6. */
export const PRE_ASSESSMENT_CONCLUSION_LABELS: Record<PreAssessmentConclusion, Label> = {
  support: { zh: '支持', en: 'Support' },
  support_after_adjustment: { zh: '调整后支持', en: 'Support after adjustment' },
  reject: { zh: '不予支持', en: 'Reject' },
};

/** R5/N6: no pre-assessment (null) or 不予支持 → no budget arranged. */
export function preAssessmentAllowsBudget(conclusion: PreAssessmentConclusion | null): boolean {
  return conclusion === 'support' || conclusion === 'support_after_adjustment';
}
