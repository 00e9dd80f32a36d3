/**
 * R1–R4: the organization a key project list belongs to — the department or town an organization
 * rolls up to (itself, or its nearest such ancestor, at most ten levels up; none for the finance
 * bureau and organizations outside any) — stored per organization
 * (`organizations.list_organization_id`) and kept current by a trigger on organizations when one is
 * added or its parent or kind changes (for it and everything under it), in the writing transaction
 * (migration ListOrganizationStored). The coverage planner groups its counts by it instead of
 * walking every organization's ancestors at each request.
 *
 * The migration embeds the text these builders give; test/list-organization-stored.e2e-spec.ts checks
 * that the functions in the database are still exactly these and, over random changes of the
 * organization tree, that every stored value equals the walk.
 */
import { functionStatements, rowChangedSql, type StoredFunction } from '../../database/stored-counts.sql';
import { subtreeIdsSql } from '../../common/scope/data-scope.service';

/** The kinds of organization that file a key project list (R1–R2). */
export const LIST_ORGANIZATION_KINDS = ['department', 'town'];

const KINDS = `ARRAY[${LIST_ORGANIZATION_KINDS.map((k) => {
  if (!/^[a-z_]+$/.test(k)) throw new Error(`not a kind: ${k}`);
  return `'${k}'`;
}).join(', ')}]`;

/** The walk up from the organizations `start` selects (on `o`): each one's list organization, where it has one. */
const walkSql = (start: string) => `WITH RECURSIVE up AS (
      SELECT o.id, o.id AS at, o.kind, o.parent_id, 0 AS depth FROM organizations o WHERE ${start}
      UNION ALL
      SELECT up.id, a.id, a.kind, a.parent_id, up.depth + 1 FROM up JOIN organizations a ON a.id = up.parent_id
       WHERE NOT (up.kind = ANY(${KINDS})) AND up.depth < 10)
    SELECT up.id, up.at AS list_org FROM up WHERE up.kind = ANY(${KINDS})`;

/** Recomputes the stored list organization of the organizations `start` selects, writing only rows that change. */
const refreshSql = (start: string) => `WITH s AS MATERIALIZED (SELECT o.id FROM organizations o WHERE ${start}),
    w AS MATERIALIZED (${walkSql('o.id IN (SELECT id FROM s)')})
  UPDATE organizations t SET list_organization_id = w.list_org
    FROM s LEFT JOIN w ON w.id = s.id
   WHERE t.id = s.id AND t.list_organization_id IS DISTINCT FROM w.list_org;`;

/** The functions, in creation order. */
export const LIST_ORGANIZATION_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'list_organization_refresh',
    args: 'root uuid',
    returns: 'void',
    // The organization and everything under it (a subtree's list organization follows its ancestors').
    body: `
BEGIN
  ${refreshSql(`o.id = ANY(${subtreeIdsSql('root')}::uuid[])`)}
END`,
  },
  {
    name: 'list_organization_rebuild',
    args: '',
    returns: 'void',
    body: `
BEGIN
  ${refreshSql('true')}
END`,
  },
  {
    name: 'list_organization_on_organizations',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  PERFORM list_organization_refresh(NEW.id);
  RETURN NULL;
END`,
  },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function listOrganizationFunctionStatements(): string[] {
  return functionStatements(LIST_ORGANIZATION_FUNCTIONS, 'listorg');
}

/** CREATE TRIGGER statements (what the migration holds, literally). */
export function listOrganizationTriggerStatements(): string[] {
  return [
    `CREATE TRIGGER list_organization_organizations_insert AFTER INSERT ON organizations FOR EACH ROW EXECUTE FUNCTION list_organization_on_organizations()`,
    `CREATE TRIGGER list_organization_organizations_update AFTER UPDATE OF parent_id, kind ON organizations FOR EACH ROW WHEN (${rowChangedSql(['parent_id', 'kind'])}) EXECUTE FUNCTION list_organization_on_organizations()`,
  ];
}
