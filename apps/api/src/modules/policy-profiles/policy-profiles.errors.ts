import { defineErrors, fieldError } from '../../common/errors/app-error';
import type { FieldError } from '@jixiao/contracts';

/** A year without a policy profile, said with who must create it (the one wording, used by every module). */
const NO_PROFILE = {
  zh: '{year} 年度尚无政策参数：须由财政局绩效科在“政策参数”中复制已有年度创建该年度参数',
  en: 'There is no policy profile for {year}: the finance bureau’s performance section must create it by copying a year in Policy profiles',
};

export function noProfileMessage(year: number | string): { zh: string; en: string } {
  return { zh: NO_PROFILE.zh.replace('{year}', String(year)), en: NO_PROFILE.en.replace('{year}', String(year)) };
}

/** The field error for a `year` (or other field) naming a year without a profile. */
export function noProfileFieldError(field: string, year: number | string): FieldError {
  const m = noProfileMessage(year);
  return fieldError(field, 'noPolicyProfile', m.zh, m.en);
}

export const PolicyProfileErrors = defineErrors({
  POLICY_PROFILE_NOT_FOUND: { status: 404, zh: NO_PROFILE.zh, en: NO_PROFILE.en },
  POLICY_PROFILE_EXISTS: { status: 409, zh: '该年度政策参数已存在', en: 'That year already has a policy profile' },
  POLICY_PROFILE_INVALID: { status: 400, zh: '政策参数不合法', en: 'The policy profile values are invalid' },
});
