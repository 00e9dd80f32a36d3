/**
 * The per-year policy profile: every number of DOMAIN.md's rule tables (R1–R27, N1–N8) lives
 * here, never in code. The finance bureau copies a year and edits it; the 2022 values are the
 * default. Money is a decimal string in yuan; percentages and counts are integers.
 */
import type { Label } from '@jixiao/contracts';
import { isValidMonthDay } from './calendar';
import { fieldIssue, joinPath, prefixIssues, type FieldError } from './field-issue';
import { compareMoney, isMoney } from './money';
import { ITEM_CODE_PATTERN, validateWeights } from './scoring';
import { defaultWorkingCalendar, workingCalendarIssues, type ProfileWorkingCalendar } from './working-calendar';

export interface DeadlineRule extends Label {
  /** Stable code, e.g. `first_tracking`. */
  code: string;
  /** Rule reference in DOMAIN.md, e.g. `R9`. */
  rule: string;
  /** Month-day in the profile's year, `MM-DD`. */
  date: string;
  /** Later (or earlier) dates for a sector, e.g. `{ education: '09-30' }`. */
  sectorDates?: Record<string, string>;
}

export interface WeightedItem extends Label {
  code: string;
  weight: number;
}

export interface ExecutionCheckpoint {
  /** Month (1–12) by whose end cumulative execution is checked. */
  month: number;
  /** Minimum cumulative budget execution, in percent. */
  minExecutionPct: number;
}

/** How far a qualitative indicator is achieved: a band the unit picks, worth a percentage. */
export interface QualitativeBand extends Label {
  code: string;
  /** Degree of achievement this band stands for, percent (0–100). */
  pct: number;
}

export interface GradeThresholds {
  /** 优: score ≥ excellent. */
  excellent: number;
  /** 良: good ≤ score < excellent. */
  good: number;
  /** 中: pass ≤ score < good; 差 below. */
  pass: number;
}

/** R5 readings, see `preAssessment.requirement`. */
export const PRE_ASSESSMENT_REQUIREMENTS = ['new_major_or_any_capital', 'new_major_or_new_capital'] as const;
export type PreAssessmentRequirement = (typeof PRE_ASSESSMENT_REQUIREMENTS)[number];

export interface PolicyProfileValues {
  keyProjects: {
    /** R1: budget at or above this amount (yuan) puts a project on the key list. */
    amountThreshold: string;
    /** R4: department key evaluations cover every key project once in this many years. */
    evaluationCycleYears: number;
  };
  evaluation: {
    /** N1: total score. */
    totalScore: number;
    /** N1: grade thresholds. */
    grades: GradeThresholds;
    /** N2: unit self-evaluation weights (sum to totalScore). */
    selfEvaluationWeights: WeightedItem[];
    /** R14: number of finance-bureau key evaluations per year. */
    financeKeyEvaluationCount: number;
  };
  targetReview: {
    /** N5: review grade thresholds for 优/良/中/差. */
    grades: GradeThresholds;
    /** R8: wording flagged as vague in indicators and goals. */
    vagueWords: string[];
  };
  preAssessment: {
    /** N6: the dimensions and their maximum scores. */
    dimensions: WeightedItem[];
    /**
     * R5: which projects need a pre-assessment. `new_major_or_any_capital` is the seed's reading
     * (二.(二).1: new major policies and projects, and capital-construction investment projects);
     * `new_major_or_new_capital` asks for one only for new projects that are major or capital construction.
     */
    requirement: PreAssessmentRequirement;
    /** The conclusion the total score supports: ≥ support → 支持, ≥ adjustThenSupport → 调整后支持, else 不予支持. */
    conclusionBands: { support: number; adjustThenSupport: number };
  };
  monitoring: {
    /** N7: cumulative execution checkpoints. */
    executionCheckpoints: ExecutionCheckpoint[];
    /** N7: warning when target achievement and execution differ by more than this (percentage points). */
    deviationPoints: number;
    /** N7: working days the unit has to choose continue / adjust / cancel. */
    responseWorkingDays: number;
    /** N7: the bands a qualitative indicator's progress is judged in, best first (达成 100 … 未达成 0). */
    qualitativeBands: QualitativeBand[];
  };
  disclosure: {
    /** R17: fiscal-policy targets picked for publication. */
    fiscalPolicyTargets: number;
    /** R17: district-to-town special-transfer-payment targets picked for publication. */
    townTransferTargets: number;
    /** R17: key evaluation results published with the final accounts. */
    keyEvaluationResults: number;
  };
  supervision: {
    /** R18: departments picked for key supervision checks. */
    keyCheckDepartments: number;
    /** R19: look-back covers findings of this many previous years. */
    lookBackYears: number;
  };
  /** The year's calendar of deadlines (R9–R12, R18). */
  deadlines: DeadlineRule[];
  /** N7: the year's working days (public holidays on weekdays, make-up working weekends). */
  workingCalendar: ProfileWorkingCalendar;
}

/** The default qualitative bands (a common local practice; the bureau may change them). */
export const DEFAULT_QUALITATIVE_BANDS: QualitativeBand[] = [
  { code: 'achieved', zh: '达成', en: 'Achieved', pct: 100 },
  { code: 'mostly_achieved', zh: '基本达成', en: 'Mostly achieved', pct: 80 },
  { code: 'partly_achieved', zh: '部分达成', en: 'Partly achieved', pct: 50 },
  { code: 'not_achieved', zh: '未达成', en: 'Not achieved', pct: 0 },
];

export const DEFAULT_POLICY_PROFILE: PolicyProfileValues = {
  keyProjects: { amountThreshold: '6000000.00', evaluationCycleYears: 5 },
  evaluation: {
    totalScore: 100,
    grades: { excellent: 90, good: 80, pass: 60 },
    selfEvaluationWeights: [
      { code: 'budget_execution', zh: '预算执行率', en: 'Budget execution rate', weight: 10 },
      { code: 'output', zh: '产出指标', en: 'Output', weight: 50 },
      { code: 'effect', zh: '效益指标', en: 'Effect', weight: 30 },
      { code: 'satisfaction', zh: '满意度指标', en: 'Satisfaction', weight: 10 },
    ],
    financeKeyEvaluationCount: 10,
  },
  targetReview: {
    grades: { excellent: 90, good: 80, pass: 60 },
    vagueWords: ['进一步', '有所提高', '有所提升', '显著', '明显', '大幅', '逐步', '基本', '较好', '不断', '积极'],
  },
  preAssessment: {
    dimensions: [
      { code: 'necessity', zh: '立项必要性', en: 'Necessity of the project', weight: 20 },
      { code: 'economy', zh: '投入经济性', en: 'Economy of inputs', weight: 20 },
      { code: 'target_reasonableness', zh: '绩效目标合理性', en: 'Reasonableness of targets', weight: 20 },
      { code: 'feasibility', zh: '实施方案可行性', en: 'Feasibility of the plan', weight: 20 },
      { code: 'funding_compliance', zh: '筹资合规性', en: 'Compliance of funding', weight: 20 },
    ],
    requirement: 'new_major_or_any_capital',
    conclusionBands: { support: 80, adjustThenSupport: 60 },
  },
  monitoring: {
    executionCheckpoints: [
      { month: 4, minExecutionPct: 25 },
      { month: 6, minExecutionPct: 40 },
      { month: 8, minExecutionPct: 60 },
      { month: 10, minExecutionPct: 80 },
    ],
    deviationPoints: 10,
    responseWorkingDays: 10,
    qualitativeBands: DEFAULT_QUALITATIVE_BANDS.map((band) => ({ ...band })),
  },
  disclosure: { fiscalPolicyTargets: 5, townTransferTargets: 2, keyEvaluationResults: 10 },
  supervision: { keyCheckDepartments: 27, lookBackYears: 2 },
  deadlines: [
    { code: 'self_evaluation', rule: 'R11', zh: '单位自评完成', en: 'Unit self-evaluation due', date: '03-31' },
    {
      code: 'department_evaluation',
      rule: 'R12',
      zh: '部门重点评价完成',
      en: 'Department key evaluations due',
      date: '06-30',
    },
    {
      code: 'first_tracking',
      rule: 'R9',
      zh: '首次绩效跟踪完成',
      en: 'First tracking (dual monitoring) due',
      date: '08-31',
      sectorDates: { education: '09-30' },
    },
    {
      code: 'supervision_self_check',
      rule: 'R18',
      zh: '监督自查完成',
      en: 'Supervision self-check due',
      date: '08-31',
      sectorDates: { education: '09-30' },
    },
    {
      code: 'later_tracking',
      rule: 'R10',
      zh: '新增项目跟踪完成',
      en: 'Tracking of projects added later due',
      date: '11-30',
    },
    {
      code: 'supervision_rectification',
      rule: 'R18',
      zh: '自查整改完成',
      en: 'Self-check rectification due',
      date: '11-30',
    },
  ],
  workingCalendar: defaultWorkingCalendar(2022),
};

/** Ranges the profile check enforces on counts and numbers (percentages are always 0–100). */
export const POLICY_PROFILE_LIMITS = {
  evaluationCycleYears: { min: 1, max: 20 },
  totalScore: { min: 1, max: 1000 },
  count: { min: 0, max: 1000 },
  responseWorkingDays: { min: 1, max: 250 },
  lookBackYears: { min: 0, max: 20 },
} as const;

type Issues = FieldError[];
type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function required(value: unknown, path: string, issues: Issues): boolean {
  if (value !== undefined && value !== null) return true;
  issues.push(fieldIssue(path, 'REQUIRED', `${path} 必填`, `${path} is required`));
  return false;
}

/** An object with exactly the allowed keys (optional ones may be absent); undefined when it is not one. */
function object(value: unknown, path: string, keys: readonly string[], issues: Issues): Json | undefined {
  if (!required(value, path, issues)) return undefined;
  if (!isRecord(value)) {
    issues.push(fieldIssue(path, 'NOT_AN_OBJECT', `${path} 必须是对象`, `${path} must be an object`));
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      const field = joinPath(path, key);
      issues.push(fieldIssue(field, 'UNKNOWN_FIELD', `未知字段 ${field}`, `unknown field ${field}`));
    }
  }
  return value;
}

function array(value: unknown, path: string, issues: Issues): unknown[] | undefined {
  if (!required(value, path, issues)) return undefined;
  if (!Array.isArray(value)) {
    issues.push(fieldIssue(path, 'NOT_AN_ARRAY', `${path} 必须是数组`, `${path} must be an array`));
    return undefined;
  }
  return value;
}

function text(value: unknown, path: string, issues: Issues): string | undefined {
  if (!required(value, path, issues)) return undefined;
  if (typeof value !== 'string') {
    issues.push(fieldIssue(path, 'NOT_A_STRING', `${path} 必须是字符串`, `${path} must be a string`));
    return undefined;
  }
  if (!value.trim()) {
    issues.push(fieldIssue(path, 'EMPTY', `${path} 不能为空`, `${path} must not be empty`));
    return undefined;
  }
  return value;
}

function number(
  value: unknown,
  path: string,
  range: { min: number; max: number },
  issues: Issues,
  integer = false,
): number | undefined {
  if (!required(value, path, issues)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.push(fieldIssue(path, 'NOT_A_NUMBER', `${path} 必须是数字`, `${path} must be a number`));
    return undefined;
  }
  if (integer && !Number.isInteger(value)) {
    issues.push(fieldIssue(path, 'NOT_AN_INTEGER', `${path} 必须是整数`, `${path} must be an integer`));
    return undefined;
  }
  if (value < range.min || value > range.max) {
    issues.push(
      fieldIssue(
        path,
        'OUT_OF_RANGE',
        `${path} 须在 ${range.min} 到 ${range.max} 之间`,
        `${path} must be between ${range.min} and ${range.max}`,
      ),
    );
    return undefined;
  }
  return value;
}

const integer = (value: unknown, path: string, range: { min: number; max: number }, issues: Issues) =>
  number(value, path, range, issues, true);
const PERCENT = { min: 0, max: 100 };

function code(value: unknown, path: string, seen: Set<string>, issues: Issues): void {
  const c = text(value, path, issues);
  if (c === undefined) return;
  if (!ITEM_CODE_PATTERN.test(c)) {
    issues.push(fieldIssue(path, 'INVALID_CODE', '编码须为小写字母、数字和下划线', 'code must be lower snake case'));
  } else if (seen.has(c)) {
    issues.push(fieldIssue(path, 'DUPLICATE_CODE', `编码 ${c} 重复`, `code ${c} is used twice`));
  } else {
    seen.add(c);
  }
}

function monthDay(value: unknown, path: string, issues: Issues): void {
  const md = text(value, path, issues);
  if (md !== undefined && !isValidMonthDay(md)) {
    issues.push(
      fieldIssue(path, 'INVALID_MONTH_DAY', `${path} 须为有效的月-日（MM-DD）`, `${path} must be a valid MM-DD date`),
    );
  }
}

function grades(value: unknown, path: string, totalScore: number | undefined, issues: Issues): void {
  const g = object(value, path, ['excellent', 'good', 'pass'], issues);
  if (!g) return;
  // Order and bounds are checked below, with their own codes.
  const scoreRange = { min: -Infinity, max: Infinity };
  const excellent = number(g.excellent, `${path}.excellent`, scoreRange, issues);
  const good = number(g.good, `${path}.good`, scoreRange, issues);
  const pass = number(g.pass, `${path}.pass`, scoreRange, issues);
  if (excellent !== undefined && totalScore !== undefined && excellent > totalScore) {
    issues.push(
      fieldIssue(
        `${path}.excellent`,
        'GRADE_ABOVE_TOTAL',
        `优的分数线不能高于总分 ${totalScore}`,
        `excellent must not exceed the total score ${totalScore}`,
      ),
    );
  }
  if (excellent !== undefined && good !== undefined && good >= excellent) {
    issues.push(
      fieldIssue(`${path}.good`, 'GRADES_NOT_DESCENDING', '良的分数线须低于优', 'good must be below excellent'),
    );
  }
  if (good !== undefined && pass !== undefined && pass >= good) {
    issues.push(fieldIssue(`${path}.pass`, 'GRADES_NOT_DESCENDING', '中的分数线须低于良', 'pass must be below good'));
  }
  if (pass !== undefined && pass <= 0) {
    issues.push(fieldIssue(`${path}.pass`, 'NOT_POSITIVE', '中的分数线须大于 0', 'pass must be above 0'));
  }
}

function conclusionBands(value: unknown, path: string, totalScore: number | undefined, issues: Issues): void {
  const bands = object(value, path, ['support', 'adjustThenSupport'], issues);
  if (!bands) return;
  const range = { min: 0, max: totalScore ?? Infinity };
  const support = number(bands.support, `${path}.support`, range, issues);
  const adjust = number(bands.adjustThenSupport, `${path}.adjustThenSupport`, range, issues);
  if (support !== undefined && adjust !== undefined && adjust >= support) {
    issues.push(
      fieldIssue(
        `${path}.adjustThenSupport`,
        'GRADES_NOT_DESCENDING',
        '调整后支持的分数线须低于支持',
        'adjustThenSupport must be below support',
      ),
    );
  }
}

function weightedItems(value: unknown, path: string, totalScore: number | undefined, issues: Issues): void {
  const items = array(value, path, issues);
  if (!items) return;
  let allObjects = true;
  items.forEach((raw, index) => {
    const itemPath = joinPath(path, index);
    const item = object(raw, itemPath, ['code', 'zh', 'en', 'weight'], issues);
    if (!item) {
      allObjects = false;
      return;
    }
    text(item.zh, `${itemPath}.zh`, issues);
    text(item.en, `${itemPath}.en`, issues);
  });
  if (!allObjects) return;
  const weightIssues = validateWeights(items as WeightedItem[], totalScore ?? Number.NaN).filter(
    (issue) => totalScore !== undefined || issue.code !== 'WEIGHTS_SUM_MISMATCH',
  );
  issues.push(...prefixIssues(path, weightIssues));
}

function checkpoints(value: unknown, path: string, issues: Issues): void {
  const list = array(value, path, issues);
  if (!list) return;
  let previous: { month?: number; minExecutionPct?: number } = {};
  list.forEach((raw, index) => {
    const itemPath = joinPath(path, index);
    const item = object(raw, itemPath, ['month', 'minExecutionPct'], issues);
    if (!item) {
      previous = {};
      return;
    }
    const month = integer(item.month, `${itemPath}.month`, { min: 1, max: 12 }, issues);
    const min = integer(item.minExecutionPct, `${itemPath}.minExecutionPct`, PERCENT, issues);
    if (month !== undefined && previous.month !== undefined && month <= previous.month) {
      issues.push(
        fieldIssue(`${itemPath}.month`, 'NOT_INCREASING', '检查月份须逐个递增', 'months must be strictly increasing'),
      );
    }
    if (min !== undefined && previous.minExecutionPct !== undefined && min <= previous.minExecutionPct) {
      issues.push(
        fieldIssue(
          `${itemPath}.minExecutionPct`,
          'NOT_INCREASING',
          '执行率下限须逐个递增',
          'minimum execution must be strictly increasing',
        ),
      );
    }
    previous = { month, minExecutionPct: min };
  });
}

function deadlines(value: unknown, path: string, issues: Issues): void {
  const list = array(value, path, issues);
  if (!list) return;
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const itemPath = joinPath(path, index);
    const item = object(raw, itemPath, ['code', 'rule', 'zh', 'en', 'date', 'sectorDates'], issues);
    if (!item) return;
    code(item.code, `${itemPath}.code`, seen, issues);
    text(item.rule, `${itemPath}.rule`, issues);
    text(item.zh, `${itemPath}.zh`, issues);
    text(item.en, `${itemPath}.en`, issues);
    monthDay(item.date, `${itemPath}.date`, issues);
    if (item.sectorDates === undefined) return;
    const sectorPath = `${itemPath}.sectorDates`;
    if (!isRecord(item.sectorDates)) {
      issues.push(
        fieldIssue(sectorPath, 'NOT_AN_OBJECT', `${sectorPath} 必须是对象`, `${sectorPath} must be an object`),
      );
      return;
    }
    for (const [sector, date] of Object.entries(item.sectorDates)) {
      const datePath = joinPath(sectorPath, sector);
      if (!ITEM_CODE_PATTERN.test(sector)) {
        issues.push(
          fieldIssue(
            datePath,
            'INVALID_CODE',
            '行业编码须为小写字母、数字和下划线',
            'sector code must be lower snake case',
          ),
        );
      }
      monthDay(date, datePath, issues);
    }
  });
}

/**
 * Full structural check of a policy profile: every field present with the right type, no unknown
 * field, counts in range, percentages 0–100, a positive money threshold, descending grades within the
 * total score, weights summing to it, increasing checkpoints, valid and unique deadlines. Returns one
 * field error per problem (paths like `evaluation.grades.good`), empty when valid.
 */
export function validatePolicyProfile(values: unknown, options: { year?: number } = {}): FieldError[] {
  if (!isRecord(values)) {
    return [fieldIssue('', 'NOT_AN_OBJECT', '政策参数必须是对象', 'the policy profile must be an object')];
  }
  const issues: Issues = [];
  const root = object(
    values,
    '',
    [
      'keyProjects',
      'evaluation',
      'targetReview',
      'preAssessment',
      'monitoring',
      'disclosure',
      'supervision',
      'deadlines',
      'workingCalendar',
    ],
    issues,
  ) as Json;
  const limits = POLICY_PROFILE_LIMITS;

  const keyProjects = object(root.keyProjects, 'keyProjects', ['amountThreshold', 'evaluationCycleYears'], issues);
  if (keyProjects) {
    const threshold = text(keyProjects.amountThreshold, 'keyProjects.amountThreshold', issues);
    if (threshold !== undefined && !isMoney(threshold)) {
      issues.push(
        fieldIssue(
          'keyProjects.amountThreshold',
          'INVALID_MONEY',
          '金额须为最多两位小数的数字',
          'must be an amount with at most two decimals',
        ),
      );
    } else if (threshold !== undefined && compareMoney(threshold, '0') <= 0) {
      issues.push(fieldIssue('keyProjects.amountThreshold', 'NOT_POSITIVE', '金额须大于 0', 'must be greater than 0'));
    }
    integer(keyProjects.evaluationCycleYears, 'keyProjects.evaluationCycleYears', limits.evaluationCycleYears, issues);
  }

  let totalScore: number | undefined;
  const evaluation = object(
    root.evaluation,
    'evaluation',
    ['totalScore', 'grades', 'selfEvaluationWeights', 'financeKeyEvaluationCount'],
    issues,
  );
  if (evaluation) {
    totalScore = integer(evaluation.totalScore, 'evaluation.totalScore', limits.totalScore, issues);
    grades(evaluation.grades, 'evaluation.grades', totalScore, issues);
    weightedItems(evaluation.selfEvaluationWeights, 'evaluation.selfEvaluationWeights', totalScore, issues);
    integer(evaluation.financeKeyEvaluationCount, 'evaluation.financeKeyEvaluationCount', limits.count, issues);
  }

  const targetReview = object(root.targetReview, 'targetReview', ['grades', 'vagueWords'], issues);
  if (targetReview) {
    grades(targetReview.grades, 'targetReview.grades', totalScore, issues);
    const words = array(targetReview.vagueWords, 'targetReview.vagueWords', issues);
    const seenWords = new Set<string>();
    words?.forEach((word, index) => {
      const path = joinPath('targetReview.vagueWords', index);
      const w = text(word, path, issues);
      if (w === undefined) return;
      if (seenWords.has(w)) issues.push(fieldIssue(path, 'DUPLICATE', `词语 ${w} 重复`, `word ${w} is listed twice`));
      seenWords.add(w);
    });
  }

  const preAssessment = object(
    root.preAssessment,
    'preAssessment',
    ['dimensions', 'requirement', 'conclusionBands'],
    issues,
  );
  if (preAssessment) {
    weightedItems(preAssessment.dimensions, 'preAssessment.dimensions', totalScore, issues);
    const requirement = text(preAssessment.requirement, 'preAssessment.requirement', issues);
    if (requirement !== undefined && !(PRE_ASSESSMENT_REQUIREMENTS as readonly string[]).includes(requirement)) {
      issues.push(
        fieldIssue(
          'preAssessment.requirement',
          'NOT_ALLOWED',
          `须为 ${PRE_ASSESSMENT_REQUIREMENTS.join(' / ')} 之一`,
          `must be one of ${PRE_ASSESSMENT_REQUIREMENTS.join(' / ')}`,
        ),
      );
    }
    conclusionBands(preAssessment.conclusionBands, 'preAssessment.conclusionBands', totalScore, issues);
  }

  const monitoring = object(
    root.monitoring,
    'monitoring',
    ['executionCheckpoints', 'deviationPoints', 'responseWorkingDays', 'qualitativeBands'],
    issues,
  );
  if (monitoring) {
    checkpoints(monitoring.executionCheckpoints, 'monitoring.executionCheckpoints', issues);
    integer(monitoring.deviationPoints, 'monitoring.deviationPoints', PERCENT, issues);
    integer(monitoring.responseWorkingDays, 'monitoring.responseWorkingDays', limits.responseWorkingDays, issues);
    qualitativeBands(monitoring.qualitativeBands, 'monitoring.qualitativeBands', issues);
  }

  const disclosure = object(
    root.disclosure,
    'disclosure',
    ['fiscalPolicyTargets', 'townTransferTargets', 'keyEvaluationResults'],
    issues,
  );
  if (disclosure) {
    integer(disclosure.fiscalPolicyTargets, 'disclosure.fiscalPolicyTargets', limits.count, issues);
    integer(disclosure.townTransferTargets, 'disclosure.townTransferTargets', limits.count, issues);
    integer(disclosure.keyEvaluationResults, 'disclosure.keyEvaluationResults', limits.count, issues);
  }

  const supervision = object(root.supervision, 'supervision', ['keyCheckDepartments', 'lookBackYears'], issues);
  if (supervision) {
    integer(supervision.keyCheckDepartments, 'supervision.keyCheckDepartments', limits.count, issues);
    integer(supervision.lookBackYears, 'supervision.lookBackYears', limits.lookBackYears, issues);
  }

  deadlines(root.deadlines, 'deadlines', issues);

  const calendar = object(root.workingCalendar, 'workingCalendar', ['holidays', 'makeUpWorkingDays'], issues);
  if (calendar) {
    const holidays = array(calendar.holidays, 'workingCalendar.holidays', issues);
    const makeUp = array(calendar.makeUpWorkingDays, 'workingCalendar.makeUpWorkingDays', issues);
    if (holidays && makeUp) {
      const asText = (list: unknown[]) => list.map((d) => (typeof d === 'string' ? d : String(d)));
      for (const issue of workingCalendarIssues({ holidays: asText(holidays), makeUpWorkingDays: asText(makeUp) }, options.year)) {
        issues.push(fieldIssue(issue.path, issue.code, issue.message, issue.messageEn));
      }
    }
  }
  return issues;
}

/** Qualitative bands: unique codes, labels, percentages 0–100 strictly falling, from 100 down to 0. */
function qualitativeBands(value: unknown, path: string, issues: Issues): void {
  const list = array(value, path, issues);
  if (!list) return;
  if (list.length < 2) {
    issues.push(fieldIssue(path, 'TOO_FEW', `${path} 至少需要两档`, `${path} needs at least two bands`));
    return;
  }
  const seen = new Set<string>();
  let previous: number | undefined;
  list.forEach((band, index) => {
    const bandPath = joinPath(path, index);
    const b = object(band, bandPath, ['code', 'zh', 'en', 'pct'], issues);
    if (!b) return;
    code(b.code, joinPath(bandPath, 'code'), seen, issues);
    text(b.zh, joinPath(bandPath, 'zh'), issues);
    text(b.en, joinPath(bandPath, 'en'), issues);
    const pct = integer(b.pct, joinPath(bandPath, 'pct'), PERCENT, issues);
    if (pct === undefined) return;
    if (previous !== undefined && pct >= previous) {
      issues.push(
        fieldIssue(joinPath(bandPath, 'pct'), 'NOT_DESCENDING', '各档百分比须从高到低', 'bands must go from the highest percentage down'),
      );
    }
    if (index === 0 && pct !== 100) {
      issues.push(fieldIssue(joinPath(bandPath, 'pct'), 'FIRST_NOT_FULL', '第一档须为 100', 'the first band must be 100'));
    }
    if (index === list.length - 1 && pct !== 0) {
      issues.push(fieldIssue(joinPath(bandPath, 'pct'), 'LAST_NOT_ZERO', '最后一档须为 0', 'the last band must be 0'));
    }
    previous = pct;
  });
}

/**
 * A new year's profile: a copy of another year's numbers, with the working calendar of the new
 * year (the published one when this release knows it, else weekends only for the bureau to fill in).
 */
export function profileForYear(values: PolicyProfileValues, year: number): PolicyProfileValues {
  return { ...copyProfile(values), workingCalendar: defaultWorkingCalendar(year) };
}

/** A deep copy of plain profile values (a new year's profile starts as a copy of the last). */
export function copyProfile<T extends PolicyProfileValues>(values: T): T {
  return deepCopy(values);
}

function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => deepCopy(item)) as T;
  if (isRecord(value)) {
    const copy: Json = {};
    for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item);
    return copy as T;
  }
  return value;
}
