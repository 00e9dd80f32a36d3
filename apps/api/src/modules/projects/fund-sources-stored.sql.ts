/**
 * A project's fund sources as its list item shows them, stored on the project
 * (`projects.fund_sources_json`, migration ProjectFundSourcesStored) and kept current by the writes
 * that change them, in the same transaction: statement triggers on project_fund_sources write the
 * JSON of every project whose rows a statement inserted, changed or deleted — the text
 * `fundSourcesJsonSql` makes, one definition.
 *
 * Why stored: the list's statement read them by a correlated subquery, which a search plans at every
 * request (its plans follow its words, named-statement.ts) — with the table and both its indexes locked
 * each time, past the sixteen relation locks a backend records without the shared lock table. On the
 * city year a rare search at 32 connections went from ~1,000 to ~1,450 requests a second without it.
 *
 * The migration embeds the text these builders give; test/fund-sources-stored.e2e-spec.ts checks that
 * the functions in the database are still exactly these.
 */
import { functionStatements, statementCountsTriggerStatements, type StoredFunction } from '../../database/stored-counts.sql';
import { fundSourcesAggSql, fundSourcesJsonSql } from './fund-sources-json.sql';

/** The stored JSON of a list's project `alias` (what `fundSourcesJsonSql('project', alias.id)` answers). */
export const storedFundSourcesSql = (alias: string) => `${alias}.fund_sources_json`;

/** The projects whose JSON is written again: `ids`, a subquery of project ids. */
const rewrite = (ids: string) => `UPDATE projects p SET fund_sources_json = ${fundSourcesJsonSql('project', 'p.id')}
     WHERE p.id IN (${ids});`;

/** The functions, in creation order. */
export const FUND_SOURCES_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'project_fund_sources_on_write',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${rewrite('SELECT n.project_id FROM new_rows n')}
  ELSIF TG_OP = 'DELETE' THEN
    ${rewrite('SELECT o.project_id FROM old_rows o')}
  ELSE
    ${rewrite('SELECT o.project_id FROM old_rows o UNION SELECT n.project_id FROM new_rows n')}
  END IF;
  RETURN NULL;
END`,
  },
  {
    name: 'project_fund_sources_rebuild_year',
    args: 'y integer',
    returns: 'void',
    body: `
BEGIN
  -- The JSON from the rows (the same, or what it should be where triggers were off, as during a bulk load), grouped
  -- once (a bulk load runs it without indexes); only changed rows written.
  UPDATE projects p SET fund_sources_json = coalesce(s.json, '[]'::json)
    FROM projects q LEFT JOIN (SELECT f.project_id, ${fundSourcesAggSql('f')} AS json
                                 FROM project_fund_sources f JOIN projects fp ON fp.id = f.project_id AND fp.year = y GROUP BY f.project_id) s
      ON s.project_id = q.id
   WHERE q.year = y AND p.id = q.id AND p.fund_sources_json::text IS DISTINCT FROM coalesce(s.json, '[]'::json)::text;
END`,
  },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function fundSourcesFunctionStatements(): string[] {
  return functionStatements(FUND_SOURCES_FUNCTIONS, 'fund_sources');
}

/** CREATE TRIGGER statements (what the migration holds, literally). */
export function fundSourcesTriggerStatements(): string[] {
  return statementCountsTriggerStatements('project_fund_sources_json', 'project_fund_sources', 'project_fund_sources_on_write');
}
