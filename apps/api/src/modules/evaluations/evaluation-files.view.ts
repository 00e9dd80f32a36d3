import { In, type EntityManager } from 'typeorm';
import { Permission } from '@jixiao/contracts';
import { actorNames } from '../../common/audit/actor-names';
import type { Principal } from '../../common/auth/principal';
import { StoredFileEntity } from '../files/entities/stored-file.entity';
import type { EvaluationAttachmentDto } from './dto/evaluation-file.dto';
import type { EvaluationEntity } from './entities/evaluation.entity';
import type { EvaluationFileEntity } from './entities/evaluation-file.entity';

/** An attachment row and its stored file as the API shows it. */
export function toAttachmentDto(row: EvaluationFileEntity, file: StoredFileEntity, names: Map<string, string>): EvaluationAttachmentDto {
  return {
    id: row.id,
    kind: row.kind,
    evaluationId: row.evaluationId,
    filename: file.filename,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    attachedByName: row.attachedById ? (names.get(row.attachedById) ?? null) : null,
    attachedAt: row.createdAt.toISOString(),
  };
}

/** The files attached to an evaluation, oldest first, with the names of who attached them. */
export async function attachmentViews(
  manager: EntityManager,
  rows: EvaluationFileEntity[],
  read?: { files: ReadonlyMap<string, StoredFileEntity>; names: Map<string, string> },
): Promise<EvaluationAttachmentDto[]> {
  if (!rows.length) return [];
  // (`read`: the files and the names the evaluation's detail read already, in its own statement)
  const byId =
    read?.files ?? new Map((await manager.find(StoredFileEntity, { where: { id: In(rows.map((r) => r.fileId)) } })).map((f) => [f.id, f]));
  const names =
    read?.names ??
    (await actorNames(
      manager,
      rows.map((r) => r.attachedById),
    ));
  return rows.flatMap((r) => {
    const f = byId.get(r.fileId);
    return f ? [toAttachmentDto(r, f, names)] : [];
  });
}

/**
 * Who may attach a file to an evaluation while it is edited (draft or returned): the commissioned
 * agency; else the evaluated organization's writers in scope — the bureau for a finance key
 * evaluation (R14). The scope itself is the guard's and DataScope's; this answers the `attach_file` action.
 */
export function mayAttach(e: Pick<EvaluationEntity, 'kind' | 'status'>, caller: Principal, asAgency: boolean): boolean {
  if (e.status !== 'draft' && e.status !== 'returned') return false;
  if (caller.readOnly || !caller.permissions.has(Permission.EvaluationWrite)) return false;
  if (asAgency) return true;
  if (caller.dataScope === 'assigned') return false;
  return e.kind !== 'finance_key' || (caller.dataScope === 'all' && caller.permissions.has(Permission.EvaluationReview));
}
