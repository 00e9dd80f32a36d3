import { defineErrors } from '../../common/errors/app-error';

export const TargetReviewErrors = defineErrors({
  EXPERT_CONFLICT_OF_INTEREST: {
    status: 400,
    zh: '利益冲突回避：专家不能评审本单位或其上下级单位的绩效目标',
    en: 'Conflict of interest: an expert may not review their own organization or its parent or units',
  },
  EXPERT_NOT_IN_POOL: {
    status: 400,
    zh: '所选人员不在有效的评审专家库中',
    en: 'A chosen person is not an active member of the expert pool',
  },
  EXPERT_ROLE_REQUIRED: {
    status: 400,
    zh: '只有具有评审专家角色的用户才能加入专家库',
    en: 'Only users with the expert role can join the expert pool',
  },
  EXPERT_EXISTS: { status: 409, zh: '该用户已在专家库中', en: 'The user is already in the expert pool' },
  EXPERT_REVIEW_SCORE_OUT_OF_RANGE: { status: 400, zh: '评分超出范围', en: 'The score is out of range' },
  EXPERT_REVIEW_NOT_YOURS: { status: 403, zh: '只能提交指派给本人的评审', en: 'You can only submit reviews assigned to you' },
  EXPERT_REVIEW_CLOSED: { status: 409, zh: '该绩效目标不在专家评审阶段', en: 'The target is not in expert review' },
});
