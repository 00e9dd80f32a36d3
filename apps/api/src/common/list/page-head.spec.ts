import { pageRows, withHead } from './page-head';

describe('a page statement with a head', () => {
  it('joins the page to the one-row head, the page kept as it is', () => {
    const page = 'SELECT r.* FROM t r ORDER BY r.code LIMIT 3';
    expect(withHead(page, ['(SELECT 1) AS h_a', 'f($1) AS lx_credential'])).toBe(
      `SELECT lx_page.*, lx_head.* FROM (SELECT (SELECT 1) AS h_a, f($1) AS lx_credential) lx_head LEFT JOIN LATERAL (${page}) lx_page ON true`,
    );
  });

  it("numbers the page's rows and joins the head to the first only, when asked", () => {
    const text = withHead('SELECT 1 AS a', ['(SELECT 2) AS h_b'], true);
    expect(text).toContain('row_number() OVER () AS lx_n FROM (SELECT 1 AS a) lx_rows');
    expect(text).toContain('(SELECT (SELECT 2) AS h_b WHERE coalesce(lx_page.lx_n, 1) = 1) lx_head');
  });

  it("drops the head's lone row of an empty page and keeps every row of a page that has rows", () => {
    expect(pageRows([{ ks_k1: null, h_a: 1 }], 'ks_k1')).toEqual([]);
    expect(pageRows([{ h_a: 1 }], 'ks_k1')).toEqual([]);
    const one = [{ ks_k1: 'a', h_a: 1 }];
    expect(pageRows(one, 'ks_k1')).toBe(one);
    const two = [
      { ks_k1: 'a', h_a: 1 },
      { ks_k1: 'b', h_a: 1 },
    ];
    expect(pageRows(two, 'ks_k1')).toBe(two);
    expect(pageRows([], 'ks_k1')).toEqual([]);
  });
});
