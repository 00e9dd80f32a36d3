import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): a project's search keys (`jx_search_keys(name, code)`) are stored on the
 * project (`search_keys`) and kept current by a row trigger before a project is written with a name
 * or a code, in the writing transaction; the GIN index `projects_search_keys` indexes the column
 * instead of the expression. A search that reads rows in the list's order (a frequent word) no longer
 * computes the plpgsql function (~23 µs a row) for every row it checks. The ILIKE beside the keys
 * becomes `jx_search_text_matches`, declared COST 1000 as the keys' function was, so that PostgreSQL
 * still keeps a rare word's page on the index rather than walking the list's order.
 *
 * The function bodies and trigger are the text src/modules/projects/search-keys-stored.sql.ts generates,
 * embedded literally; test/search-keys-stored.e2e-spec.ts fails when they change without a migration
 * replacing them.
 */
export class ProjectSearchKeysStored1797300000000 implements MigrationInterface {
  name = 'ProjectSearchKeysStored1797300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "search_keys" tsvector`);
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    await queryRunner.query(TEXT_MATCHES);
    // Backfill before the trigger exists, then no project without its keys.
    await queryRunner.query(`UPDATE projects SET search_keys = jx_search_keys(name, code)`);
    await queryRunner.query(`ALTER TABLE "projects" ALTER COLUMN "search_keys" SET NOT NULL`);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
    await queryRunner.query(`DROP INDEX "public"."projects_search_keys"`);
    await queryRunner.query(`CREATE INDEX "projects_search_keys" ON "projects" USING gin ("search_keys")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."projects_search_keys"`);
    await queryRunner.query(`CREATE INDEX "projects_search_keys" ON "projects" USING gin (jx_search_keys("name", "code"))`);
    await queryRunner.query(`DROP TRIGGER project_search_keys_projects ON projects`);
    await queryRunner.query(`DROP FUNCTION project_search_keys_on_projects()`);
    await queryRunner.query(`DROP FUNCTION jx_search_text_matches(text, text, text)`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "search_keys"`);
  }
}

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION project_search_keys_on_projects() RETURNS trigger LANGUAGE plpgsql AS $search_keys$
BEGIN
  NEW.search_keys := jx_search_keys(NEW.name, NEW.code);
  RETURN NEW;
END$search_keys$`,
];

const TRIGGERS = [
  `CREATE TRIGGER project_search_keys_projects BEFORE INSERT OR UPDATE OF name, code ON projects FOR EACH ROW EXECUTE FUNCTION project_search_keys_on_projects()`,
];

const TEXT_MATCHES = `CREATE OR REPLACE FUNCTION jx_search_text_matches(name text, code text, pattern text) RETURNS boolean
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE COST 1000 AS $search_keys$
BEGIN
  RETURN name ILIKE pattern OR code ILIKE pattern;
END$search_keys$`;
