import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): a project's organization's name is stored on the project
 * (`organization_name`) and kept current by the writes that change it, in the same transaction: a
 * row trigger before a project is written with an organization takes its name, an organization's
 * rename gives the new name to its projects. The project list's JSON (and its searches) reads the
 * column instead of a correlated subquery that a search planned at every request, locking
 * organizations and its four indexes each time (the backend's sixteen fast-path locks were already
 * taken by projects' own).
 *
 * The function bodies and triggers are the text src/modules/projects/organization-name-stored.sql.ts
 * generates, embedded literally; test/organization-name-stored.e2e-spec.ts fails when they change
 * without a migration replacing them.
 */
export class ProjectOrganizationNameStored1797100000000 implements MigrationInterface {
  name = 'ProjectOrganizationNameStored1797100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "organization_name" character varying(200)`);
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    // Backfill before the triggers exist: every year's projects from their organizations.
    await queryRunner.query(`SELECT project_organization_name_rebuild_year(y) FROM (SELECT DISTINCT year AS y FROM projects) years`);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER project_organization_name_organizations ON organizations`);
    await queryRunner.query(`DROP TRIGGER project_organization_name_projects ON projects`);
    await queryRunner.query(`DROP FUNCTION project_organization_name_rebuild_year(integer)`);
    await queryRunner.query(`DROP FUNCTION project_organization_name_on_organizations()`);
    await queryRunner.query(`DROP FUNCTION project_organization_name_on_projects()`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "organization_name"`);
  }
}

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION project_organization_name_on_projects() RETURNS trigger LANGUAGE plpgsql AS $organization_name$
BEGIN
  NEW.organization_name := (SELECT o.name FROM organizations o WHERE o.id = NEW.organization_id);
  RETURN NEW;
END$organization_name$`,
  `CREATE OR REPLACE FUNCTION project_organization_name_on_organizations() RETURNS trigger LANGUAGE plpgsql AS $organization_name$
BEGIN
  UPDATE projects SET organization_name = NEW.name WHERE organization_id = NEW.id AND organization_name IS DISTINCT FROM NEW.name;
  RETURN NULL;
END$organization_name$`,
  `CREATE OR REPLACE FUNCTION project_organization_name_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $organization_name$
BEGIN
  -- The names from the organizations (the same, or what they should be where triggers were off, as during a bulk load); only changed rows written.
  UPDATE projects p SET organization_name = o.name FROM organizations o
   WHERE p.year = y AND o.id = p.organization_id AND p.organization_name IS DISTINCT FROM o.name;
END$organization_name$`,
];

const TRIGGERS = [
  `CREATE TRIGGER project_organization_name_projects BEFORE INSERT OR UPDATE OF organization_id ON projects FOR EACH ROW EXECUTE FUNCTION project_organization_name_on_projects()`,
  `CREATE TRIGGER project_organization_name_organizations AFTER UPDATE OF name ON organizations FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION project_organization_name_on_organizations()`,
];
