import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { GateResult, ListResult } from '@jixiao/contracts';
import { budgetGate, preAssessmentRequiredSql, type PreAssessmentFlag } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { paginate } from '../../common/list/paginate';
import { DataScope } from '../../common/scope/data-scope.service';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
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

export interface GateSubject {
  id: string;
  /** Year and code: a supporting pre-assessment of the same code in an earlier year counts (R5). */
  year: number;
  code: string;
  isNew: boolean;
  isMajor: boolean;
  isCapitalConstruction: boolean;
}

/** How many missing entries the coverage answer lists (the total is always given). */
export const COVERAGE_MISSING_CAP = 500;

const FLAG_COLUMNS: Record<PreAssessmentFlag, string> = {
  isNew: 'is_new',
  isMajor: 'is_major',
  isCapitalConstruction: 'is_capital_construction',
};

/** The same test as `preAssessmentSupports` (libs/domain) on a pre_assessments row aliased `pa`. */
const SUPPORTS_SQL = (pa: string) =>
  `(${pa}.status = 'accepted' AND (${pa}.conclusion = 'support'
     OR (${pa}.conclusion = 'support_after_adjustment' AND ${pa}.adjustment_completed_at IS NOT NULL)))`;

/**
 * The budget gate (R5, R7): computes each project's gate from its target and pre-assessment, for
 * many projects in two queries, and filters lists by gate status in SQL with the same rule.
 */
@Injectable()
export class BudgetGateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly policyProfiles: PolicyProfilesService,
  ) {}

  /**
   * Gates of the given projects in a few queries: their years' profiles (the R5 reading), their
   * targets, their own pre-assessments, and the codes with a supporting pre-assessment in an earlier year.
   */
  async gatesFor(projects: readonly GateSubject[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, GateResult>> {
    const out = new Map<string, GateResult>();
    if (!projects.length) return out;
    const ids = projects.map((p) => p.id);
    // Raw SQL on the targets and pre_assessments tables: their entities belong to other modules.
    const profiles = await this.policyProfiles.valuesForYears(
      projects.map((p) => p.year),
      manager,
    );
    const targets = new Map<string, { status: string; reviewGrade: string | null; reviewScore: string | null }>();
    const preAssessments = new Map<string, { status: string; conclusion: string | null; adjustmentCompleted: boolean }>();
    /** Code → the first year with a supporting pre-assessment. */
    const firstSupported = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 5000) {
      const chunk = ids.slice(i, i + 5000);
      const codes = [...new Set(projects.slice(i, i + 5000).map((p) => p.code))];
      // One after another: inside a transaction the manager holds a single connection.
      const t: { projectId: string; status: string; reviewGrade: string | null; reviewScore: string | null }[] = await manager.query(
        `SELECT project_id AS "projectId", status, review_grade AS "reviewGrade", review_score::text AS "reviewScore"
           FROM targets WHERE project_id = ANY($1::uuid[])`,
        [chunk],
      );
      const pa: { projectId: string; status: string; conclusion: string | null; adjustmentCompleted: boolean }[] = await manager.query(
        `SELECT project_id AS "projectId", status, conclusion, adjustment_completed_at IS NOT NULL AS "adjustmentCompleted"
           FROM pre_assessments WHERE project_id = ANY($1::uuid[])`,
        [chunk],
      );
      const earlier: { code: string; year: number }[] = await manager.query(
        `SELECT ep.code, min(ep.year) AS year FROM pre_assessments pa JOIN projects ep ON ep.id = pa.project_id
          WHERE ep.code = ANY($1::text[]) AND ${SUPPORTS_SQL('pa')} GROUP BY ep.code`,
        [codes],
      );
      for (const row of t) targets.set(row.projectId, row);
      for (const row of pa) preAssessments.set(row.projectId, row);
      for (const row of earlier) firstSupported.set(row.code, Number(row.year));
    }
    for (const p of projects) {
      // The review module records the grade with the score, so the recorded grade is the one the rule reads.
      const first = firstSupported.get(p.code);
      out.set(
        p.id,
        budgetGate(
          {
            isNew: p.isNew,
            isMajor: p.isMajor,
            isCapitalConstruction: p.isCapitalConstruction,
            target: targets.get(p.id) ?? null,
            preAssessment: preAssessments.get(p.id) ?? null,
            earlierSupportingPreAssessment: first !== undefined && first < p.year,
          },
          profiles.get(p.year),
        ),
      );
    }
    return out;
  }

  async gateOf(project: GateSubject, manager?: EntityManager): Promise<GateResult> {
    return (await this.gatesFor([project], manager)).get(project.id)!;
  }

  /** R5 as SQL on projects aliased `alias`, under the reading of the row's year (built from the domain's clauses). */
  static preAssessmentRequiredSql(alias: string): string {
    return preAssessmentRequiredSql(
      (flag) => `${alias}.${FLAG_COLUMNS[flag]}`,
      `(SELECT pp."values"->'preAssessment'->>'requirement' FROM policy_profiles pp WHERE pp.year = ${alias}.year)`,
    );
  }

  /** The same rule as `budgetGate`, as SQL on a query over projects aliased `alias`. */
  static readySql(alias: string): string {
    return `(EXISTS (SELECT 1 FROM targets gt WHERE gt.project_id = ${alias}.id AND gt.status = 'approved'
               AND coalesce(gt.review_grade, '') <> 'poor')
             AND NOT (${BudgetGateService.preAssessmentRequiredSql(alias)}
               AND NOT (EXISTS (SELECT 1 FROM pre_assessments gp WHERE gp.project_id = ${alias}.id AND ${SUPPORTS_SQL('gp')})
                 OR (NOT EXISTS (SELECT 1 FROM pre_assessments gp WHERE gp.project_id = ${alias}.id AND gp.status = 'accepted')
                   AND EXISTS (SELECT 1 FROM pre_assessments gp JOIN projects ge ON ge.id = gp.project_id
                     WHERE ge.code = ${alias}.code AND ge.year < ${alias}.year AND ${SUPPORTS_SQL('gp')})))))`;
  }

  static filterByGate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, status: 'ready' | 'blocked'): void {
    qb.andWhere(status === 'ready' ? BudgetGateService.readySql(alias) : `NOT ${BudgetGateService.readySql(alias)}`);
  }

  /** For the budget system: every project of the year with its gate, paged and scoped. */
  async list(caller: Principal, query: BudgetGateQueryDto): Promise<ListResult<BudgetGateItemDto>> {
    const qb = this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p');
    await this.scope.applyTo(qb, 'p.organizationId', caller);
    if (query.year !== undefined) qb.andWhere('p.year = :year', { year: query.year });
    if (query.organizationId) {
      const ids = await this.scope.subtree(query.organizationId);
      qb.andWhere('p.organizationId IN (:...gateOrgs)', { gateOrgs: ids });
    }
    if (query.status) BudgetGateService.filterByGate(qb, 'p', query.status);
    const page = await paginate(qb, query, {
      sortable: { code: 'p.code', name: 'p.name', year: 'p.year', budgetAmount: 'p.budgetAmount' },
      defaultSort: 'code',
      map: (p) => p,
    });
    const gates = await this.gatesFor(page.items);
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
        status: gates.get(p.id)!.status,
        reasons: gates.get(p.id)!.reasons,
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
      scopeSql = 'AND p.organization_id = ANY($2::uuid[])';
    }
    const rows: { id: string; code: string; name: string; kind: string; organization_id: string; target_status: string | null }[] =
      await this.dataSource.query(
        `SELECT p.id, p.code, p.name, p.kind, p.organization_id, t.status AS target_status
           FROM projects p LEFT JOIN targets t ON t.project_id = p.id
          WHERE p.year = $1 ${scopeSql}
          ORDER BY p.code`,
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
    const missing: TargetCoverageMissingDto[] = [];
    const hasOverall = new Set<string>();
    // R6 全覆盖: every active department and town is expected, with zero counts when it filed nothing.
    const expected = orgs.filter((o) => o.active && (o.kind === 'department' || o.kind === 'town'));
    for (const o of expected) byOrg.set(o.id, empty());

    for (const r of rows) {
      const approved = r.target_status === 'approved';
      const rollup = rollupOf(r.organization_id);
      const key = rollup?.id ?? r.organization_id;
      if (!byOrg.has(key)) byOrg.set(key, empty());
      for (const counts of [totals, byOrg.get(key)!]) {
        const bucket = bucketOf(counts, r.kind);
        bucket.total++;
        if (approved) bucket.approved++;
      }
      if (r.kind === 'department_overall') hasOverall.add(r.organization_id);
      if (!approved) {
        missing.push({
          reason: r.target_status ? 'TARGET_NOT_APPROVED' : 'NO_TARGET',
          projectId: r.id,
          code: r.code,
          name: r.name,
          kind: r.kind as TargetCoverageMissingDto['kind'],
          organizationId: r.organization_id,
          organizationName: orgById.get(r.organization_id)?.name ?? '',
        });
      }
    }
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
      missingTotal: missing.length,
    };
  }
}
