import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): GET /evaluations sorts by creation, newest first, then project code
 * (`-createdAt,projectCode`). The whole city's page sorted every evaluation of the year created at
 * the same moment (an import, a year's start: 900 in the generated year) joined to its project for
 * the code — 14 ms of its statement. As trackings do (migration TrackingProjectCode), the code is
 * copied onto the evaluation (evaluations.project_code), kept current by triggers whoever writes (an
 * evaluation takes its project's code; a project's code change reaches its evaluations), and the
 * list's order within a year and kind is one index: a page is read from it in list order.
 */
export class EvaluationProjectCode1796210000000 implements MigrationInterface {
  name = 'EvaluationProjectCode1796210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluations" ADD "project_code" character varying(64)`);
    await queryRunner.query(`UPDATE "evaluations" e SET "project_code" = p.code FROM "projects" p WHERE p.id = e.project_id`);
    await queryRunner.query(`ALTER TABLE "evaluations" ALTER COLUMN "project_code" SET NOT NULL`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION evaluations_project_code() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.project_code := (SELECT p.code FROM projects p WHERE p.id = NEW.project_id);
  RETURN NEW;
END $f$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION projects_code_to_evaluations() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  UPDATE evaluations SET project_code = NEW.code WHERE project_id = NEW.id AND project_code IS DISTINCT FROM NEW.code;
  RETURN NULL;
END $f$`);
    await queryRunner.query(
      `CREATE TRIGGER evaluations_project_code_write BEFORE INSERT OR UPDATE OF project_id, project_code ON evaluations
        FOR EACH ROW EXECUTE FUNCTION evaluations_project_code()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER projects_code_to_evaluations AFTER UPDATE OF code ON projects
        FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION projects_code_to_evaluations()`,
    );
    // The list's default order (-createdAt, projectCode, id) within a year and kind.
    await queryRunner.query(`DROP INDEX "public"."evaluations_list_order"`);
    await queryRunner.query(
      `CREATE INDEX "evaluations_list_order" ON "evaluations" ("year", "kind", "created_at" DESC, "project_code", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."evaluations_list_order"`);
    await queryRunner.query(`CREATE INDEX "evaluations_list_order" ON "evaluations" ("created_at" DESC)`);
    await queryRunner.query(`DROP TRIGGER projects_code_to_evaluations ON projects`);
    await queryRunner.query(`DROP TRIGGER evaluations_project_code_write ON evaluations`);
    await queryRunner.query(`DROP FUNCTION projects_code_to_evaluations()`);
    await queryRunner.query(`DROP FUNCTION evaluations_project_code()`);
    await queryRunner.query(`ALTER TABLE "evaluations" DROP COLUMN "project_code"`);
  }
}
