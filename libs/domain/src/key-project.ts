/** R1 and R4: which projects are on the key list by amount, and when their evaluations are due. */
import { compareMoney, parseMoney } from './money';
import type { PolicyProfileValues } from './policy-profile';

/** R1: a budget at or above the profile's threshold puts the project on the key list. */
export function isKeyByAmount(amount: string, profile: PolicyProfileValues): boolean {
  parseMoney(amount); // a budget amount is non-negative; throws MoneyFormatError otherwise
  return compareMoney(amount, profile.keyProjects.amountThreshold) >= 0;
}

function assertYear(name: string, year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 9999)
    throw new RangeError(`${name} must be a year, got ${year}`);
}

/**
 * R4: the last year in which the project's next department key evaluation must take place.
 * A cycle of N years counts from the later of the last evaluation and the year before listing:
 * listed in 2022 and never evaluated → due by 2022 + N − 1; evaluated in 2023 → due by 2023 + N.
 * An evaluation from before the listing does not shorten the first cycle.
 */
export function evaluationDueYear(
  lastEvaluatedYear: number | null,
  firstListedYear: number,
  profile: PolicyProfileValues,
): number {
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
 * Projects never evaluated come first, then those evaluated longest ago; ties keep input order.
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
      const ya = a.p.lastEvaluatedYear ?? -Infinity;
      const yb = b.p.lastEvaluatedYear ?? -Infinity;
      return ya === yb ? a.index - b.index : ya - yb;
    })
    .map(({ p }) => p.id);

  const yearCount = cycleEndYear - currentYear + 1;
  const base = Math.floor(remaining.length / yearCount);
  const extra = remaining.length % yearCount;
  const years: CoveragePlan<Id>['years'] = [];
  let next = 0;
  for (let i = 0; i < yearCount; i++) {
    const size = base + (i < extra ? 1 : 0);
    years.push({ year: currentYear + i, projectIds: remaining.slice(next, next + size) });
    next += size;
  }
  return { cycleStartYear, cycleEndYear, covered, years };
}
