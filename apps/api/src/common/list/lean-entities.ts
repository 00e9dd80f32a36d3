import type { Driver, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { Alias } from 'typeorm/query-builder/Alias';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { QueryExpressionMap } from 'typeorm/query-builder/QueryExpressionMap';

/**
 * Column types whose values PostgreSQL's client already hands over as the entity holds them
 * (TypeORM's `prepareHydratedValue` leaves them as they are): text, uuids, integers, booleans, JSON.
 * Any other type, and any column with a transformer (money), goes through the driver.
 */
const AS_READ = new Set<unknown>([
  'varchar',
  'character varying',
  'text',
  'uuid',
  'int',
  'integer',
  'int4',
  'smallint',
  'int2',
  'boolean',
  'bool',
  Boolean,
  String,
  'json',
  'jsonb',
]);

/** How one selected column becomes an entity property. */
interface LeanColumn {
  /** Its key in the raw row (`alias_column`). */
  key: string;
  property: string;
  /** The driver's conversion (dates, enums, numbers, transformers), or none. */
  column: ColumnMetadata | null;
}

/** How one alias of the query becomes an entity: its columns and the to-one entities joined onto it. */
interface AliasPlan {
  metadata: EntityMetadata;
  columns: LeanColumn[];
  joined: { property: string; plan: AliasPlan }[];
}

/** Makes a page's entities from its raw rows, one entity a row, without TypeORM's general transformer. */
export type EntityMaker = (raw: readonly Record<string, unknown>[]) => ObjectLiteral[];

/**
 * The entities of a page statement whose rows are one entity each (paginate's page when every join
 * reads one row each), made the way TypeORM's transformer makes them — each entity created by its
 * metadata, each selected column's value set as the driver prepares it, a selected to-one join's
 * entity set on its relation (null when the join found nothing) — but with the column lists worked
 * out once for the plan and the values that need no conversion set as read. Null when the query
 * selects what this does not make (a to-many join, joins mapped to properties, embedded columns,
 * inheritance, relation ids, plain objects instead of entities): TypeORM's transformer makes those.
 * Under jest paginate checks every page made here against TypeORM's own transformer (read-page.ts).
 */
export function entityMaker(map: QueryExpressionMap, driver: Driver): EntityMaker | null {
  const main = map.mainAlias;
  if (!main?.hasMetadata || map.relationIdAttributes.length > 0 || map.options.includes('create-pojo')) return null;
  if (main.metadata.dataSource.options.typename) return null;
  const selections = new Set(map.selects.map((s) => s.selection));
  const joins = map.joinAttributes.filter((j) => j.isSelected);
  let used = 0;

  const planOf = (alias: Alias): AliasPlan | null => {
    const metadata = alias.metadata;
    if (
      metadata.tableType === 'view' ||
      metadata.discriminatorColumn ||
      metadata.childEntityMetadatas.length > 0 ||
      metadata.embeddeds.length > 0 ||
      metadata.lazyRelations.length > 0 ||
      metadata.relationIds.length > 0 ||
      metadata.primaryColumns.length !== 1
    ) {
      return null;
    }
    const columns: LeanColumn[] = [];
    for (const c of metadata.columns) {
      if (c.isVirtual || !(selections.has(alias.name) || selections.has(`${alias.name}.${c.propertyPath}`))) continue;
      if (c.embeddedMetadata || c.isVirtualProperty || c.propertyName !== c.propertyPath) return null;
      columns.push({
        key: DriverUtils.buildAlias(driver, undefined, alias.name, c.databaseName),
        property: c.propertyName,
        column: c.transformer || !AS_READ.has(c.type) ? c : null,
      });
    }
    if (!columns.some((c) => c.property === metadata.primaryColumns[0].propertyName)) return null;
    const joined: AliasPlan['joined'] = [];
    for (const join of joins) {
      if (join.parentAlias !== alias.name && join.mapToPropertyParentAlias !== alias.name) continue;
      const relation = join.relation;
      if (
        join.mapToProperty ||
        !relation ||
        join.isMany ||
        relation.embeddedMetadata ||
        !metadata.relations.includes(relation) ||
        join.relationPropertyPath !== relation.propertyPath ||
        !join.alias.hasMetadata
      ) {
        return null;
      }
      const plan = planOf(join.alias);
      if (!plan) return null;
      joined.push({ property: relation.propertyName, plan });
      used++;
    }
    return { metadata, columns, joined };
  };

  const root = planOf(main);
  // every selected join placed under its parent (one this does not reach: TypeORM's transformer)
  if (!root || used !== joins.length) return null;

  /** The entity of `plan` in `row`; undefined when none of its columns holds a value (a left join that found nothing). */
  const make = (plan: AliasPlan, row: Record<string, unknown>): ObjectLiteral | undefined => {
    const entity = plan.metadata.create(undefined, { fromDeserializer: true }) as Record<string, unknown>;
    let found = false;
    for (const { key, property, column } of plan.columns) {
      const value = row[key];
      if (value === undefined) continue;
      if (value !== null) found = true;
      entity[property] = column ? driver.prepareHydratedValue(value, column) : value;
    }
    for (const { property, plan: child } of plan.joined) entity[property] = make(child, row) ?? null;
    return found ? entity : undefined;
  };
  return (raw) => raw.map((row) => make(root, row as Record<string, unknown>)!);
}
