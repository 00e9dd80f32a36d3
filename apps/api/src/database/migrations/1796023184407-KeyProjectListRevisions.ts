import { MigrationInterface, QueryRunner } from 'typeorm';

// Generated, then edited by hand: the generator's DROP/CREATE of the hand-made partial index
// "IDX_audit_logs_unsealed" was removed, and the last statement of `up` (hand-written) records the
// lists already filed as their revision 1 from their item snapshot.

export class KeyProjectListRevisions1796023184407 implements MigrationInterface {
  name = 'KeyProjectListRevisions1796023184407';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "key_project_list_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "list_id" uuid NOT NULL, "revision" integer NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE, "submit_note" text, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "filed_by_id" uuid, "review_comment" text, "items" jsonb NOT NULL, "total_amount" numeric(18,2) NOT NULL, "amended_at" TIMESTAMP WITH TIME ZONE, "amended_by_id" uuid, "amend_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_897bfa5c67c200d6656990ce58a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_bc2d4b44a14cf06e5939154f5d" ON "key_project_list_revisions"  ("list_id", "revision") `,
    );
    await queryRunner.query(
      `ALTER TABLE "key_project_list_revisions" ADD CONSTRAINT "FK_041a7c06c4b615ee08a8eb090a7" FOREIGN KEY ("list_id") REFERENCES "key_project_lists"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      INSERT INTO "key_project_list_revisions"
        ("list_id", "revision", "submitted_at", "submit_note", "filed_at", "filed_by_id", "review_comment", "items", "total_amount")
      SELECT l."id", 1, l."submitted_at", l."submit_note", COALESCE(l."reviewed_at", l."updated_at"), l."reviewed_by_id", l."review_comment",
             COALESCE((SELECT jsonb_agg(jsonb_build_object(
                         'projectId', i."project_id", 'code', p."code", 'name', p."name", 'basis', i."basis",
                         'reason', i."reason", 'budgetAmount', i."budget_amount"::text) ORDER BY i."budget_amount" DESC, p."code")
                       FROM "key_project_list_items" i JOIN "projects" p ON p."id" = i."project_id"
                      WHERE i."list_id" = l."id"), '[]'::jsonb),
             COALESCE((SELECT SUM(i."budget_amount") FROM "key_project_list_items" i WHERE i."list_id" = l."id"), 0)
        FROM "key_project_lists" l
       WHERE l."status" = 'filed'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "key_project_list_revisions" DROP CONSTRAINT "FK_041a7c06c4b615ee08a8eb090a7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bc2d4b44a14cf06e5939154f5d"`);
    await queryRunner.query(`DROP TABLE "key_project_list_revisions"`);
  }
}
