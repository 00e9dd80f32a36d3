import { MigrationInterface, QueryRunner } from 'typeorm';
import { searchKeysFunction } from '../search-keys.sql';

/**
 * A search for one Chinese character (`鑫`) reads an index too, without writing more keys per
 * project. Every occurrence of a character beyond ASCII in a name or code of two characters or more
 * starts one of the pairs of neighbouring characters ProjectSearchPairs keeps, but the last; so
 * `jx_search_keys(name, code)` keeps those pairs and, per name and code, its last character when
 * beyond ASCII, as a `tsvector` (`array_to_tsvector`: the keys as they are, no parsing), whose GIN
 * index matches a prefix: one character is the keys starting with it (`'鑫':*`), a pair the key
 * itself. `jx_search_query(word)` is that query for a word of one or two characters, lowered as
 * ILIKE lowers (modules/projects/project-search.sql.ts sends only such words here). Before, a single
 * character went through `ILIKE '%…%'`, which for a character no project of the year holds read
 * every project of the year (~0.4–0.7 s on the city year). A key per character instead (tried) cost
 * the 50,000-row import 1.3–2 s, past its 15 s goal. ANALYZE keeps the keys' frequencies (a prefix's
 * sums those of its keys), so a frequent character is still read along the list's order.
 */
export class ProjectSearchCharacters1796500000000 implements MigrationInterface {
  name = 'ProjectSearchCharacters1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(searchKeysFunction('keys'));
    // the key as a quoted lexeme (quotes and backslashes doubled), a prefix for one character
    await queryRunner.query(String.raw`CREATE FUNCTION jx_search_query(word text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT CAST('''' || replace(replace(lower(word), '\', '\\'), '''', '''''') || ''''
                  || CASE WHEN length(word) = 1 THEN ':*' ELSE '' END AS tsquery) $$`);
    await queryRunner.query(`CREATE INDEX "projects_search_keys" ON "projects" USING gin (jx_search_keys("name", "code"))`);
    await queryRunner.query(`DROP INDEX "public"."projects_search_pairs"`);
    await queryRunner.query(`DROP FUNCTION jx_search_pairs(text, text)`);
    // The new index's keys have no statistics until the table is analyzed: a frequent character would
    // be taken for a rare one. Not on an empty table (a new install): analyzed empty, PostgreSQL plans
    // for an empty table until it is analyzed again — never, on the embedded PGlite (no autovacuum) —
    // and the 50,000-row import took 126 s instead of 14.
    const [{ filled }] = (await queryRunner.query(`SELECT EXISTS (SELECT 1 FROM projects) AS filled`)) as { filled: boolean }[];
    if (filled) await queryRunner.query(`ANALYZE "projects"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(searchKeysFunction('pairs'));
    await queryRunner.query(`CREATE INDEX "projects_search_pairs" ON "projects" USING gin (jx_search_pairs("name", "code"))`);
    await queryRunner.query(`DROP INDEX "public"."projects_search_keys"`);
    await queryRunner.query(`DROP FUNCTION jx_search_query(text)`);
    await queryRunner.query(`DROP FUNCTION jx_search_keys(text, text)`);
  }
}
