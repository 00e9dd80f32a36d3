import { MAX_PAGE_SIZE, pageWindow, parseSort } from './list';

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
});
