import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pageWindow, type PublicAttention } from '@jixiao/contracts';
import {
  financeKeyRankOrderSql,
  normalizeMoney,
  rankFinanceKeyCandidates,
  selectFinanceKeyEvaluations,
  type FinanceKeyCandidate,
  type RankedCandidate,
} from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { fieldError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { sqlPageWithHead } from '../../common/list/paginate';
import { pageRunner } from '../../common/list/read-page';
import { DataScope } from '../../common/scope/data-scope.service';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { SettingsService } from '../settings/settings.service';
import { FinanceKeyCandidatesDto, FinanceKeyQueryDto, FinanceKeySelectionDto, SelectFinanceKeyDto } from './dto/evaluation.dto';
import { EvaluationEntity } from './entities/evaluation.entity';
import { FinanceKeySelectionEntity } from './entities/finance-key-selection.entity';
import { EvaluationErrors } from './evaluations.errors';
import { EvaluationsService } from './evaluations.service';

interface CandidateRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  organization_id: string;
  organization_name: string;
  budget_amount: string;
  execution_rate: string | null;
  management_chain_levels: number | null;
  is_livelihood: boolean;
  public_attention: PublicAttention;
}

/**
 * R14: the candidates of the evaluated year `$1` — rows with an approved target, with the year's
 * execution rate from their last tracking (as text) — and the names the answer shows. The statement
 * ends in its WHERE, for further conditions. The target's status and the last tracking's rate are
 * the project's stored columns (migrations GateStored, MonitoringStored), kept by the writes: no
 * look-up per project.
 */
function candidatesSql(): string {
  return `SELECT p.id, p.code, p.budget_amount::text AS budget_amount,
            p.last_execution_rate::text AS execution_rate, p.management_chain_levels, p.is_livelihood, p.public_attention,
            p.name, p.kind, p.organization_id, o.name AS organization_name
       FROM projects p
       JOIN organizations o ON o.id = p.organization_id
      WHERE p.year = $1 AND p.target_status = 'approved'`;
}

function toCandidate(r: CandidateRow): FinanceKeyCandidate {
  return {
    key: r.id,
    code: r.code,
    name: r.name,
    budgetAmount: normalizeMoney(r.budget_amount),
    lastYearExecutionRate: r.execution_rate,
    managementChainLevels: r.management_chain_levels,
    isLivelihood: r.is_livelihood,
    publicAttention: r.public_attention,
  };
}

/**
 * R14: finance key evaluations. The candidates are the evaluated year's projects, policies and
 * department overall expenditures with an approved target, ranked on the profile's criteria from
 * data (the year's execution rate from its last tracking, the management chain, livelihood, public
 * attention); the bureau selects the profile's number, departing from the ranking only with a
 * recorded reason, and the selected ones become finance key evaluations.
 */
@Injectable()
export class FinanceKeyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
    private readonly settings: SettingsService,
    private readonly evaluations: EvaluationsService,
  ) {}

  /**
   * R14: the ranking, paged: ordered in SQL by the stored score (`financeKeyScoreFromCriteriaSql`, the profile's criteria
   * as `rankFinanceKeyCandidates` applies them), the rank a window over that order; each page's
   * rows get their criteria lines from the same rule in TypeScript.
   */
  async candidates(caller: Principal, query: FinanceKeyQueryDto): Promise<FinanceKeyCandidatesDto> {
    await this.scope.assertDistrictWide(caller);
    const year = query.year ?? (await this.settings.workingYear()).year - 1;
    // The selection is made in the following year, under that year's work points (count and criteria).
    const profile = await this.profiles.valuesFor(year + 1);
    const required = profile.evaluation.financeKeyEvaluationCount;
    const manager = this.dataSource.manager;
    // The ranking over the stored scores (projects.finance_key_score, on this same profile's criteria,
    // migration FinanceKeyScoreStored), read in the order of the index projects_finance_key_rank: no
    // candidate scored or sorted when asked.
    // The rank stays row_number()'s own (bigint): a bound on it stops the ranking once the page is in
    // (PostgreSQL's run condition), so a page by number reads only the rows up to its last (a cast of
    // the rank to int hides it from the planner, which then ranks every candidate of the year).
    const rows = `
        SELECT s.id, row_number() OVER (ORDER BY ${financeKeyRankOrderSql({ score: 's.finance_key_score', budgetAmount: 's.budget_amount', code: 's.code', id: 's.id' })}) AS rank
          FROM projects s WHERE s.year = $1 AND s.target_status = 'approved'`;
    const { skip, take } = pageWindow(query.page, query.pageSize);
    const byRank = query.cursor === undefined; // the ranking has no other order (no sort)
    // The candidates are the year's rows with an approved target: their number is stored per
    // organization and kind (target_coverage_counts, migration GateStored) and rolled up to departments
    // and towns (target_coverage_counts_rollup, RolledUpCounts: the same sum over fewer rows), no count
    // of the ranking. It and the year's selection with the names it shows are the page statement's
    // head (read also for an empty page); each page row's details (names, the criteria's data) are
    // columns over the page's rows: one statement.
    const { page, head } = await sqlPageWithHead(pageRunner(this.dataSource, manager), query, {
      rows,
      params: [year],
      where: byRank ? [`r.rank <= ${skip + take + 1}`] : [],
      head: `(SELECT COALESCE(sum(approved), 0)::int FROM target_coverage_counts_rollup WHERE year = $1) AS h_total, (${selectionSql('$1')}) AS h_selection`,
      totalOf: (h) => Number(h.h_total),
      sortable: { rank: 'r.rank' },
      notNull: ['r.rank'],
      defaultSort: 'rank',
      tieBreak: 'r.id',
      columns: `(SELECT row_to_json(d) FROM (${candidatesSql()} AND p.id = r.id) d) AS details`,
      map: (r) => ({ rank: Number(r.rank), details: r.details as CandidateRow }),
    });
    const selection = head.h_selection as SelectionRow | null;
    const scored = new Map(
      rankFinanceKeyCandidates(
        page.items.map((i) => toCandidate(i.details)),
        profile,
      ).map((c) => [c.candidate.key, c]),
    );
    return {
      year,
      required,
      ...page,
      items: page.items.map(({ rank, details: row }) => {
        const r = scored.get(row.id)!;
        return {
          projectId: row.id,
          projectCode: row.code,
          projectName: row.name,
          projectKind: row.kind,
          organizationId: row.organization_id,
          organizationName: row.organization_name,
          budgetAmount: normalizeMoney(row.budget_amount),
          executionRate: row.execution_rate,
          rank,
          score: r.score,
          withinCount: rank <= required,
          criteria: r.criteria,
        };
      }),
      selection: selection ? selectionDto(selection) : null,
    };
  }

  /** R14: records the selection (once per evaluated year) and starts a finance key evaluation of each selected candidate. */
  async select(caller: Principal, dto: SelectFinanceKeyDto): Promise<FinanceKeySelectionDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      // One selection per year, also under concurrent requests.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('jixiao.finance-key-selection'), $1)`, [dto.year]);
      if (await manager.findOne(FinanceKeySelectionEntity, { where: { year: dto.year } }))
        throw EvaluationErrors.FINANCE_KEY_ALREADY_SELECTED();
      const profile = await this.profiles.valuesFor(dto.year + 1, manager);
      const { ranked } = await this.ranked(manager, dto.year, profile);
      const result = selectFinanceKeyEvaluations(
        ranked,
        profile,
        (dto.overrides ?? []).map((o) => ({ key: o.projectId, action: o.action, reason: o.reason })),
      );
      if (result.issues.length) {
        throw CommonErrors.VALIDATION_FAILED({
          errors: result.issues.map((i) =>
            fieldError(i.field.replace(/\.key$/, '.projectId'), i.code, i.message, i.messageEn ?? i.message),
          ),
        });
      }
      const saved = await manager.save(
        manager.create(FinanceKeySelectionEntity, {
          year: dto.year,
          selected: result.selected,
          removed: result.removed,
          candidates: ranked.length,
          createdById: caller.kind === 'user' ? caller.id : null,
        }),
      );
      for (const s of result.selected) {
        const exists = await manager.findOne(EvaluationEntity, { where: { projectId: s.key, kind: 'finance_key' } });
        if (!exists) await this.evaluations.start(manager, caller, s.key, 'finance_key');
      }
      await this.audit.record(manager, {
        action: 'evaluation.finance_key_select',
        entityType: 'finance_key_selection',
        entityId: saved.id,
        after: {
          year: dto.year,
          selected: result.selected.map((s) => ({ code: s.code, rank: s.rank, via: s.via, reason: s.reason })),
          removed: result.removed.map((r) => ({ code: r.code, rank: r.rank, reason: r.reason })),
        },
      });
      const [{ selection }]: { selection: SelectionRow }[] = await manager.query(`SELECT (${selectionSql('$1')}) AS selection`, [
        saved.year,
      ]);
      return selectionDto(selection);
    });
  }

  private async ranked(
    manager: EntityManager,
    year: number,
    profile: Awaited<ReturnType<PolicyProfilesService['valuesFor']>>,
  ): Promise<{ ranked: RankedCandidate[]; rows: CandidateRow[] }> {
    const rows: CandidateRow[] = await manager.query(candidatesSql(), [year]);
    return { ranked: rankFinanceKeyCandidates(rows.map(toCandidate), profile), rows };
  }
}

/** A finance key selection as `selectionSql` reads it, with what its answer shows besides. */
interface SelectionRow {
  year: number;
  selected: FinanceKeySelectionEntity['selected'];
  removed: FinanceKeySelectionEntity['removed'];
  candidates: number;
  created_at: string;
  created_by_name: string | null;
  /** The selected and removed projects' names. */
  projects: { id: string; name: string; organization_name: string }[];
  /** The finance key evaluations of the selected projects. */
  evaluations: { id: string; project_id: string }[];
}

/**
 * R14: the selection of the evaluated year `yearExpr` as one json value (NULL when none is made):
 * the selection, its creator's name, the names of its projects and the evaluations it started.
 */
function selectionSql(yearExpr: string): string {
  return `SELECT json_build_object(
            'year', fs.year, 'selected', fs.selected, 'removed', fs.removed, 'candidates', fs.candidates,
            'created_at', fs.created_at, 'created_by_name', cu.display_name,
            'projects', (SELECT coalesce(json_agg(json_build_object('id', sp.id, 'name', sp.name, 'organization_name', so.name)), '[]'::json)
                           FROM projects sp JOIN organizations so ON so.id = sp.organization_id
                          WHERE sp.id IN (SELECT (x->>'key')::uuid FROM jsonb_array_elements(fs.selected || fs.removed) x)),
            'evaluations', (SELECT coalesce(json_agg(json_build_object('id', se.id, 'project_id', se.project_id)), '[]'::json)
                              FROM evaluations se
                             WHERE se.kind = 'finance_key' AND se.project_id IN (SELECT (x->>'key')::uuid FROM jsonb_array_elements(fs.selected) x)))
            FROM finance_key_selections fs LEFT JOIN users cu ON cu.id = fs.created_by_id
           WHERE fs.year = ${yearExpr}`;
}

function selectionDto(s: SelectionRow): FinanceKeySelectionDto {
  const evaluationOf = new Map(s.evaluations.map((e) => [e.project_id, e.id]));
  const projectOf = new Map(s.projects.map((p) => [p.id, p]));
  const names = (key: string) => ({
    projectName: projectOf.get(key)?.name ?? '',
    organizationName: projectOf.get(key)?.organization_name ?? '',
  });
  return {
    year: s.year,
    selected: s.selected.map((x) => ({
      projectId: x.key,
      projectCode: x.code,
      ...names(x.key),
      rank: x.rank,
      score: x.score,
      via: x.via,
      reason: x.reason,
      evaluationId: evaluationOf.get(x.key) ?? null,
    })),
    removed: s.removed.map((x) => ({ projectId: x.key, projectCode: x.code, ...names(x.key), rank: x.rank, reason: x.reason })),
    candidates: s.candidates,
    createdAt: new Date(s.created_at).toISOString(),
    createdByName: s.created_by_name,
  };
}
