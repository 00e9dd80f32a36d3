import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackingWarningsByTracking1796045549609 implements MigrationInterface {
  name = 'TrackingWarningsByTracking1796045549609';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_06fa146ac6d133c2a8a250806a" ON "tracking_warnings"  ("tracking_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_06fa146ac6d133c2a8a250806a"`);
  }
}
