/** Enums and labels of the projects module (项目库), shared by the API and the SPA. */
import { Label, labelled } from './labels';

export const ProjectKind = {
  Project: 'project',
  Policy: 'policy',
  DepartmentOverall: 'department_overall',
} as const;
export type ProjectKind = (typeof ProjectKind)[keyof typeof ProjectKind];

export const PROJECT_KIND_LABELS: Record<ProjectKind, Label> = {
  project: { zh: '项目', en: 'Project' },
  policy: { zh: '政策', en: 'Policy' },
  department_overall: { zh: '部门整体支出', en: 'Department overall expenditure' },
};
export const PROJECT_KINDS = labelled(PROJECT_KIND_LABELS);

/** Fund sources (R6, R25 focus areas). */
export const FundSource = {
  GeneralBudget: 'general_budget',
  DirectFunds: 'direct_funds',
  SpecialTransfer: 'special_transfer',
  DistrictToTownTransfer: 'district_to_town_transfer',
  GovernmentBonds: 'government_bonds',
  FiscalSpecialFunds: 'fiscal_special_funds',
} as const;
export type FundSource = (typeof FundSource)[keyof typeof FundSource];

export const FUND_SOURCE_LABELS: Record<FundSource, Label> = {
  general_budget: { zh: '一般公共预算', en: 'General budget' },
  direct_funds: { zh: '直达资金', en: 'Direct funds' },
  special_transfer: { zh: '专项转移支付', en: 'Special transfer payment' },
  district_to_town_transfer: { zh: '区对镇专项转移支付', en: 'District-to-town special transfer' },
  government_bonds: { zh: '地方政府债券资金', en: 'Local government bonds' },
  fiscal_special_funds: { zh: '财政专项资金', en: 'Fiscal special funds' },
};
export const FUND_SOURCES = labelled(FUND_SOURCE_LABELS);

export const PublicAttention = { High: 'high', Medium: 'medium', Low: 'low' } as const;
export type PublicAttention = (typeof PublicAttention)[keyof typeof PublicAttention];
export const PUBLIC_ATTENTION_LABELS: Record<PublicAttention, Label> = {
  high: { zh: '高', en: 'High' },
  medium: { zh: '中', en: 'Medium' },
  low: { zh: '低', en: 'Low' },
};
export const PUBLIC_ATTENTIONS = labelled(PUBLIC_ATTENTION_LABELS);

/** Why a project is on the key project list (R1, R2). AMOUNT is derived, never stored. */
export const KeyBasis = {
  Amount: 'AMOUNT',
  CoreFunction: 'CORE_FUNCTION',
  DistrictPriority: 'DISTRICT_PRIORITY',
} as const;
export type KeyBasis = (typeof KeyBasis)[keyof typeof KeyBasis];
export type ManualKeyBasis = Exclude<KeyBasis, 'AMOUNT'>;
export const MANUAL_KEY_BASES: ManualKeyBasis[] = ['CORE_FUNCTION', 'DISTRICT_PRIORITY'];

export const KEY_BASIS_LABELS: Record<KeyBasis, Label> = {
  AMOUNT: { zh: '依据（1）：金额达到标准', en: 'Basis (1): amount at or above the threshold' },
  CORE_FUNCTION: { zh: '依据（2）：核心职能或重大改革', en: 'Basis (2): core function or major reform' },
  DISTRICT_PRIORITY: {
    zh: '依据（3）：区重点任务、覆盖面广、关注度高或周期长',
    en: 'Basis (3): district priority, wide coverage, high attention or long period',
  },
};
export const KEY_BASES = labelled(KEY_BASIS_LABELS);

/** The import template's columns, in order: the header text is the Chinese label. */
export const PROJECT_IMPORT_COLUMNS = [
  { key: 'year', zh: '预算年度', en: 'Budget year', required: true },
  { key: 'code', zh: '项目编码', en: 'Code', required: true },
  { key: 'name', zh: '项目名称', en: 'Name', required: true },
  { key: 'kind', zh: '类型', en: 'Kind', required: true },
  { key: 'organizationCode', zh: '单位编码', en: 'Organization code', required: true },
  { key: 'budgetAmount', zh: '预算金额（元）', en: 'Budget (yuan)', required: true },
  { key: 'general_budget', zh: '一般公共预算（元）', en: 'General budget (yuan)', required: false },
  { key: 'direct_funds', zh: '直达资金（元）', en: 'Direct funds (yuan)', required: false },
  { key: 'special_transfer', zh: '专项转移支付（元）', en: 'Special transfer (yuan)', required: false },
  { key: 'district_to_town_transfer', zh: '区对镇专项转移支付（元）', en: 'District-to-town transfer (yuan)', required: false },
  { key: 'government_bonds', zh: '地方政府债券资金（元）', en: 'Government bonds (yuan)', required: false },
  { key: 'fiscal_special_funds', zh: '财政专项资金（元）', en: 'Fiscal special funds (yuan)', required: false },
  { key: 'isNew', zh: '是否新增', en: 'New', required: true },
  { key: 'isMajor', zh: '是否重大', en: 'Major', required: true },
  { key: 'isCapitalConstruction', zh: '是否基本建设', en: 'Capital construction', required: true },
  { key: 'isLivelihood', zh: '是否民生', en: 'Livelihood', required: false },
  { key: 'publicAttention', zh: '社会关注度', en: 'Public attention', required: false },
  { key: 'managementChainLevels', zh: '管理链条层级', en: 'Management chain levels', required: false },
  { key: 'lastYearExecutionRate', zh: '上年执行率（%）', en: 'Last year execution rate (%)', required: false },
  { key: 'inDisclosureScope', zh: '是否公开范围', en: 'In disclosure scope', required: false },
  { key: 'startYear', zh: '开始年度', en: 'Start year', required: false },
  { key: 'endYear', zh: '结束年度', en: 'End year', required: false },
] as const;
export type ProjectImportColumnKey = (typeof PROJECT_IMPORT_COLUMNS)[number]['key'];

/** Sheet names of the import template. */
export const PROJECT_IMPORT_SHEET = '项目';
export const PROJECT_IMPORT_INSTRUCTIONS_SHEET = '填写说明';
/** Yes / no as written in the workbook. */
export const YES_NO = { yes: '是', no: '否' } as const;
