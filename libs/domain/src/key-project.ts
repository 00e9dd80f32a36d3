/** R1 and R4: which projects are on the key list by amount, and when their evaluations are due. */
import {
  type KeyBasis,
  type KeyProjectListAction,
  type KeyProjectListStatus,
  type ManualKeyBasis,
  Permission,
  type ProjectKind,
} from '@jixiao/contracts';
import { compareMoney, parseMoney } from './money';
import type { PolicyProfileValues } from './policy-profile';
import { type ActionRules, defineActionRules, defineWorkflow } from './workflow';

/**
 * R3: a department's or town's key project list. The department submits it; the finance bureau
 * files it (备案) or returns it with comments; a returned list is revised and submitted again.
 * A filed list is amended by its department (projects that became key after filing): it is
 * editable again while the filed snapshot stays as a numbered revision, and filing it again
 * makes the next revision.
 */
export const KEY_PROJECT_LIST_WORKFLOW = defineWorkflow<KeyProjectListStatus, KeyProjectListAction>({
  name: 'key-project-list',
  states: ['draft', 'submitted', 'filed', 'returned', 'amending'],
  transitions: {
    submit: { from: ['draft', 'returned', 'amending'], to: 'submitted' },
    file: { from: ['submitted'], to: 'filed' },
    return: { from: ['submitted'], to: 'returned' },
    amend: { from: ['filed'], to: 'amending' },
  },
});

/**
 * Who takes each step of R3: the department or town submits and amends its own list; the bureau
 * files or returns it; whoever submitted it never files it (segregation of duties; sending it back
 * approves nothing, so that stays open).
 */
export const KEY_PROJECT_LIST_ACTION_RULES: ActionRules<KeyProjectListAction> = defineActionRules('key_project_list', {
  submit: { permission: Permission.KeyProjectListWrite, ownOrganizationOnly: true },
  file: { permission: Permission.KeyProjectListReview, notByActorOf: 'submit' },
  return: { permission: Permission.KeyProjectListReview },
  amend: { permission: Permission.KeyProjectListWrite, ownOrganizationOnly: true },
});

/** R1: a budget at or above the profile's threshold puts the project on the key list. */
export function isKeyByAmount(amount: string, profile: PolicyProfileValues): boolean {
  parseMoney(amount); // a budget amount is non-negative; throws MoneyFormatError otherwise
  return compareMoney(amount, profile.keyProjects.amountThreshold) >= 0;
}

function assertYear(name: string, year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`${name} must be a year, got ${year}`);
}

/**
 * R4: the last year in which the project's next department key evaluation must take place.
 * A cycle of N years counts from the later of the last evaluation and the year before listing:
 * listed in 2022 and never evaluated → due by 2022 + N − 1; evaluated in 2023 → due by 2023 + N.
 * An evaluation from before the listing does not shorten the first cycle.
 */
export function evaluationDueYear(lastEvaluatedYear: number | null, firstListedYear: number, profile: PolicyProfileValues): number {
  assertYear('firstListedYear', firstListedYear);
  if (lastEvaluatedYear !== null) assertYear('lastEvaluatedYear', lastEvaluatedYear);
  const start = Math.max(lastEvaluatedYear ?? firstListedYear - 1, firstListedYear - 1);
  return start + profile.keyProjects.evaluationCycleYears;
}

/** R4: true once `currentYear` is past the due year without a newer evaluation. */
export function isEvaluationOverdue(
  lastEvaluatedYear: number | null,
  firstListedYear: number,
  currentYear: number,
  profile: PolicyProfileValues,
): boolean {
  assertYear('currentYear', currentYear);
  return currentYear > evaluationDueYear(lastEvaluatedYear, firstListedYear, profile);
}

export interface CoverageProject<Id extends string | number = string> {
  id: Id;
  lastEvaluatedYear: number | null;
  /** The last year the evaluation may take place (evaluationDueYear); when given, the plan never puts it later. */
  dueYear?: number;
}

export interface CoveragePlan<Id extends string | number = string> {
  cycleStartYear: number;
  cycleEndYear: number;
  /** Projects already evaluated within the cycle. */
  covered: Id[];
  /** The remaining projects, spread over the remaining years (current year first). */
  years: { year: number; projectIds: Id[] }[];
}

/**
 * R4: spreads the projects not yet evaluated in the cycle evenly over the cycle's remaining years,
 * `currentYear` included. When they do not divide evenly the earlier years take one more.
 * Projects due earliest come first (when due years are given), then those never evaluated, then
 * those evaluated longest ago; ties keep input order. A project is never planned after its due
 * year: an overdue or due-now project goes into `currentYear` even beyond that year's share.
 */
export function planCoverage<Id extends string | number>(
  projects: readonly CoverageProject<Id>[],
  currentYear: number,
  cycleStartYear: number,
  profile: PolicyProfileValues,
): CoveragePlan<Id> {
  assertYear('currentYear', currentYear);
  assertYear('cycleStartYear', cycleStartYear);
  const cycleEndYear = cycleStartYear + profile.keyProjects.evaluationCycleYears - 1;
  if (currentYear < cycleStartYear || currentYear > cycleEndYear) {
    throw new RangeError(`currentYear ${currentYear} is outside the cycle ${cycleStartYear}–${cycleEndYear}`);
  }
  const isCovered = (p: CoverageProject<Id>) => p.lastEvaluatedYear !== null && p.lastEvaluatedYear >= cycleStartYear;
  const covered = projects.filter(isCovered).map((p) => p.id);
  const remaining = projects
    .filter((p) => !isCovered(p))
    .map((p, index) => ({ p, index }))
    .sort((a, b) => {
      if (a.p.dueYear !== undefined && b.p.dueYear !== undefined && a.p.dueYear !== b.p.dueYear) return a.p.dueYear - b.p.dueYear;
      const ya = a.p.lastEvaluatedYear ?? -Infinity;
      const yb = b.p.lastEvaluatedYear ?? -Infinity;
      return ya === yb ? a.index - b.index : ya - yb;
    })
    .map(({ p }) => p);

  const yearCount = cycleEndYear - currentYear + 1;
  const base = Math.floor(remaining.length / yearCount);
  const extra = remaining.length % yearCount;
  const quota = Array.from({ length: yearCount }, (_, i) => base + (i < extra ? 1 : 0));
  const years: CoveragePlan<Id>['years'] = quota.map((_, i) => ({ year: currentYear + i, projectIds: [] }));
  let slot = 0;
  for (const p of remaining) {
    while (slot < yearCount - 1 && years[slot].projectIds.length >= quota[slot]) slot++;
    const latest = p.dueYear === undefined ? slot : Math.max(0, p.dueYear - currentYear);
    years[Math.min(slot, latest)].projectIds.push(p.id);
  }
  return { cycleStartYear, cycleEndYear, covered, years };
}

/**
 * R1–R2 speak of projects (and policies, 重大政策): a department's overall expenditure (部门整体支出)
 * is never a key project, neither by amount nor by a hand-set basis. The SQL filters take their
 * `kind IN (…)` from this list.
 */
export const KEY_ELIGIBLE_KINDS: readonly ProjectKind[] = ['project', 'policy'];

/** Can a project of this kind be on the key list at all? */
export function canBeKey(kind: ProjectKind | string): boolean {
  return (KEY_ELIGIBLE_KINDS as readonly string[]).includes(kind);
}

/** What `keyBasisOf` reads of a project. */
export interface KeySubject {
  kind: ProjectKind | string;
  budgetAmount: string;
  manualKeyBasis?: ManualKeyBasis | null;
}

/**
 * R1–R2: why a project is on the key list, or null — the one definition used by the project
 * library, the key lists, the expert-review routing of targets and (through KEY_ELIGIBLE_KINDS
 * and the threshold) the SQL filters. Only eligible kinds can be key; basis (1) comes from the
 * amount and the year's threshold and wins over a hand-set basis (2)/(3), so it never goes stale
 * when the amount changes. Without a profile (a year without one) only the hand-set basis counts.
 */
export function keyBasisOf(project: KeySubject, profile: PolicyProfileValues | undefined): KeyBasis | null {
  if (!canBeKey(project.kind)) return null;
  if (profile && isKeyByAmount(project.budgetAmount, profile)) return 'AMOUNT';
  return project.manualKeyBasis ?? null;
}

/**
 * R4: the first year of the evaluation cycle that contains `year`, cycles of the profile's length
 * counted from `anchorYear` (the first year key lists were kept). A year before the anchor starts
 * its own cycle.
 */
export function coverageCycleStart(year: number, anchorYear: number, profile: PolicyProfileValues): number {
  assertYear('year', year);
  assertYear('anchorYear', anchorYear);
  if (year <= anchorYear) return year;
  const n = profile.keyProjects.evaluationCycleYears;
  return anchorYear + Math.floor((year - anchorYear) / n) * n;
}

/** Share covered / total in percent with two decimals, rounded half up, exact ('1' of '3' → '33.33'); '0.00' for none. */
export function coveragePercent(covered: number, total: number): string {
  if (!Number.isInteger(covered) || !Number.isInteger(total) || covered < 0 || total < 0 || covered > total) {
    throw new RangeError(`coveragePercent: ${covered} of ${total}`);
  }
  if (total === 0) return '0.00';
  const n = BigInt(covered) * 10000n;
  const d = BigInt(total);
  let hundredths = n / d;
  if ((n % d) * 2n >= d) hundredths += 1n;
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/**
 * An amount in yuan as 万元 (ten thousand yuan) with two decimals, for the attachment-2 export:
 * exact on integers, rounded half away from zero ('6000000.00' → '600.00', '12345.00' → '1.23',
 * '15000.00' → '1.50', '5000.00' → '0.50', '4999.99' → '0.50').
 */
export function yuanToWan(amount: string): string {
  const cents = parseMoney(amount, { allowNegative: true });
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  // 1 万元 = 1,000,000 cents; hundredths of 万元 = cents / 10,000.
  let hundredths = abs / 10000n;
  if ((abs % 10000n) * 2n >= 10000n) hundredths += 1n;
  const text = `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  return negative && hundredths !== 0n ? `-${text}` : text;
}
