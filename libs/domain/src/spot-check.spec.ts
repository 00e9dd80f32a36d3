import { drawSample, pendingCount, sampleSizeIssues, verdictIssues } from './spot-check';

/** A deterministic source: yields the given indexes in turn (each taken modulo the range). */
const sequence = (values: number[]) => {
  let n = 0;
  return (max: number) => values[n++ % values.length] % max;
};

describe('spot-check of self-evaluation quality', () => {
  it('draws the requested number of distinct members, in the order drawn', () => {
    const population = ['a', 'b', 'c', 'd', 'e'];
    // i=0: j=0+2 → c; i=1: j=1+0 → b (pool now c,b,a,d,e); i=2: j=2+2 → e.
    expect(drawSample(population, 3, sequence([2, 0, 2]))).toEqual(['c', 'b', 'e']);
    expect(population).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('draws the whole population when the size equals it, each once', () => {
    const sample = drawSample([1, 2, 3, 4], 4, sequence([3, 1, 1, 0]));
    expect([...sample].sort()).toEqual([1, 2, 3, 4]);
  });

  it('gives every member a chance: over all random choices each member is drawn', () => {
    const seen = new Set<number>();
    for (let k = 0; k < 5; k++) drawSample([0, 1, 2, 3, 4], 1, () => k).forEach((x) => seen.add(x));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a size outside 1..population and a random source out of range', () => {
    expect(() => drawSample([1, 2], 3, () => 0)).toThrow(RangeError);
    expect(() => drawSample([1, 2], 0, () => 0)).toThrow(RangeError);
    expect(() => drawSample([1, 2], 1, () => 2)).toThrow(RangeError);
  });

  it('checks the sample size against the population at the draw', () => {
    expect(sampleSizeIssues(3, 3)).toEqual([]);
    expect(sampleSizeIssues(4, 3)).toEqual([expect.objectContaining({ field: 'size', code: 'spotCheckSizeAbovePopulation' })]);
    expect(sampleSizeIssues(1, 0)).toEqual([expect.objectContaining({ field: 'size', code: 'spotCheckEmptyPopulation' })]);
  });

  it('wants findings for a deficient verdict only', () => {
    expect(verdictIssues('deficient', '  ')).toEqual([expect.objectContaining({ field: 'findings', code: 'spotCheckFindingsRequired' })]);
    expect(verdictIssues('deficient', null)).toHaveLength(1);
    expect(verdictIssues('deficient', '指标值无佐证')).toEqual([]);
    expect(verdictIssues('adequate', null)).toEqual([]);
  });

  it('counts the sampled evaluations still pending', () => {
    expect(pendingCount([{ verdict: 'pending' }, { verdict: 'adequate' }, { verdict: 'deficient' }, { verdict: 'pending' }])).toBe(2);
    expect(pendingCount([])).toBe(0);
  });
});
