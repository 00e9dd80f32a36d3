import { escapeLike } from '../../common/list/escape-like';
import { requestContext } from '../../common/http/request-context';
import { commonSearchKeys } from './search-key-statistics.service';
import { listSearchKeysSql, searchKeysMatchSql, searchTextMatchesSql, storedSearchKeysSql } from './search-keys-stored.sql';

/**
 * The most organizations a caller may see for its search to read its own rows rather than the
 * trigram indexes (`narrowSearch`): a department with its units, a town. Its few thousand rows are
 * found by the organizations' index and filtered; the trigram index of a frequent word would hand
 * PostgreSQL every such row of the city first (信息化: 22,498 for a department's 47, 9.5 ms a
 * statement against 3.2 on the generated city year). A wider scope (a district of a city) keeps the indexes.
 */
export const NARROW_SEARCH_ORGANIZATIONS = 50;

/** Whether the current request's caller sees few enough organizations for `NARROW_SEARCH_ORGANIZATIONS`. */
function narrowSearch(): boolean {
  const visible = requestContext.get()?.principal?.visibleOrganizationIds;
  return Array.isArray(visible) && visible.length <= NARROW_SEARCH_ORGANIZATIONS;
}

/**
 * A character beyond ASCII that has no case (Chinese characters, full-width punctuation): it stays
 * itself when lowered, so a word holding one keeps a character beyond ASCII when PostgreSQL lowers
 * it — what the keys of `jx_search_keys` are made of.
 */
const caselessBeyondAscii = (ch: string): boolean => ch > '\x7f' && ch.toLowerCase() === ch && ch.toUpperCase() === ch;

/** A Latin letter of ASCII: lowered, a–z, which keys of `jx_search_keys` are made of too (migration ProjectSearchLatinKeys). */
const latinLetter = (ch: string): boolean => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');

/** A character a key may start or end with: one that, lowered, makes its pair (or itself, last in a string) a key. */
const keyed = (ch: string): boolean => caselessBeyondAscii(ch) || latinLetter(ch);

/** A character that stays one character when lowered (ASCII, or caseless beyond it): a pair of them lowers to a pair. */
const lowersToOne = (ch: string): boolean => ch <= '\x7f' || caselessBeyondAscii(ch);

/**
 * A character `LIKE` matches exactly where `ILIKE` does, with `caselessBeyondAscii` beyond ASCII: it has
 * no case and is no other character's lowered form — ASCII digits, punctuation and space,
 * Chinese characters, kana, Hangul, CJK and full-width punctuation. (Not every caseless character:
 * U+0307, the combining dot, is caseless and part of İ lowered by ICU.)
 */
const LIKE_AS_ILIKE =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff20\uff3b-\uff40\uff5b-\uff65 -@[-`{-~]$/u;

/**
 * Whether `LIKE '%q%'` finds exactly the rows `ILIKE '%q%'` finds: every character of `q` is one
 * `LIKE_AS_ILIKE` allows. ILIKE lowers the whole of each name and code it reads before it matches
 * (PostgreSQL, for a multi-byte encoding): a frequent Chinese word read along the list's order, as a
 * bounded count reads it, checked 2,170 projects in 1.36 ms with ILIKE and 0.30 ms with LIKE (信息化,
 * finance's count on the generated city year). pg_trgm's indexes answer both.
 */
export function likeFindsAsIlike(q: string): boolean {
  return [...q].every((ch) => LIKE_AS_ILIKE.test(ch) && (ch <= '\x7f' || caselessBeyondAscii(ch)));
}

/**
 * Whether the keys of `jx_search_keys` answer `q`: one character that is a key's start (a Chinese
 * character, a Latin letter: the keys starting with it — every place it stands but last is a pair's
 * start, and the last character of a name or code is a key of its own), or two characters that lower
 * to a pair holding one (`医院`, `b测`, `zq`, `Q1`). Not pairs of digits and punctuation alone (not
 * keys), nor characters whose lowered form is not one character.
 */
export function searchedByKeys(q: string): boolean {
  const chars = [...q];
  if (chars.length === 1) return keyed(chars[0]);
  return chars.length === 2 && keyPair(chars[0], chars[1]);
}

/** Two neighbouring characters that lower to a pair `jx_search_keys` keeps (see `searchedByKeys`). */
const keyPair = (a: string, b: string): boolean => lowersToOne(a) && lowersToOne(b) && (keyed(a) || keyed(b));

/**
 * Whether a word of three characters or more holds a pair the keys answer (`keyPair`): then
 * `jx_search_pairs_query` makes its keys of its pairs, all of which a name or code holding the word holds
 * (search-keys-stored.sql.ts) — at least this one, so the query it answers is never empty.
 */
export function holdsKeyPair(q: string): boolean {
  const chars = [...q];
  return chars.length > 2 && chars.some((ch, i) => i > 0 && keyPair(chars[i - 1], ch));
}

/**
 * Whether a word the keys answer (`searchedByKeys`) may be frequent among the projects, by the most
 * common keys PostgreSQL's statistics hold (`common`, search-key-statistics.service.ts): a word of two
 * characters whose key (the pair, lowered) is not among them is rare — in fewer projects than the least
 * common of them (4.4 % on the generated city year). Any other answer is "may be": no statistics read;
 * a word of one character, whose prefix stands for every key starting with it, each of which may be
 * below the statistics' bound while together they are in a fifth of the projects.
 */
export function searchKeyFrequent(q: string, common: ReadonlySet<string> | null): boolean {
  const chars = [...q];
  return common === null || chars.length !== 2 || common.has(q.toLowerCase());
}

/**
 * The one search over a project's name and code, for every list that has one (projects, targets,
 * trackings, evaluations, pre-assessments): the rows whose name or code contains `q`, ignoring
 * case, as `ILIKE '%q%'` finds them (written `LIKE` for a word without case, `likeFindsAsIlike`); `bind`
 * takes a value and answers its placeholder.
 *
 * A word of one or two characters the keys answer (`searchedByKeys`: Chinese, or Latin letters) is
 * also looked up among the keys of `jx_search_keys` (the pairs of neighbouring characters holding a
 * character beyond ASCII or a Latin letter, and each string's last such character — migrations
 * ProjectSearchPairs, ProjectSearchCharacters and ProjectSearchLatinKeys), stored on the project
 * (`search_keys`, kept by a trigger: search-keys-stored.sql.ts) and indexed there, by
 * `jx_search_query` (a prefix for one character, the pair itself for two), so that a rare one is read
 * through that index; the ILIKE beside it is the same rule (`jx_search_text_matches`, declared
 * costly so that PostgreSQL keeps a rare word on the index: search-keys-stored.sql.ts), and wrapped in
 * a CASE so that its own guess of how many rows it keeps is not multiplied into the index's (which
 * would make a frequent word look rare). Where PostgreSQL reads along the list's order (a frequent
 * word) it checks the stored keys of each row, and the ILIKE only where they match. Any other word goes through ILIKE
 * alone, read by the trigram indexes from three characters on — unless `narrow` (by default: the
 * caller sees few organizations, `narrowSearch`), when the ILIKE is written over `name || ''` so no
 * index answers it and PostgreSQL reads the caller's own rows (same rows, another plan). On projects,
 * for such a caller the keys of a word that may be frequent (`frequent`, by default `searchKeyFrequent`)
 * are tested as `(keys @@ query) IS TRUE` too, which no index answers either (and which PostgreSQL
 * estimates as the keys): a department's frequent word (建设, city year) was read through a BitmapAnd of
 * its organizations' index and the keys' index, whose bitmap of 11,545 projects alone took 6 ms — 8.3
 * ms a page against 1.6 reading the department's 411 projects. A rare one is read through the keys'
 * index as for the district: a department's page of 医院 took 0.11 ms instead of 0.23, zq 0.07 instead
 * of 0.23 (EXPLAIN ANALYZE, city year), and its list answered 15–24 % more requests at 32 connections;
 * frequent words were 2.6–6× slower so (信息 2.34 ms against 0.55). Not on the lists of a project's rows: there the department's trackings
 * searched for 建设 went from 4.9 to 9.9 ms at one connection (full benchmark run), and are left on
 * their index.
 *
 * On a list whose rows are each a project's (`list`: the list's alias, a table of SEARCH_KEYS_LISTS),
 * the keys are the copy on the list's own row (`project_search_keys`, its own GIN index): a frequent
 * word read along the list's order checks them there and looks up the project (for the ILIKE) of the
 * matching rows only; beside them their check declared costly (`jx_search_keys_match`), as the text
 * check is on projects, so that a rare word still reads the list's index of keys rather than its
 * order. A longer word that holds a key pair (`holdsKeyPair`) is checked by them there
 * too, before its project's ILIKE — in a CASE, so that PostgreSQL still estimates the rows by the ILIKE
 * (and a rare word still reads the trigram indexes of projects).
 */
export function projectSearchSql(
  alias: string,
  q: string,
  bind: (value: string) => string,
  narrow = narrowSearch(),
  list: string | null = null,
  frequent = searchKeyFrequent(q, commonSearchKeys()),
): string {
  const like = bind(`%${escapeLike(q)}%`);
  const keys = list === null ? storedSearchKeysSql(alias) : listSearchKeysSql(list);
  if (!searchedByKeys(q)) {
    // the same rows either way (`likeFindsAsIlike`): LIKE where it need not lower every name and code it reads
    const op = likeFindsAsIlike(q) ? 'LIKE' : 'ILIKE';
    const text = narrow
      ? `((${alias}.name || '') ${op} ${like} OR (${alias}.code || '') ${op} ${like})`
      : `(${alias}.name ${op} ${like} OR ${alias}.code ${op} ${like})`;
    if (list === null || !holdsKeyPair(q)) return text;
    return `(${text} AND CASE WHEN ${keys} @@ jx_search_pairs_query(CAST(${bind(q)} AS text)) THEN true ELSE false END)`;
  }
  const query = `jx_search_query(CAST(${bind(q)} AS text))`;
  const matches = searchTextMatchesSql(alias, like);
  // on projects, for a caller who sees few organizations and a word that may be frequent, as a test no index
  // answers (`IS TRUE`), estimated as the keys are
  if (list === null)
    return `(${narrow && frequent ? `(${keys} @@ ${query}) IS TRUE` : `${keys} @@ ${query}`} AND CASE WHEN ${matches} THEN true ELSE false END)`;
  // On a list, the keys' costly twin on its own row as well (what keeps a rare word on the list's index),
  // counted by PostgreSQL as keeping half the rows, as the text check is on projects; the text check, its
  // project's, is written as a comparison PostgreSQL counts as keeping nearly every row (`<> 0`: 0.995),
  // so that the two do not halve the keys' estimate twice (a frequent word, 建设, then looked rare enough
  // to be read through the index and sorted: 0.13–0.17 s a page on finance's targets).
  return `(${keys} @@ ${query} AND CASE WHEN ${searchKeysMatchSql(keys, query)} THEN true ELSE false END
    AND CASE WHEN ${matches} THEN 1 ELSE 0 END <> 0)`;
}

/**
 * `projectSearchSql` as a query builder's condition and its named parameters (`searchN`); `list` the
 * alias of a list whose rows are each a project's (their copy of its keys is checked).
 */
export function projectSearchWhere(alias: string, q: string, list: string | null = null): [string, Record<string, string>] {
  const params: Record<string, string> = {};
  const sql = projectSearchSql(
    alias,
    q,
    (value) => {
      const name = `search${Object.keys(params).length}`;
      params[name] = value;
      return `:${name}`;
    },
    narrowSearch(),
    list,
  );
  return [sql, params];
}
