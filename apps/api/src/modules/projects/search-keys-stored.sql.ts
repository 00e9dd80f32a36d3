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
 * The lists whose rows are a project's (targets, trackings, evaluations, pre-assessments:
 * `SEARCH_KEYS_LISTS`) carry a copy of their project's keys (`project_search_keys`, migration
 * ListSearchKeysStored, each with its GIN index `<table>_project_search_keys`): a row written takes its
 * project's keys (a row trigger before the write), a project whose keys change gives them to its rows
 * (a row trigger after the update). Why: a frequent word read along such a list's own order checked
 * each row's project through a join — an index lookup of the project for every row read, ~3 µs each:
 * finance's trackings searched for 建设 counted 201 matches among ~4,400 rows in 22 ms. Checked on the
 * list's own row, only the matches look their project up (7.6 ms; 信息化, whose keys `jx_search_pairs_query`
 * makes of its pairs, 18 → 5 ms).
 *
 * The migrations embed the text these builders give; test/search-keys-stored.e2e-spec.ts checks that
 * the functions in the database are still exactly these.
 */
import { functionStatements, type StoredFunction } from '../../database/stored-counts.sql';

/** The stored search keys of the list's project `alias` (what `projects_search_keys` indexes). */
export const storedSearchKeysSql = (alias: string) => `${alias}.search_keys`;

/** The tables whose rows are each a project's and carry its search keys (`project_search_keys`). */
export const SEARCH_KEYS_LISTS = ['targets', 'trackings', 'evaluations', 'pre_assessments'] as const;

/** The copy of its project's search keys a list row `alias` (of a `SEARCH_KEYS_LISTS` table) carries. */
export const listSearchKeysSql = (alias: string) => `${alias}.project_search_keys`;

/**
 * The keys a word of three characters or more is looked up by on a list's row (project-search.sql.ts):
 * every pair of neighbouring characters in it that is a key, all of them (`&`). A name or code holding
 * the word holds each of its pairs, so the rows these keys find include every match, and the ILIKE
 * beside them decides. A word without such a pair (digits and punctuation only) answers NULL, matching
 * nothing: the search does not ask then (`holdsKeyPair`). Lowered as ILIKE lowers, as the keys were.
 * A function of its own, not `jx_search_query`'s: that one is a single expression PostgreSQL inlines,
 * and a search of one or two characters (planned at every request) keeps it so — this one, a subquery,
 * is run as a function when a statement is planned (~0.1–0.25 ms a use).
 */
export const SEARCH_PAIRS_QUERY_FUNCTION = `CREATE OR REPLACE FUNCTION jx_search_pairs_query(word text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $search_keys$
  SELECT CAST(string_agg('''' || replace(replace(k.pair, '\\', '\\\\'), '''', '''''') || '''', ' & ' ORDER BY k.i) AS tsquery)
    FROM (SELECT i, substr(lower(word), i, 2) AS pair FROM generate_series(1, length(lower(word)) - 1) i) k
   WHERE octet_length(k.pair) > 2 OR k.pair ~ '[a-z]'
$search_keys$`;

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

/**
 * The keys' check a list of a project's rows adds on its own row (migration ListSearchKeysStored):
 * `keys @@ query` as a function declared COST 1000, the charge `jx_search_text_matches` puts on a
 * project's row. On a list the text check is its project's, charged only to the rows joined — so a
 * walk along the list's order looked cheap, and a rare word (医院, 1 target of the city year, guessed
 * at ~750 by the statistics) was read along it through 187,000 targets (0.2–0.4 s a page) instead of
 * through the list's index of keys (8 ms). At run time PostgreSQL checks the plain `@@` first and
 * this one only where it holds.
 */
export const SEARCH_KEYS_MATCH_FUNCTION = `CREATE OR REPLACE FUNCTION jx_search_keys_match(keys tsvector, query tsquery) RETURNS boolean
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE COST 1000 AS $search_keys$
BEGIN
  RETURN keys @@ query;
END$search_keys$`;

/** `keys @@ query` through `jx_search_keys_match` (the check declared costly on a list's own row). */
export const searchKeysMatchSql = (keys: string, query: string) => `jx_search_keys_match(${keys}, ${query})`;

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
  {
    name: 'project_search_keys_on_list_rows',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  NEW.project_search_keys := (SELECT p.search_keys FROM projects p WHERE p.id = NEW.project_id);
  RETURN NEW;
END`,
  },
  {
    name: 'project_search_keys_to_list_rows',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
${SEARCH_KEYS_LISTS.map(
  (table) =>
    `  UPDATE ${table} SET project_search_keys = NEW.search_keys WHERE project_id = NEW.id AND project_search_keys IS DISTINCT FROM NEW.search_keys;`,
).join('\n')}
  RETURN NULL;
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
    ...listSearchKeysTriggerStatements(),
  ];
}

/**
 * The triggers that keep the lists' copies (migration ListSearchKeysStored): one before a list row is
 * written with a project (or its copy written), one after a project's keys changed. The update names
 * `search_keys` besides name and code: a trigger of columns fires for the columns an UPDATE sets, not
 * for what the trigger before it changed.
 */
export function listSearchKeysTriggerStatements(): string[] {
  return [
    ...SEARCH_KEYS_LISTS.map(
      (table) =>
        `CREATE TRIGGER project_search_keys_${table} BEFORE INSERT OR UPDATE OF project_id, project_search_keys ON ${table} FOR EACH ROW EXECUTE FUNCTION project_search_keys_on_list_rows()`,
    ),
    `CREATE TRIGGER project_search_keys_to_lists AFTER UPDATE OF name, code, search_keys ON projects FOR EACH ROW WHEN (OLD.search_keys IS DISTINCT FROM NEW.search_keys) EXECUTE FUNCTION project_search_keys_to_list_rows()`,
  ];
}
