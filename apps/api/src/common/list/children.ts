import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A list row's children (fund sources, warnings…) read in the page statement itself: an SQL
 * expression, for `paginate`'s `columns`, that aggregates the child rows of the parent id
 * `parentIdExpr` as a JSON array (every column by property name; numeric as text, so money keeps
 * its scale), and `childrenFrom` turning that array back into entities as TypeORM hydrates them.
 */
export function childrenSql<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  foreignKeyProperty: string,
  parentIdExpr: string,
): string {
  // built once per data source, entity, key and parent: the same text (one string) at every request
  let byTarget = childrenTexts.get(dataSource);
  if (!byTarget) childrenTexts.set(dataSource, (byTarget = new Map()));
  let texts = byTarget.get(target);
  if (!texts) byTarget.set(target, (texts = new Map()));
  const key = `${foreignKeyProperty}\u0000${parentIdExpr}`;
  let text = texts.get(key);
  if (text === undefined) texts.set(key, (text = buildChildrenSql(dataSource, target, foreignKeyProperty, parentIdExpr)));
  return text;
}

/** `childrenSql`'s texts by data source, entity, then foreign key and parent expression. */
const childrenTexts = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, Map<string, string>>>();

function buildChildrenSql<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  foreignKeyProperty: string,
  parentIdExpr: string,
): string {
  const metadata = dataSource.getMetadata(target);
  const fk = metadata.findColumnWithPropertyPath(foreignKeyProperty);
  if (!fk) throw new Error(`childrenSql: ${metadata.name} has no column ${foreignKeyProperty}`);
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const fields = metadata.columns.map((c) => {
    const value = `lc_child.${ident(c.databaseName)}`;
    const numeric = ['numeric', 'decimal', Number].includes(c.type as never) || c.type === 'bigint';
    return `'${c.propertyPath}', ${numeric ? `${value}::text` : value}`;
  });
  return `SELECT coalesce(json_agg(json_build_object(${fields.join(', ')})), '[]'::json)
            FROM ${ident(metadata.tableName)} lc_child WHERE lc_child.${ident(fk.databaseName)} = ${parentIdExpr}`;
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
