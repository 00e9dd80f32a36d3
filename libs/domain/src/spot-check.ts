/**
 * The bureau's spot-check of self-evaluation quality (质量管理, R11): it draws a random sample of
 * the evaluated year's completed self-evaluations — the size is its choice at draw time, no rule
 * number exists for it — checks each sampled one and records a verdict with findings, then
 * concludes once every sampled evaluation is checked.
 */
import { fieldIssue, type FieldError } from './field-issue';

export const SPOT_CHECK_STATUSES = ['open', 'concluded'] as const;
export type SpotCheckStatus = (typeof SPOT_CHECK_STATUSES)[number];

export const SPOT_CHECK_VERDICTS = ['pending', 'adequate', 'deficient'] as const;
export type SpotCheckVerdict = (typeof SPOT_CHECK_VERDICTS)[number];

/** A random integer in [0, maxExclusive): the caller supplies the source (crypto in the API, a fixed one in tests). */
export type RandomInt = (maxExclusive: number) => number;

/**
 * Draws `size` distinct members of `population` uniformly at random (a partial Fisher–Yates
 * shuffle over a copy), in the order drawn. Throws on a size outside 1..population.length —
 * callers check with `sampleSizeIssues` first.
 */
export function drawSample<T>(population: readonly T[], size: number, randomInt: RandomInt): T[] {
  if (!Number.isInteger(size) || size < 1 || size > population.length) {
    throw new RangeError(`sample size ${size} outside 1..${population.length}`);
  }
  const pool = [...population];
  for (let i = 0; i < size; i++) {
    const j = i + randomInt(pool.length - i);
    if (!Number.isInteger(j) || j < i || j >= pool.length) throw new RangeError(`random index ${j} outside ${i}..${pool.length - 1}`);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size);
}

/** The sample size against the population at the draw: at least one, at most every completed self-evaluation. */
export function sampleSizeIssues(size: number, population: number): FieldError[] {
  if (population === 0) {
    return [
      fieldIssue(
        'size',
        'spotCheckEmptyPopulation',
        '该年度（范围内）没有已完成的单位自评可供抽查',
        'There are no completed self-evaluations of that year (and organization) to draw from',
      ),
    ];
  }
  if (size > population) {
    return [
      fieldIssue(
        'size',
        'spotCheckSizeAbovePopulation',
        `抽查数量 ${size} 超过可抽取的已完成自评数 ${population}`,
        `A sample of ${size} is more than the ${population} completed self-evaluations to draw from`,
      ),
    ];
  }
  return [];
}

/** A verdict given to one sampled evaluation: a deficient one needs its findings written down. */
export function verdictIssues(verdict: SpotCheckVerdict, findings: string | null | undefined): FieldError[] {
  if (verdict === 'deficient' && !findings?.trim()) {
    return [
      fieldIssue('findings', 'spotCheckFindingsRequired', '认定质量不合格时须写明发现的问题', 'A deficient verdict needs its findings'),
    ];
  }
  return [];
}

/** How many sampled evaluations still wait for a verdict; the spot-check concludes only at zero. */
export function pendingCount(items: readonly { verdict: SpotCheckVerdict }[]): number {
  return items.filter((i) => i.verdict === 'pending').length;
}
