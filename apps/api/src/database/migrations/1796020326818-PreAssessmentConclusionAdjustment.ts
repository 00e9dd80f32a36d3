import { MigrationInterface, QueryRunner } from 'typeorm';

export class PreAssessmentConclusionAdjustment1796020326818 implements MigrationInterface {
  name = 'PreAssessmentConclusionAdjustment1796020326818';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pre_assessments" ADD "conclusion_departure_reason" text`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" ADD "adjustment_required" text`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" ADD "adjustment_completed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" ADD "adjustment_completed_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" ADD "adjustment_note" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pre_assessments" DROP COLUMN "adjustment_note"`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" DROP COLUMN "adjustment_completed_by_id"`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" DROP COLUMN "adjustment_completed_at"`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" DROP COLUMN "adjustment_required"`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" DROP COLUMN "conclusion_departure_reason"`);
  }
}
