import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): GET /evaluation-records lists the records newest year first, then by project
 * code and kind. For the bureau that sorted every record of the city for each page (80,000 in the generated
 * city year, a year's evaluations more every year). The list's default order is now an index (TypeORM
 * cannot express DESC), which PostgreSQL reads in order and stops at the page's end.
 */
export class EvaluationRecordOrder1797700000000 implements MigrationInterface {
  name = 'EvaluationRecordOrder1797700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "evaluation_records_list_order" ON "evaluation_records" ("year" DESC, "project_code", "kind", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "evaluation_records_list_order"`);
  }
}
