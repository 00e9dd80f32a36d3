import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The third-party agency registry (issue 9, R13, N8). Generated from the entities; the last statement
 * of `up` is hand-written: every organization of kind `agency` that exists already gets its (empty)
 * registry entry, so the registry holds every agency from the start.
 */

export class Agencies1796044039114 implements MigrationInterface {
  name = 'Agencies1796044039114';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "agencies" ("id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "credit_code" character varying(18), "qualifications" jsonb NOT NULL DEFAULT '[]', "contacts" jsonb NOT NULL DEFAULT '[]', "state" character varying(16) NOT NULL DEFAULT 'active', "state_reason" text, "state_changed_on" date, "state_changed_by_id" uuid, "actors" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_8ab1f1f53f56c8255b0d7e68b28" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9c0a641ca6c55f0225f397d7bf" ON "agencies"  ("credit_code") `);
    await queryRunner.query(`CREATE INDEX "IDX_18f58cc84eabddf35ce69669cc" ON "agencies"  ("state") `);
    await queryRunner.query(`CREATE TABLE "agency_commission_grades" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "year" integer NOT NULL, "evaluation_reference" character varying(100) NOT NULL, "grade" character varying(16) NOT NULL, "comment" text, "graded_by_id" uuid, "graded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bfe22c14b12b9ecb73947cfac99" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e2127a0fd5ab8296df9bfa9070" ON "agency_commission_grades"  ("agency_id", "evaluation_reference") `);
    await queryRunner.query(`CREATE TABLE "agency_ties" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "tied_organization_id" uuid NOT NULL, "project_code" character varying(64), "description" text NOT NULL, "declared_on" date NOT NULL, "recorded_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3bf97afa5c83e636fb10843529f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8df4f0705e1dd3faca0ff42549" ON "agency_ties"  ("agency_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b3feb4159a3474d51bf080e81f" ON "agency_ties"  ("tied_organization_id") `);
    await queryRunner.query(`CREATE TABLE "agency_violations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "occurred_on" date NOT NULL, "description" text NOT NULL, "authority" character varying(200) NOT NULL, "recorded_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f96cdae0d5e517fa69d3d0a79dc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_24ce9586e197cbf152cc22cc47" ON "agency_violations"  ("agency_id", "occurred_on") `);
    await queryRunner.query(`ALTER TABLE "agencies" ADD CONSTRAINT "FK_8ab1f1f53f56c8255b0d7e68b28" FOREIGN KEY ("id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "agency_commission_grades" ADD CONSTRAINT "FK_cef4aff02944619c008e8cc3d5f" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "agency_ties" ADD CONSTRAINT "FK_8df4f0705e1dd3faca0ff425494" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "agency_ties" ADD CONSTRAINT "FK_b3feb4159a3474d51bf080e81f4" FOREIGN KEY ("tied_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "agency_violations" ADD CONSTRAINT "FK_4860d0c6a96c0f39974bbcde00e" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Hand-written: a registry entry for each agency organization made before the registry.
    await queryRunner.query(`INSERT INTO "agencies" ("id") SELECT "id" FROM "organizations" WHERE "kind" = 'agency'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agency_violations" DROP CONSTRAINT "FK_4860d0c6a96c0f39974bbcde00e"`);
    await queryRunner.query(`ALTER TABLE "agency_ties" DROP CONSTRAINT "FK_b3feb4159a3474d51bf080e81f4"`);
    await queryRunner.query(`ALTER TABLE "agency_ties" DROP CONSTRAINT "FK_8df4f0705e1dd3faca0ff425494"`);
    await queryRunner.query(`ALTER TABLE "agency_commission_grades" DROP CONSTRAINT "FK_cef4aff02944619c008e8cc3d5f"`);
    await queryRunner.query(`ALTER TABLE "agencies" DROP CONSTRAINT "FK_8ab1f1f53f56c8255b0d7e68b28"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_24ce9586e197cbf152cc22cc47"`);
    await queryRunner.query(`DROP TABLE "agency_violations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b3feb4159a3474d51bf080e81f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8df4f0705e1dd3faca0ff42549"`);
    await queryRunner.query(`DROP TABLE "agency_ties"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e2127a0fd5ab8296df9bfa9070"`);
    await queryRunner.query(`DROP TABLE "agency_commission_grades"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_18f58cc84eabddf35ce69669cc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9c0a641ca6c55f0225f397d7bf"`);
    await queryRunner.query(`DROP TABLE "agencies"`);
  }
}
