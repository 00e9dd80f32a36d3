import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an evaluation's entries were last saved (null: never saved since it was started). Generated
 * from the entities; the last statement of `up` is hand-written: evaluations saved before this
 * column existed take the time of their last successful save from the audit log, and ones already
 * submitted at least their submission time, so only those never saved read as "not saved yet".
 */

export class EvaluationSavedAt1796067314006 implements MigrationInterface {
  name = 'EvaluationSavedAt1796067314006';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluations" ADD "saved_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "evaluations" e SET "saved_at" = COALESCE(
         (SELECT max(a.occurred_at) FROM "audit_logs" a
           WHERE a.entity_type = 'evaluation' AND a.action = 'evaluation.save' AND a.result = 'success' AND a.entity_id = e.id::text),
         e.submitted_at)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluations" DROP COLUMN "saved_at"`);
  }
}
