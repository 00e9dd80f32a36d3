/**
 * The one list contract: `page` (from 1), `pageSize` (capped on the server), `sort`
 * ("field" ascending, "-field" descending, comma-separated), filters per route;
 * the answer is `{ items, total }`.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

export interface ListQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
}

export interface ListResult<T> {
  items: T[];
  total: number;
}

export interface SortTerm {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** Parses "name,-createdAt" into terms, keeping only allowed fields; unknown fields are reported. */
export function parseSort(
  sort: string | undefined,
  allowed: readonly string[],
): { terms: SortTerm[]; unknown: string[] } {
  const terms: SortTerm[] = [];
  const unknown: string[] = [];
  if (!sort) return { terms, unknown };
  for (const raw of sort.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const desc = part.startsWith('-');
    const field = desc ? part.slice(1) : part.replace(/^\+/, '');
    if (!allowed.includes(field)) unknown.push(field);
    else if (!terms.some((t) => t.field === field)) terms.push({ field, direction: desc ? 'DESC' : 'ASC' });
  }
  return { terms, unknown };
}

export function pageWindow(page = 1, pageSize = DEFAULT_PAGE_SIZE): { skip: number; take: number } {
  const take = Math.min(Math.max(1, Math.trunc(pageSize)), MAX_PAGE_SIZE);
  const skip = (Math.max(1, Math.trunc(page)) - 1) * take;
  return { skip, take };
}
