import type { EntityManager } from 'typeorm';

/**
 * The names people read for the ids that histories keep (users and API keys act alike): a user's
 * display name (not the login name), or an API key's name. Ids not found are left out.
 */
export async function actorNames(manager: EntityManager, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id.length > 0))];
  if (!wanted.length) return new Map();
  const rows = await manager.query<{ id: string; name: string }[]>(
    `SELECT id::text AS id, display_name AS name FROM users WHERE id = ANY($1::uuid[])
     UNION ALL
     SELECT id::text AS id, name FROM api_keys WHERE id = ANY($1::uuid[])`,
    [wanted],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The same name as an SQL expression of a uuid expression (a list's column), for a list page that
 * reads its names in its own statement: the user's display name, else the API key's name, else NULL.
 */
export function actorNameSql(idExpr: string): string {
  return `COALESCE((SELECT an_u.display_name FROM users an_u WHERE an_u.id = ${idExpr}), (SELECT an_k.name FROM api_keys an_k WHERE an_k.id = ${idExpr}))`;
}

/** The names a list page read with `actorNameSql` (columns named by id), as `actorNames` answers them. */
export function namesFromColumns(pairs: Iterable<[string | null | undefined, unknown]>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, name] of pairs) if (typeof id === 'string' && typeof name === 'string') names.set(id, name);
  return names;
}

/**
 * The names `actorNames` answers for the ids an SQL query selects (one uuid column, e.g. a UNION of
 * a history's actors), as one SQL JSON object expression (`{ "<id>": "<name>" }`, ids without a
 * name left out): for a detail that reads its history's names in its own statement (`namesFromJson`).
 */
export function actorNamesJsonSql(idsSql: string): string {
  return `(SELECT coalesce(json_object_agg(an.id, an.name), '{}'::json)
     FROM (SELECT an_i.id::text AS id, ${actorNameSql('an_i.id')} AS name FROM (${idsSql}) an_i(id) WHERE an_i.id IS NOT NULL GROUP BY an_i.id) an
     WHERE an.name IS NOT NULL)`;
}

/** The names an `actorNamesJsonSql` column read, as `actorNames` answers them. */
export function namesFromJson(json: unknown): Map<string, string> {
  const object = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown> | null;
  return namesFromColumns(Object.entries(object ?? {}));
}
