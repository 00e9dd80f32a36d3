import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { isoSql } from './json-items';

/**
 * A list row's children (fund sources, warnings…) read in the page statement itself: an SQL
 * expression, for `paginate`'s `columns`, that aggregates the child rows of the parent id
 * `parentIdExpr` as a JSON array (every column by property name; numeric as text, so money keeps
 * its scale; timestamps to the millisecond, as the driver reads them), in `orderBy` (property paths, ascending, or
 * descending with a leading `-`; ties in the order the rows lie in the table) when given, and `childrenFrom` turning
 * that array back into entities as TypeORM hydrates them.
 */
export function childrenSql<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  foreignKeyProperty: string,
  parentIdExpr: string,
  orderBy: readonly string[] = [],
): string {
  const metadata = dataSource.getMetadata(target);
  const fk = metadata.findColumnWithPropertyPath(foreignKeyProperty);
  if (!fk) throw new Error(`childrenSql: ${metadata.name} has no column ${foreignKeyProperty}`);
  return rowsSql(dataSource, target, `${CHILD}.${ident(fk.databaseName)} = ${parentIdExpr}`, orderBy);
}

/** The alias `rowsSql` reads its rows as (its `where` names them by it). */
export const CHILD = 'lc_child';

/**
 * The rows of `target` matching `where` (SQL over the alias `CHILD`, e.g. the files an evaluation's
 * attachments name) as `childrenSql` writes children: a JSON array `childrenFrom` makes entities of.
 */
export function rowsSql<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  where: string,
  orderBy: readonly string[] = [],
): string {
  // built once per data source, entity, condition and order: the same text (one string) at every request
  let byTarget = childrenTexts.get(dataSource);
  if (!byTarget) childrenTexts.set(dataSource, (byTarget = new Map()));
  let texts = byTarget.get(target);
  if (!texts) byTarget.set(target, (texts = new Map()));
  const key = `${where}\u0000${orderBy.join(',')}`;
  let text = texts.get(key);
  if (text === undefined) texts.set(key, (text = buildRowsSql(dataSource, target, where, orderBy)));
  return text;
}

/** `rowsSql`'s texts by data source, entity, then condition and order. */
const childrenTexts = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, Map<string, string>>>();

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function buildRowsSql<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  where: string,
  orderBy: readonly string[],
): string {
  const metadata = dataSource.getMetadata(target);
  // the columns a read of the entity selects: not those it leaves out unless asked (a stored file's bytes)
  const fields = metadata.columns
    .filter((c) => c.isSelect)
    .map((c) => {
      const value = `${CHILD}.${ident(c.databaseName)}`;
      const numeric = ['numeric', 'decimal', Number].includes(c.type as never) || c.type === 'bigint';
      // a timestamp as toISOString writes it (milliseconds), so the Date made of it is the one the driver makes of the column
      const timestamp = c.type === 'timestamptz' || c.type === 'timestamp with time zone';
      return `'${c.propertyPath}', ${numeric ? `${value}::text` : timestamp ? isoSql(value) : value}`;
    });
  const order = orderBy.map((path) => {
    const descending = path.startsWith('-');
    const property = descending ? path.slice(1) : path;
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`rowsSql: ${metadata.name} has no column ${property}`);
    return `${CHILD}.${ident(column.databaseName)}${descending ? ' DESC' : ''}`;
  });
  // ties (rows written in one transaction share its timestamp) in the order the rows lie in the table — for rows
  // written once, the order they were written in (a history's create before its submit), as an index scan reads them
  const ordered = [...order, `${CHILD}.ctid`];
  return `SELECT coalesce(json_agg(json_build_object(${fields.join(', ')})${orderBy.length ? ` ORDER BY ${ordered.join(', ')}` : ''}), '[]'::json)
            FROM ${ident(metadata.tableName)} ${CHILD} WHERE ${where}`;
}

export function childrenFrom<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, json: unknown): T[] {
  const metadata = dataSource.getMetadata(target);
  const rows = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>[] | null;
  return (rows ?? []).map((row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) {
      const raw = row[column.propertyPath];
      column.setEntityValue(entity, raw === null || raw === undefined ? raw : dataSource.driver.prepareHydratedValue(raw, column));
    }
    return entity;
  });
}
