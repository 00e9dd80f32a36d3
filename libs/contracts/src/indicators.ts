/** Enums and labels of the indicator library (分行业分领域指标库, R24, N4), shared by the API and the SPA. */
import { Label, labelled } from './labels';

/** N4 level 1. */
export const IndicatorLevel1 = {
  Output: 'output',
  Effect: 'effect',
  Satisfaction: 'satisfaction',
  Cost: 'cost',
} as const;
export type IndicatorLevel1 = (typeof IndicatorLevel1)[keyof typeof IndicatorLevel1];

export const INDICATOR_LEVEL1_LABELS: Record<IndicatorLevel1, Label> = {
  output: { zh: '产出指标', en: 'Output' },
  effect: { zh: '效益指标', en: 'Effect' },
  satisfaction: { zh: '满意度指标', en: 'Satisfaction' },
  cost: { zh: '成本指标', en: 'Cost' },
};
export const INDICATOR_LEVEL1S = labelled(INDICATOR_LEVEL1_LABELS);

/** N4 level 2. */
export const IndicatorLevel2 = {
  Quantity: 'quantity',
  Quality: 'quality',
  Timeliness: 'timeliness',
  Cost: 'cost',
  Economic: 'economic',
  Social: 'social',
  Ecological: 'ecological',
  Sustainable: 'sustainable',
  RecipientSatisfaction: 'recipient_satisfaction',
  EconomicCost: 'economic_cost',
  SocialCost: 'social_cost',
  EcologicalCost: 'ecological_cost',
} as const;
export type IndicatorLevel2 = (typeof IndicatorLevel2)[keyof typeof IndicatorLevel2];

export const INDICATOR_LEVEL2_LABELS: Record<IndicatorLevel2, Label> = {
  quantity: { zh: '数量指标', en: 'Quantity' },
  quality: { zh: '质量指标', en: 'Quality' },
  timeliness: { zh: '时效指标', en: 'Timeliness' },
  cost: { zh: '成本指标', en: 'Cost' },
  economic: { zh: '经济效益指标', en: 'Economic impact' },
  social: { zh: '社会效益指标', en: 'Social impact' },
  ecological: { zh: '生态效益指标', en: 'Ecological impact' },
  sustainable: { zh: '可持续影响指标', en: 'Sustainable impact' },
  recipient_satisfaction: { zh: '服务对象满意度指标', en: 'Service-recipient satisfaction' },
  economic_cost: { zh: '经济成本指标', en: 'Economic cost' },
  social_cost: { zh: '社会成本指标', en: 'Social cost' },
  ecological_cost: { zh: '生态环境成本指标', en: 'Ecological cost' },
};
export const INDICATOR_LEVEL2S = labelled(INDICATOR_LEVEL2_LABELS);

/** Which level-2 values belong under each level 1 (N4). */
export const LEVEL2_BY_LEVEL1: Record<IndicatorLevel1, readonly IndicatorLevel2[]> = {
  output: ['quantity', 'quality', 'timeliness', 'cost'],
  effect: ['economic', 'social', 'ecological', 'sustainable'],
  satisfaction: ['recipient_satisfaction'],
  cost: ['economic_cost', 'social_cost', 'ecological_cost'],
};

export function isLevel2Of(level1: IndicatorLevel1, level2: string): boolean {
  return (LEVEL2_BY_LEVEL1[level1] ?? []).includes(level2 as IndicatorLevel2);
}

export const Comparison = {
  AtLeast: '>=',
  AtMost: '<=',
  Equal: '=',
  Qualitative: 'qualitative',
} as const;
export type Comparison = (typeof Comparison)[keyof typeof Comparison];

export const COMPARISON_LABELS: Record<Comparison, Label> = {
  '>=': { zh: '≥', en: '≥' },
  '<=': { zh: '≤', en: '≤' },
  '=': { zh: '=', en: '=' },
  qualitative: { zh: '定性', en: 'Qualitative' },
};
export const COMPARISONS = labelled(COMPARISON_LABELS);

/** The controlled list of units for quantitative indicators. */
export const INDICATOR_UNITS = [
  '个',
  '人',
  '人次',
  '户',
  '项',
  '次',
  '件',
  '元',
  '万元',
  '元/人',
  '%',
  '天',
  '小时',
  '月',
  '年',
  '平方米',
  '立方米',
  '公里',
  '所',
  '家',
  '台',
  '套',
  '张',
  '场',
  '床',
  '亩',
  '吨',
  '公斤',
  '分',
] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export function isIndicatorUnit(value: string): value is IndicatorUnit {
  return (INDICATOR_UNITS as readonly string[]).includes(value);
}

/** The units as users read them: the stored value is the Chinese unit, English pages show these. */
export const INDICATOR_UNIT_LABELS: Record<IndicatorUnit, Label> = {
  个: { zh: '个', en: 'pcs' },
  人: { zh: '人', en: 'persons' },
  人次: { zh: '人次', en: 'person-times' },
  户: { zh: '户', en: 'households' },
  项: { zh: '项', en: 'items' },
  次: { zh: '次', en: 'times' },
  件: { zh: '件', en: 'pieces' },
  元: { zh: '元', en: 'yuan' },
  万元: { zh: '万元', en: '10k yuan' },
  '元/人': { zh: '元/人', en: 'yuan/person' },
  '%': { zh: '%', en: '%' },
  天: { zh: '天', en: 'days' },
  小时: { zh: '小时', en: 'hours' },
  月: { zh: '月', en: 'months' },
  年: { zh: '年', en: 'years' },
  平方米: { zh: '平方米', en: 'm²' },
  立方米: { zh: '立方米', en: 'm³' },
  公里: { zh: '公里', en: 'km' },
  所: { zh: '所', en: 'institutions' },
  家: { zh: '家', en: 'establishments' },
  台: { zh: '台', en: 'machines' },
  套: { zh: '套', en: 'sets' },
  张: { zh: '张', en: 'sheets' },
  场: { zh: '场', en: 'sessions' },
  床: { zh: '床', en: 'beds' },
  亩: { zh: '亩', en: 'mu' },
  吨: { zh: '吨', en: 'tonnes' },
  公斤: { zh: '公斤', en: 'kg' },
  分: { zh: '分', en: 'points' },
};

export const StandardSource = {
  Plan: 'plan',
  History: 'history',
  Industry: 'industry',
  Other: 'other',
} as const;
export type StandardSource = (typeof StandardSource)[keyof typeof StandardSource];

export const STANDARD_SOURCE_LABELS: Record<StandardSource, Label> = {
  plan: { zh: '计划标准', en: 'Plan' },
  history: { zh: '历史标准', en: 'History' },
  industry: { zh: '行业标准', en: 'Industry' },
  other: { zh: '其他标准', en: 'Other' },
};
export const STANDARD_SOURCES = labelled(STANDARD_SOURCE_LABELS);

export const IndicatorStatus = {
  Active: 'active',
  Proposed: 'proposed',
  Rejected: 'rejected',
} as const;
export type IndicatorStatus = (typeof IndicatorStatus)[keyof typeof IndicatorStatus];

export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, Label> = {
  active: { zh: '已入库', en: 'Active' },
  proposed: { zh: '待审核', en: 'Proposed' },
  rejected: { zh: '未采纳', en: 'Rejected' },
};
export const INDICATOR_STATUSES = labelled(INDICATOR_STATUS_LABELS);

export const IndicatorCategoryLevel = {
  Sector: 'sector',
  Domain: 'domain',
  Level: 'level',
} as const;
export type IndicatorCategoryLevel = (typeof IndicatorCategoryLevel)[keyof typeof IndicatorCategoryLevel];

export const INDICATOR_CATEGORY_LEVEL_LABELS: Record<IndicatorCategoryLevel, Label> = {
  sector: { zh: '行业', en: 'Sector' },
  domain: { zh: '领域', en: 'Domain' },
  level: { zh: '层级', en: 'Level' },
};

/** The level a child node of a category has (sector → domain → level); null below the last level. */
export function childCategoryLevel(parent: IndicatorCategoryLevel | null): IndicatorCategoryLevel | null {
  if (parent === null) return 'sector';
  if (parent === 'sector') return 'domain';
  if (parent === 'domain') return 'level';
  return null;
}

export interface IndicatorValueIssue {
  field: 'value' | 'unit' | 'level2';
  code: string;
  zh: string;
  en: string;
}

const DECIMAL = /^-?\d{1,12}(\.\d{1,4})?$/;

/**
 * N4 level 3: a quantitative indicator (≥ ≤ =) has a decimal value and a unit from the controlled
 * list; a qualitative one has a descriptive value and no unit; level 2 belongs to level 1.
 */
export function checkIndicatorDefinition(input: {
  level1: IndicatorLevel1;
  level2: string;
  comparison: Comparison;
  value: string | null | undefined;
  unit: string | null | undefined;
}): IndicatorValueIssue[] {
  const issues: IndicatorValueIssue[] = [];
  if (!isLevel2Of(input.level1, input.level2)) {
    issues.push({
      field: 'level2',
      code: 'LEVEL2_MISMATCH',
      zh: '二级指标与一级指标不匹配',
      en: 'level 2 does not belong to level 1',
    });
  }
  const value = input.value?.trim() ?? '';
  if (input.comparison === 'qualitative') {
    if (input.unit) issues.push({ field: 'unit', code: 'UNIT_NOT_ALLOWED', zh: '定性指标不设计量单位', en: 'a qualitative indicator has no unit' });
  } else {
    if (value && !DECIMAL.test(value)) {
      issues.push({ field: 'value', code: 'NOT_A_NUMBER', zh: '定量指标的指标值须为数字', en: 'a quantitative value must be a number' });
    }
    if (!input.unit) issues.push({ field: 'unit', code: 'UNIT_REQUIRED', zh: '定量指标须选择计量单位', en: 'a quantitative indicator needs a unit' });
    else if (!isIndicatorUnit(input.unit)) {
      issues.push({ field: 'unit', code: 'UNIT_NOT_CONTROLLED', zh: '计量单位不在标准单位表中', en: 'the unit is not in the controlled list' });
    }
  }
  return issues;
}
