import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The default order of the target, pre-assessment and evaluation lists read from an index, so a
 * district-wide first page reads its 21 rows instead of sorting every row of the year (city scale,
 * EXPLAIN ANALYZE on jixiao_bench_city: targets 300 → 1 ms, pre-assessments 280 → 1 ms, evaluations
 * 380 → 50 ms). Mixed directions (newest first, then id ascending, the list's tie-break), which
 * TypeORM's @Index cannot express, so the entities declare them with `synchronize: false`.
 */
export class ListOrderIndexes1796072000000 implements MigrationInterface {
  name = 'ListOrderIndexes1796072000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "targets_list_order" ON "targets" ("updated_at" DESC, "id")`);
    await queryRunner.query(`CREATE INDEX "pre_assessments_list_order" ON "pre_assessments" ("updated_at" DESC, "id")`);
    await queryRunner.query(`CREATE INDEX "evaluations_list_order" ON "evaluations" ("created_at" DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."evaluations_list_order"`);
    await queryRunner.query(`DROP INDEX "public"."pre_assessments_list_order"`);
    await queryRunner.query(`DROP INDEX "public"."targets_list_order"`);
  }
}
