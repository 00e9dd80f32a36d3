import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GATE_REASON_LABELS, type GateReasonCode, type GateResult, type ListResult } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import { paginate, sqlPageWithHead } from '../../common/list/paginate';
import { pageRunner } from '../../common/list/read-page';
import type { JsonFields } from '../../common/list/json-items';
import { storedGateReasonsSql, storedGateStatusSql } from '@jixiao/domain';
import { requestContext } from '../../common/http/request-context';
import { DataScope, subtreeIdsSql } from '../../common/scope/data-scope.service';
import { countsInScope, scopedRollupKeySql } from '../../database/rolled-up-counts.sql';
import { ProjectEntity } from '../projects/entities/project.entity';
import {
  BudgetGateItemDto,
  BudgetGateQueryDto,
  TargetCoverageCountsDto,
  TargetCoverageDto,
  TargetCoverageMissingDto,
  TargetCoverageMissingQueryDto,
  TargetCoverageQueryDto,
  TargetCoverageSummaryDto,
} from './dto/budget-gate.dto';

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
/** BudgetGateItemDto as PostgreSQL writes it for the list (json-items.ts); equal to the list's mapping (checked under jest). */
const GATE_ITEM_JSON: JsonFields = {
  projectId: 'p.id',
  year: 'p.year',
  code: 'p.code',
  name: 'p.name',
  kind: 'p.kind',
  organizationId: 'p.organizationId',
  budgetAmount: 'p.budgetAmount',
  status: { sql: storedGateStatusSql('p.gate_status') },
  reasons: { sql: storedGateReasonsSql('p.gate_reasons') },
};

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
    return paginate(qb, query, {
      sortable: { code: 'p.code', name: 'p.name', year: 'p.year', budgetAmount: 'p.budgetAmount' },
      defaultSort: 'code',
      map: (p): BudgetGateItemDto => ({
        projectId: p.id,
        year: p.year,
        code: p.code,
        name: p.name,
        kind: p.kind,
        organizationId: p.organizationId,
        budgetAmount: p.budgetAmount,
        ...storedGate(p.gateStatus, p.gateReasons),
      }),
      json: GATE_ITEM_JSON,
    });
  }

  /**
   * The latest year with a policy profile: from the profiles' versions the caller's sign-in statement
   * read (no statement of its own), else from the table.
   */
  private async latestProfileYear(): Promise<number> {
    const versions = requestContext.get()?.principal?.profileVersions;
    let years = versions ? Object.keys(versions).map(Number) : [];
    if (!versions) {
      const [row]: { year: number | null }[] = await this.dataSource.query(`SELECT max(year) AS year FROM policy_profiles`);
      years = row?.year ? [row.year] : [];
    }
    return years.length ? Math.max(...years) : new Date().getFullYear();
  }

  /**
   * R6 coverage: the summary over the caller's scope (the share of projects, policies and overall
   * expenditures with approved targets, how many departments and towns it has, how many entries are
   * missing — those are paged by `coverageMissing`) and its departments and towns (`kind`: one of
   * them), paged and sorted by the list contract. One statement: the page, with the summary — which
   * counts its rows — in its head (read also for an empty page).
   */
  async coverage(caller: Principal, query: TargetCoverageQueryDto): Promise<TargetCoverageDto> {
    const year = query.year ?? (await this.latestProfileYear());
    const sql = await this.coverageSql(caller, year);
    const share = (approved: string, total: string) => `CASE WHEN r.${total} > 0 THEN r.${approved}::numeric / r.${total} END`;
    const { page, head } = await sqlPageWithHead(pageRunner(this.dataSource), query, {
      with: sql.ctes,
      rows: `SELECT * FROM org_rows`,
      params: sql.params,
      head: COVERAGE_SUMMARY_HEAD,
      totalOf: (h) => {
        const { h_departments: departments, h_towns: towns } = h as CoverageSummaryRow;
        return Number(query.kind === 'department' ? departments : query.kind === 'town' ? towns : Number(departments) + Number(towns));
      },
      where: query.kind ? [`r.kind = '${query.kind === 'town' ? 'town' : 'department'}'`] : [],
      sortable: {
        organizationCode: 'r.code',
        organizationName: 'r.name',
        projectsShare: share('pa', 'pt'),
        policiesShare: share('la', 'lt'),
        overallShare: share('oa', 'ot'),
      },
      notNull: ['r.code', 'r.name'],
      defaultSort: 'organizationCode',
      tieBreak: 'r.id',
      map: (r) => ({ organizationId: r.id, organizationCode: r.code, organizationName: r.name, ...coverageCounts(r as CoverageSums) }),
    });
    return { year, summary: coverageSummaryOf(head as CoverageSummaryRow), ...page };
  }

  /**
   * R6 what is missing, paged, one part at a time: the projects, policies and overall expenditures
   * without an approved target (`part` targets, by code: read in the order of the index
   * projects_target_missing, their number from the stored counts), or the departments, towns and
   * towns' administrative units that filed no overall expenditure (`part` overall, by code).
   */
  async coverageMissing(caller: Principal, query: TargetCoverageMissingQueryDto): Promise<ListResult<TargetCoverageMissingDto>> {
    const year = query.year ?? (await this.latestProfileYear());
    const run = pageRunner(this.dataSource);
    if (query.part === 'overall') {
      const sql = await this.coverageSql(caller, year);
      // counted in the page statement's head
      const { page } = await sqlPageWithHead<TargetCoverageMissingDto>(run, query, {
        with: sql.ctes,
        rows: `SELECT * FROM no_overall`,
        params: sql.params,
        head: `(SELECT count(*)::int FROM no_overall) AS h_total`,
        totalOf: (h) => Number(h.h_total),
        sortable: { code: 'r.code' },
        notNull: ['r.code'],
        defaultSort: 'code',
        tieBreak: 'r.id',
        map: (r) => ({
          reason: 'NO_OVERALL_EXPENDITURE' as const,
          projectId: null,
          code: null,
          name: r.name,
          kind: 'department_overall' as const,
          organizationId: r.id,
          organizationName: r.name,
        }),
      });
      return page;
    }
    const visible = await this.scope.visibleOrganizationIds(caller);
    const params: unknown[] = visible === null ? [year] : [year, visible];
    // The number missing is the stored counts' (rolled up for the whole city), read in the page statement's head.
    const counts = countsInScope('target_coverage_counts', visible, '$2::uuid[]');
    const { page } = await sqlPageWithHead<TargetCoverageMissingDto>(run, query, {
      rows: `SELECT c.id, c.code, c.name, c.kind, c.organization_id, c.target_status FROM projects c
              WHERE c.year = $1 AND c.target_status IS DISTINCT FROM 'approved' ${counts.scope}`,
      params,
      sortable: { code: 'r.code' },
      notNull: ['r.code'],
      defaultSort: 'code',
      tieBreak: 'r.id',
      head: `(SELECT COALESCE(sum(c.total - c.approved), 0)::int FROM ${counts.table} c WHERE c.year = $1 ${counts.scope}) AS h_total`,
      totalOf: (h) => Number(h.h_total),
      columns: '(SELECT o.name FROM organizations o WHERE o.id = r.organization_id) AS org_name',
      map: (r) => ({
        reason: r.target_status ? 'TARGET_NOT_APPROVED' : 'NO_TARGET',
        projectId: r.id,
        code: r.code,
        name: r.name,
        kind: r.kind,
        organizationId: r.organization_id,
        organizationName: r.org_name,
      }),
    });
    return page;
  }

  /**
   * The coverage of the caller's scope as CTEs over the counts the triggers keep: `agg` (the sums per
   * department or town), `org_rows` (every department and town the caller sees with its sums: R6 全覆盖,
   * also when it filed nothing) and `no_overall` (the organizations expected to file an overall
   * expenditure that filed none). A unit counts for its department or town
   * (organizations.list_organization_id) when the caller sees that, else for itself: a caller who sees
   * the whole city reads the counts kept rolled up so (target_coverage_counts_rollup, migration
   * RolledUpCounts), a few hundred rows a year; a caller with a scope groups its own organizations'
   * counts (target_coverage_counts). Each department and town, and every active administrative unit
   * of a visible town, is expected to have filed its own overall expenditure (looked up by key).
   * Parameters: $1 the year, $2 the caller's organizations (absent for the whole city).
   */
  private async coverageSql(caller: Principal, year: number): Promise<{ ctes: string; params: unknown[] }> {
    const visible = await this.scope.visibleOrganizationIds(caller);
    const params: unknown[] = visible === null ? [year] : [year, visible.length ? visible : ['00000000-0000-0000-0000-000000000000']];
    const orgScope = (alias: string) => (visible === null ? '' : `AND ${alias}.id = ANY($2::uuid[])`);
    const sums = `sum(c.total) FILTER (WHERE c.kind NOT IN ('policy', 'department_overall')) AS pt,
                sum(c.approved) FILTER (WHERE c.kind NOT IN ('policy', 'department_overall')) AS pa,
                sum(c.total) FILTER (WHERE c.kind = 'policy') AS lt,
                sum(c.approved) FILTER (WHERE c.kind = 'policy') AS la,
                sum(c.total) FILTER (WHERE c.kind = 'department_overall') AS ot,
                sum(c.approved) FILTER (WHERE c.kind = 'department_overall') AS oa`;
    const agg =
      visible === null
        ? `SELECT c.organization_id AS key, ${sums} FROM target_coverage_counts_rollup c WHERE c.year = $1 AND c.total > 0 GROUP BY c.organization_id`
        : `SELECT ${scopedRollupKeySql('o', '$2::uuid[]')} AS key, ${sums}
             FROM target_coverage_counts c JOIN organizations o ON o.id = c.organization_id
            WHERE c.year = $1 AND c.total > 0 AND c.organization_id = ANY($2::uuid[])
            GROUP BY 1`;
    const ctes = `agg AS MATERIALIZED (${agg}),
       keys AS MATERIALIZED (
         SELECT key AS id FROM agg
          UNION SELECT o.id FROM organizations o WHERE o.active AND o.kind IN ('department', 'town') ${orgScope('o')}),
       org_rows AS (
         SELECT o.id, o.kind, o.code, o.name, a.pt, a.pa, a.lt, a.la, a.ot, a.oa
           FROM keys k JOIN organizations o ON o.id = k.id AND o.kind IN ('department', 'town') ${orgScope('o')}
           LEFT JOIN agg a ON a.key = k.id),
       no_overall AS (
         SELECT o.id, o.code, o.name FROM organizations o
          WHERE o.kind IN ('department', 'town', 'unit') ${orgScope('o')}
            AND (o.id IN (SELECT id FROM keys)
                 OR (o.kind = 'unit' AND o.active AND EXISTS (
                       SELECT 1 FROM organizations t WHERE t.id = o.parent_id AND t.kind = 'town' ${orgScope('t')})))
            AND NOT EXISTS (SELECT 1 FROM target_coverage_counts x
                             WHERE x.year = $1 AND x.organization_id = o.id AND x.kind = 'department_overall' AND x.total > 0))`;
    return { ctes, params };
  }
}

/** The sums of a coverage row (they arrive as strings; NULL where nothing was filed). */
interface CoverageSums {
  pt: string | null;
  pa: string | null;
  lt: string | null;
  la: string | null;
  ot: string | null;
  oa: string | null;
}

/** A coverage row's three buckets with their shares (percent, two decimals; null where nothing is due). */
function coverageCounts(r: CoverageSums): TargetCoverageCountsDto {
  const bucket = (total: string | null, approved: string | null) => {
    const t = Number(total ?? 0);
    const a = Number(approved ?? 0);
    return { total: t, approved: a, share: t ? Math.round((a / t) * 10000) / 100 : null };
  };
  return { projects: bucket(r.pt, r.pa), policies: bucket(r.lt, r.la), overall: bucket(r.ot, r.oa) };
}

/** The coverage summary over `coverageSql`'s tables, as the head of the coverage's page statement (sqlPage's `head`). */
const COVERAGE_SUMMARY_HEAD = `(SELECT sum(pt) FROM agg) AS h_pt, (SELECT sum(pa) FROM agg) AS h_pa, (SELECT sum(lt) FROM agg) AS h_lt,
       (SELECT sum(la) FROM agg) AS h_la, (SELECT sum(ot) FROM agg) AS h_ot, (SELECT sum(oa) FROM agg) AS h_oa,
       (SELECT count(*) FROM org_rows WHERE kind = 'department') AS h_departments, (SELECT count(*) FROM org_rows WHERE kind = 'town') AS h_towns,
       (SELECT count(*) FROM no_overall) AS h_no_overall`;

/** What `COVERAGE_SUMMARY_HEAD` reads. */
type CoverageSummaryRow = { [K in keyof CoverageSums as `h_${K}`]: CoverageSums[K] } & {
  h_departments: string;
  h_towns: string;
  h_no_overall: string;
};

/** The coverage summary from what `COVERAGE_SUMMARY_HEAD` read. */
function coverageSummaryOf(row: CoverageSummaryRow): TargetCoverageSummaryDto {
  const totals = coverageCounts({ pt: row.h_pt, pa: row.h_pa, lt: row.h_lt, la: row.h_la, ot: row.h_ot, oa: row.h_oa });
  const missingProjects =
    totals.projects.total -
    totals.projects.approved +
    (totals.policies.total - totals.policies.approved) +
    (totals.overall.total - totals.overall.approved);
  return {
    totals,
    departments: Number(row.h_departments),
    towns: Number(row.h_towns),
    missingTargets: missingProjects,
    missingOverall: Number(row.h_no_overall),
    missingTotal: missingProjects + Number(row.h_no_overall),
  };
}
