import { hasBidiControl, jsonNestedDeeperThan, nulFields, routeKey, withoutBidiControls } from './hostile-input';

describe('jsonNestedDeeperThan', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(jsonNestedDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonNestedDeeperThan('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(jsonNestedDeeperThan(`{"a":"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(jsonNestedDeeperThan('{"a":"\\"[[[[","b":1}', 1)).toBe(false);
  });

  it('scans 100,000 levels without recursion', () => {
    expect(jsonNestedDeeperThan('['.repeat(100_000) + ']'.repeat(100_000), 32)).toBe(true);
  });
});

describe('nulFields', () => {
  it('names every string and key holding NUL, however deep, in field-error form', () => {
    expect(nulFields({ a: 'x', b: ['ok', 'n\u0000'], c: { d: { e: '\u0000' } }, ['k\u0000']: 1 })).toEqual(['b.1', 'c.d.e', 'k\u0000']);
    expect(nulFields({ q: 'fine', n: 3, t: true, z: null })).toEqual([]);
    expect(nulFields('\u0000', 'id')).toEqual(['id']);
  });

  it('walks 100,000 nested arrays without recursion', () => {
    let deep: unknown = ['\u0000'];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nulFields({ deep })).toHaveLength(1);
  });
});

describe('bidirectional controls', () => {
  it('finds and removes U+202E and friends, and nothing else', () => {
    for (const c of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ]) {
      expect(hasBidiControl(`a${c}b.pdf`)).toBe(true);
      expect(withoutBidiControls(`a${c}b.pdf`)).toBe('ab.pdf');
    }
    expect(hasBidiControl('评估报告（2022）.pdf')).toBe(false);
  });
});

describe('routeKey', () => {
  it('turns an OpenAPI path into the Fastify route pattern', () => {
    expect(routeKey('put', '/api/v1/pre-assessments/{id}/report')).toBe('PUT /api/v1/pre-assessments/:id/report');
  });
});
