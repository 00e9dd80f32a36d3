import { MigrationInterface, QueryRunner } from 'typeorm';

// Generated; the generator's DROP/CREATE of the hand-made partial index "IDX_audit_logs_unsealed" was removed by hand.

export class DistrictSettings1796023267343 implements MigrationInterface {
  name = 'DistrictSettings1796023267343';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "settings" ("key" character varying(64) NOT NULL, "value" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_id" uuid, CONSTRAINT "PK_c8639b7626fa94ba8265628f214" PRIMARY KEY ("key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "settings"`);
  }
}
