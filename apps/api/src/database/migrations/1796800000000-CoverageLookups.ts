import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the whole city's target coverage (GET /budget-gate/coverage) read every
 * organization three times to find the departments and towns (704 of 4,942 on the generated city
 * year) and every row of the year's stored counts to find who filed an overall expenditure (4,852 of
 * 27,321): 6.5 ms of PostgreSQL's time a request, more than the bare server's whole statement.
 * - `organizations_kind` (declared on the entity): the departments and towns, and the active units,
 *   by kind.
 * - `target_coverage_counts_overall_filed` (hand-written, partial; the counts table has no entity):
 *   the organizations that filed an overall expenditure in a year, read from the index alone.
 * Measured on the city year, the finance statement over one connection with its generic plan:
 * 6.5 → 4.3 ms of backend CPU (without either index 6.5, with the counts' index alone 5.1).
 */
export class CoverageLookups1796800000000 implements MigrationInterface {
  name = 'CoverageLookups1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "organizations_kind" ON "organizations" ("kind", "active")`);
    await queryRunner.query(
      `CREATE INDEX "target_coverage_counts_overall_filed" ON "target_coverage_counts" ("year", "organization_id")
        WHERE "kind" = 'department_overall' AND "total" > 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."target_coverage_counts_overall_filed"`);
    await queryRunner.query(`DROP INDEX "public"."organizations_kind"`);
  }
}
