import { defineErrors } from '../../common/errors/app-error';

export const AgencyErrors = defineErrors({
  AGENCY_CODE_TAKEN: { status: 409, zh: '机构编码已存在', en: 'The organization code is already used' },
  AGENCY_CREDIT_CODE_TAKEN: {
    status: 409,
    zh: '该统一社会信用代码已登记在另一家机构名下',
    en: 'Another agency is registered with this unified social credit code',
  },
  AGENCY_REASON_REQUIRED: { status: 400, zh: '变更机构状态须说明理由', en: 'A state change needs a reason' },
  AGENCY_TIE_ORGANIZATION_INVALID: {
    status: 400,
    zh: '关联机构须为财政局、预算部门、预算单位或镇街',
    en: 'The tied organization must be the finance bureau, a department, a unit or a town',
  },
  AGENCY_VIOLATION_IN_FUTURE: { status: 400, zh: '违规日期不能晚于今天', en: 'A violation cannot be dated after today' },
  AGENCY_TIE_IN_FUTURE: { status: 400, zh: '申报日期不能晚于今天', en: 'A tie cannot be declared after today' },
  AGENCY_QUALIFICATION_DUPLICATE: {
    status: 400,
    zh: '同一资质证书编号不能重复登记',
    en: 'The same qualification number is listed twice',
  },
});
