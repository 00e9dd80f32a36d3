import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GATE_REASON_LABELS, type GateReasonCode, type GateResult, type ListResult } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import { paginate } from '../../common/list/paginate';
import { DataScope, subtreeIdsSql } from '../../common/scope/data-scope.service';
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

/** A row of the coverage roll-up statement (sums arrive as strings). */
interface CoverageSqlRow {
  what: 'row' | 'total' | 'no_overall';
  id: string | null;
  kind: string | null;
  code: string | null;
  name: string | null;
  pt: string | null;
  pa: string | null;
  lt: string | null;
  la: string | null;
  ot: string | null;
  oa: string | null;
  n: string | null;
}

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
    const params: unknown[] = [year];
    let scopeSql = '';
    if (visible !== null) {
      params.push(visible.length ? visible : ['00000000-0000-0000-0000-000000000000']);
      scopeSql = 'AND organization_id = ANY($2::uuid[])';
    }
    const orgScope = (alias: string) => (visible === null ? '' : `AND ${alias}.id = ANY($2::uuid[])`);
    // The roll-up in one statement over the counts the triggers keep. A unit counts for its department
    // or town (organizations.list_organization_id) when the caller sees that, else for itself: a caller
    // who sees the whole city reads the counts the triggers keep rolled up so (target_coverage_counts_rollup,
    // migration RolledUpCounts), a few hundred rows a year; a caller with a scope groups its own
    // organizations' counts (target_coverage_counts). Every active department and town the caller sees
    // has a row (R6 全覆盖), also when it filed nothing; each such roll-up, and every active
    // administrative unit of a visible town, is expected to have filed an overall expenditure (its own
    // count, looked up by key). Rows: 'row' per department or town, one 'total' over every count,
    // 'no_overall' per organization without one (the first COVERAGE_MISSING_CAP by code, with their number).
    // The roll-up and the first missing projects run at once, each on a pooled connection of its own.
    const sums = `sum(c.total) FILTER (WHERE c.kind NOT IN ('policy', 'department_overall')) AS pt,
                sum(c.approved) FILTER (WHERE c.kind NOT IN ('policy', 'department_overall')) AS pa,
                sum(c.total) FILTER (WHERE c.kind = 'policy') AS lt,
                sum(c.approved) FILTER (WHERE c.kind = 'policy') AS la,
                sum(c.total) FILTER (WHERE c.kind = 'department_overall') AS ot,
                sum(c.approved) FILTER (WHERE c.kind = 'department_overall') AS oa`;
    const agg =
      visible === null
        ? `SELECT c.organization_id AS key, ${sums} FROM target_coverage_counts_rollup c WHERE c.year = $1 AND c.total > 0 GROUP BY c.organization_id`
        : `SELECT CASE WHEN o.list_organization_id = ANY($2::uuid[]) THEN o.list_organization_id ELSE c.organization_id END AS key, ${sums}
             FROM target_coverage_counts c JOIN organizations o ON o.id = c.organization_id
            WHERE c.year = $1 AND c.total > 0 AND c.organization_id = ANY($2::uuid[])
            GROUP BY 1`;
    const rollUp: Promise<CoverageSqlRow[]> = this.dataSource.query(
      `WITH agg AS MATERIALIZED (${agg}),
       keys AS MATERIALIZED (
         SELECT key AS id FROM agg
          UNION SELECT o.id FROM organizations o WHERE o.active AND o.kind IN ('department', 'town') ${orgScope('o')})
       SELECT 'row' AS what, o.id, o.kind, o.code, o.name, a.pt, a.pa, a.lt, a.la, a.ot, a.oa, NULL::bigint AS n
         FROM keys k JOIN organizations o ON o.id = k.id AND o.kind IN ('department', 'town') ${orgScope('o')}
         LEFT JOIN agg a ON a.key = k.id
       UNION ALL
       SELECT 'total', NULL, NULL, NULL, NULL, sum(pt), sum(pa), sum(lt), sum(la), sum(ot), sum(oa), NULL FROM agg
       UNION ALL
       SELECT * FROM (
         SELECT 'no_overall', o.id, 'department_overall', o.code, o.name, NULL::numeric, NULL::numeric, NULL::numeric,
                NULL::numeric, NULL::numeric, NULL::numeric, count(*) OVER ()
           FROM organizations o
          WHERE o.kind IN ('department', 'town', 'unit') ${orgScope('o')}
            AND (o.id IN (SELECT id FROM keys)
                 OR (o.kind = 'unit' AND o.active AND EXISTS (
                       SELECT 1 FROM organizations t WHERE t.id = o.parent_id AND t.kind = 'town' ${orgScope('t')})))
            AND NOT EXISTS (SELECT 1 FROM target_coverage_counts x
                             WHERE x.year = $1 AND x.organization_id = o.id AND x.kind = 'department_overall' AND x.total > 0)
          ORDER BY o.code, o.id LIMIT ${COVERAGE_MISSING_CAP}) m`,
      params,
    );
    // The first projects without an approved target by code (index projects_target_missing).
    const firstMissing: Promise<
      {
        id: string;
        code: string;
        name: string;
        kind: string;
        organization_id: string;
        org_name: string;
        target_status: string | null;
      }[]
    > = this.dataSource.query(
      `SELECT p.id, p.code, p.name, p.kind, p.organization_id, o.name AS org_name, p.target_status
           FROM (SELECT id, code, name, kind, organization_id, target_status FROM projects
                  WHERE year = $1 AND target_status IS DISTINCT FROM 'approved' ${scopeSql}
                  ORDER BY code LIMIT ${COVERAGE_MISSING_CAP}) p
           JOIN organizations o ON o.id = p.organization_id
          ORDER BY p.code`,
      params,
    );
    const [rows, missingRows] = await Promise.all([rollUp, firstMissing]);

    const counts = (r: CoverageSqlRow): TargetCoverageCountsDto => ({
      projects: { total: Number(r.pt ?? 0), approved: Number(r.pa ?? 0), share: null },
      policies: { total: Number(r.lt ?? 0), approved: Number(r.la ?? 0), share: null },
      overall: { total: Number(r.ot ?? 0), approved: Number(r.oa ?? 0), share: null },
    });
    const share = (c: TargetCoverageCountsDto) => {
      for (const b of [c.projects, c.policies, c.overall]) b.share = b.total ? Math.round((b.approved / b.total) * 10000) / 100 : null;
      return c;
    };
    const totalRow = rows.find((r) => r.what === 'total');
    const totals = share(counts(totalRow ?? ({} as CoverageSqlRow)));
    const rowsOf = (kind: 'department' | 'town'): TargetCoverageRowDto[] =>
      rows
        .filter((r) => r.what === 'row' && r.kind === kind)
        .sort((a, b) => a.code!.localeCompare(b.code!))
        .map((r) => ({ organizationId: r.id!, organizationCode: r.code!, organizationName: r.name!, ...share(counts(r)) }));
    const missing: TargetCoverageMissingDto[] = missingRows.map((r) => ({
      reason: r.target_status ? 'TARGET_NOT_APPROVED' : 'NO_TARGET',
      projectId: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind as TargetCoverageMissingDto['kind'],
      organizationId: r.organization_id,
      organizationName: r.org_name,
    }));
    const noOverall = rows.filter((r) => r.what === 'no_overall');
    for (const r of noOverall) {
      missing.push({
        reason: 'NO_OVERALL_EXPENDITURE',
        projectId: null,
        code: null,
        name: r.name!,
        kind: 'department_overall',
        organizationId: r.id!,
        organizationName: r.name!,
      });
    }
    const missingProjects =
      totals.projects.total -
      totals.projects.approved +
      (totals.policies.total - totals.policies.approved) +
      (totals.overall.total - totals.overall.approved);
    const missingOverall = Number(noOverall[0]?.n ?? 0);

    return {
      year,
      totals,
      byDepartment: rowsOf('department'),
      byTown: rowsOf('town'),
      missing: missing.slice(0, COVERAGE_MISSING_CAP),
      missingTotal: missingProjects + missingOverall,
    };
  }
}
