import { MigrationInterface, QueryRunner } from 'typeorm';

export class PolicyProfileSchemaVersion1796019589413 implements MigrationInterface {
  name = 'PolicyProfileSchemaVersion1796019589413';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy_profiles" ADD "schema_version" integer NOT NULL DEFAULT '1'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy_profiles" DROP COLUMN "schema_version"`);
  }
}
