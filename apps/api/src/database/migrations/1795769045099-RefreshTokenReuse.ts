import { MigrationInterface, QueryRunner } from 'typeorm';

export class RefreshTokenReuse1795769045099 implements MigrationInterface {
  name = 'RefreshTokenReuse1795769045099';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_2cfe695ca36ba6e4d54c5cd94a"`);
    await queryRunner.query(`CREATE TABLE "auth_used_refresh_tokens" ("token_hash" character varying(64) NOT NULL, "session_id" uuid NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7d7ff9030544d985ea2b373af0" PRIMARY KEY ("token_hash"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5a3b71505e3273fb0d59404e00" ON "auth_used_refresh_tokens"  ("session_id") `);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "previous_refresh_token_hash"`);
    await queryRunner.query(`ALTER TABLE "auth_used_refresh_tokens" ADD CONSTRAINT "FK_5a3b71505e3273fb0d59404e00c" FOREIGN KEY ("session_id") REFERENCES "auth_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth_used_refresh_tokens" DROP CONSTRAINT "FK_5a3b71505e3273fb0d59404e00c"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" ADD "previous_refresh_token_hash" character varying(64)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5a3b71505e3273fb0d59404e00"`);
    await queryRunner.query(`DROP TABLE "auth_used_refresh_tokens"`);
    await queryRunner.query(`CREATE INDEX "IDX_2cfe695ca36ba6e4d54c5cd94a" ON "auth_sessions" USING btree ("previous_refresh_token_hash") `);
  }
}
