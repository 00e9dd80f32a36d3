import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationFilesAnyEvaluation1796067683053 implements MigrationInterface {
  name = 'EvaluationFilesAnyEvaluation1796067683053';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluation_commission_files" ALTER COLUMN "agency_organization_id" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluation_commission_files" ALTER COLUMN "agency_organization_id" SET NOT NULL`);
  }
}
