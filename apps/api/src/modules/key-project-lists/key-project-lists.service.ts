import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pageRunner } from '../../common/list/read-page';
import {
  coveragePercent,
  coveragePlanSql,
  coverageCycleStartSql,
  evaluationDueYearSql,
  keyBasisOf,
  normalizeMoney,
  keyListChanges,
  KEY_PROJECT_LIST_ACTION_RULES,
  permittedActions,
  sumMoney,
} from '@jixiao/domain';
import type { PolicyProfileValues } from '@jixiao/domain';
import { KEY_PROJECT_LIST_WORKFLOW } from '@jixiao/domain';
import type { KeyProjectListAction, ListResult } from '@jixiao/contracts';
import { countsTableInScope } from '../../database/rolled-up-counts.sql';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { CommonErrors } from '../../common/errors/common.errors';
import { fieldError } from '../../common/errors/app-error';
import { paginate, sqlPage, sqlPageWithHead } from '../../common/list/paginate';
import type { JsonFields } from '../../common/list/json-items';
import { firstListedSql } from './key-coverage-stored.sql';
import { DataScope, subtreeIdsSql } from '../../common/scope/data-scope.service';
import { assertTransition } from '../../common/workflow/transition';
import { assertSegregated, withActor } from '../../common/workflow/segregation';
import { namesFromJson } from '../../common/audit/actor-names';
import { CHILD, childrenFrom, rowsSql } from '../../common/list/children';
import { readOne } from '../../common/scope/read-one';
import {
  historyFrom,
  historySql,
  isLiveList,
  listActorNamesSql,
  liveItemsFrom,
  liveItemsSql,
  liveItemsWhenNeededSql,
  snapshotItemsFrom,
  snapshotItemsSql,
  snapshotWhenNeededSql,
} from './key-list-detail.sql';
import { updateVersioned } from '../../database/versioned-update';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { SettingsService } from '../settings/settings.service';
import { UserEntity } from '../users/entities/user.entity';
import { KeyProjectListEntity, type KeyProjectListStatus } from './entities/key-project-list.entity';
import { KeyProjectListItemEntity } from './entities/key-project-list-item.entity';
import { KeyProjectListRevisionEntity, type RevisionItem } from './entities/key-project-list-revision.entity';
import {
  AmendKeyProjectListDto,
  CoverageOrganizationDto,
  CoveragePlanDto,
  CoveragePlanQueryDto,
  CoverageProjectDto,
  CoverageProjectsQueryDto,
  FileKeyProjectListDto,
  KeyProjectListDetailDto,
  KeyProjectListDto,
  KeyProjectListItemDto,
  KeyProjectListQueryDto,
  KeyListChangesDto,
  KeyProjectListRevisionDto,
  ReturnKeyProjectListDto,
  SubmitKeyProjectListDto,
} from './dto/key-project-list.dto';
import { KeyProjectListErrors } from './key-project-lists.errors';
import { LIST_ORGANIZATION_KINDS } from './list-organization-stored.sql';

const ENTITY_TYPE = 'key_project_list';

type ListRow = KeyProjectListEntity & { reviewer?: UserEntity | null };

/** `toListDto` as SQL over the list's aliases (`l`, its organization `o`, its reviewer `rv`) but the actions (json-items.ts). */
const KEY_LIST_JSON: JsonFields = {
  id: 'l.id',
  year: 'l.year',
  organizationId: 'l.organizationId',
  organizationName: { sql: `coalesce(o.name, '')` },
  organizationKind: { sql: `coalesce(o.kind, '')` },
  status: 'l.status',
  submittedAt: 'l.submittedAt',
  submitNote: 'l.submitNote',
  reviewedAt: 'l.reviewedAt',
  reviewedByName: 'rv.displayName',
  reviewComment: 'l.reviewComment',
  version: 'l.version',
  createdAt: 'l.createdAt',
  updatedAt: 'l.updatedAt',
};

/** A list as this caller sees it: `actions` are the steps the caller may take now (R3), not every step the state allows. */
export function toListDto(l: ListRow, caller: Principal): KeyProjectListDto {
  return {
    id: l.id,
    year: l.year,
    organizationId: l.organizationId,
    organizationName: l.organization?.name ?? '',
    organizationKind: l.organization?.kind ?? '',
    status: l.status,
    actions: permittedActions(KEY_PROJECT_LIST_WORKFLOW, l.status, KEY_PROJECT_LIST_ACTION_RULES, caller, l),
    submittedAt: l.submittedAt?.toISOString() ?? null,
    submitNote: l.submitNote,
    reviewedAt: l.reviewedAt?.toISOString() ?? null,
    reviewedByName: l.reviewer?.displayName ?? null,
    reviewComment: l.reviewComment,
    version: l.version,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

/** R4: the first year key lists were kept (the anchor of the evaluation cycles), as an SQL scalar; NULL before any. */
const KEY_LISTS_ANCHOR_SQL = `(SELECT MIN(kl.year)::int FROM key_project_lists kl)`;

@Injectable()
export class KeyProjectListsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
    private readonly settings: SettingsService,
  ) {}

  async list(caller: Principal, query: KeyProjectListQueryDto): Promise<ListResult<KeyProjectListDto>> {
    const qb = this.listQuery(this.dataSource.manager);
    await this.scope.applyTo(qb, 'l.organizationId', caller);
    if (query.year !== undefined) qb.andWhere('l.year = :year', { year: query.year });
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    if (query.organizationId) qb.andWhere('l.organizationId = :org', { org: query.organizationId });
    return paginate(qb, query, {
      sortable: { year: 'l.year', status: 'l.status', organization: 'o.code', submittedAt: 'l.submittedAt', updatedAt: 'l.updatedAt' },
      defaultSort: '-year,organization',
      map: (l) => toListDto(l, caller),
      // each item written by PostgreSQL; the actions this caller may take added in Node (the workflow's rules)
      json: KEY_LIST_JSON,
      jsonPlus: {
        columns: { status: 'l.status', organizationId: 'l.organization_id', actors: 'l.actors' },
        add: (rows) =>
          rows.map((r) => ({
            actions: permittedActions(KEY_PROJECT_LIST_WORKFLOW, r.status as KeyProjectListStatus, KEY_PROJECT_LIST_ACTION_RULES, caller, {
              organizationId: r.organizationId as string,
              actors: r.actors as KeyProjectListEntity['actors'],
            }),
          })),
      },
    });
  }

  /** The caller's own department's or town's list for the year: opened (as a draft) on first access. */
  async current(caller: Principal, year: number): Promise<KeyProjectListDetailDto> {
    const orgId = caller.organizationId;
    return this.dataSource.transaction(async (manager) => {
      const org = orgId ? await manager.findOne(OrganizationEntity, { where: { id: orgId } }) : null;
      if (!org || !LIST_ORGANIZATION_KINDS.includes(org.kind)) throw KeyProjectListErrors.KEY_LIST_ORGANIZATION_KIND();
      const profile = await this.profileFor(manager, year);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(KeyProjectListEntity)
        .values({ year, organizationId: org.id, status: 'draft' })
        .orIgnore()
        .execute();
      const list = await this.findByYear(manager, year, org.id);
      if ((inserted.raw as unknown[]).length > 0) {
        await this.audit.record(manager, {
          action: 'key_project_list.open',
          entityType: ENTITY_TYPE,
          entityId: list.id,
          after: { year, organizationId: org.id, status: 'draft' },
        });
      }
      return this.detail(manager, caller, list.id, profile);
    });
  }

  /**
   * The list's page in one statement (readOne, common/scope/read-one.ts: with the caller's credential
   * and the route's owner check): the list with its organization and reviewer, its items (live or as
   * submitted), revisions, history and their actors' names (key-list-detail.sql.ts).
   */
  async get(caller: Principal, id: string): Promise<KeyProjectListDetailDto> {
    const manager = this.dataSource.manager;
    const read = await readOne(this.detailQuery(manager).where('l.id = :id', { id }));
    if (!read) throw CommonErrors.NOT_FOUND();
    await this.scope.assertVisible(caller, read.entity.organizationId, manager);
    return this.assemble(caller, read.entity, read.raw, await this.profileFor(manager, read.entity.year));
  }

  /** R3: the department or town submits; the items are frozen as a snapshot. */
  async submit(caller: Principal, id: string, dto: SubmitKeyProjectListDto): Promise<KeyProjectListDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.scope.assertWritable(caller, current.organizationId, manager);
      if (caller.organizationId !== current.organizationId) throw KeyProjectListErrors.KEY_LIST_NOT_OWN();
      const to = assertTransition(KEY_PROJECT_LIST_WORKFLOW, current.status, 'submit');
      const profile = await this.profileFor(manager, current.year);
      const items = await this.liveItems(manager, current.organizationId, current.year, profile);
      const note = dto.note ? dto.note : null;
      if (items.length === 0 && !note) {
        throw KeyProjectListErrors.KEY_LIST_EMPTY_NEEDS_NOTE({
          errors: [fieldError('note', 'required', '清单为空时须填写报送说明', 'A note is required for an empty list')],
        });
      }
      await updateVersioned(manager, KeyProjectListEntity, id, dto.version, {
        status: to,
        submittedAt: new Date(),
        submitNote: note,
        actors: withActor(current.actors, 'submit', caller),
      });
      await manager.delete(KeyProjectListItemEntity, { listId: id });
      if (items.length) {
        await manager.insert(
          KeyProjectListItemEntity,
          items.map((i) => ({ listId: id, projectId: i.projectId, basis: i.basis, reason: i.reason, budgetAmount: i.budgetAmount })),
        );
      }
      await this.audit.record(manager, {
        action: 'key_project_list.submit',
        entityType: ENTITY_TYPE,
        entityId: id,
        before: { status: current.status, version: current.version },
        after: {
          status: to,
          note,
          itemCount: items.length,
          totalAmount: sumMoney(items.map((i) => i.budgetAmount)),
          items: items.map((i) => ({ projectId: i.projectId, code: i.code, basis: i.basis, budgetAmount: i.budgetAmount })),
        },
      });
      return this.detail(manager, caller, id, profile);
    });
  }

  /** R3: the finance bureau files (备案) a submitted list. */
  file(caller: Principal, id: string, dto: FileKeyProjectListDto): Promise<KeyProjectListDetailDto> {
    return this.review(caller, id, 'file', dto.version, dto.comment ? dto.comment : null);
  }

  /** R3: the finance bureau returns a submitted list with comments. */
  giveBack(caller: Principal, id: string, dto: ReturnKeyProjectListDto): Promise<KeyProjectListDetailDto> {
    if (!dto.comment) {
      throw CommonErrors.VALIDATION_FAILED({
        errors: [fieldError('comment', 'isNotEmpty', '请填写退回意见', 'comment should not be empty')],
      });
    }
    return this.review(caller, id, 'return', dto.version, dto.comment);
  }

  /**
   * R3: the department or town amends its filed list (e.g. projects became key after filing). The
   * filed snapshot stays as its numbered revision (marked amended, with the reason); the list is
   * live again until it is submitted and filed as the next revision.
   */
  async amend(caller: Principal, id: string, dto: AmendKeyProjectListDto): Promise<KeyProjectListDetailDto> {
    if (!dto.reason) {
      throw CommonErrors.VALIDATION_FAILED({
        errors: [fieldError('reason', 'isNotEmpty', '请填写修订原因', 'reason should not be empty')],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.scope.assertWritable(caller, current.organizationId, manager);
      if (caller.organizationId !== current.organizationId) throw KeyProjectListErrors.KEY_LIST_NOT_OWN();
      const to = assertTransition(KEY_PROJECT_LIST_WORKFLOW, current.status, 'amend');
      await updateVersioned(manager, KeyProjectListEntity, id, dto.version, {
        status: to,
        actors: withActor(current.actors, 'amend', caller),
      });
      const latest = await manager.findOne(KeyProjectListRevisionEntity, { where: { listId: id }, order: { revision: 'DESC' } });
      if (latest) {
        await manager.update(
          KeyProjectListRevisionEntity,
          { id: latest.id },
          { amendedAt: new Date(), amendedById: caller.id, amendReason: dto.reason },
        );
      }
      await this.audit.record(manager, {
        action: 'key_project_list.amend',
        entityType: ENTITY_TYPE,
        entityId: id,
        before: { status: current.status, version: current.version, revision: latest?.revision ?? null },
        after: { status: to, comment: dto.reason },
      });
      return this.detail(manager, caller, id, await this.profileFor(manager, current.year));
    });
  }

  /** Keeps the list's current item snapshot as its next filed revision (1, 2, …); returns the number. */
  async recordRevision(manager: EntityManager, listId: string, filedById: string | null): Promise<number> {
    const list = await manager.findOneOrFail(KeyProjectListEntity, { where: { id: listId } });
    const items: RevisionItem[] = (await this.snapshotItems(manager, listId)).map((i) => ({
      projectId: i.projectId,
      code: i.code,
      name: i.name,
      basis: i.basis,
      reason: i.reason,
      budgetAmount: i.budgetAmount,
    }));
    const [{ next }] = await manager.query<{ next: number }[]>(
      `SELECT COALESCE(MAX(revision), 0)::int + 1 AS next FROM key_project_list_revisions WHERE list_id = $1`,
      [listId],
    );
    await manager.insert(KeyProjectListRevisionEntity, {
      listId,
      revision: next,
      submittedAt: list.submittedAt,
      submitNote: list.submitNote,
      filedAt: list.reviewedAt ?? new Date(),
      filedById,
      reviewComment: list.reviewComment,
      items,
      totalAmount: sumMoney(items.map((i) => i.budgetAmount)),
    });
    return next;
  }

  private review(
    caller: Principal,
    id: string,
    action: Extract<KeyProjectListAction, 'file' | 'return'>,
    version: number,
    comment: string | null,
  ): Promise<KeyProjectListDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.scope.assertWritable(caller, current.organizationId, manager);
      // Filing and returning are the bureau's: district-wide scope, whatever a key's permissions say.
      await this.scope.assertDistrictWide(caller, manager);
      const to = assertTransition(KEY_PROJECT_LIST_WORKFLOW, current.status, action);
      assertSegregated(KEY_PROJECT_LIST_ACTION_RULES, action, caller, current);
      await updateVersioned(manager, KeyProjectListEntity, id, version, {
        status: to,
        reviewedAt: new Date(),
        reviewedById: caller.id,
        reviewComment: comment,
        actors: withActor(current.actors, action, caller),
      });
      const revision = action === 'file' ? await this.recordRevision(manager, id, caller.id) : null;
      await this.audit.record(manager, {
        action: `key_project_list.${action}`,
        entityType: ENTITY_TYPE,
        entityId: id,
        before: { status: current.status, version: current.version },
        after: revision === null ? { status: to, comment } : { status: to, comment, revision },
      });
      return this.detail(manager, caller, id, await this.profileFor(manager, current.year));
    });
  }

  /**
   * R4: the five-year coverage planner over the caller's visible key projects: the totals and the
   * plan per department or town, each an aggregate in SQL (`coveragePlanSql`, the same plan as
   * `planCoverage`); the projects themselves are paged by `coveragePlanProjects`.
   */
  async coveragePlan(caller: Principal, query: CoveragePlanQueryDto): Promise<CoveragePlanDto> {
    const manager = this.dataSource.manager;
    const year = await this.resolveYear(manager, query.year);
    const profile = await this.profileFor(manager, year);
    const cycleYears = profile.keyProjects.evaluationCycleYears;
    // the cycle's start is read once in each statement (its anchor: the first year key lists were kept), in
    // the CTE `cycle` the plan's expressions refer to (inlined, the anchor's subquery was planned ~50 times)
    const plan = coveragePlanSql(year, '(SELECT cy.start FROM cycle cy)', profile);
    // over the stored counts (key_coverage_counts): a row per organization, last evaluation year and first listed year
    const source = await this.coverageSource(
      manager,
      caller,
      year,
      profile,
      query.organizationId ? { subtreeOf: query.organizationId } : {},
      true,
    );
    const params = [...source.params];
    // the departments and towns with a key project list of the year (in scope; the one asked for), also when none of their projects is key
    const listed = ['l.year = $1'];
    const visible = await this.scope.visibleOrganizationIds(caller, manager);
    if (visible !== null) {
      params.push(visible);
      listed.push(`l.organization_id = ANY($${params.length}::uuid[])`);
    }
    if (query.organizationId) {
      params.push(query.organizationId);
      listed.push(`l.organization_id = $${params.length}::uuid`);
    }
    const ctes = `cycle AS MATERIALIZED (SELECT ${coverageCycleStartSql(year, KEY_LISTS_ANCHOR_SQL, profile)} AS start),
       src AS MATERIALIZED (${source.sql}),
       counts AS (
         SELECT s.grp, sum(s.n)::int AS total, COALESCE(sum(s.n) FILTER (WHERE ${plan.covered('s')}), 0)::int AS covered,
                COALESCE(sum(s.n) FILTER (WHERE NOT ${plan.covered('s')} AND s.due = ${year}), 0)::int AS due_this_year,
                COALESCE(sum(s.n) FILTER (WHERE NOT ${plan.covered('s')} AND ${year} > s.due), 0)::int AS overdue
           FROM src s GROUP BY 1),
       planned AS MATERIALIZED (${plan.yearColumns('SELECT * FROM src', 'n')}),
       groups AS (SELECT grp FROM counts UNION SELECT l.organization_id FROM key_project_lists l WHERE ${listed.join(' AND ')}),
       org_rows AS (
         SELECT o.id, o.code, o.name, COALESCE(c.total, 0) AS total, COALESCE(c.covered, 0) AS covered,
                COALESCE(c.due_this_year, 0) AS due_this_year, COALESCE(c.overdue, 0) AS overdue
           FROM groups g JOIN organizations o ON o.id = g.grp LEFT JOIN counts c ON c.grp = g.grp)`;
    // The summary over every row (which also counts them) in one row: the page statement's head, so one
    // statement answers both, also when the page is empty (past the last page, or nothing in scope).
    const summarySql = `summary AS (
         SELECT count(*)::int AS s_organizations, COALESCE(sum(total), 0)::int AS s_total, COALESCE(sum(covered), 0)::int AS s_covered,
                COALESCE(sum(due_this_year), 0)::int AS s_due_this_year, COALESCE(sum(overdue), 0)::int AS s_overdue,
                (SELECT json_build_array(${plan.planColumns.map((c) => `COALESCE(sum(p.${c}), 0)::int`).join(', ')}) FROM planned p) AS s_plan,
                ${plan.cycleStartYear} AS s_cycle_start
           FROM org_rows)`;
    // prepared per shape: the plan's SQL takes longer to plan than to run
    const { page: rows, head } = await sqlPageWithHead(pageRunner(this.dataSource), query, {
      with: `${ctes}, ${summarySql}`,
      // each row's plan by year: its group's row of the plan (c0 … the current year onwards)
      rows: `SELECT r.*, CASE WHEN pb.grp IS NOT NULL THEN json_build_array(${plan.planColumns.map((c) => `pb.${c}`).join(', ')}) END AS plan
               FROM org_rows r LEFT JOIN planned pb ON pb.grp = r.id`,
      params,
      head: `(SELECT to_json(s) FROM summary s) AS h_summary`,
      totalOf: (h) => Number(h.h_summary.s_organizations),
      sortable: {
        organizationCode: 'r.code',
        organizationName: 'r.name',
        total: 'r.total',
        coverage: 'CASE WHEN r.total > 0 THEN r.covered::numeric / r.total END',
        dueThisYear: 'r.due_this_year',
        overdue: 'r.overdue',
      },
      notNull: ['r.code', 'r.name', 'r.total', 'r.due_this_year', 'r.overdue'],
      defaultSort: 'organizationCode',
      tieBreak: 'r.id',
      map: (r) => r,
    });
    const counted = head.h_summary as Record<string, any>;
    const cycleStartYear = Number(counted.s_cycle_start);
    const cycleEndYear = cycleStartYear + cycleYears - 1;
    const planYears = Array.from({ length: cycleEndYear - year + 1 }, (_, i) => year + i);
    // the plan's columns by position: c0 is the current year
    const planOf = (counts: number[] | null) => planYears.map((y, i) => ({ year: y, count: Number(counts?.[i] ?? 0) }));
    return {
      year,
      cycleYears,
      cycleStartYear,
      cycleEndYear,
      summary: {
        organizations: Number(counted.s_organizations),
        total: Number(counted.s_total),
        covered: Number(counted.s_covered),
        coverage: coveragePercent(Number(counted.s_covered), Number(counted.s_total)),
        dueThisYear: Number(counted.s_due_this_year),
        overdue: Number(counted.s_overdue),
        plan: planOf(counted.s_plan),
      },
      ...rows,
      items: rows.items.map((r): CoverageOrganizationDto => ({
        organizationId: r.id,
        organizationCode: r.code,
        organizationName: r.name,
        total: Number(r.total),
        covered: Number(r.covered),
        coverage: coveragePercent(Number(r.covered), Number(r.total)),
        dueThisYear: Number(r.due_this_year),
        overdue: Number(r.overdue),
        plan: planOf(r.plan),
      })),
    };
  }

  /** R4: a department's or town's key projects with their due year, coverage and planned year, paged (the list contract). */
  async coveragePlanProjects(caller: Principal, query: CoverageProjectsQueryDto): Promise<ListResult<CoverageProjectDto>> {
    const manager = this.dataSource.manager;
    const year = await this.resolveYear(manager, query.year);
    const profile = await this.profileFor(manager, year);
    // one statement (and its count): the cycle's anchor and the group's subtree are read in it
    const plan = coveragePlanSql(year, coverageCycleStartSql(year, KEY_LISTS_ANCHOR_SQL, profile), profile);
    const source = await this.coverageSource(manager, caller, year, profile, { group: query.organizationId });
    return sqlPage(pageRunner(this.dataSource, manager), query, {
      // ties of the plan keep the project library's order: budget descending, then code
      rows: plan.rows(source.sql, 's.budget_amount DESC, s.code ASC'),
      params: source.params,
      sortable: {
        code: 'r.code',
        budgetAmount: 'r.budget_amount',
        dueYear: 'r.due',
        lastKeyEvaluationYear: 'r.last',
        plannedYear: 'r.planned_year',
      },
      notNull: ['r.code', 'r.budget_amount', 'r.due'],
      defaultSort: '-budgetAmount,code',
      tieBreak: 'r.id',
      map: (r) => ({
        projectId: r.id,
        code: r.code,
        name: r.name,
        organizationId: r.organization_id,
        budgetAmount: normalizeMoney(String(r.budget_amount)),
        basis: keyBasisOf(
          { kind: r.kind, budgetAmount: normalizeMoney(String(r.budget_amount)), manualKeyBasis: r.manual_key_basis },
          profile,
        )!,
        lastKeyEvaluationYear: r.last === null ? null : Number(r.last),
        dueYear: Number(r.due),
        dueThisYear: !r.covered && Number(r.due) === year,
        overdue: !r.covered && year > Number(r.due),
        covered: r.covered,
        plannedYear: r.planned_year === null ? null : Number(r.planned_year),
      }),
    });
  }

  /**
   * The planner's rows as SQL: the caller's visible key projects of the year (`counted`: their stored
   * counts, a row per organization, last key evaluation year and first listed year with its number
   * `n`), with `grp` (the department or town they belong to), `last` (the stored
   * `lastKeyEvaluationYearSql`) and `due` (evaluationDueYearSql; a project counts as listed from its
   * start year or from this year). Which projects are key and their last evaluation year are stored
   * and kept by the writes (projects.is_key / key_last_year, key_coverage_counts; migration KeyCoverageStored),
   * and so is each organization's department or town (organizations.list_organization_id; migration
   * ListOrganizationStored).
   */
  private async coverageSource(
    manager: EntityManager,
    caller: Principal,
    year: number,
    profile: PolicyProfileValues,
    filter: { subtreeOf?: string; group?: string },
    counted = false,
  ): Promise<{ sql: string; params: unknown[] }> {
    const params: unknown[] = [year];
    const visible = await this.scope.visibleOrganizationIds(caller, manager);
    // The whole city's counts without a filter are read rolled up to each department and town
    // (key_coverage_counts_rollup, migration RolledUpCounts: its organization is the department or
    // town itself, whose list organization is itself, or an organization outside any, which has none).
    const counts =
      counted && !filter.subtreeOf && !filter.group ? countsTableInScope('key_coverage_counts', visible) : 'key_coverage_counts';
    const org = counted ? 'c.organization_id' : 'p.organization_id';
    // each organization's department or town, stored (organizations.list_organization_id, migration ListOrganizationStored)
    const where = counted ? [`c.year = $1`, `c.projects <> 0`] : [`p.year = $1`, `p.is_key`];
    where.push('lo.list_organization_id IS NOT NULL');
    if (visible !== null) {
      params.push(visible);
      where.push(`${org} = ANY($${params.length}::uuid[])`);
    }
    // the organization asked for and everything under it, read in the statement (NULL, no rows, for an unknown one)
    for (const root of [filter.subtreeOf, filter.group]) {
      if (!root) continue;
      params.push(root);
      where.push(`${org} = ANY(${subtreeIdsSql(`$${params.length}::uuid`)}::uuid[])`);
    }
    if (filter.group) where.push(`lo.list_organization_id = $${params.length}::uuid`);
    const rows = counted
      ? `SELECT lo.list_organization_id AS grp, NULLIF(c.last_year, 0) AS last, c.first_listed, c.projects AS n
           FROM ${counts} c JOIN organizations lo ON lo.id = c.organization_id`
      : `SELECT p.id, p.code, p.name, p.kind, p.budget_amount, p.manual_key_basis, p.start_year, p.organization_id,
                lo.list_organization_id AS grp, p.key_last_year AS last, ${firstListedSql('p')} AS first_listed
           FROM projects p JOIN organizations lo ON lo.id = p.organization_id`;
    const sql = `SELECT q.*, ${evaluationDueYearSql('q.last', 'q.first_listed', profile)} AS due FROM (
        ${rows}
         WHERE ${where.join(' AND ')} OFFSET 0) q`;
    return { sql, params };
  }

  // ——— shared with the export ———

  /** The lists of a year the caller may see, with their items (live or snapshot), for the district export. */
  async detailsForYear(caller: Principal, requestedYear: number | undefined): Promise<{ year: number; lists: KeyProjectListDetailDto[] }> {
    const manager = this.dataSource.manager;
    const year = await this.resolveYear(manager, requestedYear);
    const profile = await this.profileFor(manager, year);
    const qb = this.detailQuery(manager).where('l.year = :year', { year }).orderBy('o.code', 'ASC');
    await this.scope.applyTo(qb, 'l.organizationId', caller);
    const { entities, raw } = await qb.getRawAndEntities();
    const rawOf = new Map(raw.map((r: Record<string, unknown>) => [r.l_id as string, r]));
    return { year, lists: entities.map((l) => this.assemble(caller, l, rawOf.get(l.id)!, profile)) };
  }

  /** The year asked for, or the district's working year (the bureau's setting, else the latest year with a profile). */
  async resolveYear(manager: EntityManager, year: number | undefined): Promise<number> {
    if (year !== undefined) return year;
    return (await this.settings.workingYear(manager)).year;
  }

  async profileFor(manager: EntityManager, year: number): Promise<PolicyProfileValues> {
    return this.profiles.valuesFor(year, manager);
  }

  private listQuery(manager: EntityManager) {
    return (
      manager
        .getRepository(KeyProjectListEntity)
        .createQueryBuilder('l')
        // (every list has its organization: inner, so that a page in the organizations' order may walk their code index)
        .innerJoinAndSelect('l.organization', 'o')
        .leftJoinAndMapOne('l.reviewer', UserEntity, 'rv', 'rv.id = l.reviewedById')
    );
  }

  private async find(manager: EntityManager, id: string): Promise<ListRow> {
    const list = await this.listQuery(manager).where('l.id = :id', { id }).getOne();
    if (!list) throw CommonErrors.NOT_FOUND();
    return list;
  }

  private async findByYear(manager: EntityManager, year: number, organizationId: string): Promise<ListRow> {
    const list = await this.listQuery(manager)
      .where('l.year = :year AND l.organizationId = :organizationId', { year, organizationId })
      .getOne();
    if (!list) throw CommonErrors.NOT_FOUND();
    return list;
  }

  /** R1–R2: the live key projects of the organization's subtree, computed now (never stale; key-list-detail.sql.ts). */
  async liveItems(
    manager: EntityManager,
    organizationId: string,
    year: number,
    profile: PolicyProfileValues,
  ): Promise<KeyProjectListItemDto[]> {
    const [{ items }] = await manager.query<{ items: unknown }[]>(`SELECT ${liveItemsSql('$1::uuid', '$2::int')} AS items`, [
      organizationId,
      year,
    ]);
    return liveItemsFrom(items, profile);
  }

  private async snapshotItems(manager: EntityManager, listId: string): Promise<KeyProjectListItemDto[]> {
    const [{ items }] = await manager.query<{ items: unknown }[]>(`SELECT ${snapshotItemsSql('$1::uuid')} AS items`, [listId]);
    return snapshotItemsFrom(items);
  }

  /** The list with everything its page shows, each part a column of the one statement (key-list-detail.sql.ts). */
  private detailQuery(manager: EntityManager) {
    return this.listQuery(manager)
      .addSelect(liveItemsWhenNeededSql('l'), 'lx_live')
      .addSelect(snapshotWhenNeededSql('l'), 'lx_snapshot')
      .addSelect(`(${rowsSql(this.dataSource, KeyProjectListRevisionEntity, `${CHILD}.list_id = l.id`, ['revision'])})`, 'lx_revisions')
      .addSelect(historySql('l.id'), 'lx_history')
      .addSelect(listActorNamesSql('l.id'), 'lx_names');
  }

  /** The page of list `id` as it is now in `manager`'s transaction (after a write), in one statement. */
  private async detail(
    manager: EntityManager,
    caller: Principal,
    id: string,
    profile: PolicyProfileValues,
  ): Promise<KeyProjectListDetailDto> {
    const { entities, raw } = await this.detailQuery(manager).where('l.id = :id', { id }).getRawAndEntities();
    if (!entities.length) throw CommonErrors.NOT_FOUND();
    return this.assemble(caller, entities[0], raw[0], profile);
  }

  /** The filed revisions of a list, newest first, with the names of who filed and amended them. */
  private revisionsFrom(json: unknown, names: Map<string, string>): KeyProjectListRevisionDto[] {
    const rows = childrenFrom(this.dataSource, KeyProjectListRevisionEntity, json).reverse();
    const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    return rows.map((r) => {
      return {
        revision: r.revision,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        submitNote: r.submitNote,
        filedAt: r.filedAt.toISOString(),
        filedById: r.filedById,
        filedByName: nameOf(r.filedById),
        reviewComment: r.reviewComment,
        itemCount: r.items.length,
        totalAmount: r.totalAmount,
        items: r.items,
        amendedAt: r.amendedAt?.toISOString() ?? null,
        amendedById: r.amendedById,
        amendedByName: nameOf(r.amendedById),
        amendReason: r.amendReason,
      };
    });
  }

  private assemble(caller: Principal, list: ListRow, raw: Record<string, unknown>, profile: PolicyProfileValues): KeyProjectListDetailDto {
    const live = isLiveList(list.status);
    const liveItems = liveItemsFrom(raw.lx_live, profile);
    const items = live ? liveItems : snapshotItemsFrom(raw.lx_snapshot);
    const names = namesFromJson(raw.lx_names);
    const revisions = this.revisionsFrom(raw.lx_revisions, names);
    let changesSinceFiling: KeyListChangesDto | null = null;
    if (revisions.length) {
      // The latest filed revision against the key projects now: what filing again would change.
      const changes = keyListChanges(revisions[0].items, liveItems);
      changesSinceFiling = { revision: revisions[0].revision, ...changes };
    }
    return {
      ...toListDto(list, caller),
      live,
      threshold: profile.keyProjects.amountThreshold,
      totalAmount: sumMoney(items.map((i) => i.budgetAmount)),
      items,
      history: historyFrom(raw.lx_history, names),
      revisions,
      changesSinceFiling,
    };
  }
}
