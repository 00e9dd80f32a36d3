import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the lists of budget adjustment suggestions (GET /trackings/adjustment-suggestions,
 * by year, newest first) and of target change requests (GET /targets/change-requests, every year, newest
 * first) sorted every row in the caller's scope for a page — for the bureau 4,000 suggestions of the
 * generated city year and 3,800 change requests, growing year on year (the change requests have no year
 * filter). Each list's default order is now an index (TypeORM cannot express DESC): PostgreSQL reads the
 * page's rows in order and stops.
 */
export class SuggestionAndChangeRequestOrder1797600000000 implements MigrationInterface {
  name = 'SuggestionAndChangeRequestOrder1797600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "budget_adjustment_suggestions_year_order" ON "budget_adjustment_suggestions" ("year", "created_at" DESC, "id")`,
    );
    await queryRunner.query(`CREATE INDEX "target_change_requests_list_order" ON "target_change_requests" ("created_at" DESC, "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "target_change_requests_list_order"`);
    await queryRunner.query(`DROP INDEX "budget_adjustment_suggestions_year_order"`);
  }
}
