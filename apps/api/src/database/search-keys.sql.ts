/**
 * The SQL function over a project's name and code that lists, lowered as ILIKE lowers them, the pairs
 * of neighbouring characters holding a character beyond ASCII (`jx_search_pairs`, migration ProjectSearchPairs),
 * and with `'pairs and last character'` also each string's last character when beyond ASCII, as a
 * `tsvector` (`jx_search_keys`, migration ProjectSearchCharacters).
 */
export function searchKeysFunction(name: string, returns: 'text[]' | 'tsvector', keys: 'pairs' | 'pairs and last character'): string {
  const last =
    keys === 'pairs'
      ? ''
      : `
          IF octet_length(right(t, 1)) > 1 THEN
            pairs := pairs || right(t, 1);
          END IF;`;
  return `CREATE FUNCTION ${name}(name text, code text) RETURNS ${returns}
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
        RETURN ${returns === 'tsvector' ? 'array_to_tsvector(pairs)' : 'pairs'};
      END $$`;
}
