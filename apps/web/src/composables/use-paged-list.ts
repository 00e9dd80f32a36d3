import { reactive, ref, shallowRef, type Ref } from 'vue';
import { DEFAULT_PAGE_SIZE } from '@jixiao/contracts';
import { showProblem } from '@/utils/problem';

export interface PageQuery {
  page: number;
  pageSize: number;
  sort?: string;
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

/**
 * A server-paged list (the list contract: page, pageSize, sort, filters → { items, total }).
 * `filters` is reactive and bound to the filter form; `search()` goes back to page 1.
 */
export function usePagedList<T, F extends Filters>(
  fetcher: (query: PageQuery & Compact<F>) => Promise<{ items: T[]; total: number }>,
  options: { filters: F; sort?: string; pageSize?: number },
) {
  const initial = { ...options.filters };
  const filters = reactive({ ...options.filters }) as F;
  const items = shallowRef<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? DEFAULT_PAGE_SIZE);
  const sort = ref<string | undefined>(options.sort);
  const loading = ref(false);
  let ticket = 0;

  async function load(): Promise<void> {
    const mine = ++ticket;
    loading.value = true;
    try {
      const query = {
        ...compactQuery(filters as Filters),
        page: page.value,
        pageSize: pageSize.value,
        ...(sort.value ? { sort: sort.value } : {}),
      } as PageQuery & Compact<F>;
      const answer = await fetcher(query);
      if (mine !== ticket) return;
      items.value = answer.items;
      total.value = answer.total;
      // a deletion may leave us past the last page
      const last = Math.max(1, Math.ceil(answer.total / pageSize.value));
      if (page.value > last) {
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

  return { items, total, page, pageSize, sort, loading, filters, load, search, reset, onSortChange, onPageChange, onSizeChange };
}
