/**
 * The SQL function over a project's name and code that lists, lowered as ILIKE lowers them, the pairs
 * of neighbouring characters a short search word is looked up among:
 * - `pairs` is `jx_search_pairs` (a `text[]`, migration ProjectSearchPairs): the pairs holding a
 *   character beyond ASCII;
 * - `keys` is `jx_search_keys` (migration ProjectSearchCharacters): the same pairs and each string's
 *   last character when beyond ASCII, as a `tsvector`;
 * - `latin-keys` is `jx_search_keys` as migration ProjectSearchLatinKeys made it: also the pairs
 *   holding a Latin letter (a–z once lowered) and a last character that is one — so that a rare Latin
 *   word of one or two letters (`zq`, `x`) is read through the index too. Pairs of digits and
 *   punctuation alone stay out (code fragments such as `20`, in every project: a search for them finds
 *   a page along the list's order at once).
 * Older migrations create the kind they created then; what a kind holds never changes.
 */
export function searchKeysFunction(kind: 'pairs' | 'keys' | 'latin-keys', replace = false): string {
  const keys = kind !== 'pairs';
  const latin = kind === 'latin-keys';
  // a pair (or last character) kept: beyond ASCII (more bytes than characters), or, for latin-keys, holding a Latin letter
  const kept = (expr: string, bytes: number) =>
    latin ? `octet_length(${expr}) > ${bytes} OR ${expr} ~ '[a-z]'` : `octet_length(${expr}) > ${bytes}`;
  const last = keys
    ? `
          IF ${kept('right(t, 1)', 1)} THEN
            pairs := pairs || right(t, 1);
          END IF;`
    : '';
  return `CREATE ${replace ? 'OR REPLACE ' : ''}FUNCTION ${keys ? 'jx_search_keys' : 'jx_search_pairs'}(name text, code text) RETURNS ${keys ? 'tsvector' : 'text[]'}
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL RESTRICTED COST 1000 AS $$
      DECLARE
        t text;
        pair text;
        pairs text[] := '{}';
      BEGIN
        FOREACH t IN ARRAY ARRAY[name, code] LOOP
          ${latin ? `t := lower(t);\n          CONTINUE WHEN octet_length(t) = length(t) AND t !~ '[a-z]';` : `CONTINUE WHEN octet_length(t) = length(t);\n          t := lower(t);`}
          FOR i IN 1..length(t) - 1 LOOP
            pair := substr(t, i, 2);
            IF ${kept('pair', 2)} THEN
              pairs := pairs || pair;
            END IF;
          END LOOP;${last}
        END LOOP;
        RETURN ${keys ? 'array_to_tsvector(pairs)' : 'pairs'};
      END $$`;
}
