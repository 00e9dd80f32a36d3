import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): GET /trackings sorts by date, then project code (`-asOf,projectCode`).
 * The code is copied onto the tracking (trackings.project_code), kept current by triggers whoever
 * writes (a tracking takes its project's code; a project's code change reaches its trackings), so
 * a page is read from one index in list order rather than by sorting every tracking of the year.
 */
export class TrackingProjectCode1796093000000 implements MigrationInterface {
  name = 'TrackingProjectCode1796093000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trackings" ADD "project_code" character varying(64)`);
    await queryRunner.query(`UPDATE "trackings" t SET "project_code" = p.code FROM "projects" p WHERE p.id = t.project_id`);
    await queryRunner.query(`ALTER TABLE "trackings" ALTER COLUMN "project_code" SET NOT NULL`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION trackings_project_code() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.project_code := (SELECT p.code FROM projects p WHERE p.id = NEW.project_id);
  RETURN NEW;
END $f$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION projects_code_to_trackings() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  UPDATE trackings SET project_code = NEW.code WHERE project_id = NEW.id AND project_code IS DISTINCT FROM NEW.code;
  RETURN NULL;
END $f$`);
    await queryRunner.query(
      `CREATE TRIGGER trackings_project_code_write BEFORE INSERT OR UPDATE OF project_id, project_code ON trackings
        FOR EACH ROW EXECUTE FUNCTION trackings_project_code()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER projects_code_to_trackings AFTER UPDATE OF code ON projects
        FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION projects_code_to_trackings()`,
    );
    // The list's default order (-asOf, projectCode, id) within a year, district-wide or filtered by organization.
    await queryRunner.query(`CREATE INDEX "trackings_list_order" ON "trackings" ("year", "as_of" DESC, "project_code", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."trackings_list_order"`);
    await queryRunner.query(`DROP TRIGGER projects_code_to_trackings ON projects`);
    await queryRunner.query(`DROP TRIGGER trackings_project_code_write ON trackings`);
    await queryRunner.query(`DROP FUNCTION projects_code_to_trackings()`);
    await queryRunner.query(`DROP FUNCTION trackings_project_code()`);
    await queryRunner.query(`ALTER TABLE "trackings" DROP COLUMN "project_code"`);
  }
}
