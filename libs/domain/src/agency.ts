/**
 * Rules of the third-party agency registry (第三方机构, R13, N8) that need no database: the state
 * workflow the bureau moves an agency through, which violations fall within the look-back years,
 * which qualifications are still valid, and the check of a unified social credit code. Whether an
 * agency may be commissioned for one evaluation (state, recent violations, ties) is
 * `agencyIndependenceIssues` of the evaluation rules; the look-back here is the same window.
 */
import type { AgencyState, AgencyStateAction } from '@jixiao/contracts';
import { dateInYear, isValidDate } from './calendar';
import { defineWorkflow } from './workflow';

/**
 * Active ↔ suspended (暂停委托), either → blacklisted (列入黑名单), and back to active only by the
 * bureau's reinstatement. Every change carries a reason (the API refuses one without).
 */
export const AGENCY_STATE_WORKFLOW = defineWorkflow<AgencyState, AgencyStateAction>({
  name: 'agency',
  states: ['active', 'suspended', 'blacklisted'],
  transitions: {
    suspend: { from: ['active'], to: 'suspended' },
    blacklist: { from: ['active', 'suspended'], to: 'blacklisted' },
    reinstate: { from: ['suspended', 'blacklisted'], to: 'active' },
  },
});

/**
 * The first day of the look-back window that ends on `onDate`: the same day `lookBackYears` years
 * earlier (29 Feb falls back to 28 Feb in a common year). 0 years: the day itself.
 */
export function lookBackStart(onDate: string, lookBackYears: number): string {
  if (!isValidDate(onDate)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(onDate)}`);
  if (!Number.isInteger(lookBackYears) || lookBackYears < 0) throw new RangeError(`not a number of years: ${String(lookBackYears)}`);
  return dateInYear(Number(onDate.slice(0, 4)) - lookBackYears, onDate.slice(5));
}

/**
 * N8: the violations recorded within `lookBackYears` years up to `onDate` (both ends included;
 * later ones are not yet known on that day), in the order given. The policy profile holds the years.
 */
export function violationsWithin<V extends { date: string }>(violations: readonly V[], onDate: string, lookBackYears: number): V[] {
  const since = lookBackStart(onDate, lookBackYears);
  return violations.filter((v) => isValidDate(v.date) && v.date >= since && v.date <= onDate);
}

/** A qualification is valid through its `validUntil` day; one without an end date does not expire. */
export function isQualificationValid(qualification: { validUntil?: string | null }, onDate: string): boolean {
  return !qualification.validUntil || qualification.validUntil >= onDate;
}

/** The characters of a unified social credit code (GB 32100-2015): digits and capitals without I, O, S, V, Z. */
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character (18th) of the first 17 characters of a unified social credit code. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a unified social credit code has 17 characters before its check character');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARS.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`not a character of a unified social credit code: ${first17[i]}`);
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

/**
 * 统一社会信用代码: 18 characters — registration authority and organization type, the six-digit
 * administrative division of the registering office, the nine-character organization code, and a
 * check character over the first 17 (GB 32100-2015, modulus 31).
 */
export function isUnifiedSocialCreditCode(value: unknown): value is string {
  if (typeof value !== 'string' || !CREDIT_CODE_PATTERN.test(value)) return false;
  return creditCodeCheckCharacter(value.slice(0, 17)) === value[17];
}
