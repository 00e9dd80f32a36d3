import { defineErrors } from '../../common/errors/app-error';

export const IndicatorErrors = defineErrors({
  CATEGORY_NAME_TAKEN: { status: 409, zh: '同一上级下已有同名分类', en: 'A category with this name already exists under the same parent' },
  CATEGORY_TOO_DEEP: { status: 400, zh: '分类只有行业、领域、层级三级', en: 'Categories have three levels only: sector, domain, level' },
  CATEGORY_IN_USE: { status: 409, zh: '分类下还有下级分类或指标，不能删除', en: 'The category still has children or indicators' },
  CATEGORY_NOT_A_LEVEL: { status: 400, zh: '指标须挂在层级分类下', en: 'Indicators belong to a level node of the tree' },
  INDICATOR_NAME_TAKEN: { status: 409, zh: '该分类下已有同名指标', en: 'An indicator with this name already exists in the category' },
  INDICATOR_IN_USE: { status: 409, zh: '指标已被绩效目标引用，不能删除', en: 'The indicator is used by performance targets and cannot be deleted' },
  INDICATOR_NOT_A_PROPOSAL: { status: 404, zh: '不是部门提出的建议指标', en: 'Not a proposal of a department' },
});
