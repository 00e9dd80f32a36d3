import { MigrationInterface, QueryRunner } from 'typeorm';

export class TwoFactorAuth1796019879256 implements MigrationInterface {
  name = 'TwoFactorAuth1796019879256';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "mfa_secret" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "mfa_pending_secret" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "mfa_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "mfa_last_step" integer`);
    await queryRunner.query(`ALTER TABLE "users" ADD "mfa_recovery_codes" text array NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mfa_recovery_codes"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mfa_last_step"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mfa_enabled_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mfa_pending_secret"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mfa_secret"`);
  }
}
