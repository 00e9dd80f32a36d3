import type { EntityMetadata, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { queryPrepared, SEARCH_CONDITION } from '../../database/named-statement';
import { CommonErrors } from '../errors/common.errors';
import { fieldError } from '../errors/app-error';
import { escapePlanned, type PlannedText, verifyingPlans } from './page-plans';

/** One sort key of a list: an SQL expression and its direction (PostgreSQL: NULLS LAST ascending, FIRST descending). */
export interface KeyTerm {
  expr: string;
  direction: 'ASC' | 'DESC';
  /** False when the expression is a NOT NULL column: the condition is then simpler and index-friendly. */
  nullable?: boolean;
}

/**
 * Marks the keys that are NOT NULL columns of the query's entities (`alias.property`), read from
 * the TypeORM metadata; anything else (an SQL expression) counts as nullable. What a key expression
 * says of an entity is remembered with the entity's metadata (a list's keys are the same few at
 * every request).
 */
export function withNullability<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, keys: KeyTerm[]): KeyTerm[] {
  return keys.map((key) => {
    const match = /^(\w+)\.(\w+)$/.exec(key.expr);
    if (!match) return { ...key, nullable: true };
    const alias = qb.expressionMap.aliases.find((a) => a.name === match[1]);
    return { ...key, nullable: alias?.hasMetadata ? propertyNullable(alias.metadata, match[2]) : true };
  });
}

/** Whether an entity's property may be NULL (true for a path that is not a column), by entity and path. */
const nullableByEntity = new WeakMap<EntityMetadata, Map<string, boolean>>();

function propertyNullable(metadata: EntityMetadata, path: string): boolean {
  let known = nullableByEntity.get(metadata);
  if (!known) nullableByEntity.set(metadata, (known = new Map()));
  let nullable = known.get(path);
  if (nullable === undefined) {
    nullable = metadata.findColumnWithPropertyPath(path)?.isNullable ?? true;
    // a path is a property name of the entity's own: the map holds at most its columns and the few other names lists sort by
    if (known.size < 1_000) known.set(path, nullable);
  }
  return nullable;
}

export interface Cursor {
  /** The sort keys' values (as text) of the row the position is next to. */
  values: (string | null)[];
  /** A position before that row (a previous page) rather than after it. */
  before: boolean;
}

const MAX_CURSOR_LENGTH = 4096;

/**
 * A cursor is the list's sort and the row's key values, base64url JSON. It is not a secret: a
 * crafted one can only name a position in what the caller may already read.
 */
export function encodeCursor(sort: string, values: (string | null)[], before: boolean): string {
  return Buffer.from(JSON.stringify(before ? { s: sort, k: values, b: 1 } : { s: sort, k: values })).toString('base64url');
}

export function decodeCursor(text: string, sort: string, length: number): Cursor {
  let parsed: unknown;
  try {
    if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('shape');
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw cursorInvalid('malformed');
  }
  const c = parsed as { s?: unknown; k?: unknown; b?: unknown };
  if (
    typeof c !== 'object' ||
    c === null ||
    !Array.isArray(c.k) ||
    c.k.length !== length ||
    !c.k.every((v) => v === null || (typeof v === 'string' && !v.includes('\u0000')))
  ) {
    throw cursorInvalid('malformed');
  }
  if (c.s !== sort) throw cursorInvalid('sort');
  return { values: c.k as (string | null)[], before: c.b === 1 };
}

function cursorInvalid(why: 'malformed' | 'sort') {
  return CommonErrors.LIST_CURSOR_INVALID({
    errors: [
      why === 'sort'
        ? fieldError(
            'cursor',
            'cursorSort',
            '翻页位置属于另一种排序，请从第一页重新开始',
            'The cursor belongs to another sort; start again from the first page',
          )
        : fieldError('cursor', 'cursorMalformed', '翻页位置格式不正确', 'The cursor is malformed'),
    ],
  });
}

/**
 * The rows strictly after (or, `before`, strictly before) the position `values` in the order of
 * `keys`, as one condition. When every key is a NOT NULL column sorted the same way, a row
 * comparison `(k1, k2, …) > (v1, v2, …)` that a composite index answers; otherwise
 * (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR …, with NULLs placed as PostgreSQL orders them
 * (last ascending, first descending). Values are parameters; their types come from the
 * expressions they are compared with.
 */
export function keysetCondition(
  keys: KeyTerm[],
  values: (string | null)[],
  before: boolean,
): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const nullable = (i: number) => keys[i].nullable !== false;
  const sameWay = keys.every((k) => k.direction === keys[0].direction);
  if (sameWay && keys.every((_, i) => !nullable(i)) && values.every((v) => v !== null)) {
    values.forEach((v, i) => (params[`lc_c${i}`] = v as string));
    const ascending = (keys[0].direction === 'ASC') !== before;
    const row = (n: number, op: string) =>
      `(${keys
        .slice(0, n)
        .map((k) => k.expr)
        .join(', ')}) ${op} (${keys
        .slice(0, n)
        .map((_, i) => `:lc_c${i}`)
        .join(', ')})`;
    // PostgreSQL matches a row comparison to an index only when the index has all its columns:
    // the same bound without the tie-break (`>=`) lets an index on the sort columns answer it
    const prefix = keys.length > 1 ? `${row(keys.length - 1, ascending ? '>=' : '<=')} AND ` : '';
    return { sql: `(${prefix}${row(keys.length, ascending ? '>' : '<')})`, params };
  }
  const equal = (i: number) => {
    if (values[i] === null) return `(${keys[i].expr}) IS NULL`;
    params[`lc_c${i}`] = values[i] as string;
    return `(${keys[i].expr}) = :lc_c${i}`;
  };
  const beyond = (i: number): string | null => {
    const ascending = (keys[i].direction === 'ASC') !== before;
    const value = values[i];
    if (value !== null) params[`lc_c${i}`] = value;
    if (ascending) {
      if (value === null) return null;
      return nullable(i) ? `((${keys[i].expr}) > :lc_c${i} OR (${keys[i].expr}) IS NULL)` : `(${keys[i].expr}) > :lc_c${i}`;
    }
    return value === null ? `(${keys[i].expr}) IS NOT NULL` : `(${keys[i].expr}) < :lc_c${i}`;
  };
  const alternatives: string[] = [];
  // a NOT NULL first key bounds every alternative: an index on it can answer that bound
  let bound = '';
  if (!nullable(0) && values[0] !== null) {
    params.lc_c0 = values[0];
    bound = `(${keys[0].expr}) ${(keys[0].direction === 'ASC') !== before ? '>=' : '<='} :lc_c0 AND `;
  }
  for (let i = 0; i < keys.length; i++) {
    const step = beyond(i);
    if (step === null) continue;
    alternatives.push([...Array.from({ length: i }, (_, j) => equal(j)), step].join(' AND '));
  }
  return { sql: alternatives.length ? `(${bound}(${alternatives.map((a) => `(${a})`).join(' OR ')}))` : 'false', params };
}

const flip = (d: 'ASC' | 'DESC'): 'ASC' | 'DESC' => (d === 'ASC' ? 'DESC' : 'ASC');

/**
 * Orders a query by its keys (reversed for a position before a row) and selects each key as text
 * (`ks_k<i>`), so the page's rows carry the position a cursor or the next batch starts from.
 */
export function orderByKeys<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, keys: KeyTerm[], backwards = false): SelectQueryBuilder<T> {
  keys.forEach((key, i) => {
    const direction = backwards ? flip(key.direction) : key.direction;
    if (i === 0) qb.orderBy(key.expr, direction);
    else qb.addOrderBy(key.expr, direction);
    qb.addSelect(`(${key.expr})::text`, keyColumn(i));
  });
  return qb;
}

/** The key values `orderByKeys` selected for the rows of the given ids (the page's first and last: its cursors), from the raw rows. */
export function rowKeys(raw: Record<string, unknown>[], alias: string, count: number, ids: unknown[]): Map<unknown, (string | null)[]> {
  const byId = new Map<unknown, (string | null)[]>();
  const idKey = `${alias}_id`;
  const columns = Array.from({ length: count }, (_, i) => keyColumn(i));
  for (const r of raw) {
    const id = r[idKey];
    if (byId.has(id) || !ids.includes(id)) continue;
    byId.set(
      id,
      columns.map((column) => (r[column] === null || r[column] === undefined ? null : String(r[column]))),
    );
    if (byId.size === ids.length) break;
  }
  return byId;
}

/** The column `orderByKeys` (and `sqlPage`, the export's batches) selects the `i`-th key's value into. */
export function keyColumn(i: number): string {
  return `ks_k${i}`;
}

/**
 * The distinct rows of a query counted up to `bound` + 1 (never more read), as one SQL scalar
 * expression with the query's named parameters (`:name`, filled by whichever statement it is part
 * of). `distinct: false` when the query's joins read at most one row each (nothing to deduplicate):
 * the rows are then counted as they are read, without a sort or hash of their ids.
 */
export function countUpToSql<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  bound: number,
  distinct = true,
  order: KeyTerm[] = [],
): string {
  const ids = qb
    .clone()
    .select(`${qb.alias}.id`, 'id')
    .distinct(distinct)
    .orderBy()
    .skip(undefined)
    .take(undefined)
    .limit(bound + 1);
  joinsAsLeftWherever(ids);
  // A search's rows are counted in the list's own order (`order`, the page's keys: its index). Unordered,
  // PostgreSQL reads the table sequentially until the bound, costed as if matches were spread evenly —
  // but a year's rows lie together, and a sequential scan starts wherever the last one (any statement's)
  // left off: through other years' rows now and then (the city year's 信息化: p99 24 ms, at worst 122,
  // against p99 3 ms in list order; pgbench, 600 counts).
  let text = ids.getQuery();
  if (!distinct && order.length && SEARCH_CONDITION.test(text)) {
    order.forEach((key, i) => (i === 0 ? ids.orderBy(key.expr, key.direction) : ids.addOrderBy(key.expr, key.direction)));
    text = ids.getQuery();
  }
  return `SELECT count(*)::int AS n FROM (${text}) counted`;
}

/**
 * `countUpToSql` run on its own, on the query's own runner (a read inside a transaction counts inside it too).
 * `plan`: the list shape's page plan (page-plans.ts), which keeps the count's text once built — a clone
 * of the query and one or two `getQuery` at every counted request otherwise; under jest the kept text
 * is compared with the one built afresh.
 */
export async function countUpTo<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  bound: number,
  distinct = true,
  order: KeyTerm[] = [],
  plan?: { count?: PlannedText },
): Promise<number> {
  const built = () => ({ text: countUpToSql(qb, bound, distinct, order) });
  const count = plan ? (plan.count ??= built()) : built();
  if (plan && verifyingPlans && count.text !== built().text) {
    throw new Error(`page plan: the kept count differs from the one built for ${count.text}`);
  }
  const [sql, params] = escapePlanned(qb.connection.driver, count, qb.getParameters());
  const runner = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  // prepared per shape, as the page is (named-statement.ts)
  const [{ n }] = await queryPrepared<{ n: number }>(qb.connection, sql, params, runner);
  return n;
}

/**
 * An inner join along a NOT NULL foreign key (a target's project) keeps every row, as a left join
 * would: written as one, PostgreSQL drops it from a statement that reads nothing of the joined
 * table (a count, the ids of a page). A join the statement orders by stays inner: it is read anyway,
 * and as an inner join PostgreSQL may walk the joined table's index in that order and look up the
 * list's rows from it (the key project lists by their organization's code: 148 organizations read for
 * a page of 21, instead of every list joined to every organization and sorted). Changes `qb` (a clone).
 */
export function joinsAsLeftWherever<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  const ordered = Object.keys(qb.expressionMap.orderBys);
  for (const join of qb.expressionMap.joinAttributes) {
    const columns = join.relation?.isManyToOne || join.relation?.isOneToOneOwner ? join.relation.joinColumns : [];
    const orderedBy = ordered.some((expr) => new RegExp(`(^|[^\\w"])"?${join.alias.name}"?\\.`).test(expr));
    if (
      join.direction === 'INNER' &&
      !orderedBy &&
      columns.length &&
      columns.every((c) => !c.isNullable) &&
      join.relation!.foreignKeys.length
    ) {
      join.direction = 'LEFT';
    }
  }
  return qb;
}
