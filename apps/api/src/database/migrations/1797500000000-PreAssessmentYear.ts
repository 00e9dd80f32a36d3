import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): GET /pre-assessments?year= filtered the year on the project, so finance's
 * bounded count on the generated city year joined ~10,000 pre-assessments to the 168,000 projects of
 * the year (a hash join over the projects' index, 28 ms of the page's statement). As evaluations carry
 * their project's code (migration EvaluationProjectCode), a pre-assessment carries its project's year
 * (pre_assessments.year), kept current by row triggers whoever writes — a pre-assessment takes its
 * project's year when written, a project whose year changes gives it to its pre-assessment — and the
 * list's order within a year is one index (pre_assessments_year_order); the order without a year keeps
 * its own (pre_assessments_list_order).
 */
export class PreAssessmentYear1797500000000 implements MigrationInterface {
  name = 'PreAssessmentYear1797500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pre_assessments" ADD "year" integer`);
    await queryRunner.query(`UPDATE "pre_assessments" pa SET "year" = p.year FROM "projects" p WHERE p.id = pa.project_id`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" ALTER COLUMN "year" SET NOT NULL`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION pre_assessments_year() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.year := (SELECT p.year FROM projects p WHERE p.id = NEW.project_id);
  RETURN NEW;
END $f$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION projects_year_to_pre_assessments() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  UPDATE pre_assessments SET year = NEW.year WHERE project_id = NEW.id AND year IS DISTINCT FROM NEW.year;
  RETURN NULL;
END $f$`);
    await queryRunner.query(
      `CREATE TRIGGER pre_assessments_year_write BEFORE INSERT OR UPDATE OF project_id, year ON pre_assessments
        FOR EACH ROW EXECUTE FUNCTION pre_assessments_year()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER projects_year_to_pre_assessments AFTER UPDATE OF year ON projects
        FOR EACH ROW WHEN (OLD.year IS DISTINCT FROM NEW.year) EXECUTE FUNCTION projects_year_to_pre_assessments()`,
    );
    // The list's default order (-updatedAt, id) within a year.
    await queryRunner.query(`CREATE INDEX "pre_assessments_year_order" ON "pre_assessments" ("year", "updated_at" DESC, "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."pre_assessments_year_order"`);
    await queryRunner.query(`DROP TRIGGER projects_year_to_pre_assessments ON projects`);
    await queryRunner.query(`DROP TRIGGER pre_assessments_year_write ON pre_assessments`);
    await queryRunner.query(`DROP FUNCTION projects_year_to_pre_assessments()`);
    await queryRunner.query(`DROP FUNCTION pre_assessments_year()`);
    await queryRunner.query(`ALTER TABLE "pre_assessments" DROP COLUMN "year"`);
  }
}
