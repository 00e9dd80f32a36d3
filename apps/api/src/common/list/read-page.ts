import type { DataSource, EntityManager, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import type { QueryExpressionMap } from 'typeorm/query-builder/QueryExpressionMap';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';
import { isDeepStrictEqual } from 'node:util';
import { queryPrepared } from '../../database/named-statement';
import { entityMaker } from './lean-entities';
import { escapePlanned, type PagePlan, verifyingPlans } from './page-plans';

/**
 * The statement runner of a list's page (`sqlPage`'s `run`): on a PostgreSQL server a named
 * prepared statement per shape (`queryPrepared`), planned once per pooled connection — a search
 * parsed once and planned at every run for its words, a literal offset unnamed; on `manager`'s
 * connection (a transaction's) when it has one, else the pool's.
 */
export function pageRunner(dataSource: DataSource, manager?: EntityManager) {
  const runner = manager?.queryRunner;
  return (text: string, values: unknown[]): Promise<any[]> => queryPrepared(dataSource, text, values, runner);
}

/**
 * Whether `paginate` reads a page statement itself (`readPlanned`): rows as PostgreSQL returns them
 * and the entities TypeORM's own transformer makes of them, as `getRawAndEntities` makes them. A
 * query this path does not cover (relation ids, locks, result cache, TypeORM's two-statement
 * skip/take over joins, entity listeners) goes through `getRawAndEntities` itself.
 */
export function readsItself(map: QueryExpressionMap): boolean {
  const main = map.mainAlias;
  return (
    main !== undefined &&
    main.hasMetadata &&
    map.skip === undefined &&
    map.take === undefined &&
    !map.lockMode &&
    !map.cache &&
    map.relationIdAttributes.length === 0 &&
    [main, ...map.joinAttributes.map((j) => j.alias)].every(
      (a) => !a.hasMetadata || (a.metadata.relationIds.length === 0 && a.metadata.afterLoadListeners.length === 0),
    )
  );
}

/**
 * Reads a page statement (`plan.text`, named parameters filled from `params`) and makes its entities
 * by `plan.map`. The statement runs through `queryPrepared`: on a PostgreSQL server a page of a
 * known shape — first page or a cursor's, no text search — is a named prepared statement, which each
 * pooled connection parses and plans once instead of at every request (on the generated city year a
 * department's first project page spent ~0.3 ms parsing and ~0.4 ms planning a 1.3 ms run); a text
 * search is named on connections that plan it at every run for its words, a page reached by number
 * runs unnamed. On `qb`'s runner when it has one (a transaction's snapshot), else the pool's.
 */
export async function readPlanned<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  plan: PagePlan,
  params: ObjectLiteral,
  held?: RowsHeld,
): Promise<{ entities: T[]; raw: any[] }> {
  const driver = qb.connection.driver;
  const [text, values] = escapePlanned(driver, plan, params);
  const runner = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const read = await queryPrepared<Record<string, any>>(qb.connection, text, values, runner);
  const raw = held ? held(read) : read;
  if (!raw.length) return { entities: [], raw };
  // a page of one entity a row: made with the plan's column list (lean-entities.ts); else TypeORM's
  // transformer — the plan's own when no entity of it loads lazily (it would need the request's runner)
  if (plan.oneRowEach && plan.maker === undefined) plan.maker = entityMaker(plan.map, driver);
  const typeorm = () =>
    (lazilyLoading(plan.map)
      ? new RawSqlResultsToEntityTransformer(plan.map, driver, [], runner)
      : (plan.transformer ??= new RawSqlResultsToEntityTransformer(plan.map, driver, [], undefined))
    ).transform(raw, plan.map.mainAlias!) as T[];
  if (!plan.oneRowEach || !plan.maker) return { entities: typeorm(), raw };
  const entities = plan.maker(raw) as T[];
  if (verifyingPlans && !isDeepStrictEqual(entities, typeorm())) {
    throw new Error(`page plan: the entities made from the rows differ from TypeORM's for ${plan.text}`);
  }
  return { entities, raw };
}

/**
 * Reads a page statement whose rows are ids, keys and each item's JSON written by PostgreSQL
 * (paginate's narrow page): the rows as they are, read without a row codec (a JSON text column
 * would only be quoted into a JSON array and unquoted again).
 */
export async function readRaw<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  plan: PagePlan,
  params: ObjectLiteral,
  held?: RowsHeld,
): Promise<any[]> {
  const [text, values] = escapePlanned(qb.connection.driver, plan, params);
  const runner = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const read = await queryPrepared<Record<string, any>>(qb.connection, text, values, runner, { asIs: true });
  return held ? held(read) : read;
}

/** What reads a headed page statement's head (page-head.ts) and returns the page's own rows. */
type RowsHeld = <Row extends Record<string, unknown>>(rows: Row[]) => Row[];

/** Whether an entity the page makes has lazy relations (their loaders are bound to the request's runner). */
function lazilyLoading(map: QueryExpressionMap): boolean {
  return map.aliases.some((a) => a.hasMetadata && a.metadata.lazyRelations.length > 0);
}
