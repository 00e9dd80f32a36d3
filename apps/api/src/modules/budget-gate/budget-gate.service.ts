import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GATE_REASON_LABELS, type GateReasonCode, type GateResult, type ListResult } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import { paginate } from '../../common/list/paginate';
import { DataScope, subtreeIdsSql } from '../../common/scope/data-scope.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { ProjectEntity } from '../projects/entities/project.entity';
import {
  BudgetGateItemDto,
  BudgetGateQueryDto,
  TargetCoverageCountsDto,
  TargetCoverageDto,
  TargetCoverageMissingDto,
  TargetCoverageQueryDto,
  TargetCoverageRowDto,
} from './dto/budget-gate.dto';

/** How many missing entries the coverage answer lists (the total is always given). */
export const COVERAGE_MISSING_CAP = 500;

/** A stored gate (projects.gate_status / gate_reasons) as the API answers it, with each reason's labels. */
export function storedGate(status: string, reasons: readonly string[]): GateResult {
  return {
    status: status === 'ready' ? 'ready' : 'blocked',
    reasons: reasons.map((code) => {
      const label = GATE_REASON_LABELS[code as GateReasonCode];
      return { code: code as GateReasonCode, message: label.zh, messageEn: label.en };
    }),
  };
}

/**
 * The stored gates of projects, read in one statement (through `manager`, so a write's own
 * transaction sees the gates its triggers just recomputed).
 */
export async function storedGates(ids: readonly string[], manager: EntityManager): Promise<Map<string, GateResult>> {
  if (!ids.length) return new Map();
  const rows: { id: string; gate_status: string; gate_reasons: string[] }[] = await manager.query(
    `SELECT id, gate_status, gate_reasons FROM projects WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, storedGate(r.gate_status, r.gate_reasons)]));
}

/**
 * The budget gate (R5, R7) as stored on each project — projects.gate_status / gate_reasons, kept
 * current by the database's triggers in every writing transaction (`budgetGate` of libs/domain as
 * SQL: migration GateStored, gate-stored.sql.ts) — and the R6 target coverage from the counts the
 * same triggers keep (target_coverage_counts).
 */
@Injectable()
export class BudgetGateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
  ) {}

  /** For the budget system: every project of the year with its gate, paged and scoped. */
  async list(caller: Principal, query: BudgetGateQueryDto): Promise<ListResult<BudgetGateItemDto>> {
    const qb = this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p');
    await this.scope.applyTo(qb, 'p.organizationId', caller);
    if (query.year !== undefined) qb.andWhere('p.year = :year', { year: query.year });
    if (query.organizationId) {
      // the organization and everything under it, read in the list's statement
      qb.andWhere(`p.organizationId = ANY(${subtreeIdsSql('CAST(:gateOrg AS uuid)')}::uuid[])`, { gateOrg: query.organizationId });
    }
    if (query.status) qb.andWhere('p.gateStatus = :gateStatus', { gateStatus: query.status });
    const page = await paginate(qb, query, {
      sortable: { code: 'p.code', name: 'p.name', year: 'p.year', budgetAmount: 'p.budgetAmount' },
      defaultSort: 'code',
      map: (p) => p,
    });
    return {
      ...page,
      items: page.items.map((p) => ({
        projectId: p.id,
        year: p.year,
        code: p.code,
        name: p.name,
        kind: p.kind,
        organizationId: p.organizationId,
        budgetAmount: p.budgetAmount,
        ...storedGate(p.gateStatus, p.gateReasons),
      })),
    };
  }

  private async latestProfileYear(): Promise<number> {
    const [row]: { year: number | null }[] = await this.dataSource.query(`SELECT max(year) AS year FROM policy_profiles`);
    return row?.year ?? new Date().getFullYear();
  }

  /**
   * R6 coverage: the share of projects, policies and overall expenditures with approved targets,
   * by department and by town (units roll up to their parent; every active department and town is
   * listed, with zero counts when it filed nothing), and what is missing — including towns'
   * administrative units and departments/towns without an overall-expenditure record.
   */
  async coverage(caller: Principal, query: TargetCoverageQueryDto): Promise<TargetCoverageDto> {
    const year = query.year ?? (await this.latestProfileYear());
    const visible = await this.scope.visibleOrganizationIds(caller);
    const orgQb = this.dataSource
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      // only what the roll-up and the answer read: thousands of organizations at city scale
      .select(['o.id', 'o.kind', 'o.parentId', 'o.active', 'o.code', 'o.name'])
      .where("o.kind IN ('department', 'town', 'unit')");
    await this.scope.applyTo(orgQb, 'o.id', caller);
    const orgs = await orgQb.getMany();
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    const rollupOf = (orgId: string): OrganizationEntity | undefined => {
      const org = orgById.get(orgId);
      if (!org) return undefined;
      if (org.kind === 'unit' && org.parentId) return orgById.get(org.parentId) ?? org;
      return org;
    };

    const params: unknown[] = [year];
    let scopeSql = '';
    if (visible !== null) {
      params.push(visible.length ? visible : ['00000000-0000-0000-0000-000000000000']);
      scopeSql = 'AND organization_id = ANY($2::uuid[])';
    }
    // The counts the triggers keep per organization and kind (target_coverage_counts), and the first
    // projects without an approved target by code (index projects_target_missing).
    const counts: { organization_id: string; kind: string; total: number; approved: number }[] = await this.dataSource.query(
      `SELECT organization_id, kind, total, approved FROM target_coverage_counts WHERE year = $1 AND total > 0 ${scopeSql}`,
      params,
    );
    const missingRows: { id: string; code: string; name: string; kind: string; organization_id: string; target_status: string | null }[] =
      await this.dataSource.query(
        `SELECT id, code, name, kind, organization_id, target_status FROM projects
          WHERE year = $1 AND target_status IS DISTINCT FROM 'approved' ${scopeSql}
          ORDER BY code LIMIT ${COVERAGE_MISSING_CAP}`,
        params,
      );

    const empty = (): TargetCoverageCountsDto => ({
      projects: { total: 0, approved: 0, share: null },
      policies: { total: 0, approved: 0, share: null },
      overall: { total: 0, approved: 0, share: null },
    });
    const bucketOf = (counts: TargetCoverageCountsDto, kind: string) =>
      kind === 'policy' ? counts.policies : kind === 'department_overall' ? counts.overall : counts.projects;
    const totals = empty();
    const byOrg = new Map<string, TargetCoverageCountsDto>();
    const hasOverall = new Set<string>();
    // R6 全覆盖: every active department and town is expected, with zero counts when it filed nothing.
    const expected = orgs.filter((o) => o.active && (o.kind === 'department' || o.kind === 'town'));
    for (const o of expected) byOrg.set(o.id, empty());

    let missingProjects = 0;
    for (const r of counts) {
      const rollup = rollupOf(r.organization_id);
      const key = rollup?.id ?? r.organization_id;
      if (!byOrg.has(key)) byOrg.set(key, empty());
      for (const c of [totals, byOrg.get(key)!]) {
        const bucket = bucketOf(c, r.kind);
        bucket.total += r.total;
        bucket.approved += r.approved;
      }
      if (r.kind === 'department_overall') hasOverall.add(r.organization_id);
      missingProjects += r.total - r.approved;
    }
    const missing: TargetCoverageMissingDto[] = missingRows.map((r) => ({
      reason: r.target_status ? 'TARGET_NOT_APPROVED' : 'NO_TARGET',
      projectId: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind as TargetCoverageMissingDto['kind'],
      organizationId: r.organization_id,
      organizationName: orgById.get(r.organization_id)?.name ?? '',
    }));
    let missingOverall = 0;
    // R6: every active department and town (and any other with projects this year), and every active
    // administrative unit of a town, files an overall expenditure.
    const expectOverall = new Set<string>();
    for (const key of byOrg.keys()) expectOverall.add(key);
    for (const o of orgs) {
      if (o.active && o.kind === 'unit' && o.parentId && orgById.get(o.parentId)?.kind === 'town') expectOverall.add(o.id);
    }
    for (const orgId of expectOverall) {
      const org = orgById.get(orgId);
      if (!org || hasOverall.has(orgId)) continue;
      missingOverall++;
      missing.push({
        reason: 'NO_OVERALL_EXPENDITURE',
        projectId: null,
        code: null,
        name: org.name,
        kind: 'department_overall',
        organizationId: org.id,
        organizationName: org.name,
      });
    }

    const share = (c: TargetCoverageCountsDto) => {
      for (const b of [c.projects, c.policies, c.overall]) b.share = b.total ? Math.round((b.approved / b.total) * 10000) / 100 : null;
      return c;
    };
    const rowsOf = (kind: 'department' | 'town'): TargetCoverageRowDto[] =>
      [...byOrg.entries()]
        .map(([id, counts]) => ({ org: orgById.get(id), counts }))
        .filter((x) => x.org?.kind === kind)
        .sort((a, b) => a.org!.code.localeCompare(b.org!.code))
        .map(({ org, counts }) => ({
          organizationId: org!.id,
          organizationCode: org!.code,
          organizationName: org!.name,
          ...share(counts),
        }));

    return {
      year,
      totals: share(totals),
      byDepartment: rowsOf('department'),
      byTown: rowsOf('town'),
      missing: missing.slice(0, COVERAGE_MISSING_CAP),
      missingTotal: missingProjects + missingOverall,
    };
  }
}
