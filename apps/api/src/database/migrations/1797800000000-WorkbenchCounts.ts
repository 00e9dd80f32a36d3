import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the workbench (every user's landing page) counts what waits for the caller,
 * each item its list's rows. On the generated city year the bureau's counts read the tables: the targets
 * of a status in the year through the status index and then every row (14 ms for the 7,900 submitted),
 * the trackings waiting for review (47,000 pending) and their unanswered warnings by sequential scans
 * (35 ms), the self-evaluations and pre-assessments of a status through their status indexes (5–9 ms).
 * Now each is read from an index alone: the targets, evaluations (by kind too) and pre-assessments by year
 * and status (and organization, for a department's count), the pending trackings of a year (with their
 * organization and id, for the scope and the anti-join) and the unanswered warnings by tracking.
 */
export class WorkbenchCounts1797800000000 implements MigrationInterface {
  name = 'WorkbenchCounts1797800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "targets_year_status" ON "targets" ("year", "status", "organization_id")`);
    await queryRunner.query(
      `CREATE INDEX "trackings_review_pending" ON "trackings" ("year", "organization_id", "id") WHERE "review_status" = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX "tracking_warnings_unanswered" ON "tracking_warnings" ("tracking_id") WHERE "answer" IS NULL`);
    await queryRunner.query(`CREATE INDEX "evaluations_year_kind_status" ON "evaluations" ("year", "kind", "status", "organization_id")`);
    await queryRunner.query(`CREATE INDEX "pre_assessments_year_status" ON "pre_assessments" ("year", "status", "organization_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "pre_assessments_year_status"`);
    await queryRunner.query(`DROP INDEX "evaluations_year_kind_status"`);
    await queryRunner.query(`DROP INDEX "tracking_warnings_unanswered"`);
    await queryRunner.query(`DROP INDEX "trackings_review_pending"`);
    await queryRunner.query(`DROP INDEX "targets_year_status"`);
  }
}
