import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the self-evaluation coverage (R11) is stored and kept current by the
 * writes that change it, in the same transaction: each project's self-evaluation status
 * (projects.self_evaluation_status) and the projects per (year, organization, status)
 * (evaluation_coverage_counts), by triggers on evaluations and projects.
 *
 * The function bodies and triggers are the text src/modules/evaluations/evaluation-coverage-stored.sql.ts
 * generates, embedded literally; test/evaluation-coverage-stored.e2e-spec.ts fails when they change
 * without a migration replacing them.
 */
export class EvaluationCoverageStored1796110000000 implements MigrationInterface {
  name = 'EvaluationCoverageStored1796110000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "self_evaluation_status" character varying(16)`);
    await queryRunner.query(
      `CREATE TABLE "evaluation_coverage_counts" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "status" character varying(16) NOT NULL,
        "projects" integer NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id", "status"))`,
    );
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    // Backfill before the triggers exist: every year's projects, then the counts from them.
    await queryRunner.query(`SELECT evaluation_coverage_rebuild_year(y) FROM (SELECT DISTINCT year AS y FROM projects) years`);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER evaluation_coverage_evaluations_update ON evaluations`);
    await queryRunner.query(`DROP TRIGGER evaluation_coverage_evaluations_write ON evaluations`);
    await queryRunner.query(`DROP TRIGGER evaluation_coverage_projects_update ON projects`);
    await queryRunner.query(`DROP TRIGGER evaluation_coverage_projects_write ON projects`);
    await queryRunner.query(`DROP FUNCTION evaluation_coverage_on_evaluations()`);
    await queryRunner.query(`DROP FUNCTION evaluation_coverage_on_projects()`);
    await queryRunner.query(`DROP FUNCTION evaluation_coverage_rebuild_year(integer)`);
    await queryRunner.query(`DROP FUNCTION evaluation_coverage_refresh(uuid[])`);
    await queryRunner.query(`DROP TABLE "evaluation_coverage_counts"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "self_evaluation_status"`);
  }
}

export const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION evaluation_coverage_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $coverage$
BEGIN
  UPDATE projects p SET self_evaluation_status = s.status
    FROM (SELECT q.id, e.status FROM projects q LEFT JOIN evaluations e ON e.project_id = q.id AND e.kind = 'self' WHERE q.id = ANY(ids)) s
   WHERE p.id = s.id AND p.self_evaluation_status IS DISTINCT FROM s.status;
END$coverage$`,
  `CREATE OR REPLACE FUNCTION evaluation_coverage_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $coverage$
BEGIN
  UPDATE projects p SET self_evaluation_status = s.status
    FROM (SELECT q.id, e.status FROM projects q LEFT JOIN evaluations e ON e.project_id = q.id AND e.kind = 'self' WHERE q.year = y) s
   WHERE p.id = s.id AND p.self_evaluation_status IS DISTINCT FROM s.status;
  DELETE FROM evaluation_coverage_counts WHERE year = y;
  INSERT INTO evaluation_coverage_counts (year, organization_id, status, projects)
  SELECT year, organization_id, COALESCE(self_evaluation_status, ''), count(*) FROM projects WHERE year = y GROUP BY 1, 2, 3;
END$coverage$`,
  `CREATE OR REPLACE FUNCTION evaluation_coverage_on_projects() RETURNS trigger LANGUAGE plpgsql AS $coverage$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO evaluation_coverage_counts AS c (year, organization_id, status, projects)
        VALUES (OLD.year, OLD.organization_id, COALESCE(OLD.self_evaluation_status, ''), -1)
        ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO evaluation_coverage_counts AS c (year, organization_id, status, projects)
        VALUES (NEW.year, NEW.organization_id, COALESCE(NEW.self_evaluation_status, ''), 1)
        ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$coverage$`,
  `CREATE OR REPLACE FUNCTION evaluation_coverage_on_evaluations() RETURNS trigger LANGUAGE plpgsql AS $coverage$
DECLARE ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || OLD.project_id; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || NEW.project_id; END IF;
  PERFORM evaluation_coverage_refresh(ids);
  RETURN NULL;
END$coverage$`,
];

export const TRIGGERS = [
  `CREATE TRIGGER evaluation_coverage_projects_write AFTER INSERT OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION evaluation_coverage_on_projects()`,
  `CREATE TRIGGER evaluation_coverage_projects_update AFTER UPDATE OF year, organization_id, self_evaluation_status ON projects FOR EACH ROW
    WHEN ((OLD.year, OLD.organization_id, OLD.self_evaluation_status) IS DISTINCT FROM (NEW.year, NEW.organization_id, NEW.self_evaluation_status))
    EXECUTE FUNCTION evaluation_coverage_on_projects()`,
  `CREATE TRIGGER evaluation_coverage_evaluations_write AFTER INSERT OR DELETE ON evaluations FOR EACH ROW EXECUTE FUNCTION evaluation_coverage_on_evaluations()`,
  `CREATE TRIGGER evaluation_coverage_evaluations_update AFTER UPDATE OF status, kind, project_id ON evaluations FOR EACH ROW
    WHEN ((OLD.status, OLD.kind, OLD.project_id) IS DISTINCT FROM (NEW.status, NEW.kind, NEW.project_id))
    EXECUTE FUNCTION evaluation_coverage_on_evaluations()`,
];
