import { likeFindsAsIlike, projectSearchSql, searchKeyFrequent } from './project-search.sql';

describe('project search: LIKE where it finds what ILIKE finds', () => {
  it('takes a word of Chinese characters, digits, punctuation and full-width punctuation as one without case', () => {
    for (const word of ['信息化', '完成100%_指标', '𠀀古籍', '测\\试', '（一）', '，。', '-0', '07', ' ', 'カタ', '한국']) {
      expect({ word, like: likeFindsAsIlike(word) }).toEqual({ word, like: true });
    }
  });

  it('leaves to ILIKE a word holding a letter with case or one that is part of another lowered (İ by ICU: i and U+0307)', () => {
    const cased = ['a', 'Z', '信息a', 'ａｂ', 'ＡＢ测试', 'é', '\u212a', 'Ⅱ期', 'ⅱ期', 'σαβ', 'İ', '\u0307测试', 'ǅ', 'ß测'];
    for (const word of cased) {
      expect({ word, like: likeFindsAsIlike(word) }).toEqual({ word, like: false });
    }
  });

  it('writes the search of a longer word with LIKE when it has no case, with ILIKE otherwise, on the indexes or the caller’s own rows', () => {
    const sql = (q: string, narrow: boolean) => projectSearchSql('p', q, () => '$1', narrow);
    expect(sql('信息化', false)).toBe('(p.name LIKE $1 OR p.code LIKE $1)');
    expect(sql('信息化', true)).toBe(`((p.name || '') LIKE $1 OR (p.code || '') LIKE $1)`);
    expect(sql('abc', false)).toBe('(p.name ILIKE $1 OR p.code ILIKE $1)');
    expect(sql('ⅱ期工', true)).toBe(`((p.name || '') ILIKE $1 OR (p.code || '') ILIKE $1)`);
  });
});

describe('project search: a department reads a rare word of two characters through the index of keys', () => {
  const common = new Set(['建设', '信息', 'ab']);

  it('takes a word of two characters as rare only when statistics were read and its lowered pair is not among the common keys', () => {
    const rare = ['医院', 'zq', 'Zq', '学校', 'a信'];
    const mayBeFrequent = ['建设', '信息', 'AB', 'aB', '鑫', '建', 'z', '信息化'];
    expect(rare.map((q) => [q, searchKeyFrequent(q, common)])).toEqual(rare.map((q) => [q, false]));
    expect(mayBeFrequent.map((q) => [q, searchKeyFrequent(q, common)])).toEqual(mayBeFrequent.map((q) => [q, true]));
    // no statistics: every word may be frequent
    expect(['医院', 'zq'].map((q) => searchKeyFrequent(q, null))).toEqual([true, true]);
  });

  it('writes the keys as a test no index answers for a department only where the word may be frequent', () => {
    const sql = (q: string, narrow: boolean, frequent: boolean) => projectSearchSql('p', q, () => '$1', narrow, null, frequent);
    expect(sql('建设', true, true)).toContain('(p.search_keys @@ jx_search_query(CAST($1 AS text))) IS TRUE');
    for (const [narrow, frequent] of [
      [true, false],
      [false, true],
      [false, false],
    ]) {
      const text = sql('医院', narrow, frequent);
      expect({ narrow, frequent, text }).toEqual({ narrow, frequent, text: expect.stringMatching(/^\(p\.search_keys @@ jx_search_query/) });
      expect(text).not.toContain('IS TRUE');
    }
  });
});
