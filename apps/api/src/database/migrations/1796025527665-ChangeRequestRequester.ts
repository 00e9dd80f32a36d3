import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChangeRequestRequester1796025527665 implements MigrationInterface {
  name = 'ChangeRequestRequester1796025527665';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "target_change_requests" ADD "requested_by_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "target_change_requests" DROP COLUMN "requested_by_id"`);
  }
}
