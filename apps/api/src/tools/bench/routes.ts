/**
 * The reads `pnpm bench:api` measures: ONE table. A module adds its list, detail, search, dashboard
 * and export reads here as rows; the bare Fastify + pg server (bare-server.ts) serves every row's
 * `bare` statement at the same path, so both sides answer the same request.
 *
 * `bare` is the hand-written SQL a bare server would use: it builds the whole JSON answer in
 * PostgreSQL (one statement; the caller's organizations come from the token, not from the
 * database). Where our answer is computed by rules (gates' reasons, due dates from the profile,
 * the five-year planner), the bare statement returns the same shape with a simpler same-output
 * rule; `note` says so and the printed table shows it.
 */

import {
  COUNT_BOUND,
  GATE_REASON_LABELS,
  GATE_STATUS_LABELS,
  KEY_BASIS_LABELS,
  ORGANIZATION_OPTIONS_LIMIT,
  PAGE_JUMP_LIMIT,
  PROJECT_IMPORT_COLUMNS,
  PROJECT_IMPORT_SHEET,
  PROJECT_KIND_LABELS,
  PUBLIC_ATTENTION_LABELS,
  SEARCH_PAGE_ROWS,
  YES_NO,
} from '@jixiao/contracts';
import { KEY_ELIGIBLE_KINDS } from '@jixiao/domain';
import { XLSX_MIME } from '../../common/excel/xlsx-http';
import { columnName } from '../../common/export/xlsx-stream';
import { subtreeIdsSql } from '../../common/scope/data-scope.service';
import { EDU_CODE } from '../../modules/demo/demo-organizations';

/** The working year the generated data is for, and the evaluated year before it. */
export const BENCH_YEAR = 2022;
export const EVALUATED_YEAR = BENCH_YEAR - 1;

export type BenchUser = 'finance' | 'edu';

/** The scope of the caller: every organization (finance), or the listed ones (a department and its units). */
export interface BareScope {
  /** A condition on an organization id column: `true` for the whole city, else `col = ANY($1)`. */
  where(column: string): string;
  params: unknown[];
}

export interface BenchRoute {
  name: string;
  /**
   * The path under /api/v1, with its query; `deep` pages get the page from the caller's total, a detail
   * read (`detailOf`) its row's id (`:id` where no row is given: the bare server's route).
   */
  path: string | ((context: { total: (user: BenchUser) => number; id: string }) => string);
  users: BenchUser[];
  /** A detail read: the list (a path under /api/v1) whose first row — the caller's own — it reads. */
  detailOf?: string;
  /**
   * The bare server's statement: one row, one column `body` holding the JSON (or CSV) text; a detail's
   * for the row `id` (a UUID the bare server checked), none when the caller may not see it.
   */
  bare: (scope: BareScope, id?: string) => string;
  /** How the bare side differs from ours, if it does (shown in the table's notes). */
  note?: string;
  /** One request at a time (exports), one after another for the round: their number a second, p50 and p99. */
  single?: boolean;
  /** The content type of the bare answer (JSON unless said). */
  contentType?: string;
  /** The bare statement returns a worksheet's rows as XML: the bare server answers the .xlsx holding them (bare-xlsx.ts). */
  sheet?: { name: string; widths: number[] };
}

const PAGE = 20;

/** JSON of a project as ours lists it (fund sources and the gate included). */
const projectJson = (p: string, o: string) => `json_build_object(
  'id', ${p}.id, 'year', ${p}.year, 'code', ${p}.code, 'name', ${p}.name, 'kind', ${p}.kind,
  'organizationId', ${p}.organization_id, 'organizationName', ${o}.name, 'budgetAmount', ${p}.budget_amount::text,
  'fundSources', (SELECT coalesce(json_agg(json_build_object('source', f.source, 'amount', f.amount::text) ORDER BY f.source), '[]')
                    FROM project_fund_sources f WHERE f.project_id = ${p}.id),
  'isNew', ${p}.is_new, 'isMajor', ${p}.is_major, 'isCapitalConstruction', ${p}.is_capital_construction,
  'isLivelihood', ${p}.is_livelihood, 'publicAttention', ${p}.public_attention, 'managementChainLevels', ${p}.management_chain_levels,
  'lastYearExecutionRate', ${p}.last_year_execution_rate, 'inDisclosureScope', ${p}.in_disclosure_scope,
  'startYear', ${p}.start_year, 'endYear', ${p}.end_year, 'manualKeyBasis', ${p}.manual_key_basis,
  'manualKeyReason', ${p}.manual_key_reason, 'lastKeyEvaluationYear', ${p}.last_key_evaluation_year,
  'gate', json_build_object('status', ${p}.gate_status, 'reasons', to_json(${p}.gate_reasons)),
  'version', ${p}.version, 'createdAt', ${p}.created_at, 'updatedAt', ${p}.updated_at)`;

/** A project's key basis (R6) as the project's page shows it: by its amount under the year's profile, else the one given by hand. */
const keyBasisSql = (p: string) => `CASE WHEN ${p}.kind NOT IN (${KEY_ELIGIBLE_KINDS.map((k) => literal(k)).join(', ')}) THEN NULL
    WHEN ${p}.budget_amount >= (SELECT (v.values -> 'keyProjects' ->> 'amountThreshold')::numeric FROM policy_profiles v WHERE v.year = ${p}.year)
    THEN 'AMOUNT' ELSE ${p}.manual_key_basis END`;

/**
 * A word of one or two characters as our search writes it (project-search.sql.ts): the stored search keys, and beside
 * them the costly-declared check that keeps PostgreSQL's plan for a rare word on their index (search-keys-stored.sql.ts).
 */
const keyed = (tsquery: string, word: string) =>
  `AND p.search_keys @@ '${tsquery}'::tsquery AND CASE WHEN jx_search_text_matches(p.name, p.code, '%${word}%') THEN true ELSE false END`;

/** `keyed` on a list whose rows carry their project's keys (`t.project_search_keys`, migration ListSearchKeysStored). */
const keyedList = (tsquery: string, word: string) =>
  `AND t.project_search_keys @@ '${tsquery}'::tsquery AND CASE WHEN jx_search_keys_match(t.project_search_keys, '${tsquery}'::tsquery) THEN true ELSE false END
   AND CASE WHEN jx_search_text_matches(p.name, p.code, '%${word}%') THEN 1 ELSE 0 END <> 0`;

/** A page of projects of the year with the list's total: `extra` filters, `offset` rows skipped, `size` rows. */
function projectPage(scope: BareScope, extra: string, offset: number, size = PAGE): string {
  const where = `p.year = ${BENCH_YEAR} AND ${scope.where('p.organization_id')} ${extra}`;
  // a search's small page read as SEARCH_PAGE_ROWS rows, as ours reads it (libs/contracts list.ts): with LIMIT 1 PostgreSQL
  // walks the list's order through the whole year for a rare word (8.5 requests a second, p50 2.8 s, in the full run);
  // materialized, so that the page's LIMIT is not pushed into how the rows read are planned
  const read = extra && size < SEARCH_PAGE_ROWS ? SEARCH_PAGE_ROWS : size;
  return `WITH read AS MATERIALIZED (SELECT p.* FROM projects p WHERE ${where} ORDER BY p.code, p.id LIMIT ${read} OFFSET ${offset}),
         page AS (SELECT * FROM read ORDER BY code, id LIMIT ${size})
    SELECT json_build_object('total', (SELECT count(*) FROM projects p WHERE ${where}),
             'items', coalesce((SELECT json_agg(${projectJson('page', 'o')} ORDER BY page.code, page.id)
                                  FROM page JOIN organizations o ON o.id = page.organization_id), '[]'))::text AS body`;
}

/** A page of targets of the year with the list's total; `search` (a condition on `p`, the project) filters. */
function targetPage(s: BareScope, search = ''): string {
  const where = `t.year = ${BENCH_YEAR} AND ${s.where('t.organization_id')}`;
  // a search reads the targets whose project's name or code holds the word
  const from = search ? `targets t JOIN projects p ON p.id = t.project_id WHERE ${where} ${search}` : `targets t WHERE ${where}`;
  return `WITH page AS (SELECT t.* FROM ${from} ORDER BY t.updated_at DESC, t.id LIMIT ${PAGE})
      SELECT json_build_object('total', (SELECT count(*) FROM ${from}),
        'items', coalesce((SELECT json_agg(json_build_object('id', page.id, 'projectId', p.id, 'projectCode', p.code, 'projectName', p.name,
                   'projectKind', p.kind, 'budgetAmount', p.budget_amount::text, 'organizationId', page.organization_id,
                   'organizationName', o.name, 'year', page.year, 'overallGoal', page.overall_goal, 'annualGoals', page.annual_goals,
                   'status', page.status, 'expertReviewPicked', page.expert_review_picked, 'reviewScore', page.review_score,
                   'reviewGrade', page.review_grade, 'returnComment', page.return_comment, 'consultationComment', page.consultation_comment,
                   'submittedAt', page.submitted_at, 'approvedAt', page.approved_at, 'revision', page.revision, 'version', page.version,
                   'createdAt', page.created_at, 'updatedAt', page.updated_at) ORDER BY page.updated_at DESC, page.id)
                   FROM page JOIN projects p ON p.id = page.project_id JOIN organizations o ON o.id = page.organization_id), '[]'))::text AS body`;
}

/** A page of trackings of the year with the list's total; `search` (a condition on `p`, the project) filters. */
function trackingPage(s: BareScope, search = ''): string {
  const where = `t.year = ${BENCH_YEAR} AND ${s.where('t.organization_id')}`;
  return `WITH page AS (SELECT t.*, p.code, p.name AS project_name FROM trackings t JOIN projects p ON p.id = t.project_id
                           WHERE ${where} ${search} ORDER BY t.as_of DESC, p.code, t.id LIMIT ${PAGE})
      SELECT json_build_object('total', (SELECT count(*) FROM ${search ? `trackings t JOIN projects p ON p.id = t.project_id WHERE ${where} ${search}` : `trackings t WHERE ${where}`}),
        'items', coalesce((SELECT json_agg(${trackingJson('page', 'page.code', 'page.project_name', 'o')} ORDER BY page.as_of DESC, page.code, page.id)
                   FROM page JOIN organizations o ON o.id = page.organization_id), '[]'))::text AS body`;
}

/** A tracking as its list item shows it, over `t` (the tracking), its project's code and name, and `o` (its organization). */
const trackingJson = (t: string, code: string, name: string, o: string) => `json_build_object('id', ${t}.id, 'projectId', ${t}.project_id,
        'projectCode', ${code}, 'projectName', ${name}, 'organizationId', ${t}.organization_id, 'organizationName', ${o}.name,
        'year', ${t}.year, 'asOf', ${t}.as_of, 'executedAmount', ${t}.executed_amount::text, 'base', ${t}.base,
        'baseAmount', ${t}.base_amount::text, 'executionRate', ${t}.execution_rate::text, 'achievementRate', ${t}.achievement_rate::text,
        'round', ${t}.round, 'roundDue', ${t}.round_due, 'note', ${t}.note,
        'fundSources', (SELECT coalesce(json_agg(json_build_object('source', f.source, 'amount', f.amount::text) ORDER BY f.source), '[]')
                          FROM tracking_fund_sources f WHERE f.tracking_id = ${t}.id),
        'warnings', (SELECT coalesce(json_agg(json_build_object('id', w.id, 'code', w.code, 'message', w.message, 'answer', w.answer)), '[]')
                       FROM tracking_warnings w WHERE w.tracking_id = ${t}.id),
        'reviewStatus', ${t}.review_status, 'reviewComment', ${t}.review_comment, 'reviewedAt', ${t}.reviewed_at,
        'version', ${t}.version, 'createdAt', ${t}.created_at)`;

/** A pre-assessment as its list item shows it, over `page` (the pre-assessment), `p` (its project), `o`, `a` (organization, agency) and `profile`. */
const preAssessmentJson = () => {
  const actor = (id: string) => `(SELECT u.display_name FROM users u WHERE u.id = ${id})`;
  return `json_build_object('id', page.id, 'projectId', p.id, 'projectCode', p.code,
                     'projectName', p.name, 'year', p.year, 'budgetAmount', p.budget_amount::text, 'organizationId', page.organization_id,
                     'organizationName', o.name, 'required', p.is_major AND p.is_new OR p.is_capital_construction,
                     'performedBy', page.performed_by, 'agencyOrganizationId', page.agency_organization_id, 'agencyName', a.name,
                     'dimensions', profile.pre -> 'dimensions', 'scores', page.scores, 'opinions', page.opinions,
                     'totalScore', page.total_score::text, 'conclusion', page.conclusion,
                     'suggestedConclusion', CASE WHEN page.total_score IS NULL THEN NULL
                       WHEN page.total_score >= (profile.pre -> 'conclusionBands' ->> 'support')::numeric THEN 'support'
                       WHEN page.total_score >= (profile.pre -> 'conclusionBands' ->> 'adjustThenSupport')::numeric THEN 'support_after_adjustment'
                       ELSE 'reject' END,
                     'conclusionBands', profile.pre -> 'conclusionBands', 'conclusionDepartureReason', page.conclusion_departure_reason,
                     'adjustmentRequired', page.adjustment_required, 'adjustmentCompletedAt', page.adjustment_completed_at,
                     'adjustmentNote', page.adjustment_note, 'adjustmentCompletedById', page.adjustment_completed_by_id,
                     'adjustmentCompletedByName', ${actor('page.adjustment_completed_by_id')},
                     'report', (SELECT json_build_object('id', f.id, 'organizationId', f.organization_id, 'filename', f.filename,
                                  'contentType', f.content_type, 'size', f.size, 'sha256', f.sha256, 'createdAt', f.created_at)
                                  FROM stored_files f WHERE f.id = page.report_file_id),
                     'status', page.status, 'reviewComment', page.review_comment, 'reviewedAt', page.reviewed_at,
                     'reviewedById', page.reviewed_by_id, 'reviewedByName', ${actor('page.reviewed_by_id')},
                     'submittedById', page.actors ->> 'submit', 'submittedByName', ${actor("(page.actors ->> 'submit')::uuid")},
                     'version', page.version, 'createdAt', page.created_at, 'updatedAt', page.updated_at)`;
};

/** What `preAssessmentJson` reads beside `page` (`source`: the rows, named `page`): project, organization, agency and the year's profile (a CTE `profile`). */
const preAssessmentFrom = (
  source: string,
) => `FROM ${source} JOIN projects p ON p.id = page.project_id JOIN organizations o ON o.id = page.organization_id
                     LEFT JOIN organizations a ON a.id = page.agency_organization_id CROSS JOIN profile`;

/** The year's pre-assessment profile, as the CTE `profile` (`pre`). */
const PRE_ASSESSMENT_PROFILE = `profile AS (SELECT v.values -> 'preAssessment' AS pre FROM policy_profiles v WHERE v.year = ${BENCH_YEAR})`;

/** An organization as its list item and detail show it, over `o`. */
const organizationJson = (o: string) => `json_build_object('id', ${o}.id, 'code', ${o}.code, 'name', ${o}.name, 'kind', ${o}.kind,
    'sector', ${o}.sector, 'parentId', ${o}.parent_id, 'active', ${o}.active, 'version', ${o}.version,
    'createdAt', ${o}.created_at, 'updatedAt', ${o}.updated_at)`;

/** A user as the users list and page show them, over `o` (their organization). */
/** An organization picker's options (GET /organizations/options): those of the caller's scope meeting `where`. */
const optionsOf = (
  s: BareScope,
  where: string,
  limit?: number,
) => `SELECT coalesce(json_agg(x ORDER BY x.code, x.id), '[]')::text AS body FROM (
    SELECT o.id, o.code, o.name, o.kind, o.parent_id AS "parentId", o.active,
           NOT EXISTS (SELECT 1 FROM organizations c WHERE c.parent_id = o.id AND ${s.where('c.id')}) AS leaf
      FROM organizations o WHERE ${s.where('o.id')} AND ${where} ORDER BY o.code, o.id ${limit ? `LIMIT ${limit}` : ''}) x`;

const userJson = (u: string) => `json_build_object('id', ${u}.id, 'username', ${u}.username, 'displayName', ${u}.display_name,
    'organizationId', ${u}.organization_id, 'organizationName', o.name, 'roles', ${u}.roles, 'active', ${u}.active,
    'lockedUntil', CASE WHEN ${u}.locked_until > now() THEN ${u}.locked_until END, 'mustChangePassword', ${u}.must_change_password,
    'mfaEnabled', ${u}.mfa_enabled_at IS NOT NULL, 'lastLoginAt', ${u}.last_login_at, 'version', ${u}.version, 'createdAt', ${u}.created_at)`;

/** A target change request as its list and page show it, over `p` (the target's project), `rq` and `rv` (the users who asked and reviewed). */
const changeRequestJson = (
  c: string,
) => `json_build_object('id', ${c}.id, 'targetId', ${c}.target_id, 'organizationId', ${c}.organization_id,
    'projectName', p.name, 'reason', ${c}.reason, 'proposed', ${c}.proposed, 'status', ${c}.status, 'reviewComment', ${c}.review_comment,
    'requestedById', ${c}.requested_by_id, 'requestedByName', rq.display_name, 'reviewedById', ${c}.reviewed_by_id,
    'reviewedByName', rv.display_name, 'actions', '[]'::json, 'quality', '[]'::json, 'version', ${c}.version, 'createdAt', ${c}.created_at)`;

/** A key project list as its list item shows it, over `l` (the list), `o` (its organization) and `rv` (its reviewer). */
const keyListJson = (l: string) => `json_build_object('id', ${l}.id, 'year', ${l}.year, 'organizationId', ${l}.organization_id,
    'organizationName', o.name, 'organizationKind', o.kind, 'status', ${l}.status, 'actions', '[]'::json,
    'submittedAt', ${l}.submitted_at, 'submitNote', ${l}.submit_note, 'reviewedAt', ${l}.reviewed_at, 'reviewedByName', rv.display_name,
    'reviewComment', ${l}.review_comment, 'version', ${l}.version, 'createdAt', ${l}.created_at, 'updatedAt', ${l}.updated_at)`;

/** The key list states that show the items live from the project library (R3); the others show the submitted snapshot. */
const LIVE_KEY_LIST = `('draft', 'returned', 'amending')`;

/** A key list item's JSON over `p` (the project) and `po` (its organization) with the given basis, reason and amount. */
const keyItemJson = (basis: string, reason: string, amount: string, projectId = 'p.id') => `json_build_object('projectId', ${projectId},
    'code', p.code, 'name', p.name, 'kind', p.kind, 'projectOrganizationId', p.organization_id, 'projectOrganizationName', po.name,
    'basis', ${basis}, 'reason', ${reason}, 'budgetAmount', ${amount}::text, 'lastKeyEvaluationYear', p.key_last_year)`;

/**
 * A key project list's page: its items (live — the key projects of its organization's subtree, with their basis — or the
 * snapshot) and their sum, the history from the audit log, the filed revisions with their names, and the latest revision
 * against the live items (added, removed, changed: anti-joins and a join on the project id), as ours compares them
 * (keyListChanges) — each part a CTE of the one row.
 */
const keyListDetail = (
  s: BareScope,
  id: string,
) => `WITH l AS (SELECT * FROM key_project_lists l WHERE l.id = '${id}' AND ${s.where('l.organization_id')}),
    th AS (SELECT (pv.values -> 'keyProjects' ->> 'amountThreshold')::numeric AS v FROM policy_profiles pv, l WHERE pv.year = l.year),
    r0 AS (SELECT r.revision, r.items FROM key_project_list_revisions r, l WHERE r.list_id = l.id ORDER BY r.revision DESC LIMIT 1),
    live AS MATERIALIZED (
      SELECT p.id::text AS pid, p.budget_amount AS amount, p.code,
             CASE WHEN p.budget_amount >= th.v THEN 'AMOUNT' ELSE p.manual_key_basis END AS basis,
             ${keyItemJson(`CASE WHEN p.budget_amount >= th.v THEN 'AMOUNT' ELSE p.manual_key_basis END`, `CASE WHEN p.budget_amount >= th.v THEN NULL ELSE p.manual_key_reason END`, 'p.budget_amount')} AS item
        FROM l, th, projects p JOIN organizations po ON po.id = p.organization_id
       WHERE (l.status IN ${LIVE_KEY_LIST} OR EXISTS (SELECT 1 FROM r0))
         AND p.year = l.year AND p.is_key AND p.organization_id = ANY(${subtreeIdsSql('l.organization_id')}::uuid[])),
    snap AS (
      SELECT i.budget_amount AS amount, p.code, ${keyItemJson('i.basis', 'i.reason', 'i.budget_amount', 'i.project_id')} AS item
        FROM l, key_project_list_items i JOIN projects p ON p.id = i.project_id JOIN organizations po ON po.id = p.organization_id
       WHERE l.status NOT IN ${LIVE_KEY_LIST} AND i.list_id = l.id),
    shown AS (SELECT * FROM (SELECT amount, code, item FROM live, l WHERE l.status IN ${LIVE_KEY_LIST}
                              UNION ALL SELECT amount, code, item FROM snap) x),
    filed AS MATERIALIZED (SELECT f.e ->> 'projectId' AS pid, f.e AS item, f.k, (f.e ->> 'budgetAmount')::numeric AS amount, f.e ->> 'basis' AS basis
                             FROM r0, jsonb_array_elements(r0.items) WITH ORDINALITY f(e, k)),
    changes AS (SELECT
        (SELECT coalesce(json_agg(n.item ORDER BY n.amount DESC, n.code), '[]') FROM live n WHERE NOT EXISTS (SELECT 1 FROM filed f WHERE f.pid = n.pid)) AS added,
        (SELECT coalesce(json_agg(f.item ORDER BY f.k), '[]') FROM filed f WHERE NOT EXISTS (SELECT 1 FROM live n WHERE n.pid = f.pid)) AS removed,
        (SELECT coalesce(json_agg(json_build_object('filed', f.item, 'now', n.item, 'amountChanged', f.amount <> n.amount,
                  'basisChanged', f.basis IS DISTINCT FROM n.basis) ORDER BY f.k), '[]')
           FROM filed f JOIN live n ON n.pid = f.pid WHERE f.amount <> n.amount OR f.basis IS DISTINCT FROM n.basis) AS changed)
  SELECT json_build_object('id', l.id, 'year', l.year, 'organizationId', l.organization_id,
      'organizationName', o.name, 'organizationKind', o.kind, 'status', l.status, 'actions', '[]'::json,
      'submittedAt', l.submitted_at, 'submitNote', l.submit_note, 'reviewedAt', l.reviewed_at, 'reviewedByName', rv.display_name,
      'reviewComment', l.review_comment, 'version', l.version, 'createdAt', l.created_at, 'updatedAt', l.updated_at,
      'live', l.status IN ${LIVE_KEY_LIST}, 'threshold', (SELECT v FROM th)::text,
      'totalAmount', (SELECT coalesce(sum(amount), 0) FROM shown)::text,
      'items', (SELECT coalesce(json_agg(item ORDER BY amount DESC, code), '[]') FROM shown),
      'history', (SELECT coalesce(json_agg(json_build_object('action', h.action, 'actorId', h.actor_id,
                    'actorName', coalesce(hu.display_name, h.actor_name), 'at', h.occurred_at, 'fromStatus', h.before ->> 'status',
                    'toStatus', h.after ->> 'status', 'comment', coalesce(h.after ->> 'comment', h.after ->> 'note')) ORDER BY h.occurred_at, h.id), '[]')
                    FROM audit_logs h LEFT JOIN users hu ON hu.id = h.actor_id
                   WHERE h.entity_type = 'key_project_list' AND h.entity_id = l.id::text AND h.result = 'success'),
      'revisions', (SELECT coalesce(json_agg(json_build_object('revision', r.revision, 'submittedAt', r.submitted_at, 'submitNote', r.submit_note,
                    'filedAt', r.filed_at, 'filedById', r.filed_by_id, 'filedByName', fu.display_name, 'reviewComment', r.review_comment,
                    'itemCount', jsonb_array_length(r.items), 'totalAmount', r.total_amount::text, 'items', r.items, 'amendedAt', r.amended_at,
                    'amendedById', r.amended_by_id, 'amendedByName', au.display_name, 'amendReason', r.amend_reason) ORDER BY r.revision DESC), '[]')
                      FROM key_project_list_revisions r LEFT JOIN users fu ON fu.id = r.filed_by_id LEFT JOIN users au ON au.id = r.amended_by_id
                     WHERE r.list_id = l.id),
      'changesSinceFiling', (SELECT json_build_object('revision', r0.revision, 'added', c.added, 'removed', c.removed, 'changed', c.changed,
          'any', json_array_length(c.added) + json_array_length(c.removed) + json_array_length(c.changed) > 0) FROM r0, changes c))::text AS body
    FROM l JOIN organizations o ON o.id = l.organization_id LEFT JOIN users rv ON rv.id = l.reviewed_by_id`;

/** An evaluation as its list item shows it, over `page` (the evaluation), `p`, `o` and `a` (its project, organization and agency: `evaluationFrom`). */
const evaluationJson = (
  page: string,
) => `json_build_object('id', ${page}.id, 'kind', ${page}.kind, 'projectId', p.id, 'projectCode', p.code,
    'projectName', p.name, 'projectKind', p.kind, 'organizationId', ${page}.organization_id, 'organizationName', o.name,
    'year', ${page}.year, 'workYear', ${page}.work_year, 'status', ${page}.status, 'score', ${page}.score, 'grade', ${page}.grade,
    'executionRate', ${page}.execution_rate, 'agencyId', ${page}.agency_organization_id, 'agencyName', a.name,
    'due', json_build_object('rule', 'R11', 'due', '${BENCH_YEAR}-03-31'), 'submittedAt', ${page}.submitted_at,
    'completedAt', ${page}.completed_at, 'version', ${page}.version, 'createdAt', ${page}.created_at)`;

/** What `evaluationJson` reads beside the evaluations `source` (named as `page` there): project, organization, agency. */
const evaluationFrom = (source: string) => {
  const page = source.split(' ').pop()!;
  return `FROM ${source} JOIN projects p ON p.id = ${page}.project_id JOIN organizations o ON o.id = p.organization_id
                     LEFT JOIN organizations a ON a.id = ${page}.agency_organization_id`;
};

/** An SQL string literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** `expr` (a code) as its Chinese label. */
const labelOf = (expr: string, labels: Record<string, { zh: string }>) =>
  `CASE ${expr} ${Object.entries(labels)
    .map(([code, label]) => `WHEN ${literal(code)} THEN ${literal(label.zh)}`)
    .join(' ')} END`;

/** A CSV cell of a text expression: quoted when it holds a comma, a quote or a line break. */
const csvCell = (expr: string) => `CASE WHEN ${expr} ~ '[",\r\n]' THEN '"' || replace(${expr}, '"', '""') || '"' ELSE ${expr} END`;

/** A yes / no cell. */
const yesNo = (expr: string) => `CASE WHEN ${expr} THEN ${literal(YES_NO.yes)} ELSE ${literal(YES_NO.no)} END`;

/**
 * The columns of our project export as SQL over `p` (the project), `o` (its organization) and `f`
 * (its fund sources' amounts as JSON): the import template's, then organization, key basis, gate and
 * its reasons, labels in Chinese. `number`: a number in the sheet (text in both formats otherwise);
 * `free`: text a user typed (quoted in CSV, escaped in XML; codes and labels need neither).
 */
function projectExportCells(): { expr: string; number?: boolean; free?: boolean }[] {
  const sources = PROJECT_IMPORT_COLUMNS.map((c) => c.key as string).filter((k) => /_/.test(k));
  return [
    { expr: 'p.year::text', number: true },
    { expr: 'p.code', free: true },
    { expr: 'p.name', free: true },
    { expr: labelOf('p.kind', PROJECT_KIND_LABELS) },
    { expr: 'o.code', free: true },
    { expr: 'p.budget_amount::text' },
    ...sources.map((k) => ({ expr: `coalesce(f.amounts ->> ${literal(k)}, '')` })),
    { expr: yesNo('p.is_new') },
    { expr: yesNo('p.is_major') },
    { expr: yesNo('p.is_capital_construction') },
    { expr: yesNo('p.is_livelihood') },
    { expr: labelOf('p.public_attention', PUBLIC_ATTENTION_LABELS) },
    { expr: `coalesce(p.management_chain_levels::text, '')`, number: true },
    { expr: `coalesce(p.last_year_execution_rate::text, '')` },
    { expr: yesNo('p.in_disclosure_scope') },
    { expr: `coalesce(p.start_year::text, '')`, number: true },
    { expr: `coalesce(p.end_year::text, '')`, number: true },
    { expr: 'o.name', free: true },
    { expr: `coalesce(${labelOf(keyBasisSql('p'), KEY_BASIS_LABELS)}, '')` },
    { expr: labelOf('p.gate_status', GATE_STATUS_LABELS) },
    {
      expr: `coalesce((SELECT string_agg(${labelOf('r.code', GATE_REASON_LABELS)}, '；' ORDER BY r.n) FROM unnest(p.gate_reasons) WITH ORDINALITY r(code, n)), '')`,
    },
  ];
}

/** The project export's headers (Chinese), in its columns' order. */
export const PROJECT_EXPORT_HEADERS = [...PROJECT_IMPORT_COLUMNS.map((c) => c.zh), '单位名称', '重点项目依据', '预算安排状态', '原因'];

/** The projects of the year in the caller's scope with organization and fund sources (`p`, `o`, `f`). */
const projectExportFrom = (scope: BareScope) => `FROM projects p JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN LATERAL (SELECT json_object_agg(fs.source, fs.amount::text) AS amounts FROM project_fund_sources fs WHERE fs.project_id = p.id) f ON true
   WHERE p.year = ${BENCH_YEAR} AND ${scope.where('p.organization_id')}`;

/** Our project export as CSV (`format=csv`), written in one statement. */
function projectCsv(scope: BareScope): string {
  const cells = projectExportCells().map((c) => (c.free ? csvCell(c.expr) : c.expr));
  const header = PROJECT_EXPORT_HEADERS.join(',');
  return `SELECT ${literal('\ufeff' + header + '\r\n')} || coalesce(string_agg(concat_ws(',', ${cells.join(', ')}), E'\r\n' ORDER BY p.year, p.code) || E'\r\n', '') AS body
    ${projectExportFrom(scope)}`;
}

/** Text as XML character data, in SQL. */
const xmlEscape = (expr: string) => `replace(replace(replace(replace(${expr}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')`;

/**
 * Our project export's worksheet rows as XML (`format=xlsx`), written in one statement: the header
 * row in bold, then a row a project with the cells ours writes (inline strings, numbers, empty
 * cells left out); the bare server zips them into the workbook (bare-xlsx.ts).
 */
function projectSheetRows(scope: BareScope): string {
  const ref = (i: number) => columnName(i);
  const header = PROJECT_EXPORT_HEADERS.map((h, i) => `<c r="${ref(i)}1" s="1" t="inlineStr"><is><t>${h}</t></is></c>`).join('');
  const columns = projectExportCells();
  const values = columns.map(({ expr, free }) => (free ? xmlEscape(expr) : expr));
  const cells = columns.map(({ number }, i) => {
    const [open, close] = number ? [`"><v>`, `</v></c>`] : [`" t="inlineStr"><is><t>`, `</t></is></c>`];
    return `CASE WHEN coalesce(r.v[${i + 1}], '') = '' THEN '' ELSE '<c r="${ref(i)}' || r.n || '${open}' || r.v[${i + 1}] || '${close}' END`;
  });
  return `SELECT ${literal(`<row r="1">${header}</row>`)} || coalesce(string_agg('<row r="' || r.n || '">' || concat(${cells.join(', ')}) || '</row>', '' ORDER BY r.n), '') AS body
    FROM (SELECT row_number() OVER (ORDER BY p.year, p.code) + 1 AS n, ARRAY[${values.join(', ')}] AS v ${projectExportFrom(scope)}) r`;
}

/** Department and town an organization rolls up to (itself, or its parent for a unit). */
const rollup = (o: string) => `coalesce(${o}.parent_id, ${o}.id)`;

/** The deepest page numbers reach under the list contract (further on, lists page by cursor). */
const deepPage = (user: BenchUser, total: number) =>
  user === 'finance' ? PAGE_JUMP_LIMIT / PAGE : Math.max(1, Math.min(PAGE_JUMP_LIMIT / PAGE, Math.ceil(total / PAGE)));

/**
 * The workbench as a bare server would answer it: the caller's to-do counts, each up to the list contract's bound + 1,
 * and its coverage figures from the stored counts (the whole city's rolled up), in ONE statement; the items are those
 * our registry gives finance (the bureau) and edu (a department). No labels, links or deadlines.
 */
function workbench(s: BareScope): string {
  const city = s.where('x') === 'true';
  const todo = (key: string, from: string, where: string) =>
    `json_build_object('key', '${key}', 'n', (SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${COUNT_BOUND + 1}) c))`;
  const target = (key: string, status: string) =>
    todo(key, 'targets t', `t.year = ${BENCH_YEAR} AND t.status = '${status}' AND ${s.where('t.organization_id')}`);
  const self = (key: string, statuses: string) =>
    todo(
      key,
      'evaluations e',
      `e.year = ${EVALUATED_YEAR} AND e.kind = 'self' AND e.status IN (${statuses}) AND ${s.where('e.organization_id')}`,
    );
  const ungraded = (grader: string) =>
    todo(
      'evaluations.commissions_to_grade',
      'evaluations e',
      `e.year = ${EVALUATED_YEAR} AND e.status = 'completed' AND ${s.where('e.organization_id')}
       AND EXISTS (SELECT 1 FROM evaluation_commissions c WHERE c.evaluation_id = e.id AND c.grade IS NULL ${grader})`,
    );
  const openWarnings = `EXISTS (SELECT 1 FROM tracking_warnings w WHERE w.tracking_id = t.id AND w.answer IS NULL)`;
  const own = `(SELECT id FROM organizations WHERE code = '${EDU_CODE}')`;
  const items = city
    ? [
        target('targets.to_review', 'submitted'),
        todo('key_project_lists.to_file', 'key_project_lists l', `l.year = ${BENCH_YEAR} AND l.status = 'submitted'`),
        todo('pre_assessments.to_conclude', 'pre_assessments pa', `pa.year = ${BENCH_YEAR} AND pa.status = 'submitted'`),
        target('targets.expert_review', 'expert_review'),
        target('targets.consultation_to_confirm', 'consultation_submitted'),
        todo('trackings.to_review', 'trackings t', `t.year = ${BENCH_YEAR} AND t.review_status = 'pending' AND NOT ${openWarnings}`),
        todo('targets.change_requests', 'target_change_requests c', `c.status = 'pending'`),
        ungraded(''),
        todo('indicators.proposals', 'indicators i', `i.status = 'proposed'`),
      ]
    : [
        target('targets.pre_review', 'department_review'),
        `json_build_object('key', 'key_project_lists.to_submit', 'n', (SELECT CASE WHEN l.status IS NULL OR l.status IN ${LIVE_KEY_LIST} THEN 1 ELSE 0 END
           FROM (SELECT) x LEFT JOIN key_project_lists l ON l.year = ${BENCH_YEAR} AND l.organization_id = ${own}))`,
        target('targets.returned', 'returned'),
        todo(
          'pre_assessments.returned',
          'pre_assessments pa',
          `pa.year = ${BENCH_YEAR} AND pa.status = 'returned'
           AND (${s.where('pa.organization_id')} OR ${s.where('pa.agency_organization_id')})`,
        ),
        target('targets.in_consultation', 'in_consultation'),
        todo(
          'trackings.warnings_to_answer',
          'trackings t',
          `t.year = ${BENCH_YEAR} AND ${s.where('t.organization_id')} AND ${openWarnings}`,
        ),
        self('evaluations.self_to_submit', `'draft', 'returned'`),
        self('evaluations.to_confirm', `'submitted'`),
        ungraded(`AND c.commissioning_organization_id = ${own}`),
      ];
  const counts = (table: string) =>
    city ? `${table}_rollup c WHERE c.year` : `${table} c WHERE ${s.where('c.organization_id')} AND c.year`;
  const listOrgs = `o.kind IN ('department', 'town') AND o.active AND ${s.where('o.id')}`;
  return `WITH pc AS (SELECT sum(c.total) AS total, sum(c.approved) AS approved, sum(c.ready) AS ready
                       FROM ${counts('target_coverage_counts')} = ${BENCH_YEAR}),
       mc AS (SELECT sum(c.projects) FILTER (WHERE c.approved AND c.tracked) AS tracked, sum(c.projects) FILTER (WHERE c.approved) AS trackable
                FROM ${counts('monitoring_due_counts')} = ${BENCH_YEAR}),
       todo AS (SELECT x FROM unnest(ARRAY[${items.join(',\n')}]) x)
    SELECT json_build_object('year', ${BENCH_YEAR}, 'hasProfile', true,
      'todo', (SELECT json_agg(json_build_object('key', x ->> 'key', 'count', least((x ->> 'n')::int, ${COUNT_BOUND}),
                 'countExact', (x ->> 'n')::int <= ${COUNT_BOUND})) FROM todo),
      'coverage', json_build_array(
        json_build_object('key', 'key_project_lists.filed',
          'count', (SELECT count(*) FROM key_project_lists l WHERE l.year = ${BENCH_YEAR} AND l.status = 'filed' AND ${s.where('l.organization_id')}),
          'total', (SELECT count(*) FROM organizations o WHERE ${listOrgs})),
        json_build_object('key', 'targets.approved', 'count', (SELECT approved FROM pc), 'total', (SELECT total FROM pc)),
        json_build_object('key', 'budget_gate.ready', 'count', (SELECT ready FROM pc), 'total', (SELECT total FROM pc)),
        json_build_object('key', 'trackings.coverage', 'count', (SELECT tracked FROM mc), 'total', (SELECT trackable FROM mc)),
        json_build_object('key', 'evaluations.self_coverage',
          'count', (SELECT count(*) FROM evaluations e WHERE e.year = ${EVALUATED_YEAR} AND e.kind = 'self' AND e.status = 'completed'
                     AND ${s.where('e.organization_id')}),
          'total', (SELECT sum(c.projects) FROM ${counts('evaluation_coverage_counts')} = ${EVALUATED_YEAR})))
    )::text AS body`;
}

export const ROUTES: BenchRoute[] = [
  {
    name: 'projects page 1',
    path: `/projects?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => projectPage(s, '', 0),
    note: 'gate reasons as codes, without labels',
  },
  {
    name: 'projects deep page',
    path: ({ total }) => `/projects?year=${BENCH_YEAR}&page=${deepPage('finance', total('finance'))}`,
    users: ['finance'],
    bare: () => projectPage({ where: () => 'true', params: [] }, '', (deepPage('finance', 0) - 1) * PAGE),
    note: `page ${PAGE_JUMP_LIMIT / PAGE}, the deepest page numbers reach; gate reasons as codes, without labels`,
  },
  {
    name: 'projects ?q=信息化',
    path: `/projects?year=${BENCH_YEAR}&q=${encodeURIComponent('信息化')}`,
    users: ['finance', 'edu'],
    // LIKE, as ours writes a word without case (project-search.sql.ts `likeFindsAsIlike`): the same rows as ILIKE
    bare: (s) => projectPage(s, `AND (p.name LIKE '%信息化%' OR p.code LIKE '%信息化%')`, 0),
    note: 'gate reasons as codes, without labels',
  },
  {
    // a rare word of two characters (three projects of the city year): too short for trigrams, read
    // through the index of search keys (migrations ProjectSearchPairs, ProjectSearchCharacters), which the bare statement reads too
    name: 'projects ?q=医院',
    path: `/projects?year=${BENCH_YEAR}&q=${encodeURIComponent('医院')}`,
    users: ['finance', 'edu'],
    bare: (s) => projectPage(s, keyed('医院', '医院'), 0),
    note: 'gate reasons as codes, without labels',
  },
  {
    // the same rare word on a page of one: read as SEARCH_PAGE_ROWS rows (libs/contracts list.ts), else PostgreSQL
    // walked the list's order through the whole year for its LIMIT 2 (0.35–0.57 s a request)
    name: 'projects ?q=医院&pageSize=1',
    path: `/projects?year=${BENCH_YEAR}&q=${encodeURIComponent('医院')}&pageSize=1`,
    users: ['finance'],
    bare: (s) => projectPage(s, keyed('医院', '医院'), 0, 1),
    note: 'gate reasons as codes, without labels',
  },
  {
    // a frequent word of two characters (~4.6 % of the city year's projects): read along the list's order, each row's
    // stored keys checked (migration ProjectSearchKeysStored), its total counted to SEARCH_COUNT_BOUND
    name: 'projects ?q=建设',
    path: `/projects?year=${BENCH_YEAR}&q=${encodeURIComponent('建设')}`,
    users: ['finance', 'edu'],
    bare: (s) => projectPage(s, keyed('建设', '建设'), 0),
    note: 'gate reasons as codes, without labels; the bare total is exact',
  },
  {
    // one character no project of the city year holds: the keys starting with it (ProjectSearchCharacters)
    name: 'projects ?q=鑫',
    path: `/projects?year=${BENCH_YEAR}&q=${encodeURIComponent('鑫')}`,
    users: ['finance', 'edu'],
    bare: (s) => projectPage(s, keyed('鑫:*', '鑫'), 0),
    note: 'gate reasons as codes, without labels',
  },
  {
    // two Latin letters no project of the city year holds: the keys of Latin pairs (ProjectSearchLatinKeys)
    name: 'projects ?q=zq',
    path: `/projects?year=${BENCH_YEAR}&q=zq`,
    users: ['finance', 'edu'],
    bare: (s) => projectPage(s, keyed('zq', 'zq'), 0),
    note: 'gate reasons as codes, without labels',
  },
  {
    // a project as its page shows it: the list's JSON, read by id, with its key basis
    name: 'project detail',
    path: ({ id }) => `/projects/${id}`,
    detailOf: `/projects?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s, id) => `SELECT (${projectJson('p', 'o')}::jsonb || jsonb_build_object('keyBasis', ${keyBasisSql('p')}))::text AS body
        FROM projects p JOIN organizations o ON o.id = p.organization_id WHERE p.id = '${id}' AND ${s.where('p.organization_id')}`,
    note: 'gate reasons as codes, without labels',
  },
  {
    // the organizations (4,942 in the city year), by code: a department sees its own subtree
    name: 'organizations',
    path: '/organizations',
    users: ['finance', 'edu'],
    bare: (s) => `WITH page AS (SELECT o.* FROM organizations o WHERE ${s.where('o.id')} ORDER BY o.code, o.id LIMIT ${PAGE})
      SELECT json_build_object('total', (SELECT count(*) FROM organizations o WHERE ${s.where('o.id')}),
        'items', coalesce((SELECT json_agg(${organizationJson('page')} ORDER BY page.code, page.id) FROM page), '[]'))::text AS body`,
    note: 'the bare total is exact',
  },
  {
    // an organization picker's top level (the SPA's filter forms: org-picker.vue); the whole city's is about 700 rows
    name: 'organization options',
    path: '/organizations/options',
    users: ['finance', 'edu'],
    bare: (s) => optionsOf(s, s.where('x') === 'true' ? 'o.parent_id IS NULL' : `(o.parent_id IS NULL OR NOT ${s.where('o.parent_id')})`),
  },
  {
    // a picker's search: at most ORGANIZATION_OPTIONS_LIMIT matches in code order
    name: 'organization options ?q=医院',
    path: '/organizations/options?q=医院',
    users: ['finance', 'edu'],
    bare: (s) => optionsOf(s, `(o.name ILIKE '%医院%' OR o.code ILIKE '%医院%')`, ORGANIZATION_OPTIONS_LIMIT),
  },
  {
    name: 'organization detail',
    path: ({ id }) => `/organizations/${id}`,
    detailOf: '/organizations',
    users: ['finance', 'edu'],
    bare: (s, id) => `SELECT ${organizationJson('o')}::text AS body FROM organizations o WHERE o.id = '${id}' AND ${s.where('o.id')}`,
  },
  {
    name: 'budget-gate ?status=ready',
    path: `/budget-gate?year=${BENCH_YEAR}&status=ready`,
    users: ['finance', 'edu'],
    bare: (s) => {
      const where = `p.year = ${BENCH_YEAR} AND ${s.where('p.organization_id')} AND p.gate_status = 'ready'`;
      return `WITH page AS (SELECT p.* FROM projects p WHERE ${where} ORDER BY p.code, p.id LIMIT ${PAGE})
        SELECT json_build_object('total', (SELECT count(*) FROM projects p WHERE ${where}),
          'items', coalesce((SELECT json_agg(json_build_object('projectId', id, 'year', year, 'code', code, 'name', name, 'kind', kind,
                     'organizationId', organization_id, 'budgetAmount', budget_amount::text, 'status', 'ready', 'reasons', '[]'::json)
                     ORDER BY code, id) FROM page), '[]'))::text AS body`;
    },
    note: 'the stored gate, as ours reads it',
  },
  {
    name: 'budget-gate/coverage',
    path: `/budget-gate/coverage?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    // The whole city reads the counts rolled up to departments and towns (as ours does); a department its own counts.
    bare: (s) => `WITH sums AS (
        SELECT ${s.params.length ? rollup('o') : 'c.organization_id'} AS org, c.kind, sum(c.total) AS total, sum(c.approved) AS approved
          FROM ${s.params.length ? 'target_coverage_counts' : 'target_coverage_counts_rollup'} c JOIN organizations o ON o.id = c.organization_id
         WHERE c.year = ${BENCH_YEAR} AND c.total > 0 AND ${s.where('c.organization_id')}
         GROUP BY 1, 2),
      buckets AS (SELECT org, CASE kind WHEN 'policy' THEN 'policies' WHEN 'department_overall' THEN 'overall' ELSE 'projects' END AS bucket,
               sum(total) AS total, sum(approved) AS approved FROM sums GROUP BY 1, 2),
      orgs AS (SELECT o.id, o.code, o.name, o.kind FROM organizations o WHERE o.active AND o.kind IN ('department', 'town') AND ${s.where('o.id')}),
      page AS (SELECT * FROM orgs ORDER BY code, id LIMIT ${PAGE})
      SELECT json_build_object('year', ${BENCH_YEAR},
        'summary', json_build_object(
          'totals', (SELECT json_object_agg(bucket, json_build_object('total', total, 'approved', approved,
                       'share', round(100.0 * approved / nullif(total, 0), 2)))
                       FROM (SELECT bucket, sum(total) AS total, sum(approved) AS approved FROM buckets GROUP BY bucket) b),
          'departments', (SELECT count(*) FROM orgs WHERE kind = 'department'), 'towns', (SELECT count(*) FROM orgs WHERE kind = 'town'),
          'missingTotal', (SELECT sum(total - approved) FROM buckets)),
        'items', (SELECT coalesce(json_agg(json_build_object('organizationId', p.id, 'organizationCode', p.code, 'organizationName', p.name,
                   'buckets', (SELECT json_object_agg(b.bucket, json_build_object('total', b.total, 'approved', b.approved,
                                 'share', round(100.0 * b.approved / nullif(b.total, 0), 2))) FROM buckets b WHERE b.org = p.id))
                   ORDER BY p.code, p.id), '[]') FROM page p),
        'total', (SELECT count(*) FROM orgs))::text AS body`,
    note: 'the overall-expenditure check not counted in missingTotal',
  },
  {
    name: 'budget-gate/coverage/missing',
    path: `/budget-gate/coverage/missing?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => `WITH missing AS (
        SELECT CASE WHEN p.target_status IS NULL THEN 'NO_TARGET' ELSE 'TARGET_NOT_APPROVED' END AS reason, p.id, p.code, p.name, p.kind,
               p.organization_id, o.name AS org_name
          FROM (SELECT * FROM projects p WHERE p.year = ${BENCH_YEAR} AND ${s.where('p.organization_id')}
                   AND p.target_status IS DISTINCT FROM 'approved' ORDER BY p.code LIMIT ${PAGE}) p
          JOIN organizations o ON o.id = p.organization_id)
      SELECT json_build_object(
        'items', (SELECT coalesce(json_agg(json_build_object('reason', reason, 'projectId', id, 'code', code, 'name', name, 'kind', kind,
                     'organizationId', organization_id, 'organizationName', org_name) ORDER BY code), '[]') FROM missing),
        'total', (SELECT sum(total - approved) FROM ${s.params.length ? 'target_coverage_counts' : 'target_coverage_counts_rollup'} c
                   WHERE c.year = ${BENCH_YEAR} AND ${s.where('c.organization_id')}))::text AS body`,
    note: 'the organizations without an overall expenditure not listed or counted',
  },
  {
    name: 'targets',
    path: `/targets?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => targetPage(s),
  },
  {
    // a frequent word of three characters on a list joined to its projects: read along the targets' own order, the keys
    // of its pairs checked on each row, its project's LIKE for those that hold them; its total counted to SEARCH_COUNT_BOUND
    name: 'targets ?q=信息化',
    path: `/targets?year=${BENCH_YEAR}&q=${encodeURIComponent('信息化')}`,
    users: ['finance', 'edu'],
    // (the LIKE estimated; the keys' pairs checked first on the target's own row, as ours does)
    bare: (s) =>
      targetPage(
        s,
        `AND (p.name LIKE '%信息化%' OR p.code LIKE '%信息化%') AND CASE WHEN t.project_search_keys @@ '信息 & 息化'::tsquery THEN true ELSE false END`,
      ),
    note: 'the bare total is exact',
  },
  {
    // a target as its page shows it: its indicators and its history (the actors' names)
    name: 'target detail',
    path: ({ id }) => `/targets/${id}`,
    detailOf: `/targets?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s, id) => `SELECT json_build_object('id', t.id, 'projectId', p.id, 'projectCode', p.code, 'projectName', p.name,
          'projectKind', p.kind, 'budgetAmount', p.budget_amount::text, 'organizationId', t.organization_id, 'organizationName', o.name,
          'year', t.year, 'overallGoal', t.overall_goal, 'annualGoals', t.annual_goals, 'status', t.status,
          'expertReviewPicked', t.expert_review_picked, 'reviewScore', t.review_score, 'reviewGrade', t.review_grade,
          'returnComment', t.return_comment, 'consultationComment', t.consultation_comment, 'submittedAt', t.submitted_at,
          'approvedAt', t.approved_at, 'revision', t.revision, 'version', t.version, 'createdAt', t.created_at, 'updatedAt', t.updated_at,
          'indicators', (SELECT coalesce(json_agg(json_build_object('id', i.id, 'level1', i.level1, 'level2', i.level2, 'name', i.name,
                           'comparison', i.comparison, 'value', i.value, 'unit', i.unit, 'weight', i.weight,
                           'libraryIndicatorId', i.library_indicator_id, 'reviewComment', i.review_comment) ORDER BY i.sort_order, i.id), '[]')
                           FROM target_indicators i WHERE i.target_id = t.id),
          'events', (SELECT coalesce(json_agg(json_build_object('id', e.id, 'action', e.action, 'fromStatus', e.from_status,
                       'toStatus', e.to_status, 'actorId', e.actor_id, 'actorName', u.display_name, 'comment', e.comment,
                       'note', e.note_code, 'createdAt', e.created_at) ORDER BY e.created_at, e.id), '[]')
                       FROM target_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.target_id = t.id),
          'expertReviews', (SELECT coalesce(json_agg(json_build_object('id', r.id, 'expertUserId', r.expert_user_id, 'status', r.status,
                              'score', r.score, 'opinion', r.opinion, 'submittedAt', r.submitted_at) ORDER BY r.created_at, r.id), '[]')
                              FROM expert_reviews r WHERE r.target_id = t.id))::text AS body
        FROM targets t JOIN projects p ON p.id = t.project_id JOIN organizations o ON o.id = t.organization_id
       WHERE t.id = '${id}' AND ${s.where('t.organization_id')}`,
    note: 'no actions, key basis or review flags; a history note as its code',
  },
  {
    // a pre-assessment carries its project's year (migration PreAssessmentYear): the year read on its own row and index
    name: 'pre-assessments',
    path: `/pre-assessments?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => {
      const where = `pa.year = ${BENCH_YEAR} AND ${s.where('pa.organization_id')}`;
      return `WITH page AS (SELECT pa.* FROM pre_assessments pa WHERE ${where} ORDER BY pa.updated_at DESC, pa.id LIMIT ${PAGE}),
             ${PRE_ASSESSMENT_PROFILE}
        SELECT json_build_object('total', (SELECT count(*) FROM pre_assessments pa WHERE ${where}),
          'items', coalesce((SELECT json_agg(${preAssessmentJson()} ORDER BY page.updated_at DESC, page.id)
                     ${preAssessmentFrom('page')}), '[]'))::text AS body`;
    },
    note: 'required by the seed reading of R5 written in SQL, no actions; the bare total is exact',
  },
  {
    // a pre-assessment as its page shows it: the list's item, read by id
    name: 'pre-assessment detail',
    path: ({ id }) => `/pre-assessments/${id}`,
    detailOf: `/pre-assessments?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s, id) => `WITH ${PRE_ASSESSMENT_PROFILE}
        SELECT ${preAssessmentJson()}::text AS body ${preAssessmentFrom('pre_assessments page')}
         WHERE page.id = '${id}' AND ${s.where('page.organization_id')}`,
    note: 'required by the seed reading of R5 written in SQL, no actions',
  },
  {
    name: 'coverage planner',
    path: `/key-project-lists/coverage-plan?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    // the summary and a page of departments and towns by code (their projects are paged per department: coverage-plan/projects)
    bare: (s) => `WITH k AS (
        SELECT ${rollup('o')} AS grp, p.last_key_evaluation_year AS last,
               greatest(coalesce(p.last_key_evaluation_year, ${BENCH_YEAR - 1}), least(coalesce(p.start_year, ${BENCH_YEAR}), ${BENCH_YEAR}) - 1) + 5 AS due
          FROM projects p JOIN organizations o ON o.id = p.organization_id
         WHERE p.year = ${BENCH_YEAR} AND ${s.where('p.organization_id')} AND p.kind IN ('project', 'policy')
           AND (p.budget_amount >= 6000000 OR p.manual_key_basis IS NOT NULL)),
      g AS (SELECT k.grp, count(*) AS total, count(*) FILTER (WHERE k.last >= ${BENCH_YEAR}) AS covered,
                   count(*) FILTER (WHERE (k.last IS NULL OR k.last < ${BENCH_YEAR}) AND k.due = ${BENCH_YEAR}) AS due_this_year,
                   count(*) FILTER (WHERE (k.last IS NULL OR k.last < ${BENCH_YEAR}) AND k.due < ${BENCH_YEAR}) AS overdue
              FROM k GROUP BY k.grp)
      SELECT json_build_object('year', ${BENCH_YEAR}, 'cycleYears', 5, 'cycleStartYear', ${BENCH_YEAR}, 'cycleEndYear', ${BENCH_YEAR + 4},
        'summary', json_build_object('organizations', count(*), 'total', coalesce(sum(g.total), 0), 'covered', coalesce(sum(g.covered), 0),
          'coverage', round(100.0 * coalesce(sum(g.covered), 0) / greatest(coalesce(sum(g.total), 0), 1), 2)::text,
          'dueThisYear', coalesce(sum(g.due_this_year), 0), 'overdue', coalesce(sum(g.overdue), 0),
          'plan', (SELECT json_agg(json_build_object('year', ${BENCH_YEAR} + i, 'count',
                     (SELECT coalesce(sum((x.total - x.covered) / 5 + CASE WHEN i < (x.total - x.covered) % 5 THEN 1 ELSE 0 END), 0) FROM g x)))
                     FROM generate_series(0, 4) i)),
        'items', (SELECT coalesce(json_agg(json_build_object('organizationId', p.grp, 'organizationCode', p.code, 'organizationName', p.name,
          'total', p.total, 'covered', p.covered, 'coverage', round(100.0 * p.covered / greatest(p.total, 1), 2)::text,
          'dueThisYear', p.due_this_year, 'overdue', p.overdue,
          'plan', (SELECT json_agg(json_build_object('year', ${BENCH_YEAR} + i, 'count', (p.total - p.covered) / 5 + CASE WHEN i < (p.total - p.covered) % 5 THEN 1 ELSE 0 END))
                     FROM generate_series(0, 4) i)) ORDER BY p.code, p.grp), '[]')
                  FROM (SELECT g.*, o.code, o.name FROM g JOIN organizations o ON o.id = g.grp ORDER BY o.code, o.id LIMIT ${PAGE}) p),
        'total', count(*))::text AS body
        FROM g`,
    note: 'department of a unit = its parent; plan counts spread evenly (no due-year rule), no lists without key projects',
  },
  {
    // the departments' and towns' lists of the year (704 in the city year), by organization code
    name: 'key-project-lists',
    path: `/key-project-lists?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => {
      const where = `l.year = ${BENCH_YEAR} AND ${s.where('l.organization_id')}`;
      return `WITH page AS (SELECT l.*, o.code FROM key_project_lists l JOIN organizations o ON o.id = l.organization_id
                             WHERE ${where} ORDER BY l.year DESC, o.code, l.id LIMIT ${PAGE})
        SELECT json_build_object('total', (SELECT count(*) FROM key_project_lists l WHERE ${where}),
          'items', coalesce((SELECT json_agg(${keyListJson('page')} ORDER BY page.year DESC, page.code, page.id)
                     FROM page JOIN organizations o ON o.id = page.organization_id LEFT JOIN users rv ON rv.id = page.reviewed_by_id), '[]'))::text AS body`;
    },
    note: 'no actions (the workflow rules, in Node)',
  },
  {
    // a list as its page shows it: live items of a draft (the key projects of the organization's subtree) or the submitted
    // snapshot, with the history and the filed revisions, read by id
    name: 'key-project-list detail',
    path: ({ id }) => `/key-project-lists/${id}`,
    detailOf: `/key-project-lists?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s, id) => keyListDetail(s, id!),
    note: 'no actions (the workflow rules, in Node); names of users only',
  },
  {
    name: 'projects export',
    path: `/projects/export?year=${BENCH_YEAR}`,
    users: ['edu'],
    single: true,
    contentType: XLSX_MIME,
    sheet: { name: PROJECT_IMPORT_SHEET, widths: PROJECT_EXPORT_HEADERS.map(() => 12) },
    bare: (s) => projectSheetRows(s),
    note: 'the same .xlsx: its rows built in SQL, zipped whole (ours streams); edu only (finance: --heavy)',
  },
  {
    name: 'projects export csv',
    path: `/projects/export?year=${BENCH_YEAR}&format=csv`,
    users: ['edu'],
    single: true,
    contentType: 'text/csv; charset=utf-8',
    bare: (s) => projectCsv(s),
    note: 'the same CSV, in one statement (no formula guard: no cell of the generated year starts with = + - @); edu only',
  },
  {
    name: 'trackings',
    path: `/trackings?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => trackingPage(s),
    note: 'warnings with fewer fields',
  },
  {
    // a frequent word of two characters on a list joined to its projects: the copy of its project's keys checked on each
    // row read along the list's order (migration ListSearchKeysStored), the project looked up for the matches only
    name: 'trackings ?q=建设',
    path: `/trackings?year=${BENCH_YEAR}&q=${encodeURIComponent('建设')}`,
    users: ['finance', 'edu'],
    bare: (s) => trackingPage(s, keyedList('建设', '建设')),
    note: 'warnings with fewer fields; the bare total is exact',
  },
  {
    // a tracking as its page shows it: the list's item with its indicator readings, read by id
    name: 'tracking detail',
    path: ({ id }) => `/trackings/${id}`,
    detailOf: `/trackings?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s, id) => `SELECT (${trackingJson('t', 'p.code', 'p.name', 'o')}::jsonb || jsonb_build_object('indicators',
          (SELECT coalesce(jsonb_agg(jsonb_build_object('targetIndicatorId', r.target_indicator_id, 'name', r.indicator ->> 'name',
                    'level1', r.indicator ->> 'level1', 'comparison', r.indicator ->> 'comparison', 'yearValue', r.indicator ->> 'value',
                    'unit', r.indicator ->> 'unit', 'weight', r.indicator ->> 'weight', 'valueSoFar', r.value_so_far, 'band', r.band,
                    'degree', r.degree::text, 'willReach', r.will_reach, 'deviationReason', r.deviation_reason, 'measures', r.measures)
                    ORDER BY r.sort_order), '[]') FROM tracking_indicator_readings r WHERE r.tracking_id = t.id)))::text AS body
        FROM trackings t JOIN projects p ON p.id = t.project_id JOIN organizations o ON o.id = t.organization_id
       WHERE t.id = '${id}' AND ${s.where('t.organization_id')}`,
    note: 'warnings with fewer fields; no degree basis (worked out in Node from the profile)',
  },
  {
    name: 'trackings/coverage',
    path: `/trackings/coverage?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => `WITH r AS (
        SELECT p.id, p.code, p.name, p.kind, p.organization_id, p.budget_amount, t.status AS target_status,
               k.n, k.last_as_of, k.rate, k.achievement,
               CASE WHEN t.status IS DISTINCT FROM 'approved' THEN 'not_trackable'
                    WHEN k.n > 0 THEN 'tracked' ELSE 'overdue' END AS state
          FROM projects p LEFT JOIN targets t ON t.project_id = p.id
          LEFT JOIN LATERAL (SELECT count(*) AS n, max(as_of) AS last_as_of, max(execution_rate) AS rate, max(achievement_rate) AS achievement
                               FROM trackings k WHERE k.project_id = p.id) k ON true
         WHERE p.year = ${BENCH_YEAR} AND p.kind <> 'department_overall' AND ${s.where('p.organization_id')}),
      page AS (SELECT * FROM r ORDER BY code, id LIMIT ${PAGE})
      SELECT json_build_object('total', (SELECT count(*) FROM r),
        'summary', (SELECT json_object_agg(state, n) FROM (SELECT state, count(*) AS n FROM r GROUP BY state) c),
        'items', (SELECT coalesce(json_agg(json_build_object('projectId', page.id, 'projectCode', page.code, 'projectName', page.name,
                   'kind', page.kind, 'organizationId', page.organization_id, 'organizationName', o.name, 'budgetAmount', page.budget_amount::text,
                   'targetStatus', page.target_status, 'state', page.state, 'due', '${BENCH_YEAR}-09-30', 'trackings', page.n,
                   'lastAsOf', page.last_as_of, 'lastExecutionRate', page.rate, 'lastAchievementRate', page.achievement) ORDER BY page.code), '[]')
                   FROM page JOIN organizations o ON o.id = page.organization_id))::text AS body`,
    note: 'due fixed; last rates by max, not by date',
  },
  {
    name: 'trackings/dashboard',
    path: `/trackings/dashboard?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => `WITH last AS (
        SELECT DISTINCT ON (t.project_id) t.project_id, t.executed_amount FROM trackings t
         WHERE t.year = ${BENCH_YEAR} AND ${s.where('t.organization_id')} ORDER BY t.project_id, t.as_of DESC),
      orgs AS (
        SELECT r.id, r.code, r.name, r.kind, sum(p.budget_amount) AS budget, coalesce(sum(l.executed_amount), 0) AS executed,
               count(*) AS projects, count(l.project_id) AS tracked
          FROM projects p JOIN organizations o ON o.id = p.organization_id JOIN organizations r ON r.id = ${rollup('o')}
          LEFT JOIN last l ON l.project_id = p.id
         WHERE p.year = ${BENCH_YEAR} AND p.kind <> 'department_overall' AND ${s.where('p.organization_id')}
         GROUP BY r.id, r.code, r.name, r.kind)
      SELECT json_build_object('year', ${BENCH_YEAR}, 'asOf', '${BENCH_YEAR}-12-31', 'timeProgress', '100.00',
        'summary', json_build_object(
          'budgetAmount', (SELECT coalesce(sum(budget), 0)::text FROM orgs), 'executedAmount', (SELECT coalesce(sum(executed), 0)::text FROM orgs),
          'executionRate', (SELECT round(100 * sum(executed) / nullif(sum(budget), 0), 2)::text FROM orgs),
          'projects', (SELECT coalesce(sum(projects), 0) FROM orgs), 'tracked', (SELECT coalesce(sum(tracked), 0) FROM orgs),
          'departments', (SELECT count(*) FROM orgs WHERE kind = 'department'), 'towns', (SELECT count(*) FROM orgs WHERE kind = 'town'),
          'organizations', (SELECT count(*) FROM orgs),
          'warnings', (SELECT coalesce(json_agg(x ORDER BY x.code), '[]') FROM (
                     SELECT w.code, count(*) AS total, count(*) FILTER (WHERE w.answer IS NULL) AS open,
                            count(*) FILTER (WHERE w.answer IS NULL AND w.answer_due < DATE '${BENCH_YEAR}-12-31') AS overdue,
                            count(*) FILTER (WHERE w.answered_late) AS "answeredLate"
                       FROM tracking_warnings w JOIN trackings t ON t.id = w.tracking_id
                      WHERE t.year = ${BENCH_YEAR} AND ${s.where('w.organization_id')} GROUP BY w.code) x),
          'rounds', (SELECT coalesce(json_agg(x ORDER BY x.due), '[]') FROM (
                     SELECT t.round_due AS due, count(*) AS tracked FROM trackings t
                      WHERE t.year = ${BENCH_YEAR} AND ${s.where('t.organization_id')} GROUP BY t.round_due) x),
          'fundSources', (SELECT coalesce(json_agg(x ORDER BY x.source), '[]') FROM (
                     SELECT f.source, sum(f.amount)::text AS "executedAmount", count(DISTINCT t.project_id) AS projects
                       FROM tracking_fund_sources f JOIN trackings t ON t.id = f.tracking_id JOIN last l ON l.project_id = t.project_id
                      WHERE t.year = ${BENCH_YEAR} GROUP BY f.source) x)),
        'items', (SELECT coalesce(json_agg(json_build_object('organizationId', id, 'organizationCode', code, 'organizationName', name,
                   'organizationKind', kind, 'budgetAmount', budget::text, 'executedAmount', executed::text,
                   'executionRate', round(100 * executed / nullif(budget, 0), 2)::text, 'projects', projects, 'tracked', tracked) ORDER BY code, id), '[]')
                   FROM (SELECT * FROM orgs ORDER BY code, id LIMIT ${PAGE}) p),
        'total', (SELECT count(*) FROM orgs))::text AS body`,
    note: 'rounds without pending/overdue',
  },
  {
    name: 'evaluations ?kind=self',
    path: `/evaluations?year=${EVALUATED_YEAR}&kind=self`,
    users: ['finance', 'edu'],
    bare: (s) => {
      const where = `e.year = ${EVALUATED_YEAR} AND e.kind = 'self' AND ${s.where('e.organization_id')}`;
      return `WITH page AS (SELECT e.* FROM evaluations e WHERE ${where} ORDER BY e.created_at DESC, e.id LIMIT ${PAGE})
        SELECT json_build_object('total', (SELECT count(*) FROM evaluations e WHERE ${where}),
          'items', coalesce((SELECT json_agg(${evaluationJson('page')} ORDER BY page.created_at DESC, page.id)
                     ${evaluationFrom('page')}), '[]'))::text AS body`;
    },
    note: 'due fixed, no actions or commission grade',
  },
  {
    // an evaluation as its page shows it: the list's item with its indicators, findings, commission, attachments, the
    // project's last budget adjustment and the last concluded spot check, read by id
    name: 'evaluation detail',
    path: ({ id }) => `/evaluations/${id}`,
    detailOf: `/evaluations?year=${EVALUATED_YEAR}&kind=self`,
    users: ['finance', 'edu'],
    bare: (s, id) => `SELECT (${evaluationJson('page')}::jsonb || jsonb_build_object(
          'summary', page.summary, 'reviewComment', page.review_comment, 'breakdown', page.breakdown,
          'executedAmount', page.executed_amount::text, 'budgetAmount', p.budget_amount::text,
          'adjustedBudget', (SELECT ab.amount::text FROM project_budget_adjustments ab WHERE ab.project_id = page.project_id
                              ORDER BY ab.approved_on DESC, ab.created_at DESC LIMIT 1),
          'indicators', (SELECT coalesce(jsonb_agg(jsonb_build_object('targetIndicatorId', i.target_indicator_id, 'name', i.indicator ->> 'name',
                           'level1', i.indicator ->> 'level1', 'level2', i.indicator ->> 'level2', 'comparison', i.indicator ->> 'comparison',
                           'target', i.indicator ->> 'value', 'unit', i.indicator ->> 'unit', 'weight', i.indicator ->> 'weight',
                           'actual', i.actual, 'band', i.band, 'explanation', i.explanation) ORDER BY i.sort_order), '[]')
                           FROM evaluation_indicators i WHERE i.evaluation_id = page.id),
          'findings', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'finding', f.finding, 'basis', f.basis,
                         'amount', f.amount::text, 'suggestedMeasure', f.suggested_measure) ORDER BY f.sort_order), '[]')
                         FROM evaluation_findings f WHERE f.evaluation_id = page.id),
          'commission', (SELECT jsonb_build_object('agencyId', c.agency_organization_id, 'justification', c.justification,
                           'checklist', c.checklist, 'declarationSigned', c.declaration_signed, 'commissionedOn', c.commissioned_on)
                           FROM evaluation_commissions c WHERE c.evaluation_id = page.id),
          'attachments', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', ef.id, 'kind', ef.kind, 'filename', sf.filename,
                            'contentType', sf.content_type, 'size', sf.size, 'sha256', sf.sha256, 'attachedByName', u.display_name,
                            'attachedAt', ef.created_at) ORDER BY ef.created_at), '[]')
                            FROM evaluation_commission_files ef JOIN stored_files sf ON sf.id = ef.file_id
                            LEFT JOIN users u ON u.id = ef.attached_by_id WHERE ef.evaluation_id = page.id),
          'spotCheck', (SELECT jsonb_build_object('spotCheckId', sc.id, 'verdict', si.verdict, 'findings', si.findings, 'concludedAt', sc.concluded_at)
                          FROM evaluation_spot_check_items si JOIN evaluation_spot_checks sc ON sc.id = si.spot_check_id
                         WHERE si.evaluation_id = page.id AND sc.status = 'concluded' ORDER BY sc.concluded_at DESC LIMIT 1)))::text AS body
        ${evaluationFrom('evaluations page')} WHERE page.id = '${id}' AND ${s.where('page.organization_id')}`,
    note: 'due fixed, no actions or commission grade; the commission with fewer fields',
  },
  {
    name: 'evaluations/coverage',
    path: `/evaluations/coverage?year=${EVALUATED_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => `WITH x AS (
        SELECT r.id, r.name, r.kind, r.code, count(*) AS due,
               count(*) FILTER (WHERE e.id IS NULL) AS "notStarted",
               count(*) FILTER (WHERE e.status IN ('draft', 'returned')) AS "inProgress",
               count(*) FILTER (WHERE e.status = 'submitted') AS submitted,
               count(*) FILTER (WHERE e.status = 'completed') AS completed
          FROM projects p JOIN organizations o ON o.id = p.organization_id JOIN organizations r ON r.id = ${rollup('o')}
          LEFT JOIN evaluations e ON e.project_id = p.id AND e.kind = 'self'
         WHERE p.year = ${EVALUATED_YEAR} AND ${s.where('p.organization_id')}
         GROUP BY r.id, r.name, r.kind, r.code),
      page AS (SELECT * FROM x ORDER BY x.kind, x.code, x.id LIMIT ${PAGE})
      SELECT json_build_object('year', ${EVALUATED_YEAR}, 'due', json_build_object('rule', 'R11', 'due', '${BENCH_YEAR}-03-31'),
        'summary', (SELECT json_build_object('organizations', count(*), 'due', coalesce(sum(due), 0), 'notStarted', coalesce(sum("notStarted"), 0),
                      'inProgress', coalesce(sum("inProgress"), 0), 'submitted', coalesce(sum(submitted), 0), 'completed', coalesce(sum(completed), 0)) FROM x),
        'items', (SELECT coalesce(json_agg(json_build_object('organizationId', id, 'organizationName', name, 'organizationKind', kind,
                   'due', due, 'notStarted', "notStarted", 'inProgress', "inProgress", 'submitted', submitted, 'completed', completed)
                   ORDER BY kind, code, id), '[]') FROM page),
        'total', (SELECT count(*) FROM x), 'totalExact', true, 'hasMore', (SELECT count(*) > ${PAGE} FROM x))::text AS body`,
    note: 'due date fixed; organizations without rows left out; no cursors',
  },
  {
    name: 'finance-key candidates',
    path: `/evaluations/finance-key/candidates?year=${EVALUATED_YEAR}`,
    users: ['finance'],
    bare: () => `WITH last AS (
        SELECT DISTINCT ON (t.project_id) t.project_id, t.execution_rate FROM trackings t
         WHERE t.year = ${EVALUATED_YEAR} ORDER BY t.project_id, t.as_of DESC),
      c AS (
        SELECT p.id, p.code, p.name, p.kind, p.organization_id, p.budget_amount, l.execution_rate,
               (100 - coalesce(l.execution_rate, 100)) * 0.4 + coalesce(p.management_chain_levels, 0) * 5
                 + CASE WHEN p.is_livelihood THEN 10 ELSE 0 END
                 + CASE p.public_attention WHEN 'high' THEN 10 WHEN 'medium' THEN 5 ELSE 0 END AS score
          FROM projects p LEFT JOIN last l ON l.project_id = p.id
         WHERE p.year = ${EVALUATED_YEAR} AND EXISTS (SELECT 1 FROM targets t WHERE t.project_id = p.id AND t.status = 'approved'))
      SELECT json_build_object('year', ${EVALUATED_YEAR}, 'required', 10, 'selection', NULL, 'total', (SELECT count(*) FROM c),
        'items', (SELECT coalesce(json_agg(json_build_object('projectId', c.id, 'code', c.code, 'name', c.name, 'kind', c.kind,
                   'organizationId', c.organization_id, 'organizationName', o.name, 'budgetAmount', c.budget_amount::text,
                   'executionRate', c.execution_rate, 'score', round(c.score, 2)) ORDER BY c.score DESC, c.code), '[]')
                   FROM (SELECT * FROM c ORDER BY score DESC, code LIMIT ${PAGE}) c JOIN organizations o ON o.id = c.organization_id))::text AS body`,
    note: 'criteria weights fixed, no per-criterion contributions',
  },
  {
    // the in-year budget adjustment suggestions from answered warnings (5,085 in the city year), newest first
    name: 'adjustment suggestions',
    path: `/trackings/adjustment-suggestions?year=${BENCH_YEAR}`,
    users: ['finance', 'edu'],
    bare: (s) => {
      const where = `s.year = ${BENCH_YEAR} AND ${s.where('s.organization_id')}`;
      return `WITH page AS (SELECT s.* FROM budget_adjustment_suggestions s WHERE ${where} ORDER BY s.created_at DESC, s.id LIMIT ${PAGE})
        SELECT json_build_object('total', (SELECT count(*) FROM budget_adjustment_suggestions s WHERE ${where}),
          'items', coalesce((SELECT json_agg(json_build_object('id', page.id, 'warningId', page.warning_id, 'trackingId', page.tracking_id,
                     'projectId', page.project_id, 'projectCode', p.code, 'projectName', p.name, 'organizationId', page.organization_id,
                     'organizationName', o.name, 'year', page.year, 'kind', page.kind, 'amount', page.amount::text, 'reason', page.reason,
                     'status', page.status, 'createdAt', page.created_at) ORDER BY page.created_at DESC, page.id)
                     FROM page JOIN projects p ON p.id = page.project_id JOIN organizations o ON o.id = p.organization_id), '[]'))::text AS body`;
    },
  },
  {
    // the target change requests of every year (about 3,800 in the city year), newest first
    name: 'change requests',
    path: '/targets/change-requests',
    users: ['finance', 'edu'],
    bare: (
      s,
    ) => `WITH page AS (SELECT c.* FROM target_change_requests c WHERE ${s.where('c.organization_id')} ORDER BY c.created_at DESC, c.id LIMIT ${PAGE})
        SELECT json_build_object('total', (SELECT count(*) FROM target_change_requests c WHERE ${s.where('c.organization_id')}),
          'items', coalesce((SELECT json_agg(${changeRequestJson('page')} ORDER BY page.created_at DESC, page.id)
                     FROM page JOIN targets t ON t.id = page.target_id JOIN projects p ON p.id = t.project_id
                     LEFT JOIN users rq ON rq.id = page.requested_by_id LEFT JOIN users rv ON rv.id = page.reviewed_by_id), '[]'))::text AS body`,
    note: 'no actions and no quality check (the workflow and target rules, in Node); names of users only',
  },
  {
    name: 'change request detail',
    path: ({ id }) => `/targets/change-requests/${id}`,
    detailOf: '/targets/change-requests',
    users: ['finance', 'edu'],
    bare: (s, id) => `SELECT ${changeRequestJson('c')}::text AS body
        FROM target_change_requests c JOIN targets t ON t.id = c.target_id JOIN projects p ON p.id = t.project_id
        LEFT JOIN users rq ON rq.id = c.requested_by_id LEFT JOIN users rv ON rv.id = c.reviewed_by_id
       WHERE c.id = '${id}' AND ${s.where('c.organization_id')}`,
    note: 'no actions and no quality check (the workflow and target rules, in Node); names of users only',
  },
  {
    // the evaluation records (the imported history and the evaluated year's: about 80,000 in the city year), newest year first
    name: 'evaluation-records',
    path: '/evaluation-records',
    users: ['finance', 'edu'],
    bare: (s) => {
      const where = s.where('r.organization_id');
      return `WITH page AS (SELECT r.* FROM evaluation_records r WHERE ${where} ORDER BY r.year DESC, r.project_code, r.kind, r.id LIMIT ${PAGE})
        SELECT json_build_object('total', (SELECT count(*) FROM (SELECT 1 FROM evaluation_records r WHERE ${where} LIMIT ${COUNT_BOUND + 1}) c),
          'items', coalesce((SELECT json_agg(json_build_object('id', page.id, 'projectCode', page.project_code,
                     'projectName', (SELECT lp.name FROM projects lp WHERE lp.code = page.project_code AND lp.organization_id = page.organization_id
                                      ORDER BY lp.year DESC LIMIT 1),
                     'organizationId', page.organization_id, 'organizationCode', o.code, 'organizationName', o.name, 'year', page.year,
                     'kind', page.kind, 'score', page.score::text, 'grade', page.grade, 'evaluator', page.evaluator, 'source', page.source,
                     'evaluationId', page.evaluation_id, 'sourceFile', page.source_file, 'recordedByName', u.display_name,
                     'recordedAt', page.recorded_at, 'countsForKeyCoverage', page.kind IN ('department', 'finance_key'))
                     ORDER BY page.year DESC, page.project_code, page.kind, page.id)
                     FROM page JOIN organizations o ON o.id = page.organization_id LEFT JOIN users u ON u.id = page.recorded_by_id), '[]'))::text AS body`;
    },
    note: 'a bounded count too; names of users only (not of API keys)',
  },
  {
    // every user's landing page: the to-do counts of the caller's roles and the coverage of its scope
    name: 'workbench',
    path: '/workbench',
    users: ['finance', 'edu'],
    bare: (s) => workbench(s),
    note: "no labels, links or deadlines; the whole city's self-evaluations due not limited to active departments and towns",
  },
  {
    // the users of the city (6,300 generated), by username
    name: 'users',
    path: '/users',
    users: ['finance', 'edu'],
    bare: (s) => `WITH page AS (SELECT u.* FROM users u WHERE ${s.where('u.organization_id')} ORDER BY u.username, u.id LIMIT ${PAGE})
        SELECT json_build_object('total', (SELECT count(*) FROM users u WHERE ${s.where('u.organization_id')}),
          'items', coalesce((SELECT json_agg(${userJson('page')} ORDER BY page.username, page.id)
                     FROM page JOIN organizations o ON o.id = page.organization_id), '[]'))::text AS body`,
  },
  {
    name: 'user detail',
    path: ({ id }) => `/users/${id}`,
    detailOf: '/users',
    users: ['finance', 'edu'],
    bare: (s, id) => `SELECT ${userJson('u')}::text AS body FROM users u JOIN organizations o ON o.id = u.organization_id
       WHERE u.id = '${id}' AND ${s.where('u.organization_id')}`,
  },
  {
    // the audit trail (about 660,000 entries in the city year), newest first; the bureau's and the auditors' read
    name: 'audit-logs',
    path: '/audit-logs',
    users: ['finance'],
    bare: () => `WITH page AS (SELECT a.* FROM audit_logs a ORDER BY a.occurred_at DESC, a.id LIMIT ${PAGE})
        SELECT json_build_object('total', (SELECT count(*) FROM (SELECT 1 FROM audit_logs LIMIT ${COUNT_BOUND + 1}) c),
          'items', coalesce((SELECT json_agg(json_build_object('id', page.id::text, 'occurredAt', page.occurred_at, 'actorId', page.actor_id,
                     'actorName', page.actor_name, 'actorDisplayName', u.display_name, 'actorKind', page.actor_kind,
                     'actorOrganizationId', page.actor_organization_id, 'action', page.action, 'entityType', page.entity_type,
                     'entityId', page.entity_id, 'before', page.before, 'after', page.after, 'result', page.result, 'errorCode', page.error_code,
                     'ip', page.ip, 'requestId', page.request_id, 'seq', page.seq::text, 'sealedAt', page.sealed_at)
                     ORDER BY page.occurred_at DESC, page.id)
                     FROM page LEFT JOIN users u ON u.id = page.actor_id), '[]'))::text AS body`,
    note: 'a bounded count too; names of users only (not of API keys)',
  },
];

/**
 * Every read of the API (a GET in the OpenAPI document, `{param}` as `:id`) that has no row above, with why. Small by
 * nature: answers bounded by the caller or by configuration, not by the year's volume. Not yet: a read that grows with
 * the city and still needs its generated data and its bare statement — the README's benchmark section lists them. The
 * table's test (routes.spec.ts) fails when a new read is neither measured nor listed here.
 */
export const NOT_BENCHED: Record<string, string> = {
  '/auth/me': 'small by nature: the caller',
  '/auth/mfa': 'small by nature: the caller',
  '/settings/working-year': 'small by nature: one row',
  '/api-keys': "small by nature: the caller's organization's keys",
  '/policy-profiles': 'small by nature: a profile a year',
  '/policy-profiles/:id': 'small by nature: a profile',
  '/policy-profiles/:id/calendar': 'small by nature: a profile',
  '/indicator-categories/tree': "small by nature: the library's categories",
  '/pre-assessments/agencies': 'small by nature: the registered agencies as options',
  '/projects/import-template': 'small by nature: a fixed workbook',
  '/trackings/import-template': 'small by nature: a fixed workbook',
  '/evaluation-records/import-template': 'small by nature: a fixed workbook',
  '/audit-logs/verification': 'a walk of the chain since its last checkpoint, not a page: tools/audit-verify',
  '/agencies': 'not yet: agencies and their register entries are not generated',
  '/agencies/:id': 'not yet: agencies and their register entries are not generated',
  '/evaluation-spot-checks': 'not yet: no spot checks are generated',
  '/evaluation-spot-checks/:id': 'not yet: no spot checks are generated',
  '/evaluations/files/:id': 'not yet: no stored files are generated',
  '/files/:id': 'not yet: no stored files are generated',
  '/experts': 'not yet: no experts are generated',
  '/target-reviews/mine': 'not yet: no expert reviews are generated',
  '/target-reviews/:id': 'not yet: no expert reviews are generated',
  '/indicators': "not yet: the library is the demo's",
  '/indicators/suggestions': "not yet: the library is the demo's",
  '/indicators/proposals': 'not yet: no proposals are generated',
  '/indicators/proposals/:id': 'not yet: no proposals are generated',
  '/key-project-lists/current': "not yet: the caller's list (key-project-list detail measures the same statement by id)",
  '/key-project-lists/coverage-plan/projects': 'not yet: no bare statement',
  '/key-project-lists/export': 'not yet: no bare workbook',
  '/key-project-lists/:id/export': 'not yet: no bare workbook',
  '/organizations/tree': 'not yet: the whole tree, for API clients (the SPA reads a level at a time: /organizations/options)',
  '/pre-assessments/:id/report': 'not yet: no bare document',
  '/targets/:id/quality-check': "not yet: the rules over a target's indicators, no bare statement",
  '/trackings/projects/:id/budget-adjustments': 'not yet: no approved adjustments are generated',
};

/** A row's path with its query; a deep page's from the callers' totals (none given: 0), a detail's for the row `id`. */
export function routePath(route: BenchRoute, total: (user: BenchUser) => number = () => 0, id = ':id'): string {
  return typeof route.path === 'string' ? route.path : route.path({ total, id });
}

/**
 * The bare server's row, of those at one path, for a request: the most specific row whose query
 * parameters (besides year and page) the request has with the same values; a deep page's row for a
 * page beyond the first.
 */
export function pickRoute(candidates: BenchRoute[], query: URLSearchParams): BenchRoute {
  const params = (r: BenchRoute) =>
    [...new URLSearchParams(routePath(r).split('?')[1] ?? '')].filter(([k]) => k !== 'year' && k !== 'page');
  const matching = candidates.filter((r) => params(r).every(([k, v]) => query.get(k) === v));
  matching.sort((a, b) => params(b).length - params(a).length);
  const chosen = matching[0] ?? candidates[0];
  // The deep page: the same statement with the page's offset.
  if (query.has('page') && query.get('page') !== '1') return candidates.find((r) => typeof r.path !== 'string' && !r.detailOf) ?? chosen;
  return chosen;
}
