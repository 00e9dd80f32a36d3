import { defineErrors } from '../../common/errors/app-error';

export const SpotCheckErrors = defineErrors({
  SPOT_CHECK_SIZE_INVALID: {
    status: 400,
    zh: '抽查数量须在 1 到可抽取的已完成自评数之间：该年度（范围内）已完成的单位自评共 {population} 份',
    en: 'The sample size must be between 1 and the number of completed self-evaluations to draw from: there are {population}',
  },
  SPOT_CHECK_FINDINGS_REQUIRED: {
    status: 400,
    zh: '认定质量不合格时须写明发现的问题',
    en: 'A deficient verdict needs its findings',
  },
  SPOT_CHECK_CONCLUSION_REQUIRED: {
    status: 400,
    zh: '完成抽查须填写抽查结论',
    en: 'Concluding a spot check needs its conclusion',
  },
  SPOT_CHECK_CONCLUDED: {
    status: 409,
    zh: '该抽查已完成，不能再修改',
    en: 'This spot check has been concluded and can no longer be changed',
  },
  SPOT_CHECK_ITEMS_PENDING: {
    status: 409,
    zh: '尚有抽中的自评未给出结论，不能完成抽查',
    en: 'Some sampled self-evaluations have no verdict yet, so the spot check cannot be concluded',
  },
});
