import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  EVALUATION_KIND_LABELS,
  EVALUATION_KIND_VALUES,
  EVALUATION_RECORD_SOURCE_LABELS,
  type EvaluationKind,
  type ListResult,
} from '@jixiao/contracts';
import {
  checkRecordedGrade,
  GRADE_LABELS,
  GRADES,
  isKeyEvaluationKind,
  normalizeScore,
  shanghaiDate,
  type Grade,
  type PolicyProfileValues,
} from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { actorNameSql, actorNames, namesFromColumns } from '../../common/audit/actor-names';
import type { AppError } from '../../common/errors/app-error';
import { requestContext } from '../../common/http/request-context';
import { escapeLike } from '../../common/list/escape-like';
import type { JsonFields } from '../../common/list/json-items';
import { paginate } from '../../common/list/paginate';
import { DataScope } from '../../common/scope/data-scope.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { PROJECT_OWNER_KINDS } from '../projects/projects.service';
import { EvaluationRecordDto, EvaluationRecordListQueryDto } from './dto/evaluation-record.dto';
import { EvaluationRecordEntity, recordProjectNameSql } from './entities/evaluation-record.entity';
import { EvaluationRecordErrors } from './evaluation-records.errors';
import { isKeyEvaluationKindSql } from './last-key-evaluation-year.sql';

export const ENTITY_TYPE = 'evaluation_record';

/** What a finished department or finance key evaluation (or a self-evaluation) reports to the records. */
export interface FinishedEvaluation {
  /** The evaluation that finished (evaluations module). */
  evaluationId: string;
  /** The evaluated project's code (a project keeps its code across budget years). */
  projectCode: string;
  /** The evaluated project's organization. */
  organizationId: string;
  /** The budget year evaluated: the year of the evaluated project row (its profile graded it). */
  year: number;
  kind: EvaluationKind;
  /** Decimal string, 0..totalScore of the year's profile, at most two decimals. */
  score: string;
  /** N1 grade under the year's profile; must agree with the score. */
  grade: Grade;
  /** The evaluating agency or person, if any. */
  evaluator?: string | null;
}

type RecordRow = EvaluationRecordEntity & { organization?: OrganizationEntity };

/** `toDto` as SQL over the list's aliases `r` and `o` (the record's organization): json-items.ts. */
const EVALUATION_RECORD_JSON: JsonFields = {
  id: 'r.id',
  projectCode: 'r.projectCode',
  projectName: { sql: `(${recordProjectNameSql('r')})` },
  organizationId: 'r.organizationId',
  organizationCode: { sql: `coalesce(o.code, '')` },
  organizationName: { sql: `coalesce(o.name, '')` },
  year: 'r.year',
  kind: 'r.kind',
  score: 'r.score',
  grade: 'r.grade',
  evaluator: 'r.evaluator',
  source: 'r.source',
  evaluationId: 'r.evaluationId',
  sourceFile: 'r.sourceFile',
  recordedByName: { sql: actorNameSql('r.recorded_by_id') },
  recordedAt: 'r.recordedAt',
  countsForKeyCoverage: { sql: isKeyEvaluationKindSql('r.kind') },
};

/** The stored key of a record: project code, organization, evaluated year and kind. */
export const recordKey = (r: { projectCode: string; organizationId: string; year: number; kind: string }) =>
  `${r.projectCode}|${r.organizationId}|${r.year}|${r.kind}`;

/** N1: the score as stored ('NN.NN') or the coded refusal naming the year's total. */
export function scoreOrError(text: string, year: number, profile: PolicyProfileValues): string | AppError {
  const score = normalizeScore(text, profile);
  return score ?? EvaluationRecordErrors.EVALUATION_RECORD_SCORE_INVALID({ params: { total: profile.evaluation.totalScore, year } });
}

/** N1: the grade a record keeps (the given one, or the score's when none is given), or the refusal naming both. */
export function gradeOrError(score: string, grade: Grade | null, year: number, profile: PolicyProfileValues): Grade | AppError {
  const { expected, agrees } = checkRecordedGrade(score, grade, profile);
  if (agrees) return expected;
  const t = profile.evaluation.grades;
  return EvaluationRecordErrors.EVALUATION_RECORD_GRADE_MISMATCH({
    params: {
      grade: GRADE_LABELS[grade!].zh,
      gradeEn: GRADE_LABELS[grade!].en,
      expected: GRADE_LABELS[expected].zh,
      expectedEn: GRADE_LABELS[expected].en,
      score,
      year,
      excellent: t.excellent,
      good: t.good,
      pass: t.pass,
    },
    extra: { grade, expected, score, year },
  });
}

/** A stored record that differs from what was sent for the same key: refused, naming both. */
export function conflictError(stored: EvaluationRecordEntity, score: string, grade: Grade, evaluator: string | null): AppError {
  return EvaluationRecordErrors.EVALUATION_RECORD_CONFLICT({
    params: {
      year: stored.year,
      kind: EVALUATION_KIND_LABELS[stored.kind].zh,
      kindEn: EVALUATION_KIND_LABELS[stored.kind].en,
      storedScore: stored.score,
      storedGrade: GRADE_LABELS[stored.grade].zh,
      storedGradeEn: GRADE_LABELS[stored.grade].en,
      storedSource: EVALUATION_RECORD_SOURCE_LABELS[stored.source].zh,
      storedSourceEn: EVALUATION_RECORD_SOURCE_LABELS[stored.source].en.toLowerCase(),
      storedEvaluator: stored.evaluator ?? '',
      score,
      grade: GRADE_LABELS[grade].zh,
      gradeEn: GRADE_LABELS[grade].en,
      evaluator: evaluator ?? '',
    },
    extra: {
      stored: { score: stored.score, grade: stored.grade, evaluator: stored.evaluator, source: stored.source },
      sent: { score, grade, evaluator },
    },
  });
}

/**
 * The evaluation records (issue 9): the paged list under the caller's scope, and `recordFinished`,
 * which the evaluations module calls when an evaluation finishes. The department and finance key
 * records feed the five-year planner through `lastKeyEvaluationYearSql`.
 */
@Injectable()
export class EvaluationRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
  ) {}

  async list(caller: Principal, query: EvaluationRecordListQueryDto): Promise<ListResult<EvaluationRecordDto>> {
    const manager = this.dataSource.manager;
    const qb = manager.getRepository(EvaluationRecordEntity).createQueryBuilder('r').leftJoinAndSelect('r.organization', 'o');
    await this.scope.applyTo(qb, 'r.organizationId', caller);
    if (query.year !== undefined) qb.andWhere('r.year = :year', { year: query.year });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.source) qb.andWhere('r.source = :source', { source: query.source });
    if (query.organizationId) qb.andWhere('(r.organizationId = :org OR o.parentId = :org)', { org: query.organizationId });
    if (query.q) qb.andWhere('r.projectCode ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    return paginate(qb, query, {
      sortable: {
        year: 'r.year',
        projectCode: 'r.projectCode',
        organization: 'o.code',
        kind: 'r.kind',
        score: 'r.score',
        recordedAt: 'r.recordedAt',
      },
      defaultSort: '-year,projectCode,kind',
      columns: { recordedByName: actorNameSql('r.recorded_by_id') },
      map: (r, columns) => toDto(r, namesFromColumns([[r.recordedById, columns.recordedByName]])),
      json: EVALUATION_RECORD_JSON,
    });
  }

  /**
   * THE call for the evaluations module when an evaluation finishes, inside its transaction:
   *
   *   await this.records.recordFinished(manager, { evaluationId, projectCode, organizationId, year, kind, score, grade, evaluator });
   *
   * Writes (or updates) the record of that project code, organization, evaluated year and kind
   * with source `evaluation`, audited as `evaluation_record.record`. A finished department or
   * finance key evaluation thereby sets the project's last key-evaluation year for the planner (R4)
   * in every budget year of the code. The score must lie within the year's profile and the grade
   * agree with it (coded 400 otherwise). A record of the same key — imported history, or an earlier
   * finish of the same evaluation — is replaced: the evaluation done in Jixiao is the authority, and
   * the audit entry keeps what it replaced. Finishing again with the same figures changes nothing.
   */
  async recordFinished(manager: EntityManager, input: FinishedEvaluation): Promise<EvaluationRecordDto> {
    if (!EVALUATION_KIND_VALUES.includes(input.kind)) throw new RangeError(`recordFinished: unknown kind ${String(input.kind)}`);
    if (!(GRADES as readonly string[]).includes(input.grade)) throw new RangeError(`recordFinished: unknown grade ${String(input.grade)}`);
    const current = Number(shanghaiDate().slice(0, 4));
    if (input.year > current) throw EvaluationRecordErrors.EVALUATION_RECORD_YEAR_FUTURE({ params: { current } });
    const org = await manager.findOne(OrganizationEntity, { where: { id: input.organizationId } });
    if (!org || !PROJECT_OWNER_KINDS.includes(org.kind)) throw EvaluationRecordErrors.EVALUATION_RECORD_ORGANIZATION_KIND();
    const profile = await this.profiles.valuesFor(input.year, manager);
    const score = scoreOrError(input.score, input.year, profile);
    if (typeof score !== 'string') throw score;
    const grade = gradeOrError(score, input.grade, input.year, profile);
    if (typeof grade !== 'string') throw grade;

    const principal = requestContext.get()?.principal;
    const values = {
      projectCode: input.projectCode,
      organizationId: input.organizationId,
      year: input.year,
      kind: input.kind,
      score,
      grade,
      evaluator: input.evaluator?.trim() ? input.evaluator.trim().slice(0, 200) : null,
      source: 'evaluation' as const,
      evaluationId: input.evaluationId,
      sourceFile: null,
      recordedById: principal?.id ?? null,
    };
    const existing = await manager.findOne(EvaluationRecordEntity, {
      where: { projectCode: input.projectCode, organizationId: input.organizationId, year: input.year, kind: input.kind },
    });
    let id: string;
    if (!existing) {
      const inserted = await manager.insert(EvaluationRecordEntity, { ...values, recordedAt: new Date() });
      id = inserted.identifiers[0].id as string;
    } else {
      id = existing.id;
      const same =
        existing.source === 'evaluation' &&
        existing.evaluationId === values.evaluationId &&
        existing.score === values.score &&
        existing.grade === values.grade &&
        existing.evaluator === values.evaluator;
      if (same) return this.one(manager, id);
      await manager.update(EvaluationRecordEntity, { id }, { ...values, recordedAt: new Date(), version: () => 'version + 1' });
    }
    await this.audit.record(manager, {
      action: 'evaluation_record.record',
      entityType: ENTITY_TYPE,
      entityId: id,
      before: existing ? snapshot(existing) : null,
      after: snapshot({ ...values }),
    });
    return this.one(manager, id);
  }

  private async one(manager: EntityManager, id: string): Promise<EvaluationRecordDto> {
    const row = await manager
      .getRepository(EvaluationRecordEntity)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.organization', 'o')
      .where('r.id = :id', { id })
      .getOneOrFail();
    return toDto(row, await actorNames(manager, [row.recordedById]));
  }
}

/** What the audit log keeps of a record. */
export function snapshot(
  r: Pick<
    EvaluationRecordEntity,
    'projectCode' | 'organizationId' | 'year' | 'kind' | 'score' | 'grade' | 'evaluator' | 'source' | 'evaluationId'
  >,
) {
  return {
    projectCode: r.projectCode,
    organizationId: r.organizationId,
    year: r.year,
    kind: r.kind,
    score: r.score,
    grade: r.grade,
    evaluator: r.evaluator,
    source: r.source,
    evaluationId: r.evaluationId,
  };
}

function toDto(r: RecordRow, names: Map<string, string>): EvaluationRecordDto {
  return {
    id: r.id,
    projectCode: r.projectCode,
    projectName: r.projectName ?? null,
    organizationId: r.organizationId,
    organizationCode: r.organization?.code ?? '',
    organizationName: r.organization?.name ?? '',
    year: r.year,
    kind: r.kind,
    score: r.score,
    grade: r.grade,
    evaluator: r.evaluator,
    source: r.source,
    evaluationId: r.evaluationId,
    sourceFile: r.sourceFile,
    recordedByName: r.recordedById ? (names.get(r.recordedById) ?? null) : null,
    recordedAt: r.recordedAt.toISOString(),
    countsForKeyCoverage: isKeyEvaluationKind(r.kind),
  };
}
