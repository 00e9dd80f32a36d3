import { isDeepStrictEqual } from 'node:util';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * A list item whose JSON PostgreSQL wrote (`paginate`'s `json`): the reply serializer
 * (`serializeReply`) puts its text into the answer as it is — no entity made, no DTO mapped, no
 * JSON.stringify of it. Anywhere else it is serialized (or read) it behaves as the object it holds.
 */
export class JsonText {
  /** The object PostgreSQL wrote; `more`: the JSON object of fields made in Node for it (`jsonPlus`), or none. */
  private readonly written: string;
  private readonly more: string | undefined;

  /**
   * `more` is joined on when the answer is written — no string copied to join them. Onto `{}` the
   * fields are the whole item, so they are kept as its text.
   */
  constructor(written: string, more?: string) {
    this.written = more !== undefined && written === '{}' ? more : written;
    this.more = written === '{}' ? undefined : more;
  }
  /** The item's whole JSON text. */
  get json(): string {
    return this.more === undefined ? this.written : `${this.written.slice(0, -1)},${this.more.slice(1)}`;
  }
  /** Its size in UTF-8 bytes. */
  byteLength(): number {
    return Buffer.byteLength(this.written) + (this.more === undefined ? 0 : Buffer.byteLength(this.more) - 1);
  }
  /** Writes its UTF-8 into `out` at `at`; returns where it ends. */
  writeInto(out: Buffer, at: number): number {
    if (this.more === undefined) return at + out.write(this.written, at);
    const end = at + out.write(this.written, at) - 1; // over its closing brace
    const after = end + out.write(this.more, end);
    out[end] = 0x2c; // the fields' opening brace becomes a comma
    return after;
  }
  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/**
 * Whether a list whose items PostgreSQL writes also reads its entities, maps them and compares
 * (`assertSameItems`): on under jest (`NODE_ENV=test`), so every test reading such a list proves its
 * SQL form; off in production, where the page selects only ids, keys and the JSON. A test turns it
 * off to read the production page itself (json-items.e2e-spec).
 */
export const jsonItemsMode = { verify: process.env.NODE_ENV === 'test' };

/**
 * A list DTO as SQL, one entry a DTO field in the DTO's order: `'alias.property'` (an entity
 * column of the query, written by its column type — see `columnJson`) or `{ sql }` (an expression
 * of the query's aliases, e.g. a name with its default or a rule's SQL from libs/domain).
 */
export type JsonFields = Record<string, string | { sql: string }>;

/** json_build_object takes at most 100 arguments (PostgreSQL's FUNC_MAX_ARGS): 50 fields. */
const MAX_FIELDS = 50;

/**
 * The JSON text of one item as `fields` describe it, as an SQL expression over `qb`'s aliases. A
 * column is written as the entity holds it and its DTO shows it: timestamps as JavaScript's
 * `toISOString` (UTC, milliseconds truncated as `Date` does), numerics as the exact decimal text
 * PostgreSQL sends (money), everything else (text, uuid, integers, booleans, JSON, arrays) as
 * `json_build_object` writes it. A column type this does not know is refused when the list's plan
 * is built (so the first test reading the list finds it), never written wrongly. `key` names the
 * text for the list's plan (page-plans.ts) — the same fields over the same aliases, the same text.
 */
export function jsonObjectSql<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, fields: JsonFields): { sql: string; key: string } {
  // built once per fields object and query aliases (a list's text is ~3 KB: not rebuilt, nor keyed by, at every request)
  const aliases = qb.expressionMap.aliases.map((a) => `${a.name}:${a.hasMetadata ? a.metadata.tableName : ''}`).join(',');
  let built = objects.get(fields);
  if (!built) objects.set(fields, (built = { id: ++nextFieldsId, byAliases: new Map() }));
  let sql = built.byAliases.get(aliases);
  if (sql === undefined) {
    sql = `${objectSql(fields, (path) => {
      const [aliasName, property, ...rest] = path.split('.');
      const alias = qb.expressionMap.aliases.find((a) => a.name === aliasName);
      return alias?.hasMetadata && !rest.length ? { alias: aliasName, metadata: alias.metadata, property } : null;
    })}::text`;
    built.byAliases.set(aliases, sql);
  }
  return { sql, key: `${built.id}@${aliases}` };
}

const objects = new WeakMap<JsonFields, { id: number; byAliases: Map<string, string> }>();
let nextFieldsId = 0;

/**
 * The JSON array of the child rows of an entity (`target`, read as `alias`) matching `where`, in
 * `orderBy`, each written as `fields` describe it (`'alias.property'` or `{ sql }`, as
 * `jsonObjectSql`): for a list item's children (a tracking's warnings). `[]` when there are none.
 */
export function childrenJsonSql<C extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<C>,
  alias: string,
  fields: JsonFields,
  where: string,
  orderBy: string,
): string {
  const metadata = dataSource.getMetadata(target);
  const object = objectSql(fields, (path) => {
    const [aliasName, property, ...rest] = path.split('.');
    return aliasName === alias && !rest.length ? { alias, metadata, property } : null;
  });
  return `(SELECT coalesce(json_agg(${object} ORDER BY ${orderBy}), '[]'::json) FROM ${quoteIdent(metadata.tableName)} ${alias} WHERE ${where})`;
}

function objectSql(
  fields: JsonFields,
  resolve: (path: string) => { alias: string; metadata: EntityMetadata; property: string } | null,
): string {
  const entries = Object.entries(fields);
  if (entries.length > MAX_FIELDS) throw new Error(`json item: ${entries.length} fields, at most ${MAX_FIELDS}`);
  const parts = entries.map(([key, field]) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) throw new Error(`json item: not a field name: ${key}`);
    if (typeof field !== 'string') return `'${key}', ${field.sql}`;
    const found = resolve(field);
    const column = found?.metadata.findColumnWithPropertyPath(found.property);
    if (!found || !column) throw new Error(`json item: ${field} is not a column of the query`);
    return `'${key}', ${columnValueSql(`${found.alias}.${quoteIdent(column.databaseName)}`, column)}`;
  });
  return `json_build_object(${parts.join(', ')})`;
}

/** The SQL value of column `expr` (of `column`'s type) that json_build_object writes as the entity's value serializes. */
export function columnValueSql(expr: string, column: Pick<ColumnMetadata, 'type' | 'transformer' | 'isArray'>): string {
  if (column.transformer) throw new Error(`json item: a column with a transformer (${expr}) needs its own SQL`);
  const type = typeof column.type === 'function' ? column.type.name.toLowerCase() : String(column.type);
  if (column.isArray) return expr;
  switch (type) {
    case 'timestamptz':
    case 'timestamp with time zone':
      return isoSql(expr);
    case 'numeric':
    case 'decimal':
      return `(${expr})::text`;
    case 'uuid':
    case 'varchar':
    case 'character varying':
    case 'text':
    case 'string':
    case 'int':
    case 'integer':
    case 'int4':
    case 'smallint':
    case 'int2':
    case 'boolean':
    case 'bool':
    case 'json':
    case 'jsonb':
    case 'date':
      return expr;
    default:
      throw new Error(`json item: no JSON form for column type ${type} (${expr})`);
  }
}

/** A timestamptz as `Date.prototype.toISOString` writes it (UTC, milliseconds truncated); NULL stays NULL. */
export const isoSql = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** An item's JSON text with `more` fields joined on (fields the SQL does not write, e.g. what the caller may do). */
export function withFields(json: string, more: Record<string, unknown>): JsonText {
  const added = JSON.stringify(more);
  return added === '{}' ? new JsonText(json) : new JsonText(json, added);
}

/**
 * The reply serializer (app.factory.ts): an answer PostgreSQL wrote is its text; a list whose items it wrote is written as UTF-8
 * straight into one buffer of the answer's size, its items' text as it is around them (no joined
 * string, no flattened copy, no second encoding); anything else is JSON.stringify's.
 */
export function serializeReply(payload: unknown): string | Buffer {
  // a whole answer PostgreSQL wrote (an organization picker's level): its text as it is
  if (payload instanceof JsonText) return payload.json;
  const items = (payload as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || !(items[0] instanceof JsonText)) return JSON.stringify(payload);
  const { items: _items, ...rest } = payload as { items: unknown[] };
  const others = JSON.stringify(rest);
  const texts = items.map((i) => (i instanceof JsonText ? i : new JsonText(JSON.stringify(i))));
  const head = '{"items":[';
  const tail = others === '{}' ? ']}' : `],${others.slice(1)}`;
  let size = head.length + Buffer.byteLength(tail) + Math.max(texts.length - 1, 0);
  for (const text of texts) size += text.byteLength();
  const out = Buffer.allocUnsafe(size);
  let at = out.write(head, 0, 'latin1');
  for (const [i, text] of texts.entries()) {
    if (i) out[at++] = 0x2c;
    at = text.writeInto(out, at);
  }
  at += out.write(tail, at);
  if (at !== size) throw new Error(`serializeReply: wrote ${at} bytes of ${size}`);
  return out;
}

/**
 * Under jest, each page PostgreSQL wrote is also mapped the way the list's DTO mapping maps it, and
 * the two must be equal (as JSON reads them): the whole suite proves every list's SQL form.
 */
export function assertSameItems(written: readonly JsonText[], mapped: readonly unknown[], context: string): void {
  const fromSql = written.map((w) => JSON.parse(w.json) as unknown);
  const fromDto = JSON.parse(JSON.stringify(mapped)) as unknown[];
  if (!isDeepStrictEqual(fromSql, fromDto)) {
    const at = fromSql.findIndex((item, i) => !isDeepStrictEqual(item, fromDto[i]));
    throw new Error(
      `json items: the page PostgreSQL wrote differs from the mapped one at item ${at} of ${context}\n` +
        `sql: ${JSON.stringify(fromSql[at])}\ndto: ${JSON.stringify(fromDto[at])}`,
    );
  }
}
