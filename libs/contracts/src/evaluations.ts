/** Enums and labels of evaluations (绩效评价, R11–R14, N1–N3) and third-party agencies (R13, N8), shared by the API and the SPA. */
import { Label, labelled } from './labels';

/** N3: the three evaluation modes. */
export const EvaluationKind = {
  Self: 'self',
  Department: 'department',
  FinanceKey: 'finance_key',
} as const;
export type EvaluationKind = (typeof EvaluationKind)[keyof typeof EvaluationKind];

export const EVALUATION_KIND_LABELS: Record<EvaluationKind, Label> = {
  self: { zh: '单位自评', en: 'Self-evaluation' },
  department: { zh: '部门评价', en: 'Department evaluation' },
  finance_key: { zh: '财政重点评价', en: 'Finance key evaluation' },
};
export const EVALUATION_KINDS = labelled(EVALUATION_KIND_LABELS);
export const EVALUATION_KIND_VALUES = Object.keys(EVALUATION_KIND_LABELS) as EvaluationKind[];

/** R13 / N8: the state of an agency in the registry; only an active one may be commissioned. */
export const AgencyState = {
  Active: 'active',
  Suspended: 'suspended',
  Blacklisted: 'blacklisted',
} as const;
export type AgencyState = (typeof AgencyState)[keyof typeof AgencyState];

export const AGENCY_STATE_LABELS: Record<AgencyState, Label> = {
  active: { zh: '正常', en: 'Active' },
  suspended: { zh: '暂停委托', en: 'Suspended' },
  blacklisted: { zh: '列入黑名单', en: 'Blacklisted' },
};
export const AGENCY_STATES = labelled(AGENCY_STATE_LABELS);

/** N8: what an agency declares that may make it not independent (财预〔2021〕6号, 财监〔2021〕4号). */
export const AgencyTieKind = {
  Ownership: 'ownership',
  Staff: 'staff',
  PriorWork: 'prior_work',
  Other: 'other',
} as const;
export type AgencyTieKind = (typeof AgencyTieKind)[keyof typeof AgencyTieKind];

export const AGENCY_TIE_KIND_LABELS: Record<AgencyTieKind, Label> = {
  ownership: { zh: '股权或隶属关系', en: 'Ownership or affiliation' },
  staff: { zh: '人员关联', en: 'Staff ties' },
  prior_work: { zh: '曾参与被评价项目的设计或实施', en: 'Earlier design or implementation of the evaluated project' },
  other: { zh: '其他关联', en: 'Other ties' },
};
export const AGENCY_TIE_KINDS = labelled(AGENCY_TIE_KIND_LABELS);
