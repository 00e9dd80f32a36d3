import { escapeLike } from '../../common/list/escape-like';

/**
 * A character beyond ASCII that has no case (Chinese characters, full-width punctuation): it stays
 * itself when lowered, so a word holding one keeps a character beyond ASCII when PostgreSQL lowers
 * it — what the keys of `jx_search_keys` are made of.
 */
const caselessBeyondAscii = (ch: string): boolean => ch > '\x7f' && ch.toLowerCase() === ch && ch.toUpperCase() === ch;

/**
 * The one search over a project's name and code, for every list that has one (projects, targets,
 * trackings, evaluations, pre-assessments): the rows whose name or code contains `q`, ignoring
 * case, as `ILIKE '%q%'` finds them; `bind` takes a value and answers its placeholder.
 *
 * A Chinese character (caseless beyond ASCII) alone, or a word of two characters holding one, is
 * also looked up among the keys of `jx_search_keys` (the pairs of neighbouring characters and the
 * last character, migrations ProjectSearchPairs and ProjectSearchCharacters: indexed as written here,
 * the statement must say it the same way) by `jx_search_query` (a prefix for one character, the pair
 * itself for two), so that a rare one is read through that index; the ILIKE beside it is the same
 * rule, cheap where PostgreSQL reads along the list's order (it runs before the keys' function,
 * costlier), and wrapped in a CASE so that its own guess of how many rows it keeps is not multiplied
 * into the index's (which would make a frequent word look rare). Any other word goes through ILIKE
 * alone, read by the trigram indexes from three characters on.
 */
export function projectSearchSql(alias: string, q: string, bind: (value: string) => string): string {
  const like = bind(`%${escapeLike(q)}%`);
  const ilike = `${alias}.name ILIKE ${like} OR ${alias}.code ILIKE ${like}`;
  const chars = [...q];
  const indexed = chars.length === 2 ? chars.some(caselessBeyondAscii) : chars.length === 1 && caselessBeyondAscii(chars[0]);
  if (!indexed) return `(${ilike})`;
  return `(jx_search_keys(${alias}.name, ${alias}.code) @@ jx_search_query(CAST(${bind(q)} AS text)) AND CASE WHEN ${ilike} THEN true ELSE false END)`;
}

/** `projectSearchSql` as a query builder's condition and its named parameters (`searchN`). */
export function projectSearchWhere(alias: string, q: string): [string, Record<string, string>] {
  const params: Record<string, string> = {};
  const sql = projectSearchSql(alias, q, (value) => {
    const name = `search${Object.keys(params).length}`;
    params[name] = value;
    return `:${name}`;
  });
  return [sql, params];
}
