import { MigrationInterface, QueryRunner } from 'typeorm';
import { searchKeysFunction } from '../search-keys.sql';

/**
 * Searches for a Chinese word of two characters over project names and codes (`量子`, `医院`) read an
 * index too: pg_trgm needs three characters, so below that `ILIKE '%…%'` read every project of the
 * year. `jx_search_pairs(name, code)` lists the pairs of neighbouring characters of the name and of
 * the code, lowered as ILIKE lowers them, that hold a character beyond ASCII (more bytes than
 * characters); a name or code contains such a word exactly when the list has it, so
 * `jx_search_pairs(name, code) @> ARRAY[lower(word)]` (modules/projects/project-search.sql.ts,
 * which sends only such words here) finds what ILIKE finds. Pairs of ASCII only (code fragments
 * such as `20`) and single characters are left out: they would more than double the keys an
 * imported project writes (the 50,000-row import's goal), and such words are read by ILIKE.
 * ANALYZE keeps each pair's frequency for the index's expression: a rare word is read through the
 * index, a frequent one along the list's order. Its cost says what a call costs (3–4 µs here,
 * ~1,000 operators), and PARALLEL RESTRICTED keeps a page read from starting workers for it (their start
 * costs more here than the page).
 */
export class ProjectSearchPairs1796400000000 implements MigrationInterface {
  name = 'ProjectSearchPairs1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(searchKeysFunction('pairs'));
    await queryRunner.query(`CREATE INDEX "projects_search_pairs" ON "projects" USING gin (jx_search_pairs("name", "code"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."projects_search_pairs"`);
    await queryRunner.query(`DROP FUNCTION jx_search_pairs(text, text)`);
  }
}
