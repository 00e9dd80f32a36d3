/**
 * A key project list's page — its items live or as submitted, its filed revisions, its history and
 * the names of their actors — as SQL columns over a `key_project_lists` row (alias `l`), so that the
 * detail is read in the statement that reads the list (`readOne` for GET, one statement after a
 * write), and the functions that turn those columns into the page. One definition for every path.
 */
import { keyBasisOf, type PolicyProfileValues } from '@jixiao/domain';
import type { ManualKeyBasis } from '@jixiao/contracts';
import type { KeyProjectListStatus } from './entities/key-project-list.entity';
import { actorNamesJsonSql } from '../../common/audit/actor-names';
import { isoSql } from '../../common/list/json-items';
import { subtreeIdsSql } from '../../common/scope/data-scope.service';
import type { KeyProjectListHistoryDto, KeyProjectListItemDto } from './dto/key-project-list.dto';

/** R3: a list is computed live from the project library in these states; otherwise it shows what was submitted. */
export const LIVE_LIST_STATUSES: readonly KeyProjectListStatus[] = ['draft', 'returned', 'amending'];

export const isLiveList = (status: KeyProjectListStatus): boolean => LIVE_LIST_STATUSES.includes(status);

const ENTITY_TYPE = 'key_project_list';

const liveStatusesSql = LIVE_LIST_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * R1–R2: the key projects of the list organization's subtree in the list's year, now (never stale):
 * the stored key flag (projects.is_key — `isKeyProjectSql` on the year's threshold, migration
 * KeyCoverageStored), in the list's order (amount descending, then code), as a JSON array of what
 * `liveItemsFrom` needs. `organization` and `year` are SQL expressions.
 */
export function liveItemsSql(organization: string, year: string): string {
  return `(SELECT coalesce(json_agg(json_build_object(
        'projectId', kp.id, 'code', kp.code, 'name', kp.name, 'kind', kp.kind, 'projectOrganizationId', kp.organization_id,
        'projectOrganizationName', kpo.name, 'budgetAmount', kp.budget_amount::text, 'manualKeyBasis', kp.manual_key_basis,
        'manualKeyReason', kp.manual_key_reason, 'lastKeyEvaluationYear', kp.key_last_year)
        ORDER BY kp.budget_amount DESC, kp.code), '[]'::json)
      FROM projects kp LEFT JOIN organizations kpo ON kpo.id = kp.organization_id
     WHERE kp.organization_id = ANY(${subtreeIdsSql(organization)}::uuid[]) AND kp.year = ${year} AND kp.is_key)`;
}

/** The items the list was submitted with (its snapshot), in the list's order, as `KeyProjectListItemDto`s. */
export function snapshotItemsSql(listId: string): string {
  return `(SELECT coalesce(json_agg(json_build_object(
        'projectId', si.project_id, 'code', sp.code, 'name', sp.name, 'kind', sp.kind, 'projectOrganizationId', sp.organization_id,
        'projectOrganizationName', coalesce(spo.name, ''), 'basis', si.basis, 'reason', si.reason, 'budgetAmount', si.budget_amount::text,
        'lastKeyEvaluationYear', sp.key_last_year)
        ORDER BY si.budget_amount DESC, sp.code), '[]'::json)
      FROM key_project_list_items si JOIN projects sp ON sp.id = si.project_id LEFT JOIN organizations spo ON spo.id = sp.organization_id
     WHERE si.list_id = ${listId})`;
}

/** The list's successful steps from the audit log, oldest first: what the history shows of each. */
export function historySql(listId: string): string {
  return `(SELECT coalesce(json_agg(json_build_object(
        'action', h.action, 'actorId', h.actor_id, 'actorName', h.actor_name, 'at', ${isoSql('h.occurred_at')},
        'from', h.before -> 'status', 'to', h.after -> 'status', 'comment', h.after -> 'comment', 'note', h.after -> 'note')
        ORDER BY h.occurred_at, h.id), '[]'::json)
      FROM audit_logs h WHERE h.entity_type = '${ENTITY_TYPE}' AND h.entity_id = (${listId})::text AND h.result = 'success')`;
}

/** The names of the history's actors and of the revisions' filers and amenders (`namesFromJson`). */
export function listActorNamesSql(listId: string): string {
  return actorNamesJsonSql(
    `SELECT ha.actor_id FROM audit_logs ha WHERE ha.entity_type = '${ENTITY_TYPE}' AND ha.entity_id = (${listId})::text AND ha.result = 'success'
     UNION SELECT ra.filed_by_id FROM key_project_list_revisions ra WHERE ra.list_id = ${listId}
     UNION SELECT ra.amended_by_id FROM key_project_list_revisions ra WHERE ra.list_id = ${listId}`,
  );
}

/** The live items are read when shown (a live list) or compared with the latest filed revision (a list once filed). */
export function liveItemsWhenNeededSql(l: string): string {
  return `CASE WHEN ${l}.status IN (${liveStatusesSql}) OR EXISTS (SELECT 1 FROM key_project_list_revisions lr WHERE lr.list_id = ${l}.id)
    THEN ${liveItemsSql(`${l}.organization_id`, `${l}.year`)} ELSE '[]'::json END`;
}

/** The snapshot is read when shown (a list not live). */
export function snapshotWhenNeededSql(l: string): string {
  return `CASE WHEN ${l}.status NOT IN (${liveStatusesSql}) THEN ${snapshotItemsSql(`${l}.id`)} ELSE '[]'::json END`;
}

const parsed = <T>(json: unknown): T[] => ((typeof json === 'string' ? JSON.parse(json) : json) as T[] | null) ?? [];

interface LiveRow {
  projectId: string;
  code: string;
  name: string;
  kind: string;
  projectOrganizationId: string;
  projectOrganizationName: string | null;
  budgetAmount: string;
  manualKeyBasis: ManualKeyBasis | null;
  manualKeyReason: string | null;
  lastKeyEvaluationYear: number | null;
}

/** The live items as the page shows them: each with its basis by the domain's rule (keyBasisOf) under the year's profile. */
export function liveItemsFrom(json: unknown, profile: PolicyProfileValues): KeyProjectListItemDto[] {
  const out: KeyProjectListItemDto[] = [];
  for (const p of parsed<LiveRow>(json)) {
    const basis = keyBasisOf({ kind: p.kind, budgetAmount: p.budgetAmount, manualKeyBasis: p.manualKeyBasis }, profile);
    if (!basis) continue;
    out.push({
      projectId: p.projectId,
      code: p.code,
      name: p.name,
      kind: p.kind,
      projectOrganizationId: p.projectOrganizationId,
      projectOrganizationName: p.projectOrganizationName ?? '',
      basis,
      reason: basis === 'AMOUNT' ? null : p.manualKeyReason,
      budgetAmount: p.budgetAmount,
      lastKeyEvaluationYear: p.lastKeyEvaluationYear,
    });
  }
  return out;
}

export function snapshotItemsFrom(json: unknown): KeyProjectListItemDto[] {
  return parsed<KeyProjectListItemDto>(json);
}

interface HistoryRow {
  action: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
  from: unknown;
  to: unknown;
  comment: unknown;
  note: unknown;
}

/** The history as shown: the display name of each actor (the audit log keeps the login name, or the API key's name). */
export function historyFrom(json: unknown, names: Map<string, string>): KeyProjectListHistoryDto[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return parsed<HistoryRow>(json).map((r) => ({
    action: r.action,
    actorId: r.actorId,
    actorName: (r.actorId ? names.get(r.actorId) : undefined) ?? r.actorName,
    at: r.at,
    fromStatus: str(r.from),
    toStatus: str(r.to),
    comment: str(r.comment) ?? str(r.note),
  }));
}
