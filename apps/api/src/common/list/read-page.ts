import type { DataSource, EntityManager, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';
import { namesStatements, queryPrepared } from '../../database/named-statement';

/**
 * What keeps a page statement unnamed: a search (its plan depends on its words: a generic plan
 * cannot know that `%信息化%` is rare) and rows skipped by a page number written into the text
 * (TypeORM's `OFFSET 40`: a name per page would pile up plans on every connection).
 */
const PLANNED_EACH_TIME = /\bI?LIKE\b|%>|<%|\bOFFSET\s+\d/i;

/**
 * The statement runner of a list's page (`sqlPage`'s `run`): on a PostgreSQL server a named
 * prepared statement per shape (`queryPrepared`), planned once per pooled connection, unless the
 * text searches or skips by a literal offset; on `manager`'s connection (a transaction's) when it
 * has one, else the pool's.
 */
export function pageRunner(dataSource: DataSource, manager?: EntityManager) {
  const runner = manager?.queryRunner;
  return (text: string, values: unknown[]): Promise<any[]> =>
    PLANNED_EACH_TIME.test(text) ? (manager ?? dataSource).query(text, values) : queryPrepared(dataSource, text, values, runner);
}

/**
 * Reads the page statement of `paginate`: rows as PostgreSQL returns them and the entities TypeORM
 * makes of them. On a PostgreSQL server a page of a known shape — first page or a cursor's, no
 * text search — runs as a named prepared statement (`queryPrepared`): each pooled connection
 * parses and plans the shape once instead of at every request (on the generated city year a
 * department's first project page spent ~0.3 ms parsing and ~0.4 ms planning a 1.3 ms run). The
 * entities are made by TypeORM's own transformer, as `getRawAndEntities` makes them; a query this
 * path does not cover (relation ids, locks, result cache, TypeORM's two-statement skip/take over
 * joins, entity listeners) goes through `getRawAndEntities` itself.
 */
export async function readPage<T extends ObjectLiteral>(page: SelectQueryBuilder<T>): Promise<{ entities: T[]; raw: any[] }> {
  const map = page.expressionMap;
  const main = map.mainAlias;
  const plain =
    main?.hasMetadata &&
    namesStatements(page.dataSource) &&
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
  if (PLANNED_EACH_TIME.test(text)) return page.getRawAndEntities();
  // a transaction's runner when the query builder has one (its snapshot), else one of the pool's
  const runner = (page as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const raw = await queryPrepared<Record<string, any>>(page.dataSource, text, values, runner);
  const entities = raw.length
    ? (new RawSqlResultsToEntityTransformer(map, page.dataSource.driver, [], runner).transform(raw, main!) as T[])
    : [];
  return { entities, raw };
}
