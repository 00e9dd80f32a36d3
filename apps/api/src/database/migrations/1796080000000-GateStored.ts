import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the budget gate (R5, R7) and the target coverage counts (R6) are stored and
 * kept current by the writes that change them, in the same transaction, whoever writes (services,
 * imports, the demo seeder, a DBA's statement): projects.gate_status / gate_reasons / target_status
 * and target_coverage_counts, recomputed by triggers on targets, pre_assessments, projects and
 * policy_profiles (a change of what the gate reads of a year's profile recomputes that year).
 *
 * The function bodies are the text src/modules/budget-gate/gate-stored.sql.ts generates from
 * libs/domain (`budgetGateReasonsSql`) as of this migration, embedded literally;
 * test/gate-stored.e2e-spec.ts fails when the rule changes without a migration replacing them.
 */
export class GateStored1796080000000 implements MigrationInterface {
  name = 'GateStored1796080000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "gate_status" character varying(16) NOT NULL DEFAULT 'blocked'`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "gate_reasons" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "target_status" character varying(32)`);
    await queryRunner.query(
      `CREATE TABLE "target_coverage_counts" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "kind" character varying(32) NOT NULL,
        "total" integer NOT NULL DEFAULT 0, "approved" integer NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id", "kind"))`,
    );
    // GET /budget-gate?status= (by year, then code); the coverage list of what misses an approved target; a code's other years (R5).
    await queryRunner.query(`CREATE INDEX "projects_gate" ON "projects" ("year", "gate_status", "code")`);
    await queryRunner.query(
      `CREATE INDEX "projects_target_missing" ON "projects" ("year", "code") WHERE target_status IS DISTINCT FROM 'approved'`,
    );
    await queryRunner.query(`CREATE INDEX "projects_code_year" ON "projects" ("code", "year")`);
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
    // Backfill: every year's gates and counts.
    await queryRunner.query(
      `SELECT gate_recompute_year(y), target_coverage_rebuild_year(y) FROM (SELECT DISTINCT year AS y FROM projects) years`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of [
      'gate_targets_write ON targets',
      'gate_targets_update ON targets',
      'gate_pre_assessments_write ON pre_assessments',
      'gate_pre_assessments_update ON pre_assessments',
      'gate_projects_write ON projects',
      'gate_projects_update ON projects',
      'gate_policy_profiles_write ON policy_profiles',
      'gate_policy_profiles_update ON policy_profiles',
      'target_coverage_projects_write ON projects',
      'target_coverage_projects_update ON projects',
    ]) {
      await queryRunner.query(`DROP TRIGGER ${trigger}`);
    }
    await queryRunner.query(`DROP FUNCTION target_coverage_on_projects()`);
    await queryRunner.query(`DROP FUNCTION gate_on_policy_profiles()`);
    await queryRunner.query(`DROP FUNCTION gate_on_projects()`);
    await queryRunner.query(`DROP FUNCTION gate_on_pre_assessments()`);
    await queryRunner.query(`DROP FUNCTION gate_on_targets()`);
    await queryRunner.query(`DROP FUNCTION target_coverage_rebuild_year(integer)`);
    await queryRunner.query(`DROP FUNCTION gate_recompute_year(integer)`);
    await queryRunner.query(`DROP FUNCTION gate_recompute(uuid[], text[])`);
    await queryRunner.query(`DROP INDEX "public"."projects_code_year"`);
    await queryRunner.query(`DROP INDEX "public"."projects_target_missing"`);
    await queryRunner.query(`DROP INDEX "public"."projects_gate"`);
    await queryRunner.query(`DROP TABLE "target_coverage_counts"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "target_status"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "gate_reasons"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "gate_status"`);
  }
}

export const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION gate_recompute(ids uuid[], codes text[]) RETURNS void LANGUAGE plpgsql AS $gate$
BEGIN
  -- The given projects, and every project of the given codes (R5: a supporting pre-assessment counts for later years).
  WITH g AS MATERIALIZED (
    SELECT p.id, t.status AS target_status, array_remove(ARRAY[CASE WHEN t.status IS NULL THEN 'NO_TARGET' WHEN (t.status = 'rejected' OR coalesce(nullif(t.review_grade, ''), CASE WHEN pp."values" IS NOT NULL AND t.review_score IS NOT NULL THEN (CASE WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'excellent')::numeric THEN 'excellent' WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'good')::numeric THEN 'good' WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'pass')::numeric THEN 'fair' ELSE 'poor' END) END) = 'poor') IS TRUE THEN 'TARGET_REVIEW_POOR' WHEN t.status IN ('in_consultation', 'consultation_submitted') THEN 'TARGET_IN_CONSULTATION' WHEN t.status <> 'approved' THEN 'TARGET_NOT_APPROVED' END, CASE WHEN (CASE (pp."values"->'preAssessment'->>'requirement') WHEN 'new_major_or_new_capital' THEN ((p.is_new AND p.is_major) OR (p.is_new AND p.is_capital_construction)) ELSE ((p.is_new AND p.is_major) OR (p.is_capital_construction)) END) IS NOT TRUE THEN NULL WHEN pa.status = 'accepted' THEN CASE WHEN pa.conclusion = 'reject' THEN 'PRE_ASSESSMENT_REJECTED' WHEN NOT ((pa.status = 'accepted' AND (pa.conclusion = 'support' OR (pa.conclusion = 'support_after_adjustment' AND (pa.adjustment_completed_at IS NOT NULL)))) IS TRUE) THEN CASE WHEN pa.conclusion = 'support_after_adjustment' THEN 'PRE_ASSESSMENT_ADJUSTMENT_PENDING' ELSE 'PRE_ASSESSMENT_MISSING' END END WHEN (EXISTS (SELECT 1 FROM projects ep JOIN pre_assessments epa ON epa.project_id = ep.id WHERE ep.code = p.code AND ep.year < p.year AND ((epa.status = 'accepted' AND (epa.conclusion = 'support' OR (epa.conclusion = 'support_after_adjustment' AND (epa.adjustment_completed_at IS NOT NULL)))) IS TRUE))) IS NOT TRUE THEN 'PRE_ASSESSMENT_MISSING' END]::text[], NULL) AS reasons
      FROM projects p
      LEFT JOIN targets t ON t.project_id = p.id
      LEFT JOIN pre_assessments pa ON pa.project_id = p.id
      LEFT JOIN policy_profiles pp ON pp.year = p.year
     WHERE p.id = ANY(ids) OR p.code = ANY(codes))
  UPDATE projects q
     SET gate_reasons = g.reasons,
         gate_status = CASE WHEN cardinality(g.reasons) = 0 THEN 'ready' ELSE 'blocked' END,
         target_status = g.target_status
    FROM g
   WHERE q.id = g.id AND (q.gate_reasons, q.target_status) IS DISTINCT FROM (g.reasons, g.target_status);
END$gate$`,
  `CREATE OR REPLACE FUNCTION gate_recompute_year(y integer) RETURNS void LANGUAGE plpgsql AS $gate$
BEGIN
  WITH g AS MATERIALIZED (
    SELECT p.id, t.status AS target_status, array_remove(ARRAY[CASE WHEN t.status IS NULL THEN 'NO_TARGET' WHEN (t.status = 'rejected' OR coalesce(nullif(t.review_grade, ''), CASE WHEN pp."values" IS NOT NULL AND t.review_score IS NOT NULL THEN (CASE WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'excellent')::numeric THEN 'excellent' WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'good')::numeric THEN 'good' WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'pass')::numeric THEN 'fair' ELSE 'poor' END) END) = 'poor') IS TRUE THEN 'TARGET_REVIEW_POOR' WHEN t.status IN ('in_consultation', 'consultation_submitted') THEN 'TARGET_IN_CONSULTATION' WHEN t.status <> 'approved' THEN 'TARGET_NOT_APPROVED' END, CASE WHEN (CASE (pp."values"->'preAssessment'->>'requirement') WHEN 'new_major_or_new_capital' THEN ((p.is_new AND p.is_major) OR (p.is_new AND p.is_capital_construction)) ELSE ((p.is_new AND p.is_major) OR (p.is_capital_construction)) END) IS NOT TRUE THEN NULL WHEN pa.status = 'accepted' THEN CASE WHEN pa.conclusion = 'reject' THEN 'PRE_ASSESSMENT_REJECTED' WHEN NOT ((pa.status = 'accepted' AND (pa.conclusion = 'support' OR (pa.conclusion = 'support_after_adjustment' AND (pa.adjustment_completed_at IS NOT NULL)))) IS TRUE) THEN CASE WHEN pa.conclusion = 'support_after_adjustment' THEN 'PRE_ASSESSMENT_ADJUSTMENT_PENDING' ELSE 'PRE_ASSESSMENT_MISSING' END END WHEN (es.first_year < p.year) IS NOT TRUE THEN 'PRE_ASSESSMENT_MISSING' END]::text[], NULL) AS reasons
      FROM projects p
      LEFT JOIN targets t ON t.project_id = p.id
      LEFT JOIN pre_assessments pa ON pa.project_id = p.id
      LEFT JOIN policy_profiles pp ON pp.year = p.year
      LEFT JOIN (SELECT ep.code, min(ep.year) AS first_year FROM projects ep JOIN pre_assessments epa ON epa.project_id = ep.id
                        WHERE ((epa.status = 'accepted' AND (epa.conclusion = 'support' OR (epa.conclusion = 'support_after_adjustment' AND (epa.adjustment_completed_at IS NOT NULL)))) IS TRUE) GROUP BY ep.code) es ON es.code = p.code
     WHERE p.year = y)
  UPDATE projects q
     SET gate_reasons = g.reasons,
         gate_status = CASE WHEN cardinality(g.reasons) = 0 THEN 'ready' ELSE 'blocked' END,
         target_status = g.target_status
    FROM g
   WHERE q.id = g.id AND (q.gate_reasons, q.target_status) IS DISTINCT FROM (g.reasons, g.target_status);
END$gate$`,
  `CREATE OR REPLACE FUNCTION target_coverage_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $gate$
BEGIN
  DELETE FROM target_coverage_counts WHERE year = y;
  INSERT INTO target_coverage_counts (year, organization_id, kind, total, approved)
  SELECT year, organization_id, kind, count(*), count(*) FILTER (WHERE target_status = 'approved')
    FROM projects WHERE year = y GROUP BY year, organization_id, kind;
END$gate$`,
  `CREATE OR REPLACE FUNCTION gate_on_targets() RETURNS trigger LANGUAGE plpgsql AS $gate$
DECLARE ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || OLD.project_id; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || NEW.project_id; END IF;
  PERFORM gate_recompute(ids, '{}');
  RETURN NULL;
END$gate$`,
  `CREATE OR REPLACE FUNCTION gate_on_pre_assessments() RETURNS trigger LANGUAGE plpgsql AS $gate$
DECLARE ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || OLD.project_id; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || NEW.project_id; END IF;
  PERFORM gate_recompute(ids, ARRAY(SELECT code FROM projects WHERE id = ANY(ids)));
  RETURN NULL;
END$gate$`,
  `CREATE OR REPLACE FUNCTION gate_on_projects() RETURNS trigger LANGUAGE plpgsql AS $gate$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM gate_recompute(ARRAY[NEW.id], '{}');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM gate_recompute('{}', ARRAY[OLD.code]);
  ELSIF (OLD.code, OLD.year) IS DISTINCT FROM (NEW.code, NEW.year) THEN
    PERFORM gate_recompute(ARRAY[NEW.id], ARRAY[OLD.code, NEW.code]);
  ELSE
    PERFORM gate_recompute(ARRAY[NEW.id], '{}');
  END IF;
  RETURN NULL;
END$gate$`,
  `CREATE OR REPLACE FUNCTION gate_on_policy_profiles() RETURNS trigger LANGUAGE plpgsql AS $gate$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM gate_recompute_year(NEW.year);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM gate_recompute_year(OLD.year);
  ELSIF NEW.year <> OLD.year THEN
    PERFORM gate_recompute_year(OLD.year);
    PERFORM gate_recompute_year(NEW.year);
  ELSIF OLD."values" #> '{preAssessment,requirement}' IS DISTINCT FROM NEW."values" #> '{preAssessment,requirement}' OR OLD."values" #> '{targetReview,grades}' IS DISTINCT FROM NEW."values" #> '{targetReview,grades}' THEN
    PERFORM gate_recompute_year(NEW.year);
  END IF;
  RETURN NULL;
END$gate$`,
  `CREATE OR REPLACE FUNCTION target_coverage_on_projects() RETURNS trigger LANGUAGE plpgsql AS $gate$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved)
    VALUES (OLD.year, OLD.organization_id, OLD.kind, -1, CASE WHEN OLD.target_status = 'approved' THEN -1 ELSE 0 END)
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved)
    VALUES (NEW.year, NEW.organization_id, NEW.kind, 1, CASE WHEN NEW.target_status = 'approved' THEN 1 ELSE 0 END)
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
  END IF;
  RETURN NULL;
END$gate$`,
];

export const TRIGGERS = [
  `CREATE TRIGGER gate_targets_write AFTER INSERT OR DELETE ON targets FOR EACH ROW EXECUTE FUNCTION gate_on_targets()`,
  `CREATE TRIGGER gate_targets_update AFTER UPDATE OF status, review_grade, review_score, project_id ON targets FOR EACH ROW
    WHEN ((OLD.status, OLD.review_grade, OLD.review_score, OLD.project_id) IS DISTINCT FROM (NEW.status, NEW.review_grade, NEW.review_score, NEW.project_id))
    EXECUTE FUNCTION gate_on_targets()`,
  `CREATE TRIGGER gate_pre_assessments_write AFTER INSERT OR DELETE ON pre_assessments FOR EACH ROW EXECUTE FUNCTION gate_on_pre_assessments()`,
  `CREATE TRIGGER gate_pre_assessments_update AFTER UPDATE OF status, conclusion, adjustment_completed_at, project_id ON pre_assessments FOR EACH ROW
    WHEN ((OLD.status, OLD.conclusion, OLD.adjustment_completed_at IS NULL, OLD.project_id) IS DISTINCT FROM (NEW.status, NEW.conclusion, NEW.adjustment_completed_at IS NULL, NEW.project_id))
    EXECUTE FUNCTION gate_on_pre_assessments()`,
  `CREATE TRIGGER gate_projects_write AFTER INSERT OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION gate_on_projects()`,
  `CREATE TRIGGER gate_projects_update AFTER UPDATE OF is_new, is_major, is_capital_construction, code, year ON projects FOR EACH ROW
    WHEN ((OLD.is_new, OLD.is_major, OLD.is_capital_construction, OLD.code, OLD.year) IS DISTINCT FROM (NEW.is_new, NEW.is_major, NEW.is_capital_construction, NEW.code, NEW.year))
    EXECUTE FUNCTION gate_on_projects()`,
  `CREATE TRIGGER gate_policy_profiles_write AFTER INSERT OR DELETE ON policy_profiles FOR EACH ROW EXECUTE FUNCTION gate_on_policy_profiles()`,
  `CREATE TRIGGER gate_policy_profiles_update AFTER UPDATE OF year, "values" ON policy_profiles FOR EACH ROW
    WHEN (OLD.year <> NEW.year OR OLD."values" #> '{preAssessment,requirement}' IS DISTINCT FROM NEW."values" #> '{preAssessment,requirement}' OR OLD."values" #> '{targetReview,grades}' IS DISTINCT FROM NEW."values" #> '{targetReview,grades}')
    EXECUTE FUNCTION gate_on_policy_profiles()`,
  `CREATE TRIGGER target_coverage_projects_write AFTER INSERT OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION target_coverage_on_projects()`,
  `CREATE TRIGGER target_coverage_projects_update AFTER UPDATE OF year, organization_id, kind, target_status ON projects FOR EACH ROW
    WHEN ((OLD.year, OLD.organization_id, OLD.kind, OLD.target_status) IS DISTINCT FROM (NEW.year, NEW.organization_id, NEW.kind, NEW.target_status))
    EXECUTE FUNCTION target_coverage_on_projects()`,
];
