import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Permission, type ListResult } from '@jixiao/contracts';
import { drawSample, pendingCount, sampleSizeIssues, verdictIssues } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { actorNames } from '../../common/audit/actor-names';
import { AuditService } from '../../common/audit/audit.service';
import { fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { paginate } from '../../common/list/paginate';
import { DataScope } from '../../common/scope/data-scope.service';
import { updateVersioned } from '../../database/versioned-update';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import {
  ConcludeSpotCheckDto,
  DrawSpotCheckDto,
  SetSpotCheckVerdictDto,
  SpotCheckDetailDto,
  SpotCheckDto,
  SpotCheckItemDto,
  SpotCheckListQueryDto,
} from './dto/evaluation-spot-check.dto';
import { EvaluationSpotCheckItemEntity } from './entities/evaluation-spot-check-item.entity';
import { EvaluationSpotCheckEntity } from './entities/evaluation-spot-check.entity';
import { SpotCheckErrors } from './evaluation-spot-checks.errors';

/**
 * The bureau's spot-check of self-evaluation quality (质量管理, R11). District-wide only: the sample
 * is drawn across the district (or one department's or town's subtree) and the verdicts are the
 * bureau's. The draw is random (crypto) among the evaluated year's completed self-evaluations not
 * sampled by an earlier spot check of that year, and is recorded with who drew it, when and from how many, in the audit log as well.
 */
@Injectable()
export class EvaluationSpotChecksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Principal, query: SpotCheckListQueryDto): Promise<ListResult<SpotCheckDto>> {
    await this.scope.assertDistrictWide(caller);
    const qb = this.dataSource.getRepository(EvaluationSpotCheckEntity).createQueryBuilder('s');
    if (query.year) qb.andWhere('s.year = :year', { year: query.year });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    const page = await paginate(qb, query, {
      sortable: { drawnAt: 's.drawnAt', year: 's.year', status: 's.status' },
      defaultSort: '-drawnAt',
      map: (row) => row,
    });
    const manager = this.dataSource.manager;
    const counts = await this.counts(
      manager,
      page.items.map((s) => s.id),
    );
    const names = await this.organizationNames(
      manager,
      page.items.map((s) => s.organizationId),
    );
    const actors = await actorNames(
      manager,
      page.items.flatMap((s) => [s.drawnById, s.concludedById]),
    );
    return { ...page, items: page.items.map((s) => this.toDto(s, caller, counts.get(s.id), names, actors)) };
  }

  async get(caller: Principal, id: string): Promise<SpotCheckDetailDto> {
    await this.scope.assertDistrictWide(caller);
    return this.detail(this.dataSource.manager, await this.find(this.dataSource.manager, id), caller);
  }

  /** Draws the sample: `size` of the year's completed self-evaluations (within the organization's subtree if named), at random. */
  async draw(caller: Principal, dto: DrawSpotCheckDto): Promise<SpotCheckDetailDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      let within: string[] | null = null;
      if (dto.organizationId) {
        within = await this.scope.subtree(dto.organizationId, manager);
        if (!within.length) {
          throw CommonErrors.REFERENCE_INVALID({
            errors: [fieldError('organizationId', 'referenceInvalid', '机构不存在', 'No such organization')],
          });
        }
      }
      // A stable order before the random draw, so the same random choices give the same sample. An
      // evaluation sampled by an earlier spot check of the same year is not drawn again.
      const population: { id: string }[] = await manager.query(
        `SELECT e.id FROM evaluations e
          WHERE e.kind = 'self' AND e.status = 'completed' AND e.year = $1
            AND ($2::uuid[] IS NULL OR e.organization_id = ANY($2::uuid[]))
            AND NOT EXISTS (
              SELECT 1 FROM evaluation_spot_check_items i JOIN evaluation_spot_checks s ON s.id = i.spot_check_id
               WHERE i.evaluation_id = e.id AND s.year = $1)
          ORDER BY e.id`,
        [dto.year, within],
      );
      const issues = sampleSizeIssues(dto.size, population.length);
      if (issues.length) {
        throw SpotCheckErrors.SPOT_CHECK_SIZE_INVALID({
          errors: issues,
          params: { population: population.length },
          extra: { population: population.length },
        });
      }
      const sample = drawSample(
        population.map((p) => p.id),
        dto.size,
        (max) => randomInt(max),
      );
      const spotCheck = await manager.save(
        manager.create(EvaluationSpotCheckEntity, {
          year: dto.year,
          organizationId: dto.organizationId ?? null,
          sampleSize: dto.size,
          population: population.length,
          status: 'open',
          drawnById: caller.id,
          drawnAt: new Date(),
        }),
      );
      await manager.save(
        sample.map((evaluationId, sortOrder) =>
          manager.create(EvaluationSpotCheckItemEntity, { spotCheckId: spotCheck.id, evaluationId, sortOrder, verdict: 'pending' }),
        ),
      );
      await this.audit.record(manager, {
        action: 'evaluation_spot_check.draw',
        entityType: 'evaluation_spot_check',
        entityId: spotCheck.id,
        after: {
          year: dto.year,
          organizationId: dto.organizationId ?? null,
          sampleSize: dto.size,
          population: population.length,
          evaluationIds: sample,
        },
      });
      return this.detail(manager, await this.find(manager, spotCheck.id), caller);
    });
  }

  /** The bureau's verdict on one sampled evaluation; a deficient one needs its findings. */
  async setVerdict(caller: Principal, id: string, itemId: string, dto: SetSpotCheckVerdictDto): Promise<SpotCheckDetailDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      // Locks the spot check, so a verdict and the conclusion never cross.
      const spotCheck = await this.find(manager, id, true);
      const item = await manager.findOne(EvaluationSpotCheckItemEntity, { where: { id: itemId, spotCheckId: id } });
      if (!item) throw CommonErrors.NOT_FOUND();
      if (spotCheck.status !== 'open') throw SpotCheckErrors.SPOT_CHECK_CONCLUDED();
      const findings = dto.findings?.trim() || null;
      const issues = verdictIssues(dto.verdict, findings);
      if (issues.length) throw SpotCheckErrors.SPOT_CHECK_FINDINGS_REQUIRED({ errors: issues });
      await updateVersioned(manager, EvaluationSpotCheckItemEntity, itemId, dto.version, {
        verdict: dto.verdict,
        findings,
        checkedById: caller.id,
        checkedAt: new Date(),
      });
      await this.audit.record(manager, {
        action: 'evaluation_spot_check.verdict',
        entityType: 'evaluation_spot_check',
        entityId: id,
        before: { itemId, evaluationId: item.evaluationId, verdict: item.verdict, findings: item.findings },
        after: { itemId, evaluationId: item.evaluationId, verdict: dto.verdict, findings },
      });
      return this.detail(manager, spotCheck, caller);
    });
  }

  /** Concludes the spot check once every sampled evaluation has a verdict, with the bureau's conclusion. */
  async conclude(caller: Principal, id: string, dto: ConcludeSpotCheckDto): Promise<SpotCheckDetailDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      const spotCheck = await this.find(manager, id, true);
      if (spotCheck.status !== 'open') throw SpotCheckErrors.SPOT_CHECK_CONCLUDED();
      const conclusion = dto.conclusion.trim();
      if (!conclusion)
        throw SpotCheckErrors.SPOT_CHECK_CONCLUSION_REQUIRED({
          errors: [fieldError('conclusion', 'required', '请填写抽查结论', 'Write the conclusion')],
        });
      const items = await manager.find(EvaluationSpotCheckItemEntity, { where: { spotCheckId: id } });
      const pending = pendingCount(items);
      if (pending) throw SpotCheckErrors.SPOT_CHECK_ITEMS_PENDING({ extra: { pending } });
      await updateVersioned(manager, EvaluationSpotCheckEntity, id, dto.version, {
        status: 'concluded',
        conclusion,
        concludedById: caller.id,
        concludedAt: new Date(),
      });
      await this.audit.record(manager, {
        action: 'evaluation_spot_check.conclude',
        entityType: 'evaluation_spot_check',
        entityId: id,
        before: { status: spotCheck.status },
        after: {
          status: 'concluded',
          conclusion,
          deficient: items.filter((i) => i.verdict === 'deficient').map((i) => i.evaluationId),
        },
      });
      return this.detail(manager, await this.find(manager, id), caller);
    });
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<EvaluationSpotCheckEntity> {
    const spotCheck = await manager.findOne(EvaluationSpotCheckEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!spotCheck) throw CommonErrors.NOT_FOUND();
    return spotCheck;
  }

  private async counts(manager: EntityManager, ids: string[]): Promise<Map<string, { checked: number; deficient: number }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; checked: number; deficient: number }[] = await manager.query(
      `SELECT spot_check_id AS id,
              count(*) FILTER (WHERE verdict <> 'pending')::int AS checked,
              count(*) FILTER (WHERE verdict = 'deficient')::int AS deficient
         FROM evaluation_spot_check_items WHERE spot_check_id = ANY($1::uuid[]) GROUP BY spot_check_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { checked: r.checked, deficient: r.deficient }]));
  }

  private async organizationNames(manager: EntityManager, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    if (!wanted.length) return new Map();
    const orgs = await manager.find(OrganizationEntity, { where: { id: In(wanted) } });
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  private toDto(
    s: EvaluationSpotCheckEntity,
    caller: Principal,
    count: { checked: number; deficient: number } | undefined,
    names: Map<string, string>,
    actors: Map<string, string>,
  ): SpotCheckDto {
    const checked = count?.checked ?? 0;
    const mayWrite = s.status === 'open' && !caller.readOnly && caller.permissions.has(Permission.EvaluationReview);
    return {
      id: s.id,
      year: s.year,
      organizationId: s.organizationId,
      organizationName: s.organizationId ? (names.get(s.organizationId) ?? null) : null,
      sampleSize: s.sampleSize,
      population: s.population,
      status: s.status,
      checked,
      deficient: count?.deficient ?? 0,
      conclusion: s.conclusion,
      drawnByName: actors.get(s.drawnById) ?? '',
      drawnAt: s.drawnAt.toISOString(),
      concludedByName: s.concludedById ? (actors.get(s.concludedById) ?? null) : null,
      concludedAt: s.concludedAt?.toISOString() ?? null,
      actions: mayWrite ? (checked === s.sampleSize ? ['verdict', 'conclude'] : ['verdict']) : [],
      version: s.version,
    };
  }

  private async detail(manager: EntityManager, s: EvaluationSpotCheckEntity, caller: Principal): Promise<SpotCheckDetailDto> {
    const items = await manager
      .getRepository(EvaluationSpotCheckItemEntity)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.evaluation', 'e')
      .innerJoinAndSelect('e.project', 'p')
      .innerJoinAndSelect('p.organization', 'o')
      .where('i.spotCheckId = :id', { id: s.id })
      .orderBy('i.sortOrder', 'ASC')
      .getMany();
    const count = {
      checked: items.filter((i) => i.verdict !== 'pending').length,
      deficient: items.filter((i) => i.verdict === 'deficient').length,
    };
    const names = await this.organizationNames(manager, [s.organizationId]);
    const actors = await actorNames(manager, [s.drawnById, s.concludedById, ...items.map((i) => i.checkedById)]);
    return {
      ...this.toDto(s, caller, count, names, actors),
      items: items.map((i): SpotCheckItemDto => ({
        id: i.id,
        evaluationId: i.evaluationId,
        position: i.sortOrder + 1,
        projectCode: i.evaluation!.project!.code,
        projectName: i.evaluation!.project!.name,
        organizationId: i.evaluation!.organizationId,
        organizationName: i.evaluation!.project!.organization!.name,
        score: i.evaluation!.score,
        grade: i.evaluation!.grade,
        verdict: i.verdict,
        findings: i.findings,
        checkedByName: i.checkedById ? (actors.get(i.checkedById) ?? null) : null,
        checkedAt: i.checkedAt?.toISOString() ?? null,
        version: i.version,
      })),
    };
  }
}
