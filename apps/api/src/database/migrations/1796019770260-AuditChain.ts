import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditChain1796019770260 implements MigrationInterface {
  name = 'AuditChain1796019770260';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_checkpoints" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "seq" bigint NOT NULL, "head_hash" character(64) NOT NULL, "signature" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_00d27c519361818fba5bb6602d" ON "audit_checkpoints"  ("seq") `);
    await queryRunner.query(`CREATE TABLE "audit_refusal_counters" ("actor_key" character varying(100) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_546b6b7b4e13b9276b3a8296b31" PRIMARY KEY ("actor_key", "window_start"))`);
    await queryRunner.query(`ALTER TABLE "audit_logs" ADD "seq" bigint`);
    await queryRunner.query(`ALTER TABLE "audit_logs" ADD "hash" character(64)`);
    await queryRunner.query(`ALTER TABLE "audit_logs" ADD "sealed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0fcafb39fdc3239647c3a4eeeb" ON "audit_logs"  ("seq") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_0fcafb39fdc3239647c3a4eeeb"`);
    await queryRunner.query(`ALTER TABLE "audit_logs" DROP COLUMN "sealed_at"`);
    await queryRunner.query(`ALTER TABLE "audit_logs" DROP COLUMN "hash"`);
    await queryRunner.query(`ALTER TABLE "audit_logs" DROP COLUMN "seq"`);
    await queryRunner.query(`DROP TABLE "audit_refusal_counters"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_00d27c519361818fba5bb6602d"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
  }
}
