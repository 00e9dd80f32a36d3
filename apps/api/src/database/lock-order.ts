import type { EntityManager } from 'typeorm';

/**
 * The lock order of a write that touches many projects in one transaction. A project's write moves
 * its share of stored counts kept per organization (migrations GateStored, MonitoringStored,
 * EvaluationCoverageStored, KeyCoverageStored…): the row trigger takes the project, then its
 * organization's counts row. A single-project form takes them in that order too; a multi-project
 * writer that went project, counts, project, counts… could hold a counts row a form waits for while
 * it waits for that form's project — a deadlock. So such writers take every project they will write
 * first, sorted by id, before any counts row (measured on the tracking import: 1 deadlock in 640
 * transactions of imports beside forms without it, none with it).
 */
export async function lockProjectsInOrder(manager: EntityManager, ids: Iterable<string>): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length) await manager.query(`SELECT 1 FROM projects WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [sorted]);
}

/** The same for the projects of some (code, organization) pairs, every year (an evaluation record's projects). */
export async function lockProjectsOfCodesInOrder(manager: EntityManager, pairs: { code: string; organizationId: string }[]): Promise<void> {
  if (!pairs.length) return;
  await manager.query(
    `SELECT 1 FROM projects p JOIN unnest($1::text[], $2::uuid[]) AS k(code, organization_id)
        ON p.code = k.code AND p.organization_id = k.organization_id
      ORDER BY p.id FOR NO KEY UPDATE OF p`,
    [pairs.map((p) => p.code), pairs.map((p) => p.organizationId)],
  );
}
