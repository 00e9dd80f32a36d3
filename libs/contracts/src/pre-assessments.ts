/** Enums and labels of the pre-assessments module (事前绩效评估, R5, N6), shared by the API and the SPA. */
import { Label, labelled } from './labels';

export const PreAssessmentStatus = {
  Draft: 'draft',
  Submitted: 'submitted',
  Accepted: 'accepted',
  Returned: 'returned',
} as const;
export type PreAssessmentStatus = (typeof PreAssessmentStatus)[keyof typeof PreAssessmentStatus];

export const PRE_ASSESSMENT_STATUS_LABELS: Record<PreAssessmentStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  accepted: { zh: '已审核', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
};
export const PRE_ASSESSMENT_STATUSES = labelled(PRE_ASSESSMENT_STATUS_LABELS);

export const PreAssessmentConclusionCode = {
  Support: 'support',
  SupportAfterAdjustment: 'support_after_adjustment',
  Reject: 'reject',
} as const;
export type PreAssessmentConclusionCode = (typeof PreAssessmentConclusionCode)[keyof typeof PreAssessmentConclusionCode];

/** N6 conclusions. */
export const PRE_ASSESSMENT_CONCLUSION_CODE_LABELS: Record<PreAssessmentConclusionCode, Label> = {
  support: { zh: '支持', en: 'Support' },
  support_after_adjustment: { zh: '调整后支持', en: 'Support after adjustment' },
  reject: { zh: '不予支持', en: 'Reject' },
};
export const PRE_ASSESSMENT_CONCLUSIONS_LABELLED = labelled(PRE_ASSESSMENT_CONCLUSION_CODE_LABELS);

export const PerformedBy = {
  Department: 'department',
  Agency: 'agency',
} as const;
export type PerformedBy = (typeof PerformedBy)[keyof typeof PerformedBy];

export const PERFORMED_BY_LABELS: Record<PerformedBy, Label> = {
  department: { zh: '部门自行评估', en: 'By the department' },
  agency: { zh: '委托第三方机构', en: 'Commissioned agency' },
};
export const PERFORMED_BY_VALUES = labelled(PERFORMED_BY_LABELS);

/** Report files: the types the upload accepts, by extension. */
export const UPLOAD_FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The lower-case extension of a file name, or '' when it has none. */
export function fileExtension(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 && dot < filename.length - 1 ? filename.slice(dot + 1).toLowerCase() : '';
}
