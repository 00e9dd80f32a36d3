import { MigrationInterface, QueryRunner } from 'typeorm';

export class Trackings1796031644483 implements MigrationInterface {
  name = 'Trackings1796031644483';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "budget_adjustment_suggestions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "warning_id" uuid NOT NULL, "tracking_id" uuid NOT NULL, "project_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "year" integer NOT NULL, "kind" character varying(8) NOT NULL, "amount" numeric(18,2) NOT NULL, "reason" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e75f91d7a89679dd4fe629aab06" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_059241409dd33f9c54598d734a" ON "budget_adjustment_suggestions"  ("warning_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5d15c6085d39a765d7e3c8ec26" ON "budget_adjustment_suggestions"  ("organization_id", "year", "status") `);
    await queryRunner.query(`CREATE TABLE "project_budget_adjustments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "amount" numeric(18,2) NOT NULL, "approved_on" date NOT NULL, "reason" text NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_10e871acba654b2c6456ed0a30d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_82af1f9c2ec80852870b0440d3" ON "project_budget_adjustments"  ("project_id", "approved_on") `);
    await queryRunner.query(`CREATE TABLE "tracking_fund_sources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tracking_id" uuid NOT NULL, "source" character varying(32) NOT NULL, "amount" numeric(18,2) NOT NULL, CONSTRAINT "PK_69fd9f8b8a5c56c2fb7a7ed995d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8790d64179350170ef6f28230d" ON "tracking_fund_sources"  ("tracking_id", "source") `);
    await queryRunner.query(`CREATE TABLE "tracking_indicator_readings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tracking_id" uuid NOT NULL, "target_indicator_id" uuid NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "indicator" jsonb NOT NULL, "value_so_far" character varying(64), "band" character varying(32), "degree" numeric(9,2), "will_reach" character varying(8), "deviation_reason" text, "measures" text, CONSTRAINT "PK_2966168bef12a8b75717836605d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e4c1ee8faba5b6a67f37254d40" ON "tracking_indicator_readings"  ("tracking_id", "target_indicator_id") `);
    await queryRunner.query(`CREATE TABLE "tracking_warnings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tracking_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "code" character varying(32) NOT NULL, "rule" character varying(8) NOT NULL, "threshold" numeric(9,2) NOT NULL, "actual" numeric(9,2) NOT NULL, "checkpoint_month" integer, "message" text NOT NULL, "message_en" text NOT NULL, "answer_due" date NOT NULL, "years_without_calendar" jsonb NOT NULL DEFAULT '[]', "answer" character varying(16), "answer_reason" text, "answered_on" date, "answered_late" boolean NOT NULL DEFAULT false, "answered_by_id" uuid, "answer_amount" numeric(18,2), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4df5bbecb866c7d02a0858823fb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ce09a97821aa1e57d5ceb627a7" ON "tracking_warnings"  ("organization_id", "answer") `);
    await queryRunner.query(`CREATE TABLE "trackings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "project_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "year" integer NOT NULL, "as_of" date NOT NULL, "executed_amount" numeric(18,2) NOT NULL, "base" character varying(16) NOT NULL, "base_amount" numeric(18,2) NOT NULL, "execution_rate" numeric(9,2) NOT NULL, "achievement_rate" numeric(9,2), "round" character varying(16) NOT NULL, "round_due" date NOT NULL, "note" text, "created_by_id" uuid, "review_status" character varying(16) NOT NULL DEFAULT 'pending', "reviewed_by_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "review_comment" text, CONSTRAINT "PK_8d2bbd5e716298fa0b70749f9eb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5209de8484f1e2776bb057e5f3" ON "trackings"  ("project_id", "as_of") `);
    await queryRunner.query(`CREATE INDEX "IDX_fd22c33ab9b5c6968e91e298ec" ON "trackings"  ("organization_id", "year") `);
    await queryRunner.query(`ALTER TABLE "tracking_fund_sources" ADD CONSTRAINT "FK_ef33499ed4f26b408b96b1a485d" FOREIGN KEY ("tracking_id") REFERENCES "trackings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tracking_indicator_readings" ADD CONSTRAINT "FK_c5c72e14146562064b1271a77e1" FOREIGN KEY ("tracking_id") REFERENCES "trackings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tracking_warnings" ADD CONSTRAINT "FK_06fa146ac6d133c2a8a250806a5" FOREIGN KEY ("tracking_id") REFERENCES "trackings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "trackings" ADD CONSTRAINT "FK_8978c2fe0e787c72a13d4fd59c5" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trackings" DROP CONSTRAINT "FK_8978c2fe0e787c72a13d4fd59c5"`);
    await queryRunner.query(`ALTER TABLE "tracking_warnings" DROP CONSTRAINT "FK_06fa146ac6d133c2a8a250806a5"`);
    await queryRunner.query(`ALTER TABLE "tracking_indicator_readings" DROP CONSTRAINT "FK_c5c72e14146562064b1271a77e1"`);
    await queryRunner.query(`ALTER TABLE "tracking_fund_sources" DROP CONSTRAINT "FK_ef33499ed4f26b408b96b1a485d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fd22c33ab9b5c6968e91e298ec"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5209de8484f1e2776bb057e5f3"`);
    await queryRunner.query(`DROP TABLE "trackings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ce09a97821aa1e57d5ceb627a7"`);
    await queryRunner.query(`DROP TABLE "tracking_warnings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e4c1ee8faba5b6a67f37254d40"`);
    await queryRunner.query(`DROP TABLE "tracking_indicator_readings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8790d64179350170ef6f28230d"`);
    await queryRunner.query(`DROP TABLE "tracking_fund_sources"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_82af1f9c2ec80852870b0440d3"`);
    await queryRunner.query(`DROP TABLE "project_budget_adjustments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5d15c6085d39a765d7e3c8ec26"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_059241409dd33f9c54598d734a"`);
    await queryRunner.query(`DROP TABLE "budget_adjustment_suggestions"`);
  }
}
