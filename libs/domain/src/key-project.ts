/** R1 and R4: which projects are on the key list by amount, and when their evaluations are due. */
import {
  type KeyBasis,
  type KeyProjectListAction,
  type KeyProjectListStatus,
  type ManualKeyBasis,
  Permission,
  type ProjectKind,
} from '@jixiao/contracts';
import { parseMoney } from './money';
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
  // a budget amount is non-negative (parseMoney throws MoneyFormatError otherwise); the threshold parsed again only when it changes
  return parseMoney(amount) >= thresholdCents(profile.keyProjects.amountThreshold);
}

/** The last threshold parsed, and its cents: a list's rows share their year's threshold (the same string, compared first). */
let lastThreshold: { text: string; cents: bigint } | undefined;
function thresholdCents(text: string): bigint {
  if (lastThreshold?.text !== text) lastThreshold = { text, cents: parseMoney(text, { allowNegative: true }) };
  return lastThreshold.cents;
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
 * `keyBasisOf(...) !== null` as SQL over a projects row's columns: an eligible kind, and the budget
 * at or above `threshold` (an SQL numeric expression, the year's `keyProjects.amountThreshold`;
 * NULL without a profile) or a hand-set basis. For the planner's filter and the stored key flag
 * (migration KeyCoverageStored).
 */
export function isKeyProjectSql(c: { kind: string; budgetAmount: string; manualKeyBasis: string }, threshold: string): string {
  return `(${c.kind} IN (${eligibleKindsSql()}) AND (${c.manualKeyBasis} IS NOT NULL OR COALESCE(${c.budgetAmount} >= ${threshold}, false)))`;
}

function eligibleKindsSql(): string {
  return KEY_ELIGIBLE_KINDS.map((k) => {
    if (!/^[a-z_]+$/.test(k)) throw new Error(`not a kind: ${k}`);
    return `'${k}'`;
  }).join(', ');
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

/**
 * R4 `coverageCycleStart` as an SQL integer expression, the anchor an SQL expression too (e.g. a
 * scalar subquery over the key lists; NULL, no list kept yet, anchors at `year`): the planner's page
 * then needs no statement of its own to find the anchor.
 */
export function coverageCycleStartSql(year: number, anchorSql: string, profile: PolicyProfileValues): string {
  assertYear('year', year);
  const n = sqlInt('evaluationCycleYears', profile.keyProjects.evaluationCycleYears);
  const anchor = `COALESCE(${anchorSql}, ${year})`;
  return `(CASE WHEN ${year} <= ${anchor} THEN ${year} ELSE ${anchor} + ((${year} - ${anchor}) / ${n}) * ${n} END)`;
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

function sqlInt(name: string, n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
  return n;
}

/** R4 `evaluationDueYear` as SQL over integer expressions (the last evaluation year may be NULL). */
export function evaluationDueYearSql(lastEvaluatedYear: string, firstListedYear: string, profile: PolicyProfileValues): string {
  const n = sqlInt('evaluationCycleYears', profile.keyProjects.evaluationCycleYears);
  return `(GREATEST(COALESCE(${lastEvaluatedYear}, (${firstListedYear}) - 1), (${firstListedYear}) - 1) + ${n})`;
}

/**
 * R4 `planCoverage` as SQL, for a planner over a whole city: the same plan, built from the counts
 * of projects by group (department or town) and by the year each must be planned by, so the
 * numbers are aggregates in the database and a project's planned year needs only its rank in its
 * group. The relation `source` has a column `grp` (the group), `last` (last evaluation year or
 * NULL) and `due` (its due year); ties keep the order `tieOrder` (over the row, alias `s`).
 *
 * Why it is the same plan: `planCoverage` orders the open projects by due year, so the projects
 * that must be planned by year i (block i: min(due − current, last year of the cycle)) are
 * consecutive. While the year pointer is at or before i they fill the years' quotas in order;
 * once the quotas up to year i are full (Q_i, cumulative), the rest of block i goes into year i
 * without taking quota ("skipped"). So before block i, skipped = max(0, max over j < i of S_j − Q_j)
 * (S_j: projects through block j), and the k-th open project (from 0) of block i is planned in
 * min(f(k − skipped), i), f(c) the year whose cumulative quota first exceeds c.
 */
export function coveragePlanSql<Y extends number | string>(currentYear: number, cycleStartYear: Y, profile: PolicyProfileValues) {
  assertYear('currentYear', currentYear);
  const cycleYears = sqlInt('evaluationCycleYears', profile.keyProjects.evaluationCycleYears);
  // the cycle's start as a number, or as an SQL expression (coverageCycleStartSql: a cycle that
  // contains the current year by construction) — then the cycle's end and its years are SQL too
  let cycleEndYear: number | string;
  let years: number | string;
  let lastYear: number | string;
  if (typeof cycleStartYear === 'number') {
    assertYear('cycleStartYear', cycleStartYear);
    cycleEndYear = cycleStartYear + cycleYears - 1;
    if (currentYear < cycleStartYear || currentYear > cycleEndYear) {
      throw new RangeError(`currentYear ${currentYear} is outside the cycle ${cycleStartYear}–${cycleEndYear}`);
    }
    years = cycleEndYear - currentYear + 1;
    lastYear = years - 1;
  } else {
    cycleEndYear = `(${cycleStartYear} + ${cycleYears - 1})`;
    years = `(${cycleStartYear} + ${cycleYears - currentYear})`;
    lastYear = `(${cycleStartYear} + ${cycleYears - currentYear - 1})`;
  }
  const covered = (s: string) => `(${s}.last IS NOT NULL AND ${s}.last >= ${cycleStartYear})`;
  const block = (s: string) => `LEAST(GREATEST(${s}.due - ${currentYear}, 0), ${lastYear})`;
  // quotas of a group of n open projects: base each, the first `extra` years one more
  const base = (n: string) => `(${n} / ${years})`;
  const extra = (n: string) => `(${n} % ${years})`;
  /** Q_j: the quota of years 0..j together. */
  const quotaThrough = (j: string, n: string) => `(((${j}) + 1) * ${base(n)} + LEAST((${j}) + 1, ${extra(n)}))`;
  /** f(c): the year (from 0) whose cumulative quota first exceeds c. */
  const yearOf = (count: string, n: string) => {
    const c = `(${count})`;
    return (
      `LEAST(CASE WHEN ${c} < ${extra(n)} * (${base(n)} + 1) THEN ${c} / (${base(n)} + 1) ` +
      `ELSE ${extra(n)} + (${c} - ${extra(n)} * (${base(n)} + 1)) / NULLIF(${base(n)}, 0) END, ${lastYear})`
    );
  };

  /** Per group and block: size, n (open projects of the group), before (open projects in earlier blocks), skipped. */
  const blocks = (source: string) => `
    SELECT b.grp, b.blk, b.size, b.n, b.before, ${quotaThrough('b.blk', 'b.n')} AS quota_through,
           GREATEST(0, COALESCE(MAX(b.before + b.size - ${quotaThrough('b.blk', 'b.n')})
             OVER (PARTITION BY b.grp ORDER BY b.blk ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)) AS skipped
      FROM (SELECT g.grp, g.blk, g.size, (SUM(g.size) OVER (PARTITION BY g.grp))::int AS n,
                   (SUM(g.size) OVER (PARTITION BY g.grp ORDER BY g.blk))::int - g.size AS before
              FROM (SELECT s.grp, ${block('s')} AS blk, count(*)::int AS size
                      FROM (${source}) s WHERE NOT ${covered('s')} GROUP BY 1, 2) g) b`;

  return {
    cycleStartYear,
    cycleEndYear: cycleEndYear as Y,
    /** Is the row (alias) covered within the cycle? */
    covered,
    /** The columns of `yearColumns`, the current year first. */
    planColumns: Array.from({ length: cycleYears }, (_, i) => `c${i}`),
    /**
     * Per group with open projects: `grp` and the columns `planColumns`, `ci` the number of projects
     * planned in `currentYear + i` (0 past the cycle's end). With `weight`, each row of `source`
     * stands for that many projects (its column `weight`, as the stored counts are). The arithmetic
     * above over a group's block sizes as columns of one row — no window, no row per group and
     * year — so a city's plan (hundreds of groups) costs a projection per group, and the plan of a
     * whole scope is the columns' sums.
     */
    yearColumns: (source: string, weight?: string) => {
      const k = Array.from({ length: cycleYears }, (_, i) => i);
      const col = (prefix: string) => k.map((i) => `${prefix}${i}`);
      const sum = (terms: string[]) => (terms.length ? terms.join(' + ') : '0');
      const size = weight ? `s.${weight}` : '1';
      // each level is computed once per group (OFFSET 0: not inlined into the next level's expressions)
      const sizes = `SELECT s.grp, ${k.map((i) => `COALESCE(sum(${size}) FILTER (WHERE ${block('s')} = ${i}), 0)::int AS s${i}`).join(', ')}
          FROM (${source}) s WHERE NOT ${covered('s')} GROUP BY 1`;
      const quotas = `SELECT z.*, ${k.map((j) => `${quotaThrough(String(j), 'z.n')} AS q${j}`).join(', ')}
          FROM (SELECT g.*, (${sum(col('g.s'))}) AS n FROM (${sizes}) g OFFSET 0) z OFFSET 0`;
      // block i: before it `before_i` projects; skipped_i = max(0, max over j < i of S_j − Q_j) (see above)
      const before = (i: number) => `(${sum(k.slice(0, i).map((j) => `q.s${j}`))})`;
      const skipped = (i: number) =>
        i === 0
          ? '0'
          : `GREATEST(0, ${k
              .slice(0, i)
              .map((j) => `${before(j + 1)} - q.q${j}`)
              .join(', ')})`;
      const spans = `SELECT q.*, ${k
        .map((i) => `${before(i)} - ${skipped(i)} AS f${i}, ${before(i + 1)} - ${skipped(i)} AS l${i}`)
        .join(', ')}
          FROM (${quotas}) q OFFSET 0`;
      const caps = `SELECT v.*, ${k.map((i) => `LEAST(v.l${i}, v.q${i}) AS m${i}`).join(', ')} FROM (${spans}) v OFFSET 0`;
      // year y takes of block i what lies between the quotas through y − 1 and through y (the last year: all), and block y's overflow
      const inYear = (y: number) => {
        const hi = `CASE WHEN ${y} = ${lastYear} THEN w.n ELSE w.q${y} END`;
        const lo = y === 0 ? '0' : `w.q${y - 1}`;
        const spread = k.map((i) => `GREATEST(0, LEAST(w.m${i}, ${hi}) - GREATEST(w.f${i}, ${lo}))`);
        return `CASE WHEN ${y} > ${lastYear} THEN 0 ELSE ${sum(spread)} + w.l${y} - w.m${y} END::int AS c${y}`;
      };
      return `SELECT w.grp, ${k.map(inYear).join(', ')} FROM (${caps}) w`;
    },
    /** Every row of `source` with `covered` and `planned_year` (NULL when covered). */
    rows: (source: string, tieOrder: string) => `
      SELECT u.*, CASE WHEN u.covered THEN NULL ELSE (${currentYear} + LEAST(${yearOf('u.k - bl.skipped', 'bl.n')}, u.blk))::int END AS planned_year
        FROM (SELECT s.*, ${covered('s')} AS covered, ${block('s')} AS blk,
                     row_number() OVER (PARTITION BY s.grp, ${covered('s')} ORDER BY s.due, s.last NULLS FIRST, ${tieOrder}) - 1 AS k
                FROM (${source}) s) u
        LEFT JOIN (${blocks(source)}) bl ON bl.grp = u.grp AND bl.blk = u.blk AND NOT u.covered`,
  };
}
