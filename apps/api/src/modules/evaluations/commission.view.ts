import type { EntityManager } from 'typeorm';
import { Permission } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import { StoredFileEntity } from '../files/entities/stored-file.entity';
import { toStoredFileDto } from '../files/files.service';
import type { EvaluationCommissionDto } from './dto/commission.dto';
import { EvaluationFileEntity } from './entities/evaluation-file.entity';
import type { EvaluationCommissionEntity } from './entities/evaluation-commission.entity';
import type { EvaluationEntity } from './entities/evaluation.entity';

/** The bureau: district-wide scope with the bureau's evaluation review permission. */
export const isBureau = (caller: Principal): boolean => caller.dataScope === 'all' && caller.permissions.has(Permission.EvaluationReview);

/**
 * R13: who may commission an evaluation to an agency — department and finance key evaluations only,
 * not yet commissioned and still being edited; a finance key evaluation by the bureau, a department
 * evaluation by the bureau or the department (town) whose scope it is in (the roles that read the
 * registry to choose; units do not commission). The scope itself is the guard's and DataScope's.
 */
export function mayCommission(e: EvaluationEntity, caller: Principal): boolean {
  if (e.kind === 'self' || e.agencyOrganizationId) return false;
  if (e.status !== 'draft' && e.status !== 'returned') return false;
  if (caller.readOnly || caller.dataScope === 'assigned') return false;
  if (!caller.permissions.has(Permission.EvaluationWrite) || !caller.permissions.has(Permission.AgencyRead)) return false;
  return e.kind === 'finance_key' ? isBureau(caller) : true;
}

/** The bureau, or the commissioning party, grades the agency's work once the evaluation is completed. */
export function mayGradeCommission(e: EvaluationEntity, c: EvaluationCommissionEntity, caller: Principal): boolean {
  if (e.status !== 'completed' || caller.readOnly || caller.dataScope === 'assigned') return false;
  if (!caller.permissions.has(Permission.EvaluationWrite)) return false;
  return isBureau(caller) || (caller.organizationId !== null && caller.organizationId === c.commissioningOrganizationId);
}

/** Where a commission stands: the agency works on it, has submitted it, or its work is graded. */
export function commissionStatus(e: Pick<EvaluationEntity, 'status'>, c: Pick<EvaluationCommissionEntity, 'grade'>) {
  if (c.grade) return 'graded' as const;
  return e.status === 'completed' ? ('submitted' as const) : ('commissioned' as const);
}

export async function commissionView(
  manager: EntityManager,
  c: EvaluationCommissionEntity,
  names: Map<string, string>,
  evaluation?: Pick<EvaluationEntity, 'status'>,
  read?: { files: ReadonlyMap<string, StoredFileEntity>; attachments: readonly EvaluationFileEntity[] },
): Promise<EvaluationCommissionDto> {
  const fileId = c.declarationFileId;
  // (`read`: the files and the evaluation's attachments its detail read already, in its own statement)
  const declaration = !fileId
    ? null
    : read
      ? (read.files.get(fileId) ?? null)
      : await manager.findOne(StoredFileEntity, { where: { id: fileId } });
  // The declaration as the evaluation's attachment (readable by the agency); none for one uploaded elsewhere before.
  const attached = !fileId
    ? null
    : read
      ? (read.attachments.find((a) => a.fileId === fileId) ?? null)
      : await manager.findOne(EvaluationFileEntity, { where: { evaluationId: c.evaluationId, fileId } });
  return {
    agencyId: c.agencyOrganizationId,
    agencyName: names.get(c.agencyOrganizationId) ?? '',
    commissioningOrganizationId: c.commissioningOrganizationId,
    commissioningOrganizationName: names.get(c.commissioningOrganizationId) ?? '',
    justification: c.justification,
    checklist: c.checklist ?? [],
    declarationSigned: c.declarationSigned,
    declarationFile: declaration ? toStoredFileDto(declaration) : null,
    declarationAttachmentId: attached?.id ?? null,
    declarationText: c.declarationText,
    declaredOn: c.declaredOn,
    platformReference: c.platformReference,
    commissionedOn: c.commissionedOn,
    status: commissionStatus(evaluation ?? { status: 'draft' }, c),
    grade: c.grade,
    gradeComment: c.gradeComment,
    gradedAt: c.gradedAt?.toISOString() ?? null,
  };
}
