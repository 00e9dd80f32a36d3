import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, then edited by hand: TypeORM wrote the wider status columns as DROP + ADD, which
 * would lose every target's status and event history; they are ALTER COLUMN … TYPE here instead.
 * N5 consultation (comment, who submitted the revision) and the longer target states
 * (department_review, in_consultation, consultation_submitted).
 */
export class TargetConsultationAndPreReview1796020221159 implements MigrationInterface {
  name = 'TargetConsultationAndPreReview1796020221159';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "targets" ADD "consultation_comment" text`);
    await queryRunner.query(`ALTER TABLE "targets" ADD "consultation_submitted_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "target_events" ALTER COLUMN "from_status" TYPE character varying(32)`);
    await queryRunner.query(`ALTER TABLE "target_events" ALTER COLUMN "to_status" TYPE character varying(32)`);
    await queryRunner.query(`ALTER TABLE "targets" ALTER COLUMN "status" TYPE character varying(32)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // States that do not fit the old columns fall back to where they came from.
    await queryRunner.query(`UPDATE "targets" SET "status" = 'submitted' WHERE "status" = 'department_review'`);
    await queryRunner.query(`UPDATE "targets" SET "status" = 'approved' WHERE "status" IN ('in_consultation', 'consultation_submitted')`);
    for (const column of ['from_status', 'to_status']) {
      await queryRunner.query(
        `UPDATE "target_events" SET "${column}" = CASE "${column}" WHEN 'department_review' THEN 'submitted' ELSE 'approved' END
          WHERE "${column}" IN ('department_review', 'in_consultation', 'consultation_submitted')`,
      );
    }
    await queryRunner.query(`ALTER TABLE "targets" ALTER COLUMN "status" TYPE character varying(16)`);
    await queryRunner.query(`ALTER TABLE "target_events" ALTER COLUMN "to_status" TYPE character varying(16)`);
    await queryRunner.query(`ALTER TABLE "target_events" ALTER COLUMN "from_status" TYPE character varying(16)`);
    await queryRunner.query(`ALTER TABLE "targets" DROP COLUMN "consultation_submitted_by_id"`);
    await queryRunner.query(`ALTER TABLE "targets" DROP COLUMN "consultation_comment"`);
  }
}
