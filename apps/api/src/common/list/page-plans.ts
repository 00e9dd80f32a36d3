import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import { isDeepStrictEqual } from 'node:util';
import type { QueryExpressionMap } from 'typeorm/query-builder/QueryExpressionMap';
import type { EntityMaker } from './lean-entities';
import type { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';

/**
 * What `paginate` builds for a list shape once and reads again at every request of that shape: the
 * page statement's text with its named parameters (`:name`, filled at each request) and the
 * expression map TypeORM makes the page's entities by. Building the statement (clones of the query,
 * its select, joins and property names rewritten into columns) was ~0.3 ms of CPU per list request
 * on the generated city year, more than the request's own mapping.
 */
export interface PagePlan {
  text: string;
  map: QueryExpressionMap;
  /** Every join reads one row per list row. */
  oneRowEach: boolean;
  /** The bounded count rides in the page statement (`lx_total`): one row each, and not a search (paginate.ts). */
  counts: boolean;
  /** The statement can be read by `readPlanned` (no relation ids, locks, listeners…). */
  plain: boolean;
  /** Rows the statement reads (`pageRowsRead`): fewer back means the list was read to its end. */
  rowsRead: number;
  /** The page selects each item's JSON written by PostgreSQL (`lx_json`, json-items.ts). */
  json?: boolean;
  /** What makes the page's entities, kept with the plan once made (read-page.ts). */
  transformer?: RawSqlResultsToEntityTransformer;
  /** What makes the page's entities straight from its rows when they are one entity a row (lean-entities.ts); null when it cannot. */
  maker?: EntityMaker | null;
  /** `text` with its named parameters numbered, by the names the request's parameters have (`escapePlanned`). */
  numbered?: Map<string, NumberedText>;
  /** The list's bounded count as a statement of its own (`countUpToSql`), made at the first request that counts apart. */
  count?: PlannedText;
}

/** A statement's text with named parameters (`:name`), and its numbered forms once made (`escapePlanned`). */
export interface PlannedText {
  text: string;
  numbered?: Map<string, NumberedText>;
}

/** A statement's text with `$n` for its named parameters, and which parameter each number takes (spread: all of an array's values). */
interface NumberedText {
  text: string;
  takes: { key: string; spread: boolean }[];
  /** The length of each array spread into the text (a different length numbers it anew). */
  lengths: Map<string, number>;
}

/** How many sets of parameter names a plan keeps its numbered text for. */
const MAX_NUMBERED = 16;

/**
 * `plan.text` with its named parameters (`:name`, `:...name`) numbered and their values in order,
 * as TypeORM's `escapeQueryWithParameters` makes them — a regular-expression pass over the whole
 * statement and two copies of its text at every request — numbered once per plan and set of
 * parameter names, then only the values taken in order. Under jest every call is compared with
 * TypeORM's own.
 */
export function escapePlanned(driver: Driver, plan: PlannedText, params: ObjectLiteral): [string, unknown[]] {
  const names = Object.keys(params);
  if (names.some((name) => typeof params[name] === 'function')) return driver.escapeQueryWithParameters(plan.text, params);
  const key = names.join('\u0001');
  plan.numbered ??= new Map();
  let numbered = plan.numbered.get(key);
  if (!numbered || !sameLengths(numbered.lengths, params)) {
    numbered = numberText(driver, plan.text, params);
    if (plan.numbered.size >= MAX_NUMBERED) plan.numbered.delete(plan.numbered.keys().next().value!);
    plan.numbered.set(key, numbered);
  }
  const values: unknown[] = [];
  for (const take of numbered.takes) {
    if (take.spread) values.push(...(params[take.key] as unknown[]));
    else values.push(params[take.key]);
  }
  if (verifyingPlans && !isDeepStrictEqual([numbered.text, values], driver.escapeQueryWithParameters(plan.text, params))) {
    throw new Error(`page plan: the numbered statement differs from TypeORM's for ${plan.text}`);
  }
  return [numbered.text, values];
}

/** Whether every array spread into a numbered text has the length it was numbered for. */
function sameLengths(lengths: Map<string, number>, params: ObjectLiteral): boolean {
  for (const [name, length] of lengths) if ((params[name] as unknown[]).length !== length) return false;
  return true;
}

/** Numbers `text`'s named parameters as TypeORM does: a name once (its first number again), a spread array each value anew, an unknown name left as it is. */
function numberText(driver: Driver, text: string, params: ObjectLiteral): NumberedText {
  const takes: NumberedText['takes'] = [];
  const lengths = new Map<string, number>();
  const numbers = new Map<string, string>();
  // how many values the numbers so far take: the next number's index
  let taken = 0;
  const numbered = text.replaceAll(/:(\.\.\.)?([A-Za-z0-9_.]+)/g, (whole: string, spread: string | undefined, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    if (!spread && numbers.has(name)) return numbers.get(name)!;
    if (spread) {
      const values = params[name] as unknown[];
      lengths.set(name, values.length);
      takes.push({ key: name, spread: true });
      const start = taken;
      taken += values.length;
      return values.map((_, i) => driver.createParameter(name, start + i)).join(', ');
    }
    takes.push({ key: name, spread: false });
    const placeholder = driver.createParameter(name, taken++);
    numbers.set(name, placeholder);
    return placeholder;
  });
  return { text: numbered, takes, lengths };
}

/**
 * Whether a plan found in the cache is checked against the statement built afresh (and a
 * difference thrown): on under jest (`NODE_ENV=test`), so every list every test reads proves its
 * shape key complete; off in production.
 */
export const verifyingPlans = process.env.NODE_ENV === 'test';

/** How many list shapes a data source keeps plans for (then the oldest is forgotten). */
export const MAX_PAGE_PLANS = 500;

const plans = new WeakMap<DataSource, Map<string, PagePlan>>();

/**
 * The plan for `shape`, built by `build` on the first request of that shape (and, when verifying,
 * built again and compared); a plan `readPlanned` cannot read is built at every request.
 */
export function pagePlan(dataSource: DataSource, shape: string | null, build: () => PagePlan): PagePlan {
  if (shape === null) return build();
  let own = plans.get(dataSource);
  if (!own) plans.set(dataSource, (own = new Map()));
  const known = own.get(shape);
  if (known) {
    if (verifyingPlans) {
      const fresh = build();
      if (
        fresh.text !== known.text ||
        fresh.oneRowEach !== known.oneRowEach ||
        fresh.counts !== known.counts ||
        fresh.plain !== known.plain ||
        fresh.rowsRead !== known.rowsRead ||
        fresh.json !== known.json
      ) {
        throw new Error(`page plan cache: the shape key misses a difference\nkey: ${shape}\ncached: ${known.text}\nbuilt: ${fresh.text}`);
      }
    }
    return known;
  }
  const plan = build();
  if (!plan.plain) return plan; // read by TypeORM through the query built for it: nothing to keep
  if (own.size >= MAX_PAGE_PLANS) own.delete(own.keys().next().value!);
  own.set(shape, plan);
  return plan;
}

const classIds = new WeakMap<object, number>();
let nextClassId = 0;
/** A process-unique number for an entity class (or any object a query names its source by). */
function idOf(target: unknown): string {
  if (typeof target === 'string') return `s:${target}`;
  if ((typeof target !== 'function' && typeof target !== 'object') || target === null) return `?:${String(target)}`;
  let id = classIds.get(target);
  if (id === undefined) classIds.set(target, (id = ++nextClassId));
  return `c:${id}`;
}

/**
 * WHERE/HAVING entries as text. A condition is SQL text, brackets (a list of entries), or an
 * operator TypeORM writes out (`{ operator, parameters, condition }`, from find options and `Not`,
 * whose parameters are SQL fragments and placeholders); anything else is not keyed (null).
 */
function conditionsKey(entries: readonly { type: string; condition: unknown }[]): string | null {
  const parts: string[] = [];
  for (const entry of entries) {
    const condition = conditionKey(entry.condition);
    if (condition === null) return null;
    parts.push(`${entry.type}(${condition})`);
  }
  return parts.join('\u0001');
}

function conditionKey(condition: unknown): string | null {
  if (typeof condition === 'string') return condition;
  if (Array.isArray(condition)) {
    const inner = conditionsKey(condition as { type: string; condition: unknown }[]);
    return inner === null ? null : `[${inner}]`;
  }
  const c = condition as { operator?: unknown; parameters?: unknown; condition?: unknown } | null;
  if (c === null || typeof c !== 'object' || typeof c.operator !== 'string') return null;
  if (c.parameters !== undefined && !(Array.isArray(c.parameters) && c.parameters.every((p) => typeof p === 'string'))) return null;
  const nested = c.condition === undefined ? '' : conditionKey(c.condition);
  if (nested === null) return null;
  return `${c.operator}{${((c.parameters as string[] | undefined) ?? []).join('\u0002')}|${nested}}`;
}

/**
 * A text that differs whenever two select queries would build different statements: everything of
 * the expression map `getQuery` reads but the parameter values (which the statement names, not
 * holds). Null for what it does not key (sub-query sources, CTEs, locks, relation ids, conditions
 * that are not text): such queries are built at every request. Under jest every cached plan is
 * compared with the freshly built one (`verifyingPlans`), so a missed difference fails the tests.
 */
export function queryShape<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): string | null {
  const m = qb.expressionMap;
  if (
    m.queryType !== 'select' ||
    m.subQuery ||
    m.lockMode ||
    m.cache ||
    m.comment ||
    m.commonTableExpressions.length ||
    m.relationIdAttributes.length ||
    !m.mainAlias?.hasMetadata
  ) {
    return null;
  }
  const wheres = conditionsKey(m.wheres);
  const havings = conditionsKey(m.havings);
  if (wheres === null || havings === null) return null;
  const aliases: string[] = [];
  for (const a of m.aliases) {
    if (a.subQuery) return null;
    aliases.push(`${a.type}:${a.name}:${a.hasMetadata ? idOf(a.metadata.target) : (a.tablePath ?? '')}`);
  }
  const joins: string[] = [];
  for (const j of m.joinAttributes) {
    joins.push(
      [
        j.direction,
        idOf(j.entityOrProperty),
        j.alias.name,
        j.condition ?? '',
        j.mapToProperty ?? '',
        j.isMappingMany ? 1 : 0,
        // not `isSelected`: TypeORM derives it from the selects, the join's alias and its entity, all
        // keyed here — and its getter walks every select against every column of the entity
      ].join('\u0002'),
    );
  }
  return [
    idOf(m.mainAlias.metadata.target),
    m.mainAlias.name,
    aliases.join(','),
    m.selectDistinct ? 1 : 0,
    m.selectDistinctOn.join(','),
    m.withDeleted ? 1 : 0,
    m.aliasNamePrefixingEnabled ? 1 : 0,
    m.disableEscaping ? 1 : 0,
    m.selects.map((s) => `${s.selection}\u0002${s.aliasName ?? ''}\u0002${s.virtual ? 1 : 0}`).join('\u0001'),
    joins.join('\u0001'),
    wheres,
    havings,
    JSON.stringify(m.orderBys),
    m.groupBys.join('\u0001'),
    m.skip ?? '',
    m.take ?? '',
    m.limit ?? '',
    m.offset ?? '',
    m.maxExecutionTime,
    m.useIndex ?? '',
    m.timeTravel ?? '',
    m.extraAppendedAndWhereCondition,
    JSON.stringify(m.options),
  ].join('\u0000');
}

/** How many shape texts `shapeId` numbers (further ones stand for themselves). */
export const MAX_SHAPE_IDS = 2_000;
const shapeIds = new Map<string, string>();

/**
 * A short stand-in for a shape text (`queryShape`'s: several KB, every column of every select): the
 * plan's key holds it instead of the text — one lookup of the text a request, not a copy of it
 * joined into the key and hashed and compared again there. Null stays null.
 */
export function shapeId(shape: string | null): string | null {
  if (shape === null) return null;
  let id = shapeIds.get(shape);
  if (id === undefined) {
    if (shapeIds.size >= MAX_SHAPE_IDS) return `t${shape}`;
    shapeIds.set(shape, (id = `#${shapeIds.size}`));
  }
  return id;
}

/** How many list shapes `dataSource` keeps plans for, and how many of them make their entities straight from the rows (for tests and diagnostics). */
export function pagePlanCount(dataSource: DataSource): { plans: number; lean: number } {
  const own = [...(plans.get(dataSource)?.values() ?? [])];
  return { plans: own.length, lean: own.filter((p) => p.maker).length };
}
