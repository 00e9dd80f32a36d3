import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commissioning evaluations to third-party agencies (issue 9, R13, N8): `evaluation_commissions`
 * (one per evaluation: justification, checklist, declaration, platform reference, grade of the work),
 * `evaluation_commission_files` (the agency's work papers and report) and
 * `evaluations.agency_organization_id`, the assignment an agency's data scope reads. Generated.
 */

export class EvaluationCommissions1796058655015 implements MigrationInterface {
  name = 'EvaluationCommissions1796058655015';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evaluation_commission_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "evaluation_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "agency_organization_id" uuid NOT NULL, "file_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "attached_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_34ac33bc8d4f0e1a2caba80666f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_5516251861804c1a2da104cdca" ON "evaluation_commission_files"  ("evaluation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_fef932343a33130dd14f65a69e" ON "evaluation_commission_files"  ("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "evaluation_commissions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "evaluation_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "agency_organization_id" uuid NOT NULL, "commissioning_organization_id" uuid NOT NULL, "justification" text NOT NULL, "checklist" jsonb NOT NULL DEFAULT '[]', "declaration_signed" boolean NOT NULL DEFAULT false, "declaration_file_id" uuid, "declaration_text" text, "declared_on" date NOT NULL, "platform_reference" character varying(100), "commissioned_on" date NOT NULL, "commissioned_by_id" uuid, "grade" character varying(16), "grade_comment" text, "graded_by_id" uuid, "graded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_746e2dc03c6732368c3ca3bfd4a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8042d51c4cd5e2ff97251ec2e4" ON "evaluation_commissions"  ("evaluation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_d79ec79b7396a2c1835a23cc3c" ON "evaluation_commissions"  ("organization_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_2dd2b54dd7fe37ec01e6e55d67" ON "evaluation_commissions"  ("agency_organization_id") `);
    await queryRunner.query(`ALTER TABLE "evaluations" ADD "agency_organization_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_d6797fcd5062ff3824c2eb5a95" ON "evaluations"  ("agency_organization_id") `);
    await queryRunner.query(
      `ALTER TABLE "evaluation_commission_files" ADD CONSTRAINT "FK_5516251861804c1a2da104cdcac" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_commission_files" ADD CONSTRAINT "FK_bd21a704478a8f1f1f2d2fd00f1" FOREIGN KEY ("file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_commissions" ADD CONSTRAINT "FK_8042d51c4cd5e2ff97251ec2e43" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluation_commissions" DROP CONSTRAINT "FK_8042d51c4cd5e2ff97251ec2e43"`);
    await queryRunner.query(`ALTER TABLE "evaluation_commission_files" DROP CONSTRAINT "FK_bd21a704478a8f1f1f2d2fd00f1"`);
    await queryRunner.query(`ALTER TABLE "evaluation_commission_files" DROP CONSTRAINT "FK_5516251861804c1a2da104cdcac"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d6797fcd5062ff3824c2eb5a95"`);
    await queryRunner.query(`ALTER TABLE "evaluations" DROP COLUMN "agency_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2dd2b54dd7fe37ec01e6e55d67"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d79ec79b7396a2c1835a23cc3c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8042d51c4cd5e2ff97251ec2e4"`);
    await queryRunner.query(`DROP TABLE "evaluation_commissions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fef932343a33130dd14f65a69e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5516251861804c1a2da104cdca"`);
    await queryRunner.query(`DROP TABLE "evaluation_commission_files"`);
  }
}
