import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import type { Assignee } from '../auth/authorize.decorator';
import { CREDENTIAL_COLUMN, credentialColumn } from '../auth/credential-check';
import { requestContext } from '../http/request-context';
import { withHead } from '../list/page-head';
import { pagePlan, queryShape, shapeId } from '../list/page-plans';
import { readPlanned, readsItself } from '../list/read-page';
import { joinsOnlyOneRowEach } from '../list/paginate';

/**
 * The owner check of the row a detail read names (`@ReadsOne`), left by the guard to the handler's
 * statement: `readOne` reads the row's owner (and assignee) in that statement and calls `admit`, which
 * decides as the guard decides (auth.guard.ts) — and throws its refusal. Still `pending` after the
 * handler (no row read, another entity read, no `readOne` at all): the guard checks it the usual way
 * before the answer leaves.
 */
export interface OwnerCheck {
  /** The route's scope: the row of `entity` named `id` in the path, owned through property `column`. */
  entity: new () => object;
  column: string;
  assignee?: Assignee;
  id: string;
  state: 'pending' | 'confirmed';
  /** Admits the caller to the row owned by `owner` (assigned to `assignee`), or throws (404 outside the caller's scope). */
  admit(owner: string | null, assignee: string | null): Promise<void>;
}

const OWNER = 'lx_owner';
const ASSIGNEE = 'lx_assignee';
const ROW = 'lx_row';

/**
 * Reads the one row of a detail in ONE statement — the caller's credential and data scope confirmed
 * in it — the way a list's page does (paginate.ts): `qb` selects the row (by the id in the path) with
 * whatever the detail shows joined or aggregated into it (to-one joins, `childrenSql` columns). When
 * the request waits for it, the statement also reads the caller's credential fingerprint in its head
 * (credential-check.ts; a row even when the detail's is missing) and the row's owner, which the
 * route's owner check decides on (`OwnerCheck`): a row outside the caller's scope is refused here, as
 * a 404, before anything of it is used. On a PostgreSQL server a named prepared statement of the
 * query's shape (read-page.ts), its entities made as a list page's are. Undefined when there is no
 * such row (the caller's refusal, if any, is decided after the handler: `OwnerCheck`).
 */
export async function readOne<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): Promise<{ entity: T; raw: Record<string, unknown> } | undefined> {
  const main = qb.expressionMap.mainAlias;
  if (!main?.hasMetadata) throw new Error('readOne: the query reads no entity');
  const driver = qb.connection.driver;
  const waiting = requestContext.get()?.ownerCheck;
  // the route's owner check, when it waits for this statement and the statement reads its entity
  const owner = waiting?.state === 'pending' && main.metadata.target === waiting.entity ? waiting : undefined;
  if (owner) {
    const column = main.metadata.findColumnWithPropertyPath(owner.column);
    const assignee = owner.assignee ? main.metadata.findColumnWithPropertyPath(owner.assignee.column) : null;
    if (!column || assignee === undefined)
      throw new Error(`readOne: ${main.metadata.name} has no column ${owner.column} or its assignee's`);
    const id = main.metadata.primaryColumns[0];
    qb.addSelect(`${main.name}.${driver.escape(column.databaseName)}`, OWNER);
    if (assignee) qb.addSelect(`${main.name}.${driver.escape(assignee.databaseName)}`, ASSIGNEE);
    qb.addSelect(`${main.name}.${driver.escape(id.databaseName)}`, ROW);
  }
  const params: Record<string, string> = {};
  const credential = credentialColumn((key) => {
    params.lxCredentialKey = key;
    return ':lxCredentialKey';
  });
  let read: { entities: T[]; raw: Record<string, unknown>[] };
  if (readsItself(qb.expressionMap)) {
    const shape = shapeId(queryShape(qb));
    const plan = pagePlan(qb.connection, shape === null ? null : `one\u0003${shape}\u0003${credential?.sql ?? ''}`, () => {
      qb.expressionMap.queryEntity = true; // as getRawAndEntities builds it: primary keys selected for the entities
      const text = qb.getQuery();
      return {
        text: credential ? withHead(text, [credential.head]) : text,
        map: qb.expressionMap,
        oneRowEach: joinsOnlyOneRowEach(qb),
        counts: false,
        plain: true,
        rowsRead: 0,
      };
    });
    // the row's own columns are NULL in the head's lone row when there is no row: the main alias's key tells
    const marker = DriverUtils.buildAlias(driver, undefined, main.name, main.metadata.primaryColumns[0].databaseName);
    read = await readPlanned(qb, plan, { ...qb.getParameters(), ...params }, credential?.headed(marker));
  } else {
    if (credential) qb.addSelect(credential.sql, CREDENTIAL_COLUMN).setParameters(params);
    read = await qb.getRawAndEntities();
    credential?.settle(read.raw);
  }
  const row = read.raw[0];
  // the route's scope decides on the row the path names, as read in the same snapshot as what is answered
  if (owner && row && String(row[ROW]).toLowerCase() === owner.id.toLowerCase())
    await owner.admit((row[OWNER] as string | null) ?? null, (row[ASSIGNEE] as string | null) ?? null);
  return read.entities.length ? { entity: read.entities[0], raw: row } : undefined;
}
