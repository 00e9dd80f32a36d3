/**
 * The registry of third-party agencies (第三方机构, R13, N8): the state changes the bureau makes and
 * the bounds of what an entry holds, shared by the API (validation) and the SPA (forms). The states
 * and tie kinds themselves are in ./evaluations (AGENCY_STATES, AGENCY_TIE_KINDS).
 */
import { Label, labelled } from './labels';

/** What the bureau does to an agency's state; the transitions are the workflow in libs/domain (agency.ts). */
export const AgencyStateAction = {
  Suspend: 'suspend',
  Blacklist: 'blacklist',
  Reinstate: 'reinstate',
} as const;
export type AgencyStateAction = (typeof AgencyStateAction)[keyof typeof AgencyStateAction];

export const AGENCY_STATE_ACTION_LABELS: Record<AgencyStateAction, Label> = {
  suspend: { zh: '暂停委托', en: 'Suspend' },
  blacklist: { zh: '列入黑名单', en: 'Blacklist' },
  reinstate: { zh: '恢复正常', en: 'Reinstate' },
};
export const AGENCY_STATE_ACTIONS = labelled(AGENCY_STATE_ACTION_LABELS);

/** Bounds of a registry entry (the API refuses more; the SPA's inputs stop at the same lengths). */
export const AGENCY_LIMITS = {
  name: 200,
  code: 64,
  /** 统一社会信用代码 (GB 32100-2015) is exactly 18 characters. */
  creditCode: 18,
  qualifications: 20,
  qualificationName: 100,
  qualificationNumber: 64,
  contacts: 10,
  contactName: 50,
  phone: 32,
  email: 254,
  violationDescription: 2000,
  authority: 200,
  tieDescription: 2000,
  projectCode: 64,
  reason: 2000,
  evaluationReference: 100,
  gradeComment: 2000,
} as const;
