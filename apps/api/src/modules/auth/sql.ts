import type { EntityManager } from 'typeorm';

/** Runs an `UPDATE … RETURNING` and answers the returned rows (TypeORM answers `[rows, count]` for UPDATE). */
export async function updateReturning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const raw: unknown = await manager.query(sql, params);
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') return raw[0] as T[];
  return raw as T[];
}

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
