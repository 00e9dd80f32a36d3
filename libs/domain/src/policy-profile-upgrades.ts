/**
 * Stored policy profiles are upgraded by versioned steps when the API starts: every release that
 * adds a number to the profile adds one step here, which gives the new keys their defaults. A
 * database saved by an earlier version therefore starts and validates; each applied step is
 * recorded in the audit log by the API. Steps are pure and never remove what a bureau has set.
 */
import type { Label } from '@jixiao/contracts';
import {
  cloneDefault,
  DEFAULT_AGENCY_RULES,
  DEFAULT_EVALUATION_TEMPLATES,
  DEFAULT_FINANCE_KEY_CRITERIA,
  DEFAULT_QUALITATIVE_BANDS,
  DEFAULT_SELF_EVALUATION_RULES,
  type EvaluationTemplate,
  type FinanceKeyCriteria,
  type PolicyProfileValues,
  type SelfEvaluationRules,
} from './policy-profile';
import { defaultWorkingCalendar } from './working-calendar';

type Json = Record<string, unknown>;

export interface ProfileUpgrade extends Label {
  /** The schema version a profile has after this step. Version 1 is the first stored shape. */
  version: number;
  /** The issue or rule that asked for the new numbers, e.g. `R5`. */
  rule: string;
  /** `year` is the profile's budget year (a step may default a year-specific value, e.g. its calendar). */
  apply(values: Json, context: { year: number }): Json;
}

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A section of the profile as an object (a missing or malformed one becomes empty, for validation to report). */
const section = (values: Json, key: string): Json => (isRecord(values[key]) ? { ...(values[key] as Json) } : {});

/** Sets `key` only where the stored profile lacks it. */
const withDefault = (target: Json, key: string, value: unknown): Json =>
  key in target ? target : { ...target, [key]: value };

export const PROFILE_UPGRADES: readonly ProfileUpgrade[] = [
  {
    version: 2,
    rule: 'R5',
    zh: '事前绩效评估：基建投资项目一律评估的口径；评估结论与得分对应的分数线（80 支持、60 调整后支持）',
    en: 'Pre-assessment: capital-construction projects always need one; score bands for the conclusion (80 support, 60 support after adjustment)',
    apply(values) {
      let pre = section(values, 'preAssessment');
      pre = withDefault(pre, 'requirement', 'new_major_or_any_capital');
      pre = withDefault(pre, 'conclusionBands', { support: 80, adjustThenSupport: 60 });
      return { ...values, preAssessment: pre };
    },
  },
  {
    version: 3,
    rule: 'N7',
    zh: '双监控：年度工作日历（法定节假日、调休上班日，用于“10个工作日”）；定性指标完成程度分档',
    en: 'Dual monitoring: the year\'s working calendar (public holidays, make-up working days, for the "10 working days"); bands for qualitative indicators',
    apply(values, { year }) {
      let monitoring = section(values, 'monitoring');
      monitoring = withDefault(monitoring, 'qualitativeBands', DEFAULT_QUALITATIVE_BANDS.map((band) => ({ ...band })));
      return withDefault({ ...values, monitoring }, 'workingCalendar', defaultWorkingCalendar(year));
    },
  },
  {
    version: 4,
    rule: 'R11–R14',
    zh: '绩效评价：自评计分规则（“=”指标容差 5%，满意度权重转入效益）；部门及财政重点评价指标体系（项目、政策、部门整体支出）；财政重点评价遴选标准及权重；第三方机构违规回溯年限与委托核对清单',
    en: 'Evaluations: self-evaluation scoring (5 % tolerance for "=" indicators, satisfaction weight moved to effect); indicator systems of department and finance key evaluations (projects, policies, department overall expenditure); finance key evaluation criteria and weights; agency violation look-back and commissioning checklist',
    apply(values) {
      let evaluation = section(values, 'evaluation');
      // A bureau that changed the total score gets the defaults scaled to it, so the profile still validates.
      const total = typeof evaluation.totalScore === 'number' && evaluation.totalScore > 0 ? evaluation.totalScore : 100;
      const codes = Array.isArray(evaluation.selfEvaluationWeights)
        ? evaluation.selfEvaluationWeights.map((w) => (isRecord(w) && typeof w.code === 'string' ? w.code : ''))
        : [];
      evaluation = withDefault(evaluation, 'selfEvaluation', selfEvaluationRulesFor(codes));
      evaluation = withDefault(evaluation, 'templates', scaledTemplates(total));
      evaluation = withDefault(evaluation, 'financeKeyCriteria', scaledCriteria(total));
      evaluation = withDefault(evaluation, 'agencies', cloneDefault(DEFAULT_AGENCY_RULES));
      return { ...values, evaluation };
    },
  },
];

/**
 * Step 4's self-evaluation rules for the stored weights: the default codes where the profile has
 * them, else the item in the same place of N2's order (execution, output, effect, satisfaction).
 */
function selfEvaluationRulesFor(codes: string[]): SelfEvaluationRules {
  const rules = cloneDefault(DEFAULT_SELF_EVALUATION_RULES);
  const order = ['budget_execution', 'output', 'effect', 'satisfaction'];
  const pick = (code: string) => (codes.includes(code) || !codes[order.indexOf(code)] ? code : codes[order.indexOf(code)]);
  rules.executionItem = pick(rules.executionItem);
  for (const level1 of Object.keys(rules.indicatorParts) as (keyof SelfEvaluationRules['indicatorParts'])[]) {
    rules.indicatorParts[level1] = pick(rules.indicatorParts[level1]);
  }
  rules.weightFallbacks = Object.fromEntries(Object.entries(rules.weightFallbacks).map(([from, to]) => [pick(from), pick(to)]));
  return rules;
}

/** Hundredths split in proportion to `parts`, the rounding left on the largest part, summing to `total` exactly. */
function splitHundredths(total: number, parts: number[]): number[] {
  const sum = parts.reduce((a, b) => a + b, 0);
  const shares = parts.map((p) => Math.floor((total * p) / sum));
  const largest = parts.indexOf(Math.max(...parts));
  shares[largest] += total - shares.reduce((a, b) => a + b, 0);
  return shares;
}

function scaledTemplates(total: number): Record<string, EvaluationTemplate> {
  const templates = cloneDefault(DEFAULT_EVALUATION_TEMPLATES) as Record<string, EvaluationTemplate>;
  if (total === 100) return templates;
  for (const template of Object.values(templates)) {
    const weights = splitHundredths(Math.round(total * 100), template.dimensions.map((d) => Math.round(d.weight * 100)));
    template.dimensions.forEach((dimension, d) => {
      dimension.weight = weights[d] / 100;
      const points = splitHundredths(weights[d], dimension.items.map((i) => Math.round(i.points * 100)));
      dimension.items.forEach((item, i) => (item.points = points[i] / 100));
    });
  }
  return templates;
}

function scaledCriteria(total: number): FinanceKeyCriteria {
  const criteria = cloneDefault(DEFAULT_FINANCE_KEY_CRITERIA);
  if (total === 100) return criteria;
  const list = [criteria.lastYearExecution, criteria.managementChain, criteria.livelihood, criteria.publicAttention];
  const weights = splitHundredths(Math.round(total * 100), list.map((c) => Math.round(c.weight * 100)));
  list.forEach((c, i) => (c.weight = weights[i] / 100));
  return criteria;
}

/** The schema version of a profile written by this release. */
export const PROFILE_SCHEMA_VERSION = PROFILE_UPGRADES.reduce((max, step) => Math.max(max, step.version), 1);

export interface UpgradeResult {
  values: PolicyProfileValues;
  /** The steps applied, oldest first (empty when the profile was current). */
  applied: ProfileUpgrade[];
}

/**
 * Brings values stored at `fromVersion` to `PROFILE_SCHEMA_VERSION`. A profile from a newer
 * release than this one cannot be read safely: that throws, and the API refuses to start.
 */
export function upgradeProfile(values: unknown, fromVersion: number, year: number): UpgradeResult {
  if (!Number.isInteger(fromVersion) || fromVersion < 1) throw new Error(`invalid profile schema version ${fromVersion}`);
  if (fromVersion > PROFILE_SCHEMA_VERSION) {
    throw new Error(
      `the policy profile was saved by a newer release (schema ${fromVersion}, this release reads up to ${PROFILE_SCHEMA_VERSION})`,
    );
  }
  let current: Json = isRecord(values) ? values : {};
  const applied: ProfileUpgrade[] = [];
  for (const step of [...PROFILE_UPGRADES].sort((a, b) => a.version - b.version)) {
    if (step.version <= fromVersion) continue;
    current = step.apply(current, { year });
    applied.push(step);
  }
  return { values: current as unknown as PolicyProfileValues, applied };
}
