import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Searches over project names and codes (`ILIKE '%信息化%'` in the project, target, evaluation,
 * tracking and pre-assessment lists) read a trigram index instead of the table. pg_trgm is a
 * trusted extension (the database owner may create it); the embedded PGlite loads it too.
 */
export class ProjectSearchTrigram1796070000000 implements MigrationInterface {
  name = 'ProjectSearchTrigram1796070000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "projects_name_trgm" ON "projects" USING gin ("name" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "projects_code_trgm" ON "projects" USING gin ("code" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."projects_code_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."projects_name_trgm"`);
  }
}
