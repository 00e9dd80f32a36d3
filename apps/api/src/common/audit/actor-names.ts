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
