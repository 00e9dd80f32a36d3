import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationSpotChecks1796060190279 implements MigrationInterface {
  name = 'EvaluationSpotChecks1796060190279';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "evaluation_spot_check_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "spot_check_id" uuid NOT NULL, "evaluation_id" uuid NOT NULL, "sort_order" integer NOT NULL, "verdict" character varying(16) NOT NULL DEFAULT 'pending', "findings" text, "checked_by_id" uuid, "checked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4a085e66d1f888641aa07cfe94c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_b90f4fd540662c89eef72b5939" ON "evaluation_spot_check_items"  ("evaluation_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_dfa478faff3b52c0d4b2806269" ON "evaluation_spot_check_items"  ("spot_check_id", "evaluation_id") `);
    await queryRunner.query(`CREATE TABLE "evaluation_spot_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "year" integer NOT NULL, "organization_id" uuid, "sample_size" integer NOT NULL, "population" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "conclusion" text, "drawn_by_id" uuid NOT NULL, "drawn_at" TIMESTAMP WITH TIME ZONE NOT NULL, "concluded_by_id" uuid, "concluded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b35c2532d535db9c8667504db91" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8405e558edba00d6e71024be71" ON "evaluation_spot_checks"  ("year", "drawn_at") `);
    await queryRunner.query(`ALTER TABLE "evaluation_spot_check_items" ADD CONSTRAINT "FK_f15fdec941a6cfd9cbf789839ba" FOREIGN KEY ("spot_check_id") REFERENCES "evaluation_spot_checks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evaluation_spot_check_items" ADD CONSTRAINT "FK_b90f4fd540662c89eef72b59390" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluation_spot_check_items" DROP CONSTRAINT "FK_b90f4fd540662c89eef72b59390"`);
    await queryRunner.query(`ALTER TABLE "evaluation_spot_check_items" DROP CONSTRAINT "FK_f15fdec941a6cfd9cbf789839ba"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8405e558edba00d6e71024be71"`);
    await queryRunner.query(`DROP TABLE "evaluation_spot_checks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dfa478faff3b52c0d4b2806269"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b90f4fd540662c89eef72b5939"`);
    await queryRunner.query(`DROP TABLE "evaluation_spot_check_items"`);
  }
}
