import { defineErrors } from '../../common/errors/app-error';

export const TargetErrors = defineErrors({
  TARGET_EXISTS: { status: 409, zh: '该项目已有绩效目标', en: 'The project already has a performance target' },
  TARGET_NOT_EDITABLE: {
    status: 409,
    zh: '只有草稿、已退回或协商完善中的绩效目标可以修改；已批复的目标须提交调整申请',
    en: 'Only a draft, returned or in-consultation target can be edited; an approved target changes through a change request',
  },
  TARGET_QUALITY_FAILED: {
    status: 400,
    zh: '绩效目标未通过质量检查，不能提交',
    en: 'The target fails the quality check and cannot be submitted',
  },
  TARGET_INDICATOR_UNKNOWN: {
    status: 400,
    zh: '意见所指的指标不属于该绩效目标',
    en: 'A comment names an indicator that is not part of this target',
  },
  TARGET_CHANGE_REQUEST_PENDING: { status: 409, zh: '已有待审核的调整申请', en: 'A change request is already pending' },
  TARGET_EXPERT_REVIEWS_PENDING: { status: 409, zh: '尚有评审专家未提交评分', en: 'Not every assigned expert has submitted a score' },
  TARGET_NO_EXPERTS_ASSIGNED: { status: 409, zh: '尚未指派评审专家', en: 'No experts are assigned yet' },
  TARGET_NOT_PRE_REVIEWER: {
    status: 403,
    zh: '只有该单位的主管部门（或镇/街道）可以预审其绩效目标',
    en: 'Only the unit’s own department (or town) may pre-review its target',
  },
});
