import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the five-year coverage planner's inputs (R4) are stored and kept current by
 * the writes that change them, in the same transaction: per project whether it is a key project on
 * its year's threshold (projects.is_key) and its last key evaluation year (projects.key_last_year),
 * and the key projects per (year, organization, last key evaluation year, first listed year)
 * (key_coverage_counts), by triggers on projects, evaluation_records and policy_profiles.
 *
 * The function bodies and triggers are the text src/modules/key-project-lists/key-coverage-stored.sql.ts
 * generates, embedded literally; test/key-coverage-stored.e2e-spec.ts fails when they change without
 * a migration replacing them.
 */
export class KeyCoverageStored1796140000000 implements MigrationInterface {
  name = 'KeyCoverageStored1796140000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "is_key" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "key_last_year" integer`);
    await queryRunner.query(
      `CREATE TABLE "key_coverage_counts" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "last_year" integer NOT NULL,
        "first_listed" integer NOT NULL, "projects" integer NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id", "last_year", "first_listed"))`,
    );
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    // Backfill before the triggers exist: every year's projects, then the counts from them.
    await queryRunner.query(`SELECT key_coverage_rebuild_year(y) FROM (SELECT DISTINCT year AS y FROM projects) years`);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [trigger, table] of [
      ['key_coverage_policy_profiles_update', 'policy_profiles'],
      ['key_coverage_policy_profiles_write', 'policy_profiles'],
      ['key_coverage_evaluation_records_update', 'evaluation_records'],
      ['key_coverage_evaluation_records_write', 'evaluation_records'],
      ['key_coverage_projects_update', 'projects'],
      ['key_coverage_projects_write', 'projects'],
      ['key_coverage_projects_before', 'projects'],
    ]) {
      await queryRunner.query(`DROP TRIGGER ${trigger} ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION key_coverage_on_policy_profiles()`);
    await queryRunner.query(`DROP FUNCTION key_coverage_on_evaluation_records()`);
    await queryRunner.query(`DROP FUNCTION key_coverage_on_projects()`);
    await queryRunner.query(`DROP FUNCTION key_coverage_on_projects_before()`);
    await queryRunner.query(`DROP FUNCTION key_coverage_rebuild_year(integer)`);
    await queryRunner.query(`DROP FUNCTION key_coverage_recompute(integer)`);
    await queryRunner.query(`DROP FUNCTION key_coverage_refresh(text, uuid)`);
    await queryRunner.query(`DROP TABLE "key_coverage_counts"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "key_last_year"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "is_key"`);
  }
}

export const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION key_coverage_refresh(c text, org uuid) RETURNS void LANGUAGE plpgsql AS $keycov$
BEGIN
  UPDATE projects p SET key_last_year = s.last
    FROM (SELECT q.id, (SELECT GREATEST(q.last_key_evaluation_year, (SELECT MAX(ker.year) FROM evaluation_records ker WHERE ker.project_code = q.code AND ker.organization_id = q.organization_id AND ker.kind IN ('department', 'finance_key')))) AS last FROM projects q WHERE q.code = c AND q.organization_id = org) s
   WHERE p.id = s.id AND p.key_last_year IS DISTINCT FROM s.last;
END$keycov$`,
  `CREATE OR REPLACE FUNCTION key_coverage_recompute(y integer) RETURNS void LANGUAGE plpgsql AS $keycov$
BEGIN
  WITH k AS MATERIALIZED (SELECT (SELECT (pp."values"#>>'{keyProjects,amountThreshold}')::numeric FROM policy_profiles pp WHERE pp.year = y) AS threshold),
    s AS MATERIALIZED (SELECT q.id, (q.kind IN ('project', 'policy') AND (q.manual_key_basis IS NOT NULL OR COALESCE(q.budget_amount >= k.threshold, false))) AS is_key FROM projects q, k WHERE q.year = y)
  UPDATE projects p SET is_key = s.is_key FROM s WHERE p.id = s.id AND p.is_key IS DISTINCT FROM s.is_key;
END$keycov$`,
  `CREATE OR REPLACE FUNCTION key_coverage_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $keycov$
BEGIN
  -- Every project of the year set-based (as after a bulk load with the triggers off), then the counts from the rows.
  WITH k AS MATERIALIZED (SELECT (SELECT (pp."values"#>>'{keyProjects,amountThreshold}')::numeric FROM policy_profiles pp WHERE pp.year = y) AS threshold),
    s AS MATERIALIZED (
      SELECT q.id, (q.kind IN ('project', 'policy') AND (q.manual_key_basis IS NOT NULL OR COALESCE(q.budget_amount >= k.threshold, false))) AS is_key, GREATEST(q.last_key_evaluation_year, ker.year) AS last
        FROM projects q CROSS JOIN k
        LEFT JOIN (SELECT ker.project_code, ker.organization_id, MAX(ker.year) AS year FROM evaluation_records ker WHERE ker.kind IN ('department', 'finance_key') GROUP BY 1, 2) ker ON ker.project_code = q.code AND ker.organization_id = q.organization_id
       WHERE q.year = y)
  UPDATE projects p SET is_key = s.is_key, key_last_year = s.last
    FROM s WHERE p.id = s.id AND (p.is_key, p.key_last_year) IS DISTINCT FROM (s.is_key, s.last);
  DELETE FROM key_coverage_counts WHERE year = y;
  INSERT INTO key_coverage_counts (year, organization_id, last_year, first_listed, projects)
  SELECT p.year, p.organization_id, COALESCE(p.key_last_year, 0), LEAST(COALESCE(p.start_year, p.year), p.year), count(*)
    FROM projects p WHERE p.year = y AND p.is_key GROUP BY 1, 2, 3, 4;
END$keycov$`,
  `CREATE OR REPLACE FUNCTION key_coverage_on_projects_before() RETURNS trigger LANGUAGE plpgsql AS $keycov$
DECLARE threshold numeric := (SELECT (pp."values"#>>'{keyProjects,amountThreshold}')::numeric FROM policy_profiles pp WHERE pp.year = NEW.year);
BEGIN
  NEW.is_key := (NEW.kind IN ('project', 'policy') AND (NEW.manual_key_basis IS NOT NULL OR COALESCE(NEW.budget_amount >= threshold, false)));
  NEW.key_last_year := (SELECT GREATEST(NEW.last_key_evaluation_year, (SELECT MAX(ker.year) FROM evaluation_records ker WHERE ker.project_code = NEW.code AND ker.organization_id = NEW.organization_id AND ker.kind IN ('department', 'finance_key'))));
  RETURN NEW;
END$keycov$`,
  `CREATE OR REPLACE FUNCTION key_coverage_on_projects() RETURNS trigger LANGUAGE plpgsql AS $keycov$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.is_key THEN
      INSERT INTO key_coverage_counts AS c (year, organization_id, last_year, first_listed, projects)
        VALUES (OLD.year, OLD.organization_id, COALESCE(OLD.key_last_year, 0), LEAST(COALESCE(OLD.start_year, OLD.year), OLD.year), -1)
        ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.is_key THEN
      INSERT INTO key_coverage_counts AS c (year, organization_id, last_year, first_listed, projects)
        VALUES (NEW.year, NEW.organization_id, COALESCE(NEW.key_last_year, 0), LEAST(COALESCE(NEW.start_year, NEW.year), NEW.year), 1)
        ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    END IF;
  END IF;
  RETURN NULL;
END$keycov$`,
  `CREATE OR REPLACE FUNCTION key_coverage_on_evaluation_records() RETURNS trigger LANGUAGE plpgsql AS $keycov$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM key_coverage_refresh(OLD.project_code, OLD.organization_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM key_coverage_refresh(NEW.project_code, NEW.organization_id); END IF;
  RETURN NULL;
END$keycov$`,
  `CREATE OR REPLACE FUNCTION key_coverage_on_policy_profiles() RETURNS trigger LANGUAGE plpgsql AS $keycov$
BEGIN
  -- Updates come only when the year or the threshold changed (the trigger's WHEN).
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.year <> OLD.year) THEN PERFORM key_coverage_recompute(OLD.year); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM key_coverage_recompute(NEW.year); END IF;
  RETURN NULL;
END$keycov$`,
];

export const TRIGGERS = [
  `CREATE TRIGGER key_coverage_projects_before BEFORE INSERT OR UPDATE OF year, kind, budget_amount, manual_key_basis, code, organization_id, last_key_evaluation_year ON projects FOR EACH ROW EXECUTE FUNCTION key_coverage_on_projects_before()`,
  `CREATE TRIGGER key_coverage_projects_write AFTER INSERT OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION key_coverage_on_projects()`,
  `CREATE TRIGGER key_coverage_projects_update AFTER UPDATE OF year, kind, budget_amount, manual_key_basis, code, organization_id, last_key_evaluation_year, is_key, key_last_year, start_year ON projects FOR EACH ROW WHEN ((OLD.year, OLD.organization_id, OLD.is_key, OLD.key_last_year, OLD.start_year) IS DISTINCT FROM (NEW.year, NEW.organization_id, NEW.is_key, NEW.key_last_year, NEW.start_year)) EXECUTE FUNCTION key_coverage_on_projects()`,
  `CREATE TRIGGER key_coverage_evaluation_records_write AFTER INSERT OR DELETE ON evaluation_records FOR EACH ROW EXECUTE FUNCTION key_coverage_on_evaluation_records()`,
  `CREATE TRIGGER key_coverage_evaluation_records_update AFTER UPDATE OF project_code, organization_id, kind, year ON evaluation_records FOR EACH ROW WHEN ((OLD.project_code, OLD.organization_id, OLD.kind, OLD.year) IS DISTINCT FROM (NEW.project_code, NEW.organization_id, NEW.kind, NEW.year)) EXECUTE FUNCTION key_coverage_on_evaluation_records()`,
  `CREATE TRIGGER key_coverage_policy_profiles_write AFTER INSERT OR DELETE ON policy_profiles FOR EACH ROW EXECUTE FUNCTION key_coverage_on_policy_profiles()`,
  `CREATE TRIGGER key_coverage_policy_profiles_update AFTER UPDATE OF year, "values" ON policy_profiles FOR EACH ROW WHEN (OLD.year <> NEW.year OR OLD."values"#>'{keyProjects,amountThreshold}' IS DISTINCT FROM NEW."values"#>'{keyProjects,amountThreshold}') EXECUTE FUNCTION key_coverage_on_policy_profiles()`,
];
