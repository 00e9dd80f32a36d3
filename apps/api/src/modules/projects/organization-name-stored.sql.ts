/**
 * A project's organization's name, stored on the project (`projects.organization_name`, migration
 * ProjectOrganizationNameStored) and kept current by the writes that change it, in the same
 * transaction: a project written with an organization takes its name (a row trigger before the
 * write), an organization renamed gives its new name to its projects. The project list's JSON reads
 * the column; its mapped path (and so every list read under jest, json-items.ts) still reads the
 * organization's row and compares.
 *
 * Why stored: the list's statement read the name by a correlated subquery, which a search plans at
 * every request (its plans follow its words, named-statement.ts) — with organizations and its four
 * indexes locked each time, past the sixteen relation locks a backend records without the shared lock
 * table. On the city year a rare search (鑫) at 32 connections went from ~1,570–1,840 to ~1,940–2,050
 * requests a second without it.
 *
 * The migration embeds the text these builders give; test/organization-name-stored.e2e-spec.ts checks
 * that the functions in the database are still exactly these.
 */
import { functionStatements, type StoredFunction } from '../../database/stored-counts.sql';

/** The stored name of a list's project `alias`'s organization. */
export const storedOrganizationNameSql = (alias: string) => `${alias}.organization_name`;

/** The functions, in creation order. */
export const ORGANIZATION_NAME_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'project_organization_name_on_projects',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  NEW.organization_name := (SELECT o.name FROM organizations o WHERE o.id = NEW.organization_id);
  RETURN NEW;
END`,
  },
  {
    name: 'project_organization_name_on_organizations',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  UPDATE projects SET organization_name = NEW.name WHERE organization_id = NEW.id AND organization_name IS DISTINCT FROM NEW.name;
  RETURN NULL;
END`,
  },
  {
    name: 'project_organization_name_rebuild_year',
    args: 'y integer',
    returns: 'void',
    body: `
BEGIN
  -- The names from the organizations (the same, or what they should be where triggers were off, as during a bulk load); only changed rows written.
  UPDATE projects p SET organization_name = o.name FROM organizations o
   WHERE p.year = y AND o.id = p.organization_id AND p.organization_name IS DISTINCT FROM o.name;
END`,
  },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function organizationNameFunctionStatements(): string[] {
  return functionStatements(ORGANIZATION_NAME_FUNCTIONS, 'organization_name');
}

/** CREATE TRIGGER statements (what the migration holds, literally). */
export function organizationNameTriggerStatements(): string[] {
  return [
    `CREATE TRIGGER project_organization_name_projects BEFORE INSERT OR UPDATE OF organization_id ON projects FOR EACH ROW EXECUTE FUNCTION project_organization_name_on_projects()`,
    `CREATE TRIGGER project_organization_name_organizations AFTER UPDATE OF name ON organizations FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION project_organization_name_on_organizations()`,
  ];
}
