import { defineErrors } from '../../common/errors/app-error';

export const TrackingErrors = defineErrors({
  TRACKING_TARGET_NOT_APPROVED: {
    status: 409,
    zh: '项目的绩效目标尚未批复，不能跟踪；先完成目标审核',
    en: 'The project’s performance target is not approved yet, so it cannot be tracked; finish the target review first',
  },
  TRACKING_KIND_NOT_MONITORED: {
    status: 409,
    zh: '双监控跟踪项目和政策；部门整体支出不做跟踪（其绩效通过评价反映）',
    en: 'Dual monitoring tracks projects and policies; department overall expenditure is not tracked (it is evaluated)',
  },
  TRACKING_AS_OF_OUTSIDE_YEAR: {
    status: 400,
    zh: '跟踪截止日期须在项目的预算年度内（{year} 年）',
    en: 'The as-of date must fall in the project’s budget year ({year})',
  },
  TRACKING_AS_OF_FUTURE: { status: 400, zh: '跟踪截止日期不能晚于今天', en: 'The as-of date cannot be later than today' },
  TRACKING_BUDGET_ZERO: {
    status: 409,
    zh: '项目预算为 0，无法计算执行率',
    en: 'The project’s budget is zero, so no execution rate can be computed',
  },
  TRACKING_INDICATOR_UNKNOWN: {
    status: 400,
    zh: '读数所指的指标不属于该项目已批复的绩效目标',
    en: 'A reading names an indicator that is not part of the project’s approved target',
  },
  TRACKING_ANSWER_BY_OWNER: {
    status: 403,
    zh: '预警由被跟踪的单位（或其主管部门、镇）答复；财政局负责审核答复',
    en: 'The tracked unit (or its department or town) answers a warning; the bureau reviews the answers',
  },
  TRACKING_WARNING_ANSWERED: { status: 409, zh: '该预警已答复', en: 'The warning has already been answered' },
  TRACKING_ANSWER_AMOUNT_REQUIRED: {
    status: 400,
    zh: '选择“调整”时须填写拟调整金额',
    en: 'An "adjust" answer needs the amount to adjust',
  },
  TRACKING_ANSWER_AMOUNT_TOO_HIGH: {
    status: 400,
    zh: '拟调整金额不能超过尚未执行的预算（{rest} 元）',
    en: 'The amount cannot exceed the unexecuted budget ({rest} yuan)',
  },
  TRACKING_REVIEWED: { status: 409, zh: '该跟踪已审核', en: 'The tracking has already been reviewed' },
  TRACKING_ANSWERS_PENDING: {
    status: 409,
    zh: '尚有预警未答复，不能审核',
    en: 'Not every warning is answered yet, so the tracking cannot be reviewed',
  },
  TRACKING_IMPORT_INVALID: {
    status: 400,
    zh: '执行数据文件有错误，未写入任何数据',
    en: 'The execution file has errors; nothing was written',
  },
});
