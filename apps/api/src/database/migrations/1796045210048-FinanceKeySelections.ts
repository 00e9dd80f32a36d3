import { MigrationInterface, QueryRunner } from 'typeorm';

export class FinanceKeySelections1796045210048 implements MigrationInterface {
  name = 'FinanceKeySelections1796045210048';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "finance_key_selections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" integer NOT NULL, "selected" jsonb NOT NULL, "removed" jsonb NOT NULL DEFAULT '[]', "candidates" integer NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8cb1f57af3575d3b315a24295e0" UNIQUE ("year"), CONSTRAINT "PK_7808060a4c3d496fc1cb22535b7" PRIMARY KEY ("id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "finance_key_selections"`);
  }
}
