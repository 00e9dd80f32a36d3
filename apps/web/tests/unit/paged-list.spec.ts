import { describe, expect, it, vi } from 'vitest';
import { compactQuery, toSortParam, usePagedList } from '@/composables/use-paged-list';

describe('paged lists', () => {
  it('maps Element Plus sort events to the list contract', () => {
    expect(toSortParam('username', 'ascending')).toBe('username');
    expect(toSortParam('createdAt', 'descending')).toBe('-createdAt');
    expect(toSortParam('createdAt', null)).toBeUndefined();
  });

  it('sends only the filters the user filled in', () => {
    expect(compactQuery({ q: '', role: 'finance', organizationId: null, tags: [], n: 0 })).toEqual({ role: 'finance', n: 0 });
  });

  it('asks the server for page, pageSize, sort and filters, and resets to page 1 on search', async () => {
    const fetcher = vi.fn().mockResolvedValue({ items: [{ id: 1 }], total: 41 });
    const list = usePagedList(fetcher, { filters: { q: '' }, sort: 'username', pageSize: 20 });
    await list.load();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, sort: 'username' });
    expect(list.total.value).toBe(41);

    list.onPageChange(3);
    await vi.waitFor(() => expect(fetcher).toHaveBeenLastCalledWith({ page: 3, pageSize: 20, sort: 'username' }));

    list.filters.q = 'edu';
    await list.search();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, sort: 'username', q: 'edu' });

    list.onSortChange({ prop: 'createdAt', order: 'descending' });
    await vi.waitFor(() => expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, sort: '-createdAt', q: 'edu' }));
  });

  it('steps back when the page it is on no longer exists', async () => {
    const fetcher = vi
      .fn()
      .mockResolvedValueOnce({ items: [], total: 21 })
      .mockResolvedValueOnce({ items: [{ id: 21 }], total: 21 });
    const list = usePagedList(fetcher, { filters: {}, pageSize: 10 });
    list.page.value = 5;
    await list.load();
    expect(list.page.value).toBe(3);
    expect(fetcher).toHaveBeenLastCalledWith({ page: 3, pageSize: 10 });
  });
});

describe('queryFilters (a link opens the list behind it)', () => {
  it('reads only the page’s filters, as numbers and booleans where they are', async () => {
    const { queryFilters } = await import('@/composables/use-paged-list');
    const defaults = { status: '', year: null as number | null, keyOnly: false, pageSize: 20 };
    expect(queryFilters(defaults, { status: 'submitted', year: '2022', keyOnly: 'true', other: 'x' })).toEqual({
      status: 'submitted',
      year: 2022,
      keyOnly: true,
      pageSize: 20,
    });
    expect(queryFilters(defaults, { year: '20x', keyOnly: 'maybe', pageSize: ['50', '60'] })).toEqual({ ...defaults, pageSize: 50 });
  });
});
