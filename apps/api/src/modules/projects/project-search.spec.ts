import { likeFindsAsIlike, projectSearchSql } from './project-search.sql';

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
