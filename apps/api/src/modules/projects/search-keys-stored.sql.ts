/**
 * A project's search keys (`jx_search_keys(name, code)`: the pairs of neighbouring characters and the
 * last characters that answer a word of one or two characters, project-search.sql.ts), stored on the
 * project (`projects.search_keys`, migration ProjectSearchKeysStored, its GIN index
 * `projects_search_keys`) and kept current by the writes that change them, in the same transaction: a
 * row trigger before a project is written with a name or a code.
 *
 * Why stored: the function is plpgsql, ~23 µs a row on the city year's names. Indexed as an
 * expression, every row a search reads in the list's order (a frequent word, where PostgreSQL walks
 * the list's index and filters) computed it again: a frequent word's bounded count (201 matches of
 * 建设 among 4,499 rows) took 11–16 ms; with the keys stored 5.7 ms on a copy of the table, 3.9 ms with
 * the check beside them (`jx_search_text_matches`, below). Why a trigger and not a
 * generated column: projects has row triggers before an update, and PostgreSQL then computes a stored
 * generated column again at every update of the row, whatever it changes (~33 µs an update).
 *
 * The migration embeds the text these builders give; test/search-keys-stored.e2e-spec.ts checks that
 * the functions in the database are still exactly these.
 */
import { functionStatements, type StoredFunction } from '../../database/stored-counts.sql';

/** The stored search keys of the list's project `alias` (what `projects_search_keys` indexes). */
export const storedSearchKeysSql = (alias: string) => `${alias}.search_keys`;

/**
 * The check beside the keys (project-search.sql.ts): the name or code ILIKE the pattern, as a function
 * declared COST 1000 — what PostgreSQL charged every row a plan reads when the condition computed
 * `jx_search_keys` (COST 1000) itself. That charge is what keeps a rare word's page on the index of
 * search keys: the sampled statistics guess a word they do not hold at 0.5 % of the rows, and with the
 * cheap stored keys alone PostgreSQL walked the list's order for a page of 21 (0.2 s through the city
 * year for 医院, 3 matches). At run time only the rows whose stored keys match reach it (PostgreSQL
 * checks the cheaper condition first): a frequent word's count of 201 matches read along the list's
 * order took 3.9 ms (11 ms with the function in the condition). PARALLEL UNSAFE: a statement holding it
 * is never given parallel workers — costed this high, a frequent word's count was planned with two,
 * whose start alone took ~10 ms of its 15.
 */
export const SEARCH_TEXT_MATCHES_FUNCTION = `CREATE OR REPLACE FUNCTION jx_search_text_matches(name text, code text, pattern text) RETURNS boolean
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE COST 1000 AS $search_keys$
BEGIN
  RETURN name ILIKE pattern OR code ILIKE pattern;
END$search_keys$`;

/** The name or code of the list's project `alias` ILIKE `pattern` (a bound parameter), through `jx_search_text_matches`. */
export const searchTextMatchesSql = (alias: string, pattern: string) => `jx_search_text_matches(${alias}.name, ${alias}.code, ${pattern})`;

/** The functions, in creation order. */
export const SEARCH_KEYS_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'project_search_keys_on_projects',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  NEW.search_keys := jx_search_keys(NEW.name, NEW.code);
  RETURN NEW;
END`,
  },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function searchKeysFunctionStatements(): string[] {
  return functionStatements(SEARCH_KEYS_FUNCTIONS, 'search_keys');
}

/** CREATE TRIGGER statements (what the migration holds, literally). */
export function searchKeysTriggerStatements(): string[] {
  return [
    `CREATE TRIGGER project_search_keys_projects BEFORE INSERT OR UPDATE OF name, code ON projects FOR EACH ROW EXECUTE FUNCTION project_search_keys_on_projects()`,
  ];
}
