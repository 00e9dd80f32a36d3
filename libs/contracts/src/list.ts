/**
 * The one list contract: `page` (from 1), `pageSize` (capped on the server), `sort`
 * ("field" ascending, "-field" descending, comma-separated), `cursor` (keyset position), filters
 * per route; the answer is `{ items, total, totalExact, hasMore, nextCursor, prevCursor }`.
 *
 * - The total is counted only up to the request's bound (`countBound`: COUNT_BOUND, or
 *   SEARCH_COUNT_BOUND for a text search): above it `total` is the bound and `totalExact` false
 *   ("10,000+", "1,000+").
 * - Page numbers reach only the first PAGE_JUMP_LIMIT rows (page × pageSize); further on, the list
 *   is paged by position: `cursor` = the `nextCursor` (or `prevCursor`) of the page before, which
 *   reads only the rows it returns and stays stable while rows are inserted.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;
/** Rows counted at most for a list's total; beyond it the total is a lower bound. */
export const COUNT_BOUND = 10_000;
/**
 * Rows counted at most for the total of a list filtered by a text search (`q`): each match is
 * checked against the pattern row by row (`ILIKE` over Chinese text), so a count costs about 20 µs
 * a match — on a city year counting 10,001 matches of 信息化 took 30–40 ms, 1,001 about 20 ms, 201
 * about 5 ms. People narrow a search ("200+") rather than count its matches; every match is still
 * reached page by page.
 */
export const SEARCH_COUNT_BOUND = 200;

/**
 * A count made up to `bound` + 1 rows as the contract shows it: exact up to the bound, above it the
 * bound standing for "at least that many" (`exact` false: "10,000+"). Lists' totals and the
 * workbench's to-do counts both go through it.
 */
export function boundedCount(n: number, bound: number = COUNT_BOUND): { count: number; exact: boolean } {
  return n > bound ? { count: bound, exact: false } : { count: n, exact: true };
}

/** How far a list request's total is counted: SEARCH_COUNT_BOUND when it searches text (`q`), else COUNT_BOUND. */
export function countBound(query: object): number {
  const q = (query as { q?: unknown }).q;
  return typeof q === 'string' && q.trim() !== '' ? SEARCH_COUNT_BOUND : COUNT_BOUND;
}
/**
 * Rows a text search's page statement reads at least (`pageRowsRead`): a smaller page of a search is
 * read as this many and cut on the server. Why: PostgreSQL guesses a rare word's matches (one not in
 * its sampled statistics) at up to 0.5 % of the rows, and with `LIMIT 2` it then walks the list's
 * order index expecting a match every ~200 rows — through all 200,000 rows of the city year when the
 * word has 3 matches (`?q=医院&pageSize=1`: 0.35–0.57 s). Read as 21 rows, the index of the words is
 * cheaper in its own costing at that guess (on the city year it is from 8 rows on; the walk would be
 * chosen again for 21 rows at about 560,000 rows a year). The default page reads this many anyway.
 */
export const SEARCH_PAGE_ROWS = DEFAULT_PAGE_SIZE + 1;

/**
 * How many rows a page statement reads for a page of `take` rows: one more than the page (to know
 * whether more follow), and at least SEARCH_PAGE_ROWS when it searches text — `searched` asked only
 * when the page is smaller than that (it may look through the statement's text). A statement that comes
 * back with fewer rows than it read has read the list to its end: its total is known without a count.
 */
export function pageRowsRead(take: number, searched: () => boolean): number {
  return take + 1 < SEARCH_PAGE_ROWS && searched() ? SEARCH_PAGE_ROWS : take + 1;
}

/** How far page numbers reach (rows); deeper pages are reached by cursor. */
export const PAGE_JUMP_LIMIT = 10_000;

export interface ListQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  cursor?: string;
}

export interface ListResult<T> {
  items: T[];
  total: number;
  /** False when `total` is the request's count bound standing for "at least that many" (`countBound`). */
  totalExact?: boolean;
  /** Whether a page follows this one. */
  hasMore?: boolean;
  /** The position after this page's last row (`cursor` of the next page); null on the last page. */
  nextCursor?: string | null;
  /** The position before this page's first row (`cursor` of the previous page); null on the first. */
  prevCursor?: string | null;
}

export interface SortTerm {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** Parses "name,-createdAt" into terms, keeping only allowed fields; unknown fields are reported. */
export function parseSort(sort: string | undefined, allowed: readonly string[]): { terms: SortTerm[]; unknown: string[] } {
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

/** The formats every export route offers (streamed, no row cap but the xlsx sheet's own). */
export const EXPORT_FORMATS = ['xlsx', 'csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Rows of data an .xlsx sheet holds (1,048,576 less the header); a larger export is refused up front. */
export const EXPORT_XLSX_ROW_LIMIT = 1_048_575;
