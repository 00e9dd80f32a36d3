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
