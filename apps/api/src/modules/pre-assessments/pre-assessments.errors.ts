import { defineErrors } from '../../common/errors/app-error';

export const PreAssessmentErrors = defineErrors({
  PRE_ASSESSMENT_EXISTS: { status: 409, zh: '该项目已有事前绩效评估', en: 'The project already has a pre-assessment' },
  PRE_ASSESSMENT_LOCKED: {
    status: 409,
    zh: '已提交或已审核的评估不能修改',
    en: 'A submitted or accepted pre-assessment cannot be changed',
  },
  PRE_ASSESSMENT_INCOMPLETE: {
    status: 400,
    zh: '评估尚不完整：五个维度的得分、结论和评估报告须齐全',
    en: 'The pre-assessment is incomplete: every dimension score, the conclusion and the report are required',
  },
  AGENCY_INVALID: { status: 400, zh: '受托机构须为第三方机构', en: 'The commissioned organization must be a third-party agency' },
  AGENCY_CANNOT_REASSIGN: { status: 403, zh: '受托机构不能变更评估方式或受托方', en: 'A commissioned agency cannot change who performs the assessment' },
  PRE_ASSESSMENT_CONCLUSION_INVALID: {
    status: 400,
    zh: '评估结论须与得分对应（偏离须说明理由），调整后支持须写明调整要求',
    en: 'The conclusion must match the score’s band (or give a reason to depart), and support after adjustment needs the adjustment required',
  },
  ADJUSTMENT_NOT_PENDING: {
    status: 409,
    zh: '只有审核通过、结论为调整后支持且尚未完成调整的评估可以登记调整完成',
    en: 'Only an accepted pre-assessment concluded support-after-adjustment with the adjustment still open can be marked adjusted',
  },
  PRE_ASSESSMENT_NO_REPORT: { status: 404, zh: '尚未上传评估报告', en: 'No report has been attached yet' },
});
