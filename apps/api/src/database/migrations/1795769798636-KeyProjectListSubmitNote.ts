import { MigrationInterface, QueryRunner } from 'typeorm';

export class KeyProjectListSubmitNote1795769798636 implements MigrationInterface {
  name = 'KeyProjectListSubmitNote1795769798636';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "key_project_lists" ADD "submit_note" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "key_project_lists" DROP COLUMN "submit_note"`);
  }
}
