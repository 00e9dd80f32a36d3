import { MigrationInterface, QueryRunner } from 'typeorm';
import { searchKeysFunction } from '../search-keys.sql';

/**
 * A search for a rare Latin word of one or two letters (`zq`, `x`, `Q1`) reads an index too. Before,
 * such words went through `ILIKE '%…%'` alone (pg_trgm needs three characters), which for a word no
 * project of the year holds read every project of the year (~0.4 s for the finance bureau on the city
 * year). `jx_search_keys(name, code)` now also keeps the pairs of neighbouring characters holding a
 * Latin letter (lowered: a–z) and a last character that is one (search-keys.sql.ts, kind
 * `latin-keys`); modules/projects/project-search.sql.ts sends such words to `jx_search_query` as it
 * sends Chinese ones. Pairs of digits and punctuation alone stay out: fragments such as `20` are in
 * every code, and a search for them finds its page along the list's order at once. The index is
 * built again for the new keys, and the table analyzed (when it has rows: see
 * ProjectSearchCharacters) so that a frequent pair such as a code's `bm` is still read along the
 * list's order.
 */
export class ProjectSearchLatinKeys1796600000000 implements MigrationInterface {
  name = 'ProjectSearchLatinKeys1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(searchKeysFunction('latin-keys', true));
    await this.rebuild(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(searchKeysFunction('keys', true));
    await this.rebuild(queryRunner);
  }

  /** The index's keys written again by the function as it is now, and their frequencies counted again. */
  private async rebuild(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REINDEX INDEX "projects_search_keys"`);
    const [{ filled }] = (await queryRunner.query(`SELECT EXISTS (SELECT 1 FROM projects) AS filled`)) as { filled: boolean }[];
    if (filled) await queryRunner.query(`ANALYZE "projects"`);
  }
}
