import type { DataSource, EntityManager, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';
import { queryPrepared } from '../../database/named-statement';

/**
 * The statement runner of a list's page (`sqlPage`'s `run`): on a PostgreSQL server a named
 * prepared statement per shape (`queryPrepared`), planned once per pooled connection, unless the
 * text searches or skips by a literal offset; on `manager`'s connection (a transaction's) when it
 * has one, else the pool's.
 */
export function pageRunner(dataSource: DataSource, manager?: EntityManager) {
  const runner = manager?.queryRunner;
  return (text: string, values: unknown[]): Promise<any[]> => queryPrepared(dataSource, text, values, runner);
}

/**
 * Reads the page statement of `paginate`: rows as PostgreSQL returns them and the entities TypeORM
 * makes of them. The statement is built once and run by `queryPrepared`: on a PostgreSQL server a
 * page of a known shape — first page or a cursor's, no text search — is a named prepared statement,
 * which each pooled connection parses and plans once instead of at every request (on the generated
 * city year a department's first project page spent ~0.3 ms parsing and ~0.4 ms planning a 1.3 ms
 * run); otherwise it runs unnamed. The entities are made by TypeORM's own transformer, as
 * `getRawAndEntities` makes them; a query this path does not cover (relation ids, locks, result
 * cache, TypeORM's two-statement skip/take over joins, entity listeners) goes through
 * `getRawAndEntities` itself.
 */
export async function readPage<T extends ObjectLiteral>(page: SelectQueryBuilder<T>): Promise<{ entities: T[]; raw: any[] }> {
  const map = page.expressionMap;
  const main = map.mainAlias;
  const plain =
    main?.hasMetadata &&
    map.skip === undefined &&
    map.take === undefined &&
    !map.lockMode &&
    !map.cache &&
    map.relationIdAttributes.length === 0 &&
    [main, ...map.joinAttributes.map((j) => j.alias)].every(
      (a) => !a.hasMetadata || (a.metadata.relationIds.length === 0 && a.metadata.afterLoadListeners.length === 0),
    );
  if (!plain) return page.getRawAndEntities();
  map.queryEntity = true; // as getRawAndEntities builds it: primary keys selected for the entities
  const [text, values] = page.getQueryAndParameters();
  // a transaction's runner when the query builder has one (its snapshot), else one of the pool's
  const runner = (page as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const raw = await queryPrepared<Record<string, any>>(page.dataSource, text, values, runner);
  const entities = raw.length
    ? (new RawSqlResultsToEntityTransformer(map, page.dataSource.driver, [], runner).transform(raw, main!) as T[])
    : [];
  return { entities, raw };
}
