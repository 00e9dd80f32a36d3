import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { CommonErrors } from '../common/errors/common.errors';

/**
 * Optimistic locking: the update applies only if the row still has the version the caller read;
 * otherwise 409 VERSION_CONFLICT and nothing changes. Returns the row as it is after the update.
 */
export async function updateVersioned<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  changes: Partial<T>,
): Promise<T> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .execute();
  if (!result.affected) throw CommonErrors.VERSION_CONFLICT();
  return manager.findOneOrFail(entity, { where: { id } as never });
}
