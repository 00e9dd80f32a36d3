import { defineErrors } from '../../common/errors/app-error';

export const EvaluationErrors = defineErrors({
  EVALUATION_TARGET_NOT_APPROVED: {
    status: 409,
    zh: '绩效目标尚未批复，不能开展评价；评价以批复的目标为依据',
    en: 'The performance target is not approved, so there is nothing to evaluate against yet',
  },
  EVALUATION_EXISTS: {
    status: 409,
    zh: '该项目已有同一方式的评价，请打开已有的评价',
    en: 'This project already has an evaluation of this kind; open that one',
  },
  EVALUATION_NOT_KEY_PROJECT: {
    status: 409,
    zh: '部门评价针对重点项目清单中的项目（R12）；该项目不是重点项目',
    en: 'Department evaluations are of key-list projects (R12); this project is not one',
  },
  EVALUATION_FINANCE_KEY_BY_BUREAU: {
    status: 403,
    zh: '财政重点评价由财政局选定并开展（R14）',
    en: 'Finance key evaluations are selected and carried out by the finance bureau (R14)',
  },
  EVALUATION_NOT_EDITABLE: {
    status: 409,
    zh: '评价已提交或已完成，不能再修改',
    en: 'The evaluation has been submitted or completed and can no longer be changed',
  },
  EVALUATION_INCOMPLETE: {
    status: 400,
    zh: '评价尚不完整，不能提交：请补全所列内容',
    en: 'The evaluation is not complete, so it cannot be submitted; complete what is listed',
  },
  EVALUATION_NOT_SUBMITTED: {
    status: 409,
    zh: '只有已提交、待审核的单位自评可以审核',
    en: 'Only a submitted self-evaluation awaiting review can be reviewed',
  },
  EVALUATION_RETURN_COMMENT_REQUIRED: {
    status: 400,
    zh: '退回时须填写意见',
    en: 'Returning needs a comment',
  },
  EVALUATION_INDICATOR_UNKNOWN: {
    status: 400,
    zh: '所填指标不属于该评价所依据的绩效目标',
    en: 'An indicator listed is not part of the target this evaluation is based on',
  },
  FINANCE_KEY_ALREADY_SELECTED: {
    status: 409,
    zh: '该年度的财政重点评价已选定',
    en: 'The finance key evaluations of this year have already been selected',
  },
});
