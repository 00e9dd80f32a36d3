import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageRowsRead, pageWindow, parseSort, SEARCH_PAGE_ROWS } from './list';

describe('list contract', () => {
  it('parses ascending and descending terms and keeps only allowed fields', () => {
    expect(parseSort('name,-createdAt,bogus', ['name', 'createdAt'])).toEqual({
      terms: [
        { field: 'name', direction: 'ASC' },
        { field: 'createdAt', direction: 'DESC' },
      ],
      unknown: ['bogus'],
    });
  });

  it('caps the page size on the server and never skips negative rows', () => {
    expect(pageWindow(1, 10_000)).toEqual({ skip: 0, take: MAX_PAGE_SIZE });
    expect(pageWindow(-3, 0)).toEqual({ skip: 0, take: 1 });
    expect(pageWindow(3, 20)).toEqual({ skip: 40, take: 20 });
  });

  it('reads one row more than the page, and a search at least SEARCH_PAGE_ROWS', () => {
    const no = () => false;
    const yes = () => true;
    expect(pageRowsRead(1, no)).toBe(2);
    expect(pageRowsRead(DEFAULT_PAGE_SIZE, no)).toBe(DEFAULT_PAGE_SIZE + 1);
    expect(SEARCH_PAGE_ROWS).toBe(DEFAULT_PAGE_SIZE + 1);
    expect(pageRowsRead(1, yes)).toBe(SEARCH_PAGE_ROWS);
    expect(pageRowsRead(5, yes)).toBe(SEARCH_PAGE_ROWS);
    expect(pageRowsRead(50, yes)).toBe(51);
    expect(pageRowsRead(MAX_PAGE_SIZE, yes)).toBe(MAX_PAGE_SIZE + 1);
    // a page as large as what a search reads anyway never asks whether it searches
    const asked: number[] = [];
    expect(pageRowsRead(DEFAULT_PAGE_SIZE, () => asked.push(1) > 0)).toBe(DEFAULT_PAGE_SIZE + 1);
    expect(asked).toEqual([]);
  });
});
