import { getCurrentInstance, inject, reactive, ref, shallowRef, type Ref } from 'vue';
import { routeLocationKey, type LocationQuery } from 'vue-router';
import { DEFAULT_PAGE_SIZE } from '@jixiao/contracts';
import { showProblem } from '@/utils/problem';

export interface PageQuery {
  page: number;
  pageSize: number;
  sort?: string;
  /** Keyset paging: the position the server handed out for this page (sent instead of jumping). */
  cursor?: string;
}

/**
 * What a list route answers (the list contract, libs/contracts list.ts): `{ items, total }`, and
 * from the shared paginate also a bounded total (`totalExact: false`, e.g. 10000 meaning "10,000
 * or more"), whether there is a next page (`hasMore`), and keyset positions (`nextCursor` /
 * `prevCursor`). The pager shows page numbers and a jump while the total is exact, and pages by
 * the server's positions (previous / next) once it is a lower bound.
 */
export interface PagedAnswer<T> {
  items: T[];
  total: number;
  totalExact?: boolean;
  hasMore?: boolean;
  nextCursor?: string | null;
  prevCursor?: string | null;
}

type Filters = Record<string, unknown>;

/** Filters as sent: empty values ('' and null) are left out. */
export type Compact<F> = { [K in keyof F]?: Exclude<F[K], '' | null> };

/** Drops empty filter values so the query string carries only what the user chose. */
export function compactQuery<T extends Filters>(query: T): Compact<T> {
  const out: Compact<T> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === '' || value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    (out as Filters)[key] = value;
  }
  return out;
}

/** Element Plus `sort-change` → the list contract's `sort` (`field` / `-field`). */
export function toSortParam(prop: string | null | undefined, order: string | null | undefined): string | undefined {
  if (!prop || !order) return undefined;
  return order === 'descending' ? `-${prop}` : prop;
}

/** The list contract's `sort` → Element Plus `default-sort` (the first term only). */
export function fromSortParam(sort: string | undefined): { prop: string; order: 'ascending' | 'descending' } | undefined {
  const first = sort?.split(',')[0]?.trim();
  if (!first) return undefined;
  return first.startsWith('-') ? { prop: first.slice(1), order: 'descending' } : { prop: first, order: 'ascending' };
}

/**
 * A server-paged list (the list contract: page, pageSize, sort, filters → { items, total }).
 * `filters` is reactive and bound to the filter form; `search()` goes back to page 1.
 */
export function usePagedList<T, F extends Filters>(
  fetcher: (query: PageQuery & Compact<F>) => Promise<PagedAnswer<T>>,
  options: { filters: F; sort?: string; pageSize?: number },
) {
  const initial = { ...options.filters };
  const filters = reactive({ ...options.filters }) as F;
  const items = shallowRef<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  /** False when the server counted only up to a bound: `total` then means "at least". */
  const totalExact = ref(true);
  /** Whether a next page exists (from `hasMore`, else from the exact total). */
  const hasMore = ref(false);
  /** True once the server pages by position (cursors): only previous / next are possible. */
  const keyset = ref(false);
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? DEFAULT_PAGE_SIZE);
  const sort = ref<string | undefined>(options.sort);
  const loading = ref(false);
  /** Keyset positions by page number (page 1 has none). */
  let cursors = new Map<number, string>();
  let ticket = 0;

  async function load(): Promise<void> {
    const mine = ++ticket;
    loading.value = true;
    try {
      const cursor = keyset.value ? cursors.get(page.value) : undefined;
      const query = {
        ...compactQuery(filters as Filters),
        page: page.value,
        pageSize: pageSize.value,
        ...(sort.value ? { sort: sort.value } : {}),
        ...(cursor ? { cursor } : {}),
      } as PageQuery & Compact<F>;
      const answer = await fetcher(query);
      if (mine !== ticket) return;
      items.value = answer.items;
      total.value = answer.total;
      totalExact.value = answer.totalExact !== false;
      // page numbers while the total is exact (it then lies within the contract's jump limit);
      // positions once the server counted only up to its bound
      keyset.value = !totalExact.value && (answer.nextCursor !== undefined || answer.prevCursor !== undefined);
      if (answer.nextCursor) cursors.set(page.value + 1, answer.nextCursor);
      if (answer.prevCursor && page.value > 1) cursors.set(page.value - 1, answer.prevCursor);
      hasMore.value =
        answer.hasMore ?? (keyset.value ? !!answer.nextCursor : page.value * pageSize.value < answer.total);
      // a deletion may leave us past the last page (only knowable with an exact total)
      const last = Math.max(1, Math.ceil(answer.total / pageSize.value));
      if (totalExact.value && !keyset.value && page.value > last) {
        page.value = last;
        await load();
      }
    } catch (error) {
      if (mine === ticket) showProblem(error);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  function search(): Promise<void> {
    page.value = 1;
    cursors = new Map();
    return load();
  }

  function reset(): Promise<void> {
    Object.assign(filters, initial);
    return search();
  }

  function onSortChange(event: { prop: string | null; order: string | null }): void {
    sort.value = toSortParam(event.prop, event.order) ?? options.sort;
    void search();
  }

  function onPageChange(next: number): void {
    page.value = next;
    void load();
  }

  function onSizeChange(next: number): void {
    pageSize.value = next;
    void search();
  }

  return {
    items,
    total,
    totalExact,
    hasMore,
    keyset,
    page,
    pageSize,
    sort,
    loading,
    filters,
    load,
    search,
    reset,
    onSortChange,
    onPageChange,
    onSizeChange,
  };
}

/** A paged list as the paged table takes it (the composable's refs unwrapped). */
export type PagedList<T = unknown, F extends Filters = Filters> = ReturnType<typeof usePagedList<T, F>>;

/**
 * Filters a link carries in the page's query string (`?status=submitted&year=2022`), read for
 * every paged page in this one place: only keys the page has as filters; numbers where the
 * default is a number or the key is `year`, booleans where the default is one.
 */
export function queryFilters<F extends Filters>(defaults: F, query: LocationQuery): F {
  const out: Filters = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults)) {
    const raw = query[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value !== 'string' || value === '') continue;
    if (typeof fallback === 'number' || key === 'year') {
      if (/^\d{1,9}$/.test(value)) out[key] = Number(value);
    } else if (typeof fallback === 'boolean') {
      if (value === 'true' || value === 'false') out[key] = value === 'true';
    } else if (typeof fallback === 'string' || fallback === null || fallback === undefined) {
      out[key] = value;
    }
  }
  return out as F;
}

/**
 * `usePagedList`, reactive: what a page passes to `<paged-table :list>` and reads as `list.filters`.
 * The page's query string presets the filters (a workbench link opens the list behind it).
 */
export function usePagedTable<T, F extends Filters>(
  fetcher: (query: PageQuery & Compact<F>) => Promise<PagedAnswer<T>>,
  options: { filters: F; sort?: string; pageSize?: number },
) {
  const list = usePagedList<T, F>(fetcher, options);
  // Reset still goes back to the page's own defaults, not to the link's filters.
  const route = getCurrentInstance() ? inject(routeLocationKey, null) : null;
  if (route) Object.assign(list.filters, queryFilters(options.filters, route.query));
  return reactive(list);
}
