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
  // ---- R13 / N8: commissioning a third-party agency ----
  AGENCY_NOT_ACTIVE: {
    status: 409,
    zh: '该第三方机构当前不是正常状态（暂停委托或列入黑名单），不能委托',
    en: 'The agency is not active (suspended or blacklisted) and cannot be commissioned',
  },
  AGENCY_RECENT_VIOLATION: {
    status: 409,
    zh: '该第三方机构在政策参数规定的年限内有违规记录，不能委托',
    en: 'The agency has a violation within the profile’s look-back years and cannot be commissioned',
  },
  AGENCY_NOT_INDEPENDENT: {
    status: 409,
    zh: 'N8：该第三方机构与委托方、被评价单位或被评价项目存在关联，不具备独立性',
    en: 'N8: the agency is tied to the commissioning party, the evaluated organization or the evaluated project and is not independent',
  },
  COMMISSION_INCOMPLETE: {
    status: 400,
    zh: '委托内容不完整：请补全所列内容（必要性说明、委托标准、独立性声明、平台编号）',
    en: 'The commission is incomplete; complete what is listed (justification, checklist, declaration, platform reference)',
  },
  COMMISSION_KIND_NOT_ALLOWED: {
    status: 409,
    zh: '只有部门评价和财政重点评价可以委托第三方机构；单位自评由单位自行开展',
    en: 'Only department and finance key evaluations can be commissioned to an agency; self-evaluations are done by the unit',
  },
  COMMISSION_NOT_BY_CALLER: {
    status: 403,
    zh: '委托第三方由财政局（财政重点评价）或主管部门、镇（部门评价）办理',
    en: 'Agencies are commissioned by the bureau (finance key evaluations) or the department or town (department evaluations)',
  },
  EVALUATION_ALREADY_COMMISSIONED: {
    status: 409,
    zh: '该评价已委托第三方机构',
    en: 'This evaluation is already commissioned to an agency',
  },
  EVALUATION_NOT_COMMISSIONED: {
    status: 409,
    zh: '该评价未委托第三方机构',
    en: 'This evaluation is not commissioned to an agency',
  },
  EVALUATION_COMMISSIONED_TO_AGENCY: {
    status: 409,
    zh: '该评价已委托第三方机构，评分和问题由受托机构填报',
    en: 'This evaluation is commissioned; the agency enters the scores and findings',
  },
  COMMISSION_NOT_COMPLETED: {
    status: 409,
    zh: '受托机构提交评价后才能评定其工作质量',
    en: 'The agency’s work can be graded once it has submitted the evaluation',
  },
  COMMISSION_GRADER: {
    status: 403,
    zh: '受托机构的工作质量由财政局或委托方评定',
    en: 'The agency’s work is graded by the bureau or the commissioning party',
  },
});
