import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { actorNamesJsonSql, namesFromJson } from '../../common/audit/actor-names';
import { readOne } from '../../common/scope/read-one';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { CommonErrors } from '../../common/errors/common.errors';
import { DataScope } from '../../common/scope/data-scope.service';
import { fileContentOf, FilesService, type FileContent } from '../files/files.service';
import { EvaluationAttachmentDto, EvaluationFileFieldsDto, EvaluationFileUploadDto } from './dto/evaluation-file.dto';
import type { EvaluationDetailDto } from './dto/evaluation.dto';
import { EvaluationFileEntity } from './entities/evaluation-file.entity';
import type { EvaluationEntity } from './entities/evaluation.entity';
import { mayCommission } from './commission.view';
import { mayAttach, toAttachmentDto } from './evaluation-files.view';
import { EvaluationErrors } from './evaluations.errors';
import { EVALUATION_AGENCY_ASSIGNEE, EvaluationsService } from './evaluations.service';

/**
 * The files of an evaluation (issue 9: the report is attached as a file, under the evaluations
 * permission): the report and work papers of any evaluation, and the agency's signed independence
 * declaration a commission refers to. The bytes are stored files of the evaluated organization; they
 * are read through the evaluation — its owner's scope, or the agency it is commissioned to.
 */
@Injectable()
export class EvaluationFilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly evaluations: EvaluationsService,
    private readonly files: FilesService,
  ) {}

  /** Attaches a file while the evaluation is edited; after it is submitted, 409 EVALUATION_NOT_EDITABLE. */
  async attach(caller: Principal, id: string, request: FastifyRequest): Promise<EvaluationDetailDto> {
    const upload = await this.files.read(request, EvaluationFileFieldsDto, EvaluationFileUploadDto);
    const kind = upload.fields.kind;
    return this.dataSource.transaction(async (manager) => {
      const evaluation = await this.evaluations.load(manager, id);
      const asAgency = await this.assertAttacher(caller, evaluation, manager);
      if (evaluation.status !== 'draft' && evaluation.status !== 'returned') throw EvaluationErrors.EVALUATION_NOT_EDITABLE();
      if (kind === 'declaration') {
        // The declaration is what a commission refers to: attached by those who commission, before they do.
        if (evaluation.kind === 'self') throw EvaluationErrors.COMMISSION_KIND_NOT_ALLOWED();
        if (evaluation.agencyOrganizationId) throw EvaluationErrors.EVALUATION_ALREADY_COMMISSIONED();
        if (asAgency || !mayCommission(evaluation, caller)) throw EvaluationErrors.COMMISSION_NOT_BY_CALLER();
      }
      // The file belongs to the evaluated organization, whoever uploads it; it is read through the evaluation.
      const file = await this.files.store(manager, caller, evaluation.organizationId, upload);
      const saved = await manager.save(
        manager.create(EvaluationFileEntity, {
          evaluationId: id,
          organizationId: evaluation.organizationId,
          agencyOrganizationId: evaluation.agencyOrganizationId,
          fileId: file.id,
          kind,
          attachedById: caller.id,
        }),
      );
      await this.audit.record(manager, {
        action: 'evaluation.attach_file',
        entityType: 'evaluation',
        entityId: id,
        after: { attachmentId: saved.id, kind, file },
      });
      return this.evaluations.detailOf(manager, id, caller);
    });
  }

  /** An attachment (the guard checked the evaluation's scope or the agency's assignment on the row). */
  /**
   * An attachment in one statement (readOne, common/scope/read-one.ts: with the caller's credential
   * and the route's owner check): its stored file joined (with its bytes when `media`) and the
   * attacher's name beside it.
   */
  async file(caller: Principal, id: string, media = false): Promise<{ attachment: EvaluationAttachmentDto; content: FileContent | null }> {
    const qb = this.dataSource.manager
      .getRepository(EvaluationFileEntity)
      .createQueryBuilder('ef')
      .innerJoinAndSelect('ef.file', 'sf')
      .addSelect(actorNamesJsonSql('SELECT ef.attached_by_id'), 'lx_names')
      .where('ef.id = :id', { id });
    if (media) qb.addSelect('sf.data');
    const read = await readOne(qb);
    if (!read) throw CommonErrors.NOT_FOUND();
    const row = read.entity;
    if (!this.scope.isAssignee(caller, EVALUATION_AGENCY_ASSIGNEE, row.agencyOrganizationId)) {
      await this.scope.assertVisible(caller, row.organizationId);
    }
    const file = row.file!;
    return {
      attachment: toAttachmentDto(row, file, namesFromJson(read.raw.lx_names)),
      content: media ? fileContentOf(file) : null,
    };
  }

  /** The agency it is commissioned to, or the owner's writers (the bureau for a finance key evaluation); answers whether it is the agency. */
  private async assertAttacher(caller: Principal, e: EvaluationEntity, manager: EntityManager): Promise<boolean> {
    const asAgency = this.scope.isAssignee(caller, EVALUATION_AGENCY_ASSIGNEE, e.agencyOrganizationId);
    if (asAgency) {
      if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
      return true;
    }
    await this.scope.assertWritable(caller, e.organizationId, manager);
    if (!mayAttach({ kind: e.kind, status: 'draft' }, caller, false)) {
      if (e.kind === 'finance_key') throw EvaluationErrors.EVALUATION_FINANCE_KEY_BY_BUREAU();
      throw CommonErrors.READ_ONLY_ROLE();
    }
    return false;
  }
}
