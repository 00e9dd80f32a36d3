/**
 * The per-year policy profile: every number of DOMAIN.md's rule tables (R1–R27, N1–N8) lives
 * here, never in code. The finance bureau copies a year and edits it; the 2022 values are the
 * default. Money is a decimal string in yuan; percentages and counts are integers.
 */
import {
  EVALUATION_KIND_VALUES,
  INDICATOR_LEVEL1_LABELS,
  PROJECT_KIND_LABELS,
  PUBLIC_ATTENTION_LABELS,
  type EvaluationKind,
  type IndicatorLevel1,
  type Label,
  type ProjectKind,
  type PublicAttention,
} from '@jixiao/contracts';
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

/**
 * R11 / N2: how a unit's self-evaluation turns the approved target into points (see `selfEvaluationScore`).
 * The qualitative indicators are judged in `monitoring.qualitativeBands`: one scale for the year's
 * trackings and the self-evaluation, so the band a unit picked in the last tracking means the same.
 */
export interface SelfEvaluationRules {
  /** N2: the `selfEvaluationWeights` item scored from the budget execution rate (its weight × the rate, capped at 100 %). */
  executionItem: string;
  /** N2 / N4: the `selfEvaluationWeights` item each level-1 indicator is scored in (cost indicators count as output by default). */
  indicatorParts: Record<IndicatorLevel1, string>;
  /**
   * N2: where an item's weight goes when the target has no indicator in it (财预〔2020〕10号: a target
   * without a satisfaction indicator gives the satisfaction weight to its effect indicators).
   */
  weightFallbacks: Record<string, string>;
  /**
   * R11: an "=" indicator whose actual value is within this percentage of its target value scores
   * full marks; outside it scores in proportion, 1 − |actual − target| ÷ target (not below 0).
   * A local default (the seed and N2 give none); at most two decimals.
   */
  equalTolerancePct: number;
}

/** R12 / R14: one second-level item of an indicator system, scored 0..points. */
export interface TemplateItem extends Label {
  code: string;
  points: number;
}

/** R12 / R14: a first-level dimension (决策 / 过程 / 产出 / 效益) with its weight and items (summing to it). */
export interface TemplateDimension extends Label {
  code: string;
  weight: number;
  items: TemplateItem[];
}

/** R12 / R14: the indicator system (指标体系) of a department or finance key evaluation. */
export interface EvaluationTemplate {
  /** Weights sum to `evaluation.totalScore`; item codes are unique across the template. */
  dimensions: TemplateDimension[];
}

/**
 * R14: how the finance bureau's key-evaluation candidates are ranked; the weights sum to
 * `evaluation.totalScore` and each criterion gives its weight × a degree between 0 and 1.
 */
export interface FinanceKeyCriteria {
  /** Last year's budget execution rate: the whole weight at or below `fullAtOrBelowPct`, none at or above `zeroAtOrAbovePct`, linear between; no rate known → 0. */
  lastYearExecution: { weight: number; fullAtOrBelowPct: number; zeroAtOrAbovePct: number };
  /** Management chain levels: none at or below `zeroAtOrBelowLevels`, the whole weight at or above `fullAtOrAboveLevels`, linear between; unknown → 0. */
  managementChain: { weight: number; zeroAtOrBelowLevels: number; fullAtOrAboveLevels: number };
  /** Livelihood priority (民生重点): the whole weight when the project is one. */
  livelihood: { weight: number };
  /** Public attention (百姓关注度): the percentage of the weight each level gives. */
  publicAttention: { weight: number; pct: Record<PublicAttention, number> };
}

/** R13 / N8: commissioning third-party agencies. */
export interface AgencyRules {
  /** N8: a violation recorded within this many years before the commissioning date refuses the agency. */
  violationLookBackYears: number;
  /** R13: what a commissioning must confirm (委托标准, 财预〔2021〕6号), every item. */
  commissioningChecklist: (Label & { code: string })[];
  /** R13: the kinds whose third-party commissions run through 上海市预算绩效综合服务平台 and record its reference number. */
  platformReferenceKinds: EvaluationKind[];
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
    /** R11 / N2: scoring the unit self-evaluation. Its deadline is `deadlines` `self_evaluation` (03-31). */
    selfEvaluation: SelfEvaluationRules;
    /**
     * R12 / R14: the indicator systems of department and finance key evaluations, by what is
     * evaluated; department evaluations are due by `deadlines` `department_evaluation` (06-30).
     */
    templates: Record<ProjectKind, EvaluationTemplate>;
    /** R14: the candidate criteria of finance key evaluations. */
    financeKeyCriteria: FinanceKeyCriteria;
    /** R13 / N8: third-party agencies. */
    agencies: AgencyRules;
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

const item = (code: string, zh: string, en: string, points: number): TemplateItem => ({ code, zh, en, points });

/**
 * R12 / R14 default indicator systems, after the Ministry of Finance's frameworks (财预〔2020〕10号
 * 附件: 项目支出 and 部门整体支出绩效评价指标体系框架): four first-level dimensions — decision, process,
 * output, effect — with second-level items and their points. Projects 20/20/30/30; policies weigh
 * effect more (20/20/25/35); department overall expenditure follows the framework's 投入 (here decision:
 * targets and budget allocation), 过程 (budget execution, budget and asset management), 产出 (duties
 * performed) and 效果 (results of performing them) at 15/30/30/25.
 */
export const DEFAULT_EVALUATION_TEMPLATES: Record<ProjectKind, EvaluationTemplate> = {
  project: {
    dimensions: [
      {
        code: 'decision',
        zh: '决策',
        en: 'Decision',
        weight: 20,
        items: [
          item('basis_adequacy', '立项依据充分性', 'Adequacy of the basis for the project', 4),
          item('procedure_compliance', '立项程序规范性', 'Compliance of the approval procedure', 3),
          item('target_reasonableness', '绩效目标合理性', 'Reasonableness of the performance targets', 4),
          item('indicator_clarity', '绩效指标明确性', 'Clarity of the indicators', 3),
          item('budget_soundness', '预算编制科学性', 'Soundness of the budget', 3),
          item('allocation_reasonableness', '资金分配合理性', 'Reasonableness of the fund allocation', 3),
        ],
      },
      {
        code: 'process',
        zh: '过程',
        en: 'Process',
        weight: 20,
        items: [
          item('funds_in_place', '资金到位率', 'Funds in place', 4),
          item('budget_execution', '预算执行率', 'Budget execution rate', 5),
          item('funds_compliance', '资金使用合规性', 'Compliance of fund use', 4),
          item('management_rules', '管理制度健全性', 'Completeness of management rules', 3),
          item('rules_execution', '制度执行有效性', 'Effectiveness of rule execution', 4),
        ],
      },
      {
        code: 'output',
        zh: '产出',
        en: 'Output',
        weight: 30,
        items: [
          item('output_quantity', '实际完成率', 'Actual completion rate', 10),
          item('output_quality', '质量达标率', 'Quality compliance rate', 8),
          item('output_timeliness', '完成及时性', 'Timeliness of completion', 6),
          item('output_cost', '成本节约率', 'Cost saving rate', 6),
        ],
      },
      {
        code: 'effect',
        zh: '效益',
        en: 'Effect',
        weight: 30,
        items: [
          item('economic_benefit', '经济效益', 'Economic benefit', 6),
          item('social_benefit', '社会效益', 'Social benefit', 8),
          item('ecological_benefit', '生态效益', 'Ecological benefit', 4),
          item('sustainable_impact', '可持续影响', 'Sustainable impact', 4),
          item('recipient_satisfaction', '服务对象满意度', 'Service-recipient satisfaction', 8),
        ],
      },
    ],
  },
  policy: {
    dimensions: [
      {
        code: 'decision',
        zh: '决策',
        en: 'Decision',
        weight: 20,
        items: [
          item('policy_basis', '政策依据充分性', 'Adequacy of the policy basis', 5),
          item('policy_targets', '政策目标明确性', 'Clarity of the policy targets', 5),
          item('policy_design', '政策内容与目标匹配性', 'Fit of the policy content to its targets', 5),
          item('funding_arrangement', '资金安排合理性', 'Reasonableness of the funding', 5),
        ],
      },
      {
        code: 'process',
        zh: '过程',
        en: 'Process',
        weight: 20,
        items: [
          item('implementation_rules', '实施细则完备性', 'Completeness of the implementing rules', 4),
          item('publicity', '政策宣传与申报组织', 'Publicity and application process', 4),
          item('disbursement_timeliness', '资金拨付及时性', 'Timeliness of disbursement', 4),
          item('funds_compliance', '资金使用合规性', 'Compliance of fund use', 4),
          item('supervision', '监督管理有效性', 'Effectiveness of supervision', 4),
        ],
      },
      {
        code: 'output',
        zh: '产出',
        en: 'Output',
        weight: 25,
        items: [
          item('coverage', '政策覆盖面', 'Coverage of the policy', 8),
          item('output_quantity', '产出数量完成率', 'Output quantity completion', 7),
          item('output_quality', '产出质量', 'Output quality', 5),
          item('output_timeliness', '产出时效', 'Output timeliness', 5),
        ],
      },
      {
        code: 'effect',
        zh: '效益',
        en: 'Effect',
        weight: 35,
        items: [
          item('target_achievement', '政策目标实现程度', 'Achievement of the policy targets', 12),
          item('social_economic_benefit', '经济社会效益', 'Economic and social benefit', 8),
          item('sustainable_impact', '可持续影响', 'Sustainable impact', 5),
          item('beneficiary_satisfaction', '受益对象满意度', 'Beneficiary satisfaction', 10),
        ],
      },
    ],
  },
  department_overall: {
    dimensions: [
      {
        code: 'decision',
        zh: '决策（目标设定与预算配置）',
        en: 'Decision (targets and budget allocation)',
        weight: 15,
        items: [
          item('target_reasonableness', '绩效目标合理性', 'Reasonableness of the performance targets', 4),
          item('indicator_clarity', '绩效指标明确性', 'Clarity of the indicators', 3),
          item('staffing_control', '在职人员控制率', 'Staffing control rate', 2),
          item('three_expenses_change', '“三公经费”变动率', 'Change of the "three public expenses"', 3),
          item('key_spending_share', '重点支出安排率', 'Share of key spending', 3),
        ],
      },
      {
        code: 'process',
        zh: '过程（预算执行与管理）',
        en: 'Process (budget execution and management)',
        weight: 30,
        items: [
          item('budget_execution', '预算执行率', 'Budget execution rate', 5),
          item('budget_adjustment', '预算调整率', 'Budget adjustment rate', 2),
          item('payment_progress', '支付进度率', 'Payment progress rate', 3),
          item('carryover', '结转结余率', 'Carry-over and balance rate', 2),
          item('public_expense_control', '公用经费控制率', 'Control of public expenses', 2),
          item('three_expenses_control', '“三公经费”控制率', 'Control of the "three public expenses"', 3),
          item('procurement', '政府采购执行率', 'Government procurement execution', 2),
          item('management_rules', '管理制度健全性', 'Completeness of management rules', 3),
          item('funds_compliance', '资金使用合规性', 'Compliance of fund use', 3),
          item('disclosure', '预决算信息公开性', 'Disclosure of budgets and final accounts', 2),
          item('asset_safety', '资产管理安全性', 'Safety of asset management', 2),
          item('fixed_asset_use', '固定资产利用率', 'Use of fixed assets', 1),
        ],
      },
      {
        code: 'output',
        zh: '产出（职责履行）',
        en: 'Output (duties performed)',
        weight: 30,
        items: [
          item('output_quantity', '实际完成率', 'Actual completion rate', 10),
          item('output_timeliness', '完成及时率', 'Timely completion rate', 6),
          item('output_quality', '质量达标率', 'Quality compliance rate', 8),
          item('key_tasks', '重点工作办结率', 'Key tasks completed', 6),
        ],
      },
      {
        code: 'effect',
        zh: '效益（履职效果）',
        en: 'Effect (results of the duties)',
        weight: 25,
        items: [
          item('economic_benefit', '经济效益', 'Economic benefit', 5),
          item('social_benefit', '社会效益', 'Social benefit', 8),
          item('ecological_benefit', '生态效益', 'Ecological benefit', 4),
          item('public_satisfaction', '社会公众或服务对象满意度', 'Public or service-recipient satisfaction', 8),
        ],
      },
    ],
  },
};

/** R11 / N2 defaults: cost indicators count as output; satisfaction moves to effect; "=" within 5 %. */
export const DEFAULT_SELF_EVALUATION_RULES: SelfEvaluationRules = {
  executionItem: 'budget_execution',
  indicatorParts: { output: 'output', effect: 'effect', satisfaction: 'satisfaction', cost: 'output' },
  weightFallbacks: { satisfaction: 'effect' },
  equalTolerancePct: 5,
};

/**
 * R14 defaults (the seed names the criteria, not their weights): last year's execution 40 (all of it
 * at or below 50 %, none at 100 %), management chain 20 (none at one level, all from four), livelihood 20,
 * public attention 20 (high 100 %, medium 50 %, low 0 %).
 */
export const DEFAULT_FINANCE_KEY_CRITERIA: FinanceKeyCriteria = {
  lastYearExecution: { weight: 40, fullAtOrBelowPct: 50, zeroAtOrAbovePct: 100 },
  managementChain: { weight: 20, zeroAtOrBelowLevels: 1, fullAtOrAboveLevels: 4 },
  livelihood: { weight: 20 },
  publicAttention: { weight: 20, pct: { high: 100, medium: 50, low: 0 } },
};

/** R13 / N8 defaults: violations of the last three years refuse an agency; the 委托标准 checklist of 财预〔2021〕6号. */
export const DEFAULT_AGENCY_RULES: AgencyRules = {
  violationLookBackYears: 3,
  commissioningChecklist: [
    {
      code: 'truly_needed',
      zh: '确有必要委托：专业性强，本单位力量不足',
      en: 'Truly needed: specialised work the commissioning party cannot do itself',
    },
    { code: 'within_standard', zh: '委托费用符合委托标准并已纳入预算', en: 'Fee within the commissioning standard and budgeted' },
    { code: 'procurement', zh: '按政府采购规定选定机构', en: 'Agency chosen under the government procurement rules' },
    { code: 'conflicts_checked', zh: '已核查利益冲突，回避关联机构和人员', en: 'Conflicts of interest checked, tied agencies and staff recused' },
    {
      code: 'contract_terms',
      zh: '委托合同明确工作内容、质量要求、保密责任，不得转包',
      en: 'Contract sets the work, quality requirements and confidentiality, and forbids subcontracting',
    },
  ],
  platformReferenceKinds: ['department', 'finance_key'],
};

/** Plain data copied (the defaults are never handed out to be changed in place). */
export function cloneDefault<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

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
    selfEvaluation: cloneDefault(DEFAULT_SELF_EVALUATION_RULES),
    templates: cloneDefault(DEFAULT_EVALUATION_TEMPLATES),
    financeKeyCriteria: cloneDefault(DEFAULT_FINANCE_KEY_CRITERIA),
    agencies: cloneDefault(DEFAULT_AGENCY_RULES),
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
  managementChainLevels: { min: 1, max: 20 },
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
    [
      'totalScore',
      'grades',
      'selfEvaluationWeights',
      'financeKeyEvaluationCount',
      'selfEvaluation',
      'templates',
      'financeKeyCriteria',
      'agencies',
    ],
    issues,
  );
  if (evaluation) {
    totalScore = integer(evaluation.totalScore, 'evaluation.totalScore', limits.totalScore, issues);
    grades(evaluation.grades, 'evaluation.grades', totalScore, issues);
    const before = issues.length;
    weightedItems(evaluation.selfEvaluationWeights, 'evaluation.selfEvaluationWeights', totalScore, issues);
    // The rules are checked against the weights' codes only when those are sound (one problem, one issue).
    const codesSound = !issues.slice(before).some((i) => i.code !== 'WEIGHTS_SUM_MISMATCH');
    integer(evaluation.financeKeyEvaluationCount, 'evaluation.financeKeyEvaluationCount', limits.count, issues);
    selfEvaluationRules(
      evaluation.selfEvaluation,
      'evaluation.selfEvaluation',
      codesSound ? evaluation.selfEvaluationWeights : undefined,
      issues,
    );
    templates(evaluation.templates, 'evaluation.templates', totalScore, issues);
    financeKeyCriteria(evaluation.financeKeyCriteria, 'evaluation.financeKeyCriteria', totalScore, issues);
    agencyRules(evaluation.agencies, 'evaluation.agencies', issues);
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

/** A number with at most two decimals in a range (weights, points, tolerances). */
function twoPlaces(value: unknown, path: string, range: { min: number; max: number }, issues: Issues): number | undefined {
  const n = number(value, path, range, issues);
  if (n === undefined) return undefined;
  if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) {
    issues.push(fieldIssue(path, 'TOO_MANY_DECIMALS', `${path} 最多两位小数`, `${path} has more than two decimals`));
    return undefined;
  }
  return n;
}

const hundredths = (n: number) => Math.round(n * 100);

/** The codes of the self-evaluation weights, when they are a list of objects with string codes. */
function weightCodes(weights: unknown): Set<string> | undefined {
  if (!Array.isArray(weights)) return undefined;
  const codes = new Set<string>();
  for (const w of weights) {
    if (!isRecord(w) || typeof w.code !== 'string') return undefined;
    codes.add(w.code);
  }
  return codes;
}

/** R11 / N2: the execution item, where each level-1 indicator counts, the fallbacks and the "=" tolerance. */
function selfEvaluationRules(value: unknown, path: string, weights: unknown, issues: Issues): void {
  const rules = object(value, path, ['executionItem', 'indicatorParts', 'weightFallbacks', 'equalTolerancePct'], issues);
  if (!rules) return;
  const codes = weightCodes(weights);
  const notAPart = (field: string, c: string) =>
    fieldIssue(field, 'UNKNOWN_ITEM', `${c} 不是自评权重中的编码`, `${c} is not a code of the self-evaluation weights`);
  const execution = text(rules.executionItem, `${path}.executionItem`, issues);
  if (execution !== undefined && codes && !codes.has(execution)) issues.push(notAPart(`${path}.executionItem`, execution));

  /** A part indicators are scored in: a weight code other than the execution item. */
  const part = (raw: unknown, field: string): string | undefined => {
    const c = text(raw, field, issues);
    if (c === undefined) return undefined;
    if (codes && !codes.has(c)) {
      issues.push(notAPart(field, c));
      return undefined;
    }
    if (c === execution) {
      issues.push(
        fieldIssue(field, 'EXECUTION_ITEM', '预算执行率项不按指标计分', 'the budget execution item is not scored from indicators'),
      );
      return undefined;
    }
    return c;
  };

  const level1s = Object.keys(INDICATOR_LEVEL1_LABELS);
  const parts = object(rules.indicatorParts, `${path}.indicatorParts`, level1s, issues);
  const used = new Set<string>();
  if (parts) {
    for (const level1 of level1s) {
      const c = part(parts[level1], `${path}.indicatorParts.${level1}`);
      if (c) used.add(c);
    }
  }

  const fallbacksPath = `${path}.weightFallbacks`;
  if (required(rules.weightFallbacks, fallbacksPath, issues)) {
    if (!isRecord(rules.weightFallbacks)) {
      issues.push(fieldIssue(fallbacksPath, 'NOT_AN_OBJECT', `${fallbacksPath} 必须是对象`, `${fallbacksPath} must be an object`));
    } else {
      const fallbacks = rules.weightFallbacks;
      for (const [from, to] of Object.entries(fallbacks)) {
        const field = joinPath(fallbacksPath, from);
        if (codes && !codes.has(from)) {
          issues.push(notAPart(field, from));
          continue;
        }
        const target = part(to, field);
        if (target === undefined) continue;
        if (target === from) {
          issues.push(fieldIssue(field, 'FALLBACK_TO_ITSELF', '权重不能转给自身', 'a weight cannot fall back to itself'));
        } else if (Object.prototype.hasOwnProperty.call(fallbacks, target)) {
          issues.push(
            fieldIssue(field, 'FALLBACK_CHAIN', `${target} 本身也会转出权重，不能再接收`, `${target} falls back itself and cannot receive a weight`),
          );
        }
      }
    }
  }

  if (codes && parts && execution !== undefined && codes.has(execution)) {
    const list = Array.isArray(weights) ? (weights as { code?: unknown }[]) : [];
    list.forEach((w, index) => {
      if (typeof w.code === 'string' && w.code !== execution && !used.has(w.code)) {
        issues.push(
          fieldIssue(
            joinPath(joinPath('evaluation.selfEvaluationWeights', index), 'code'),
            'PART_UNUSED',
            `没有一级指标计入 ${w.code}，该项分值无法取得`,
            `no level-1 indicator is scored in ${w.code}, so its points cannot be earned`,
          ),
        );
      }
    });
  }
  twoPlaces(rules.equalTolerancePct, `${path}.equalTolerancePct`, PERCENT, issues);
}

/** R12 / R14: one indicator system per kind of what is evaluated. */
function templates(value: unknown, path: string, totalScore: number | undefined, issues: Issues): void {
  const kinds = Object.keys(PROJECT_KIND_LABELS);
  const all = object(value, path, kinds, issues);
  if (!all) return;
  for (const kind of kinds) template(all[kind], joinPath(path, kind), totalScore, issues);
}

function template(value: unknown, path: string, totalScore: number | undefined, issues: Issues): void {
  const t = object(value, path, ['dimensions'], issues);
  if (!t) return;
  const dimensionsPath = `${path}.dimensions`;
  const dimensions = array(t.dimensions, dimensionsPath, issues);
  if (!dimensions) return;
  if (!dimensions.length) {
    issues.push(fieldIssue(dimensionsPath, 'TOO_FEW', '指标体系至少需要一个一级指标', 'an indicator system needs at least one dimension'));
    return;
  }
  const dimensionCodes = new Set<string>();
  const itemCodes = new Set<string>();
  let weightSum = 0;
  let sumKnown = true;
  dimensions.forEach((raw, index) => {
    const dPath = joinPath(dimensionsPath, index);
    const d = object(raw, dPath, ['code', 'zh', 'en', 'weight', 'items'], issues);
    if (!d) {
      sumKnown = false;
      return;
    }
    code(d.code, `${dPath}.code`, dimensionCodes, issues);
    text(d.zh, `${dPath}.zh`, issues);
    text(d.en, `${dPath}.en`, issues);
    const weight = twoPlaces(d.weight, `${dPath}.weight`, { min: 0.01, max: totalScore ?? Infinity }, issues);
    if (weight === undefined) sumKnown = false;
    else weightSum += hundredths(weight);
    const items = array(d.items, `${dPath}.items`, issues);
    if (!items) return;
    if (!items.length) {
      issues.push(fieldIssue(`${dPath}.items`, 'TOO_FEW', '一级指标至少需要一个二级指标', 'a dimension needs at least one item'));
      return;
    }
    let pointSum = 0;
    let pointsKnown = true;
    items.forEach((rawItem, itemIndex) => {
      const iPath = joinPath(`${dPath}.items`, itemIndex);
      const i = object(rawItem, iPath, ['code', 'zh', 'en', 'points'], issues);
      if (!i) {
        pointsKnown = false;
        return;
      }
      code(i.code, `${iPath}.code`, itemCodes, issues);
      text(i.zh, `${iPath}.zh`, issues);
      text(i.en, `${iPath}.en`, issues);
      const points = twoPlaces(i.points, `${iPath}.points`, { min: 0.01, max: totalScore ?? Infinity }, issues);
      if (points === undefined) pointsKnown = false;
      else pointSum += hundredths(points);
    });
    if (pointsKnown && weight !== undefined && pointSum !== hundredths(weight)) {
      issues.push(
        fieldIssue(
          `${dPath}.items`,
          'POINTS_SUM_MISMATCH',
          `二级指标分值合计 ${pointSum / 100}，应为该一级指标权重 ${weight}`,
          `the items' points sum to ${pointSum / 100}, expected the dimension's weight ${weight}`,
        ),
      );
    }
  });
  if (sumKnown && totalScore !== undefined && weightSum !== hundredths(totalScore)) {
    issues.push(
      fieldIssue(
        dimensionsPath,
        'WEIGHTS_SUM_MISMATCH',
        `一级指标权重合计 ${weightSum / 100}，应为 ${totalScore}`,
        `the dimensions' weights sum to ${weightSum / 100}, expected ${totalScore}`,
      ),
    );
  }
}

/** R14: each criterion's weight (summing to the total) and its scale. */
function financeKeyCriteria(value: unknown, path: string, totalScore: number | undefined, issues: Issues): void {
  const c = object(value, path, ['lastYearExecution', 'managementChain', 'livelihood', 'publicAttention'], issues);
  if (!c) return;
  const weights: (number | undefined)[] = [];
  const weightOf = (criterion: Json, criterionPath: string) =>
    weights.push(twoPlaces(criterion.weight, `${criterionPath}.weight`, { min: 0, max: totalScore ?? Infinity }, issues));

  const executionPath = `${path}.lastYearExecution`;
  const execution = object(c.lastYearExecution, executionPath, ['weight', 'fullAtOrBelowPct', 'zeroAtOrAbovePct'], issues);
  if (execution) {
    weightOf(execution, executionPath);
    const full = integer(execution.fullAtOrBelowPct, `${executionPath}.fullAtOrBelowPct`, PERCENT, issues);
    const zero = integer(execution.zeroAtOrAbovePct, `${executionPath}.zeroAtOrAbovePct`, PERCENT, issues);
    if (full !== undefined && zero !== undefined && zero <= full) {
      issues.push(
        fieldIssue(
          `${executionPath}.zeroAtOrAbovePct`,
          'NOT_INCREASING',
          '不得分的执行率须高于得满分的执行率',
          'the rate scoring nothing must be above the rate scoring everything',
        ),
      );
    }
  } else weights.push(undefined);

  const chainPath = `${path}.managementChain`;
  const chain = object(c.managementChain, chainPath, ['weight', 'zeroAtOrBelowLevels', 'fullAtOrAboveLevels'], issues);
  if (chain) {
    weightOf(chain, chainPath);
    const levels = POLICY_PROFILE_LIMITS.managementChainLevels;
    const zero = integer(chain.zeroAtOrBelowLevels, `${chainPath}.zeroAtOrBelowLevels`, levels, issues);
    const full = integer(chain.fullAtOrAboveLevels, `${chainPath}.fullAtOrAboveLevels`, levels, issues);
    if (full !== undefined && zero !== undefined && full <= zero) {
      issues.push(
        fieldIssue(
          `${chainPath}.fullAtOrAboveLevels`,
          'NOT_INCREASING',
          '得满分的层级数须多于不得分的层级数',
          'the levels scoring everything must be more than the levels scoring nothing',
        ),
      );
    }
  } else weights.push(undefined);

  const livelihoodPath = `${path}.livelihood`;
  const livelihood = object(c.livelihood, livelihoodPath, ['weight'], issues);
  if (livelihood) weightOf(livelihood, livelihoodPath);
  else weights.push(undefined);

  const attentionPath = `${path}.publicAttention`;
  const attention = object(c.publicAttention, attentionPath, ['weight', 'pct'], issues);
  if (attention) {
    weightOf(attention, attentionPath);
    const levels = Object.keys(PUBLIC_ATTENTION_LABELS);
    const pct = object(attention.pct, `${attentionPath}.pct`, levels, issues);
    if (pct) {
      let previous: number | undefined;
      for (const level of levels) {
        const p = integer(pct[level], `${attentionPath}.pct.${level}`, PERCENT, issues);
        if (p !== undefined && previous !== undefined && p > previous) {
          issues.push(
            fieldIssue(`${attentionPath}.pct.${level}`, 'NOT_DESCENDING', '关注度越低，得分比例不得越高', 'a lower attention must not score more'),
          );
        }
        if (p !== undefined) previous = p;
      }
    }
  } else weights.push(undefined);

  if (totalScore !== undefined && weights.every((w) => w !== undefined)) {
    const sum = (weights as number[]).reduce((total, w) => total + hundredths(w), 0);
    if (sum !== hundredths(totalScore)) {
      issues.push(
        fieldIssue(path, 'WEIGHTS_SUM_MISMATCH', `遴选标准权重合计 ${sum / 100}，应为 ${totalScore}`, `the criteria weights sum to ${sum / 100}, expected ${totalScore}`),
      );
    }
  }
}

/** R13 / N8: the look-back, the commissioning checklist and the kinds that need the city platform's reference. */
function agencyRules(value: unknown, path: string, issues: Issues): void {
  const a = object(value, path, ['violationLookBackYears', 'commissioningChecklist', 'platformReferenceKinds'], issues);
  if (!a) return;
  integer(a.violationLookBackYears, `${path}.violationLookBackYears`, POLICY_PROFILE_LIMITS.lookBackYears, issues);
  const checklist = array(a.commissioningChecklist, `${path}.commissioningChecklist`, issues);
  const seen = new Set<string>();
  checklist?.forEach((raw, index) => {
    const iPath = joinPath(`${path}.commissioningChecklist`, index);
    const i = object(raw, iPath, ['code', 'zh', 'en'], issues);
    if (!i) return;
    code(i.code, `${iPath}.code`, seen, issues);
    text(i.zh, `${iPath}.zh`, issues);
    text(i.en, `${iPath}.en`, issues);
  });
  const kinds = array(a.platformReferenceKinds, `${path}.platformReferenceKinds`, issues);
  const seenKinds = new Set<string>();
  kinds?.forEach((raw, index) => {
    const kPath = joinPath(`${path}.platformReferenceKinds`, index);
    const k = text(raw, kPath, issues);
    if (k === undefined) return;
    if (!(EVALUATION_KIND_VALUES as readonly string[]).includes(k)) {
      issues.push(
        fieldIssue(kPath, 'NOT_ALLOWED', `须为 ${EVALUATION_KIND_VALUES.join(' / ')} 之一`, `must be one of ${EVALUATION_KIND_VALUES.join(' / ')}`),
      );
    } else if (seenKinds.has(k)) {
      issues.push(fieldIssue(kPath, 'DUPLICATE', `${k} 重复`, `${k} is listed twice`));
    }
    seenKinds.add(k);
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
