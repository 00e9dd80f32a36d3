import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { FieldError } from '@jixiao/contracts';
import { agencyIndependenceIssues, commissioningIssues, shanghaiDate, type PolicyProfileValues } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { DataScope } from '../../common/scope/data-scope.service';
import { withActor } from '../../common/workflow/segregation';
import { updateVersioned } from '../../database/versioned-update';
import { AgenciesService } from '../agencies/agencies.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { isBureau, mayCommission, mayGradeCommission } from './commission.view';
import { CommissionEvaluationDto, GradeCommissionDto } from './dto/commission.dto';
import type { EvaluationDetailDto } from './dto/evaluation.dto';
import { EvaluationFileEntity } from './entities/evaluation-file.entity';
import { EvaluationCommissionEntity } from './entities/evaluation-commission.entity';
import { EvaluationEntity } from './entities/evaluation.entity';
import { EvaluationErrors } from './evaluations.errors';
import { EvaluationsService } from './evaluations.service';

/** The order in which an agency's refusals are named: the state first, then independence, then violations. */
const REFUSAL_ORDER = ['AGENCY_NOT_ACTIVE', 'AGENCY_NOT_INDEPENDENT', 'AGENCY_RECENT_VIOLATION'] as const;

/**
 * Commissioning a department or finance key evaluation to a third-party agency (委托第三方, R13, N8):
 * checked with the pure rules `commissioningIssues` and `agencyIndependenceIssues` against the
 * registry; the agency then enters the scores and findings, attaches work papers and its report (the
 * evaluation's files, `EvaluationFilesService`) and submits; the bureau or the commissioning party grades its work, recorded in the registry.
 */
@Injectable()
export class EvaluationCommissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
    private readonly evaluations: EvaluationsService,
    private readonly agencies: AgenciesService,
  ) {}

  /** `within`: a transaction the caller already holds (the demo bootstrap's); else the use case's own. */
  async commission(caller: Principal, id: string, dto: CommissionEvaluationDto, within?: EntityManager): Promise<EvaluationDetailDto> {
    const run = <T>(work: (manager: EntityManager) => Promise<T>) => (within ? work(within) : this.dataSource.transaction(work));
    return run(async (manager) => {
      const evaluation = await this.evaluations.load(manager, id);
      await this.scope.assertWritable(caller, evaluation.organizationId, manager);
      if (evaluation.kind === 'self') throw EvaluationErrors.COMMISSION_KIND_NOT_ALLOWED();
      if (evaluation.agencyOrganizationId) throw EvaluationErrors.EVALUATION_ALREADY_COMMISSIONED();
      if (evaluation.status !== 'draft' && evaluation.status !== 'returned') throw EvaluationErrors.EVALUATION_NOT_EDITABLE();
      if (!mayCommission(evaluation, caller)) throw EvaluationErrors.COMMISSION_NOT_BY_CALLER();
      if (evaluation.version !== dto.version) throw CommonErrors.VERSION_CONFLICT();

      const agency = await this.agencies.independenceRecord(dto.agencyId, manager);
      if (!agency) {
        throw CommonErrors.REFERENCE_INVALID({
          errors: [fieldError('agencyId', 'notFound', '第三方机构名录中没有该机构', 'no such agency in the registry')],
        });
      }
      const profile = await this.profileFor(manager, evaluation);
      const issues: FieldError[] = commissioningIssues(
        {
          kind: evaluation.kind,
          justification: dto.justification,
          checklist: dto.checklist,
          independenceDeclarationSigned: dto.declarationSigned,
          platformReference: dto.platformReference,
        },
        profile,
      );
      const declarationText = dto.declarationText?.trim() || null;
      if (dto.declarationSigned && !dto.declarationFileId && !declarationText) {
        issues.push(
          fieldError(
            'declarationFileId',
            'DECLARATION_EVIDENCE_REQUIRED',
            '请上传签署的独立性声明或填写声明内容',
            'attach the signed declaration or enter its text',
          ),
        );
      }
      if (issues.length) throw EvaluationErrors.COMMISSION_INCOMPLETE({ errors: issues });
      // The signed declaration is a file attached to this evaluation (kind declaration); the commission keeps its stored file.
      let declarationStoredFileId: string | null = null;
      if (dto.declarationFileId) {
        const attachment = await manager.findOne(EvaluationFileEntity, {
          where: { id: dto.declarationFileId, evaluationId: id, kind: 'declaration' },
        });
        if (!attachment) {
          throw CommonErrors.REFERENCE_INVALID({
            errors: [
              fieldError(
                'declarationFileId',
                'notFound',
                '声明文件须先以 kind=declaration 上传到本评价',
                'attach the declaration to this evaluation (kind=declaration) first',
              ),
            ],
          });
        }
        declarationStoredFileId = attachment.fileId;
      }

      // N8: the commissioning party is the caller's organization (the bureau for a district-wide key).
      const commissioningOrganizationId = caller.organizationId ?? (await this.bureauId(manager));
      const evaluated = [evaluation.organizationId, evaluation.project?.organization?.parentId].filter((x): x is string => Boolean(x));
      const today = shanghaiDate();
      const refusals = agencyIndependenceIssues(
        agency,
        {
          commissioningOrganizationId,
          evaluatedOrganizationId: evaluated,
          evaluatedProjectCode: evaluation.project?.code ?? null,
          date: today,
        },
        profile,
      );
      if (refusals.length) {
        const code = REFUSAL_ORDER.find((c) => refusals.some((r) => r.code === c)) ?? 'AGENCY_NOT_INDEPENDENT';
        throw EvaluationErrors[code]({ errors: refusals });
      }

      await manager.insert(EvaluationCommissionEntity, {
        evaluationId: id,
        organizationId: evaluation.organizationId,
        agencyOrganizationId: dto.agencyId,
        commissioningOrganizationId,
        justification: dto.justification.trim(),
        checklist: [...new Set(dto.checklist)],
        declarationSigned: true,
        declarationFileId: declarationStoredFileId,
        declarationText,
        declaredOn: dto.declaredOn,
        platformReference: dto.platformReference?.trim() || null,
        commissionedOn: today,
        commissionedById: caller.id,
      });
      await updateVersioned(manager, EvaluationEntity, id, dto.version, {
        agencyOrganizationId: dto.agencyId,
        actors: withActor(evaluation.actors, 'commission', caller),
      });
      // The agency reads the evaluation's files from now on: the declaration, and what the owner attached before.
      await manager.update(EvaluationFileEntity, { evaluationId: id }, { agencyOrganizationId: dto.agencyId });
      await this.audit.record(manager, {
        action: 'evaluation.commission',
        entityType: 'evaluation',
        entityId: id,
        after: {
          agencyId: dto.agencyId,
          agencyName: agency.name,
          commissioningOrganizationId,
          platformReference: dto.platformReference?.trim() || null,
          checklist: [...new Set(dto.checklist)],
          declaredOn: dto.declaredOn,
          declarationAttachmentId: dto.declarationFileId ?? null,
          declarationFileId: declarationStoredFileId,
        },
      });
      return this.evaluations.detailOf(manager, id, caller);
    });
  }

  /** R13: the bureau or the commissioning party grades the agency's work; the grade goes to the registry. */
  async grade(caller: Principal, id: string, dto: GradeCommissionDto): Promise<EvaluationDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const evaluation = await this.evaluations.load(manager, id);
      await this.scope.assertWritable(caller, evaluation.organizationId, manager);
      const commission = await manager.findOne(EvaluationCommissionEntity, { where: { evaluationId: id } });
      if (!commission) throw EvaluationErrors.EVALUATION_NOT_COMMISSIONED();
      if (evaluation.status !== 'completed') throw EvaluationErrors.COMMISSION_NOT_COMPLETED();
      if (!mayGradeCommission(evaluation, commission, caller)) throw EvaluationErrors.COMMISSION_GRADER();
      const comment = dto.comment?.trim() || null;
      await updateVersioned(manager, EvaluationEntity, id, dto.version, {
        actors: withActor(evaluation.actors, 'grade_commission', caller),
      });
      const reference = (commission.platformReference ?? `${evaluation.project?.code ?? id}/${evaluation.year}/${evaluation.kind}`).slice(
        0,
        100,
      );
      await this.agencies.recordCommissionGrade(manager, {
        agencyId: commission.agencyOrganizationId,
        year: evaluation.year,
        evaluationReference: reference,
        grade: dto.grade,
        comment,
        gradedById: caller.id,
      });
      const gradedAt = new Date();
      await manager.update(EvaluationCommissionEntity, { id: commission.id }, {
        grade: dto.grade,
        gradeComment: comment,
        gradedById: caller.id,
        gradedAt,
        version: () => 'version + 1',
      } as never);
      await this.audit.record(manager, {
        action: 'evaluation.commission_grade',
        entityType: 'evaluation',
        entityId: id,
        before: commission.grade ? { grade: commission.grade, comment: commission.gradeComment } : undefined,
        after: {
          agencyId: commission.agencyOrganizationId,
          evaluationReference: reference,
          grade: dto.grade,
          comment,
          byBureau: isBureau(caller),
        },
      });
      return this.evaluations.detailOf(manager, id, caller);
    });
  }

  // ---------------------------------------------------------------------------------------------

  /** The commissioning checklist of the year the work is done in; the evaluated year's when that one has no profile yet. */
  private async profileFor(manager: EntityManager, e: EvaluationEntity): Promise<PolicyProfileValues> {
    try {
      return await this.profiles.valuesFor(e.workYear, manager);
    } catch {
      return this.profiles.valuesFor(e.year, manager);
    }
  }

  private async bureauId(manager: EntityManager): Promise<string> {
    const bureau = await manager.findOne(OrganizationEntity, { where: { kind: 'finance_bureau' }, order: { code: 'ASC' } });
    if (!bureau) throw CommonErrors.NOT_FOUND();
    return bureau.id;
  }
}
