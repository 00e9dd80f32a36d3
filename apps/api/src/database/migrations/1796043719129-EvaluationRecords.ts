import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationRecords1796043719129 implements MigrationInterface {
  name = 'EvaluationRecords1796043719129';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "evaluation_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "project_code" character varying(64) NOT NULL, "organization_id" uuid NOT NULL, "year" integer NOT NULL, "kind" character varying(16) NOT NULL, "score" numeric(5,2) NOT NULL, "grade" character varying(16) NOT NULL, "evaluator" character varying(200), "source" character varying(16) NOT NULL, "evaluation_id" uuid, "source_file" character varying(255), "recorded_by_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_evaluation_records_score" CHECK ("score" >= 0), CONSTRAINT "CHK_evaluation_records_source" CHECK ("source" IN ('history_import', 'evaluation')), CONSTRAINT "CHK_evaluation_records_grade" CHECK ("grade" IN ('excellent', 'good', 'fair', 'poor')), CONSTRAINT "CHK_evaluation_records_kind" CHECK ("kind" IN ('self', 'department', 'finance_key')), CONSTRAINT "PK_a7909adbe4600b23ead60806659" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ffaae183ac642dab21c77ef00a" ON "evaluation_records"  ("organization_id", "year") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d84ee8545f77b640d4eabf9982" ON "evaluation_records"  ("project_code", "organization_id", "year", "kind") `);
    await queryRunner.query(`ALTER TABLE "evaluation_records" ADD CONSTRAINT "FK_06b85abeb98066c0eedf68b96bc" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluation_records" DROP CONSTRAINT "FK_06b85abeb98066c0eedf68b96bc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d84ee8545f77b640d4eabf9982"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ffaae183ac642dab21c77ef00a"`);
    await queryRunner.query(`DROP TABLE "evaluation_records"`);
  }
}
