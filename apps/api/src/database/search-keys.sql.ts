/**
 * The SQL function over a project's name and code that lists, lowered as ILIKE lowers them, the pairs
 * of neighbouring characters holding a character beyond ASCII: `pairs` is `jx_search_pairs` (a
 * `text[]`, migration ProjectSearchPairs); `keys` is `jx_search_keys`, the same pairs and each
 * string's last character when beyond ASCII, as a `tsvector` (migration ProjectSearchCharacters).
 */
export function searchKeysFunction(kind: 'pairs' | 'keys'): string {
  const keys = kind === 'keys';
  const last = keys
    ? `
          IF octet_length(right(t, 1)) > 1 THEN
            pairs := pairs || right(t, 1);
          END IF;`
    : '';
  return `CREATE FUNCTION ${keys ? 'jx_search_keys' : 'jx_search_pairs'}(name text, code text) RETURNS ${keys ? 'tsvector' : 'text[]'}
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL RESTRICTED COST 1000 AS $$
      DECLARE
        t text;
        pair text;
        pairs text[] := '{}';
      BEGIN
        FOREACH t IN ARRAY ARRAY[name, code] LOOP
          CONTINUE WHEN octet_length(t) = length(t);
          t := lower(t);
          FOR i IN 1..length(t) - 1 LOOP
            pair := substr(t, i, 2);
            IF octet_length(pair) > 2 THEN
              pairs := pairs || pair;
            END IF;
          END LOOP;${last}
        END LOOP;
        RETURN ${keys ? 'array_to_tsvector(pairs)' : 'pairs'};
      END $$`;
}
