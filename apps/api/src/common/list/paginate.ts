import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  boundedCount,
  COUNT_BOUND,
  countBound,
  ListResult,
  PAGE_JUMP_LIMIT,
  pageRowsRead,
  pageWindow,
  parseSort,
  type SortTerm,
} from '@jixiao/contracts';
import { SEARCH_CONDITION } from '../../database/named-statement';
import { CREDENTIAL_COLUMN, credentialColumn } from '../auth/credential-check';
import { CommonErrors } from '../errors/common.errors';
import { fieldError } from '../errors/app-error';
import type { ListQueryDto } from './list-query.dto';
import { readPlanned, readRaw, readsItself } from './read-page';
import { pageRows, withHead } from './page-head';
import { pagePlan, queryShape, shapeId, type PagePlan } from './page-plans';
import { assertSameItems, jsonItemsMode, jsonObjectSql, JsonText, withFields, type JsonFields } from './json-items';
import {
  countUpTo,
  countUpToSql,
  decodeCursor,
  encodeCursor,
  joinsAsLeftWherever,
  keyColumn,
  keysetCondition,
  orderByKeys,
  rowKeys,
  withNullability,
  type KeyTerm,
} from './keyset';

/**
 * Runs a list query under the list contract: sort only by allowed fields (mapped to columns),
 * a stable tie-break on id, a server-capped page, page numbers as far as PAGE_JUMP_LIMIT and
 * keyset positions (`cursor`) beyond, a total counted up to the request's bound (`countBound`;
 * not at all when the page itself shows it), and `{ items, total, totalExact, hasMore, nextCursor, prevCursor }`.
 *
 * The page is one statement (rows, their sort keys and — when its joins read one row each — the
 * bounded count); a count of its own only for joins that multiply rows or an empty page.
 *
 * With `json` (the list's DTO as SQL, json-items.ts) and joins that read one row each, PostgreSQL
 * writes each item's JSON in the page statement and the page selects nothing else of the rows: the
 * items are `JsonText`, put into the answer as they are (no entities, no mapping, no stringify).
 * Under jest the page is also read and mapped as without `json` (`map`, then `finish`) and the two
 * compared, so every test reading the list proves its SQL form equal to its mapping.
 */
export async function paginate<T extends ObjectLiteral, R, D = R>(
  qb: SelectQueryBuilder<T>,
  query: ListQueryDto,
  options: {
    sortable: Record<string, string>;
    defaultSort: string;
    map: (row: T, columns: Record<string, unknown>) => R;
    /** The page's mapped items made into the list's DTOs together (e.g. with the policy profiles of their years). */
    finish?: (items: R[]) => D[] | Promise<D[]>;
    /** The list's DTO as SQL (json-items.ts): its items written by PostgreSQL, equal to `finish(map(…))`. */
    json?: JsonFields;
    /**
     * Fields the JSON cannot write (they depend on the caller — the actions it may take — or on a
     * rule of libs/domain with the year's profile), made in Node for the page's rows together from
     * `columns` (SQL over the query's aliases, selected beside the JSON) and joined onto each item's text.
     */
    jsonPlus?: {
      columns: Record<string, string>;
      add: (rows: Record<string, any>[]) => Record<string, unknown>[] | Promise<Record<string, unknown>[]>;
    };
    /**
     * Per-row values computed in the page statement itself (names, counts, a child collection as
     * `json_agg`…): SQL expressions by name, usually correlated subqueries on the list's alias,
     * handed to `map` with their row — instead of a statement of their own after the page.
     */
    columns?: Record<string, string>;
  },
): Promise<ListResult<D>> {
  const terms = sortTerms(query, options);
  const keys: KeyTerm[] = withNullability(qb, [
    ...terms.map((t) => ({ expr: options.sortable[t.field], direction: t.direction })),
    { expr: `${qb.alias}.id`, direction: 'ASC' as const },
  ]);
  const sortKey = terms.map((t) => (t.direction === 'DESC' ? '-' : '') + t.field).join(',');
  const { skip, take } = pageWindow(query.page, query.pageSize);
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor, sortKey, keys.length);
  if (!cursor && skip >= PAGE_JUMP_LIMIT) throw pageTooDeep();

  const backwards = cursor?.before ?? false;
  const position = cursor ? keysetCondition(keys, cursor.values, backwards) : null;
  const columns = Object.entries(options.columns ?? {});
  // the caller's credential confirmed by this statement (an uncorrelated subquery, run once), when it waits for it
  const credentialParams: Record<string, string> = {};
  const credential = credentialColumn((key) => {
    credentialParams.lxCredentialKey = key;
    return ':lxCredentialKey';
  });
  const bound = countBound(query);
  // the list's default order, which its index follows: a search's bounded count reads in it (countUpToSql)
  const countOrder: KeyTerm[] = [
    ...defaultSortTerms(options).map((t) => ({ expr: options.sortable[t.field], direction: t.direction })),
    { expr: `${qb.alias}.id`, direction: 'ASC' },
  ];
  // the items' JSON written by PostgreSQL when every join reads one row each and the page reads itself
  const written = options.json && joinsOnlyOneRowEach(qb) && readsItself(qb.expressionMap) ? jsonObjectSql(qb, options.json) : null;
  const json = written?.sql ?? null;
  // the page selects only ids, keys and the JSON, unless the entities are read beside it to be compared
  const narrow = json !== null && !jsonItemsMode.verify;
  // the page statement of this list shape, built at its first request (page-plans.ts)
  const shape = shapeId(queryShape(qb));
  let built: SelectQueryBuilder<T> | null = null;
  const plan = pagePlan(
    qb.connection,
    shape === null
      ? null
      : [
          shape,
          keys.map((k) => `${k.expr} ${k.direction} ${k.nullable ? 1 : 0}`).join(','),
          backwards ? 1 : 0,
          cursor ? 1 : 0,
          position?.sql ?? '',
          skip,
          take,
          bound,
          credential?.sql ?? '',
          // each column's text by its number (page-plans.ts): the same texts at every request, not joined into the key again
          columns.map(([name, expr]) => `${name}=${shapeId(expr)}`).join('\u0001'),
          options.defaultSort,
          written?.key ?? '',
          narrow ? 1 : 0,
          written ? Object.entries(options.jsonPlus?.columns ?? {}).join('\u0001') : '',
        ].join('\u0003'),
    () => {
      const { page, oneRowEach, counts, rowsRead } = buildPage(qb, {
        keys,
        countOrder,
        backwards,
        position,
        columns,
        bound,
        cursor: cursor !== null,
        skip,
        take,
        json,
        plus: json ? Object.values(options.jsonPlus?.columns ?? {}) : [],
        narrow,
      });
      built = page;
      const plain = readsItself(page.expressionMap);
      // the credential's check in the head of the statement read here (page-head.ts: a row even for an empty page);
      // one TypeORM reads itself (getRawAndEntities) selects it as a column of its rows
      if (credential && !plain) page.addSelect(credential.sql, CREDENTIAL_COLUMN);
      // a statement TypeORM reads itself is built there: its text is neither kept nor needed
      if (plain && !narrow) page.expressionMap.queryEntity = true; // as getRawAndEntities builds it: primary keys selected for the entities
      const text = plain ? page.getQuery() : '';
      return {
        text: credential && plain ? withHead(text, [credential.head]) : text,
        map: page.expressionMap,
        oneRowEach,
        counts,
        plain,
        rowsRead,
        json: json !== null,
      };
    },
  );
  const params = { ...qb.getParameters(), ...position?.params, ...credentialParams };
  // the check's fingerprint read from the head, and the page's own rows kept (the tie-break key, the id, is never NULL in them)
  const marker = keyColumn(keys.length - 1);
  const headed = credential?.headed(marker);
  const { entities, raw } = narrow
    ? { entities: null, raw: await readRaw(qb, plan, params, headed) }
    : plan.plain
      ? await readPlanned(qb, plan, params, headed)
      : await (built as SelectQueryBuilder<T> | null)!.getRawAndEntities();
  if (credential && !plan.plain) credential.settle(raw);
  const oneRowEach = plan.oneRowEach;

  // the page's rows: entities, or (JSON written by PostgreSQL, one raw row a list row) the raw rows
  const idKey = `${qb.alias}_id`;
  const listed = (entities ?? raw.map((r) => ({ id: r[idKey] }))) as T[];
  const more = listed.length > take;
  const rows = listed.slice(0, take);
  if (backwards) rows.reverse();
  const keysOf = rowKeys(raw, qb.alias, keys.length, rows.length ? [rows[0].id, rows[rows.length - 1].id] : []);
  const columnsOf = new Map<unknown, Record<string, unknown>>();
  const jsonOf = new Map<unknown, JsonText>();
  const plus = plan.json ? Object.keys(options.jsonPlus?.columns ?? {}) : [];
  const plusColumns = plus.map((_, i) => `lx_p${i}`);
  const added = plus.length
    ? await options.jsonPlus!.add(
        raw.map((r) => {
          const state: Record<string, unknown> = {};
          plus.forEach((name, i) => (state[name] = r[plusColumns[i]]));
          return state;
        }),
      )
    : null;
  for (const [at, r] of raw.entries()) {
    const id = r[idKey];
    if (plan.json) jsonOf.set(id, added ? withFields(r.lx_json, added[at]) : new JsonText(r.lx_json));
    if (!narrow && !columnsOf.has(id)) columnsOf.set(id, Object.fromEntries(columns.map(([name], i) => [name, r[`lx_c${i}`]])));
  }
  const first = rows[0] ? keysOf.get(rows[0].id) : undefined;
  const last = rows.length ? keysOf.get(rows[rows.length - 1].id) : undefined;
  let items: D[];
  if (plan.json) {
    items = rows.map((row) => jsonOf.get(row.id)!) as unknown as D[];
    if (!narrow) assertSameItems(items as unknown as JsonText[], await mapped(rows), `the list of ${qb.alias} (${plan.text})`);
  } else {
    items = await mapped(rows);
  }

  // before a cursor, "more" means rows further back; after it (or by page number), rows further on
  const hasMore = backwards ? rows.length > 0 : more;
  const hasPrevious = backwards ? more : cursor !== null || skip > 0;
  const result: ListResult<D> = {
    items,
    ...(await countOf(qb, {
      cursor: cursor !== null,
      skip,
      returned: rows.length,
      read: listed.length,
      end: listed.length < plan.rowsRead,
      distinct: !oneRowEach,
      counted: plan.counts && raw.length ? Number(raw[0].lx_total) : null,
      bound,
      order: countOrder,
      plan,
    })),
    hasMore,
    nextCursor: hasMore && last ? encodeCursor(sortKey, last, false) : null,
    prevCursor: hasPrevious && first ? encodeCursor(sortKey, first, true) : null,
  };
  return result;

  async function mapped(entities: T[]): Promise<D[]> {
    const made = entities.map((row) => options.map(row, columnsOf.get(row.id) ?? {}));
    return options.finish ? options.finish(made) : (made as unknown as D[]);
  }
}

/**
 * The page statement of `paginate` as a query: ordered by its keys (their values selected, for
 * cursors), after the cursor's position, with the extra columns, the credential's column, the
 * bounded count when it can ride along, and the page's window; and whether its joins read one row
 * per list row.
 */
function buildPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  o: {
    keys: KeyTerm[];
    countOrder: KeyTerm[];
    backwards: boolean;
    position: { sql: string; params: Record<string, string> } | null;
    columns: [string, string][];
    bound: number;
    cursor: boolean;
    skip: number;
    take: number;
    /** The item's JSON as SQL (json-items.ts), selected as `lx_json`. */
    json: string | null;
    /** Columns selected beside the JSON as `lx_p<i>` (paginate's `jsonPlus`). */
    plus: string[];
    /** Only the id, keys and JSON of each row (and no extra columns): no entities are made of the page. */
    narrow: boolean;
  },
): { page: SelectQueryBuilder<T>; oneRowEach: boolean; counts: boolean; rowsRead: number } {
  const base = qb.clone();
  if (o.narrow) base.select(`${qb.alias}.id`, `${qb.alias}_id`);
  const page = orderByKeys(base, o.keys, o.backwards);
  if (o.position) page.andWhere(o.position.sql, o.position.params);
  if (!o.narrow) o.columns.forEach(([, expr], i) => page.addSelect(`(${expr})`, `lx_c${i}`));
  if (o.json) page.addSelect(o.json, 'lx_json');
  o.plus.forEach((expr, i) => page.addSelect(`(${expr})`, `lx_p${i}`));
  const oneRowEach = joinsOnlyOneRowEach(page);
  // The bounded count rides in the page statement (an uncorrelated subquery PostgreSQL runs once):
  // a round trip and a planning fewer than a count statement of its own. With joins that multiply
  // rows (TypeORM's DISTINCT subquery pages them), or when the page comes back empty, it is a
  // statement of its own as before. A search's page is planned at every request (named-statement.ts):
  // a count subquery beside it would plan and run the search a second time, so its first page in the
  // list's order reads its matches once for both (`countsMatches` below), and its other pages (a
  // cursor's, a page number's, another order) are counted, when full, by a statement of their own.
  const searched = SEARCH_CONDITION.test(qb.getQuery());
  // a search's small page read as SEARCH_PAGE_ROWS rows at least, for the plan PostgreSQL picks (list.ts)
  const rowsRead = pageRowsRead(o.take, () => searched);
  // A search's first page in the list's own order: its matches read once, in that order, up to the
  // bound + 1 (`lx_ids`, what the count statement would read), counted there, and the page's rows
  // taken from their start — one statement and one read of the matches, where a full page (a
  // frequent word) took a page statement and a count statement, each planning and reading the
  // search. A rare word's matches are all read by either; its plan is the same (its words' index:
  // the more rows a statement reads, the sooner PostgreSQL prefers it to walking the list's order).
  // For a list with joins, whose page is taken by its ids anyway (below): a list of one table reads
  // its page straight, and a rare word's page there planned ~0.15 ms longer with the matches apart
  // (the department's `projects ?q=医院` at 0.78–0.88 of its throughput without).
  const countsMatches =
    searched &&
    oneRowEach &&
    qb.expressionMap.joinAttributes.length > 0 &&
    !o.cursor &&
    o.skip === 0 &&
    !o.backwards &&
    sameTerms(o.keys, o.countOrder);
  const counts = oneRowEach && (!searched || countsMatches);
  if (countsMatches) {
    const matches = joinsAsLeftWherever(orderByKeys(qb.clone(), o.keys).select(`${qb.alias}.id`, 'lx_id')).limit(o.bound + 1);
    // numbered as they come from their ordered subquery (a window without an order keeps its input's)
    page.addCommonTableExpression(`SELECT lx_r.lx_id, row_number() OVER () AS lx_n FROM (${matches.getQuery()}) lx_r`, 'lx_ids', {
      materialized: true,
    });
    // the page's rows are matches by their ids: the list's conditions (scope, filters, search) are not planned and checked again
    page.where(`${qb.alias}.id IN (SELECT lx_ids.lx_id FROM lx_ids WHERE lx_ids.lx_n <= ${rowsRead})`);
    page.addSelect('(SELECT count(*)::int FROM lx_ids)', 'lx_total');
    page.limit(rowsRead);
    return { page, oneRowEach, counts, rowsRead };
  }
  if (counts) page.addSelect(`(${countUpToSql(qb, o.bound, false, o.countOrder)})`, 'lx_total');
  if (oneRowEach) {
    // every join reads one row per list row: a plain LIMIT on the one statement, not TypeORM's
    // DISTINCT subquery over every matching row that skip/take make for a query with joins
    if ((!o.cursor && o.skip > 0) || qb.expressionMap.joinAttributes.length > 0) {
      // the page's ids first, in a narrow subquery (joins nothing reads dropped), and only the page's
      // rows joined and computed: rows skipped by a page number are passed over as ids only, and
      // PostgreSQL plans the page on the list's own table — a department's 171 trackings among the
      // city's 88,000 are found by its organizations' index and sorted, instead of walking the
      // city's rows in list order through the joins until 21 of them are the department's
      const ids = joinsAsLeftWherever(orderByKeys(qb.clone(), o.keys, o.backwards).select(`${qb.alias}.id`, 'lx_id'));
      if (o.position) ids.andWhere(o.position.sql, o.position.params);
      if (!o.cursor && o.skip > 0) ids.offset(o.skip);
      ids.limit(rowsRead);
      page.andWhere(`${qb.alias}.id IN (SELECT lx_page.lx_id FROM (${ids.getQuery()}) lx_page)`);
    }
    page.limit(rowsRead);
  } else {
    if (!o.cursor) page.skip(o.skip);
    page.take(rowsRead);
  }
  return { page, oneRowEach, counts, rowsRead };
}

/** Whether two orders are the same terms. */
function sameTerms(a: readonly KeyTerm[], b: readonly KeyTerm[]): boolean {
  return a.length === b.length && a.every((t, i) => t.expr === b[i].expr && t.direction === b[i].direction);
}

/**
 * Whether every join of the query reads at most one row per list row — a to-one relation, or an
 * entity joined on its primary key (`alias.id = …`) — so no row multiplies the list's.
 */
export function joinsOnlyOneRowEach<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): boolean {
  return qb.expressionMap.joinAttributes.every((join) => {
    if (join.relation) return !join.isMany;
    const byKey = /^\s*(\w+)\.id\s*=\s*[\w.]+\s*$/.exec(join.condition ?? '');
    return byKey !== null && byKey[1] === join.alias.name;
  });
}

/**
 * The total: from the page itself when its statement read the list to its end by page number (no
 * count statement: fewer rows came back than it read), else counted up to the bound + 1 distinct rows.
 */
async function countOf<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  page: {
    cursor: boolean;
    skip: number;
    /** The page's rows. */
    returned: number;
    /** The rows its statement returned (the page's and those after it it read: `pageRowsRead`). */
    read: number;
    /** The statement returned fewer rows than it read: none follow them. */
    end: boolean;
    distinct: boolean;
    counted: number | null;
    bound: number;
    /** The list's default order (a search is counted in it: `countUpToSql`). */
    order: KeyTerm[];
    /** The list shape's plan: keeps the count's text (`countUpTo`). */
    plan: PagePlan;
  },
): Promise<{ total: number; totalExact: boolean }> {
  if (!page.cursor && page.end && (page.returned > 0 || page.skip === 0)) {
    return { total: page.skip + page.read, totalExact: true };
  }
  const n = page.counted ?? (await countUpTo(qb, page.bound, page.distinct, page.order, page.plan));
  return boundedTotal(n, page.bound);
}

/** A count of up to `bound` + 1 rows as the list contract's total (`boundedCount`). */
function boundedTotal(n: number, bound: number): { total: number; totalExact: boolean } {
  const { count, exact } = boundedCount(n, bound);
  return { total: count, totalExact: exact };
}

function pageTooDeep() {
  return CommonErrors.PAGE_BEYOND_JUMP_LIMIT({
    params: { limit: PAGE_JUMP_LIMIT },
    errors: [
      fieldError(
        'page',
        'pageBeyondJumpLimit',
        `按页码只能翻到前 ${PAGE_JUMP_LIMIT} 条，更后面请用上一页结果的 nextCursor 作为 cursor 翻页`,
        `Page numbers reach the first ${PAGE_JUMP_LIMIT} rows; further on, pass the previous page's nextCursor as cursor`,
      ),
    ],
  });
}

/** The list's default sort: the order its index follows (the one a search's bounded count reads in). */
function defaultSortTerms(options: { sortable: Record<string, string>; defaultSort: string }): SortTerm[] {
  return sortTerms({}, options);
}

/** The sort of a list query, every field checked against the allowed ones (unknown → 400). */
function sortTerms(query: Pick<ListQueryDto, 'sort'>, options: { sortable: Record<string, string>; defaultSort: string }): SortTerm[] {
  const { terms, unknown } = parseSort(query.sort ?? options.defaultSort, Object.keys(options.sortable));
  if (unknown.length) {
    throw CommonErrors.VALIDATION_FAILED({
      errors: [
        fieldError(
          'sort',
          'sortField',
          `不支持按 ${unknown.join(', ')} 排序，可用：${Object.keys(options.sortable).join(', ')}`,
          `Cannot sort by ${unknown.join(', ')}; allowed: ${Object.keys(options.sortable).join(', ')}`,
        ),
      ],
    });
  }
  return terms;
}

/** What `sqlPage` reads: the rows as SQL (a SELECT, read as `r`), its `$n` parameters and the list's options. */
export interface SqlPageOptions<R> {
  /** Common table expressions (without `WITH`) the rows and the head read: the statement starts with them. */
  with?: string;
  /** A SELECT whose rows are the list (before paging); sort keys and filters refer to it as `r`. */
  rows: string;
  /** The `$1…$n` parameters of `rows` and `where`. */
  params: unknown[];
  /** Extra conditions on `r` (filters applied to the rows), joined by AND. */
  where?: string[];
  /** Sort fields → expressions over `r`. */
  sortable: Record<string, string>;
  defaultSort: string;
  /** A unique NOT NULL expression over `r` (e.g. `r.id`), the last key: a stable order and a cursor per row. */
  tieBreak: string;
  /** The sort expressions that are never NULL (a simpler, index-friendly cursor condition); others count as nullable. */
  notNull?: readonly string[];
  /**
   * Extra select-list entries over `r` (`(SELECT …) AS names, …`: names, details, a json of what the
   * answer shows besides the rows…), computed in the page statement for the page's rows only — the
   * page is taken first (ordered, limited) and these are evaluated over its rows — and handed to
   * `map` with the row. Their `$n` are `params`.
   */
  columns?: string;
  map: (row: Record<string, any>) => R;
}

/** A `sqlPage` with a head: what the answer shows besides its rows, read in the page's own statement. */
export interface SqlPageHeadOptions<R> extends SqlPageOptions<R> {
  /**
   * Select-list entries (`(SELECT …) AS h_name, …`, over `params` and the `with` tables, never the
   * page's rows) read once in the page statement's head (page-head.ts): present whether the page
   * has rows or not, in the same round trip — a summary, the exact number of rows. Their names must
   * differ from the rows' columns (prefixed `h_`).
   */
  head: string;
  /** The exact number of rows when the head knows it (e.g. its summary counts them): no count statement. */
  totalOf?: (head: Record<string, any>) => number;
}

type SqlRunner = (sql: string, params: unknown[]) => Promise<Record<string, any>[]>;

/**
 * The same list contract for a list written in SQL (aggregates, lateral joins, window functions):
 * the checked `ORDER BY` (with `tieBreak` last, for a stable order), the capped page, page numbers
 * as far as PAGE_JUMP_LIMIT and keyset positions (`cursor`, the same format and checks as
 * `paginate`: LIST_CURSOR_INVALID) beyond, a total counted up to the request's bound (or read in the head, `sqlPageWithHead`), and
 * `{ items, total, totalExact, hasMore, nextCursor, prevCursor }`. `run` is the statement runner
 * (`manager.query` of the caller's manager, so a read in a transaction stays in it).
 */
export async function sqlPage<R>(run: SqlRunner, query: ListQueryDto, options: SqlPageOptions<R>): Promise<ListResult<R>> {
  return (await readSqlPage(run, query, options)).page;
}

/**
 * `sqlPage` with a head (`head`: a summary, the exact total…) read in the page's statement, and
 * the head's values returned beside the page: one statement answers both, also when the page is empty.
 */
export async function sqlPageWithHead<R>(
  run: SqlRunner,
  query: ListQueryDto,
  options: SqlPageHeadOptions<R>,
): Promise<{ page: ListResult<R>; head: Record<string, any> }> {
  const { page, head } = await readSqlPage(run, query, options);
  return { page, head: head! };
}

async function readSqlPage<R>(
  run: SqlRunner,
  query: ListQueryDto,
  options: SqlPageOptions<R> & Partial<Pick<SqlPageHeadOptions<R>, 'head' | 'totalOf'>>,
): Promise<{ page: ListResult<R>; head: Record<string, any> | null }> {
  const terms = sortTerms(query, options);
  const notNull = new Set([...(options.notNull ?? []), options.tieBreak]);
  const keys: KeyTerm[] = [
    ...terms.map((t) => ({ expr: options.sortable[t.field], direction: t.direction })),
    { expr: options.tieBreak, direction: 'ASC' as const },
  ].map((k) => ({ ...k, nullable: !notNull.has(k.expr) }));
  const sortKey = terms.map((t) => (t.direction === 'DESC' ? '-' : '') + t.field).join(',');
  const { skip, take } = pageWindow(query.page, query.pageSize);
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor, sortKey, keys.length);
  if (!cursor && skip >= PAGE_JUMP_LIMIT) throw pageTooDeep();

  const backwards = cursor?.before ?? false;
  const params = [...options.params];
  const where = [...(options.where ?? [])];
  const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
  if (cursor) {
    const condition = keysetCondition(keys, cursor.values, backwards);
    // the condition's named parameters (:lc_c<i>) become positional ones after the caller's
    const position = new Map<string, number>();
    for (const [name, value] of Object.entries(condition.params)) {
      params.push(value);
      position.set(name, params.length);
    }
    where.push(condition.sql.replace(/:(lc_c\d+)\b/g, (_, name: string) => `$${position.get(name)}`));
  }
  const order = keys.map((k) => `${k.expr} ${backwards ? (k.direction === 'ASC' ? 'DESC' : 'ASC') : k.direction}`).join(', ');
  const selectKeys = keys.map((k, i) => `(${k.expr})::text AS ${keyColumn(i)}`).join(', ');
  // the caller's credential confirmed by this statement (an uncorrelated subquery, run once), when it waits for it
  const credential = credentialColumn((key) => {
    params.push(key);
    return `$${params.length}`;
  });
  // the window written into the text, as paginate's TypeORM writes it: with LIMIT a parameter PostgreSQL
  // costs a generic plan for rows it cannot count and keeps planning every run anew (on the city year
  // finance's list of what is missing 0.61–0.71 ms of its backend's CPU a run, 0.36–0.42 with `LIMIT 21`,
  // planned once). The few page sizes make few texts; a skip (a page reached by number) keeps its text
  // unnamed (named-statement.ts), a first or a cursor's page skips nothing and says so by no OFFSET.
  const skipped = cursor ? 0 : skip;
  // a search's small page read as SEARCH_PAGE_ROWS rows at least, for the plan PostgreSQL picks (list.ts); the
  // statement's text looked through only when it matters (a small page, or a count below)
  const searched = () => SEARCH_CONDITION.test(`${options.rows} ${filtered}`);
  const rowsRead = pageRowsRead(take, searched);
  const page = `SELECT r.*, ${selectKeys} FROM (${options.rows}) r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order} LIMIT ${rowsRead}${skipped > 0 ? ` OFFSET ${skipped}` : ''}`;
  // the extra columns over the page, not in it: a subquery with a LIMIT is kept as it is, so they are
  // evaluated for its rows only — never for the rows sorted past or skipped by OFFSET
  const statement = options.columns ? `SELECT r.*, ${options.columns} FROM (${page}) r ORDER BY ${order}` : page;
  // the caller's head and the credential's check (when it waits) in the statement's head: a row even
  // for an empty page, dropped from the page's rows again
  const withClause = options.with ? `WITH ${options.with} ` : '';
  const heads = [...(options.head ? [options.head] : []), ...(credential ? [credential.head] : [])];
  // (a summary only on the first row: a head of the caller's is read once, not once a row)
  const read = await run(withClause + (heads.length ? withHead(statement, heads, options.head !== undefined) : statement), params);
  credential?.settle(read);
  const head = options.head ? (read[0] ?? null) : null;
  const raw = heads.length ? pageRows(read, keyColumn(keys.length - 1)) : read;

  const more = raw.length > take;
  const rows = raw.slice(0, take);
  if (backwards) rows.reverse();
  const keyColumns = keys.map((_, i) => keyColumn(i));
  const keysOf = (row: Record<string, any>) =>
    keyColumns.map((column) => (row[column] === null || row[column] === undefined ? null : String(row[column])));
  const hasMore = backwards ? rows.length > 0 : more;
  const hasPrevious = backwards ? more : cursor !== null || skip > 0;

  let counted: { total: number; totalExact: boolean };
  const known = options.totalOf && head ? options.totalOf(head) : undefined;
  // a total the caller knew (its counts table) is shown up to COUNT_BOUND; one counted here stops at the request's bound
  const bound = countBound(query);
  if (known !== undefined) counted = boundedTotal(known, COUNT_BOUND);
  // read to its end by page number (fewer rows came back than the statement read): the total is known
  else if (!cursor && raw.length < rowsRead && (rows.length > 0 || skip === 0)) counted = { total: skip + raw.length, totalExact: true };
  else {
    // a search counted in the list's default order, as `countUpToSql` does
    const countOrder = searched()
      ? `ORDER BY ${[...defaultSortTerms(options).map((t) => `${options.sortable[t.field]} ${t.direction}`), `${options.tieBreak} ASC`].join(', ')}`
      : '';
    const [{ n }] = await run(
      `${withClause}SELECT count(*)::int AS n FROM (SELECT 1 FROM (${options.rows}) r ${filtered} ${countOrder} LIMIT ${bound + 1}) counted`,
      options.params,
    );
    counted = boundedTotal(n, bound);
  }
  const result: ListResult<R> = {
    items: rows.map((row) => options.map(row)),
    ...counted,
    hasMore,
    nextCursor: hasMore && rows.length ? encodeCursor(sortKey, keysOf(rows[rows.length - 1]), false) : null,
    prevCursor: hasPrevious && rows.length ? encodeCursor(sortKey, keysOf(rows[0]), true) : null,
  };
  return { page: result, head };
}
