import { MigrationInterface, QueryRunner } from 'typeorm';

export class Evaluations1796043827966 implements MigrationInterface {
  name = 'Evaluations1796043827966';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "evaluation_findings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "evaluation_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "finding" text NOT NULL, "basis" text, "amount" numeric(18,2), "suggested_measure" text, CONSTRAINT "PK_ebb4ee89a263bb958f92fca9ebf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7cbaa7f58ccba16572c63eba05" ON "evaluation_findings"  ("evaluation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_af5584bc3913e15f1857cc63ca" ON "evaluation_findings"  ("organization_id") `);
    await queryRunner.query(`CREATE TABLE "evaluation_indicators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "evaluation_id" uuid NOT NULL, "target_indicator_id" uuid NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "indicator" jsonb NOT NULL, "actual" character varying(64), "band" character varying(32), "explanation" text, CONSTRAINT "PK_8b72fcc84949434253bb6ebe540" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ebeeb3b0ac99f5840b68306b55" ON "evaluation_indicators"  ("evaluation_id", "target_indicator_id") `);
    await queryRunner.query(`CREATE TABLE "evaluations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" character varying(16) NOT NULL, "project_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "year" integer NOT NULL, "work_year" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "executed_amount" numeric(18,2), "execution_rate" numeric(9,2), "score" numeric(6,2), "grade" character varying(16), "template_scores" jsonb NOT NULL DEFAULT '{}', "breakdown" jsonb NOT NULL DEFAULT '{}', "summary" text, "review_comment" text, "actors" jsonb NOT NULL DEFAULT '{}', "submitted_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f683b433eba0e6dae7e19b29e29" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_160163ad1c81820057fde3ddbb" ON "evaluations"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_187083c9f44000018857eab655" ON "evaluations"  ("organization_id", "year", "kind") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3ff32bf50b6541d34e58464f57" ON "evaluations"  ("project_id", "kind") `);
    await queryRunner.query(`ALTER TABLE "evaluation_findings" ADD CONSTRAINT "FK_7cbaa7f58ccba16572c63eba05e" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evaluation_indicators" ADD CONSTRAINT "FK_fc1f1c36fb6714326fa31124469" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evaluations" ADD CONSTRAINT "FK_1ef6dac1b07cb19f36ffece4307" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluations" DROP CONSTRAINT "FK_1ef6dac1b07cb19f36ffece4307"`);
    await queryRunner.query(`ALTER TABLE "evaluation_indicators" DROP CONSTRAINT "FK_fc1f1c36fb6714326fa31124469"`);
    await queryRunner.query(`ALTER TABLE "evaluation_findings" DROP CONSTRAINT "FK_7cbaa7f58ccba16572c63eba05e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3ff32bf50b6541d34e58464f57"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_187083c9f44000018857eab655"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_160163ad1c81820057fde3ddbb"`);
    await queryRunner.query(`DROP TABLE "evaluations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ebeeb3b0ac99f5840b68306b55"`);
    await queryRunner.query(`DROP TABLE "evaluation_indicators"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_af5584bc3913e15f1857cc63ca"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7cbaa7f58ccba16572c63eba05"`);
    await queryRunner.query(`DROP TABLE "evaluation_findings"`);
  }
}
