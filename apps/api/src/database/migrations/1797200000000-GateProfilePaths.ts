import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the stored gate's recompute reads each year's profile as a small value holding
 * only what the rule reads (`BUDGET_GATE_PROFILE_PATHS`, made once a profile in a materialized `pp`)
 * instead of joining the whole profile, which PostgreSQL fetched and decompressed again at every read
 * of every project's row (about 6 kB compressed, kept out of line). A city year's recompute (a profile
 * change, a bulk load): computing 2.1 → 0.44 s. The same rule, the same results.
 *
 * The function bodies are the text src/modules/budget-gate/gate-stored.sql.ts generates (written by
 * `pnpm migration:generate`); test/gate-stored.e2e-spec.ts fails when they change without a migration.
 */
export class GateProfilePaths1797200000000 implements MigrationInterface {
  name = 'GateProfilePaths1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION gate_recompute(ids uuid[], codes text[]) RETURNS void LANGUAGE plpgsql AS $gate$
BEGIN
  -- The given projects, and every project of the given codes (R5: a supporting pre-assessment counts for later years).
  WITH pp AS MATERIALIZED (SELECT year, jsonb_build_object('preAssessment', jsonb_build_object('requirement', "values" #> '{preAssessment,requirement}'), 'targetReview', jsonb_build_object('grades', "values" #> '{targetReview,grades}')) AS "values" FROM policy_profiles),
  g AS MATERIALIZED (
    SELECT p.id, t.status AS target_status, array_remove(ARRAY[CASE WHEN t.status IS NULL THEN 'NO_TARGET' WHEN (t.status = 'rejected' OR coalesce(nullif(t.review_grade, ''), CASE WHEN pp."values" IS NOT NULL AND t.review_score IS NOT NULL THEN (CASE WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'excellent')::numeric THEN 'excellent' WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'good')::numeric THEN 'good' WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'pass')::numeric THEN 'fair' ELSE 'poor' END) END) = 'poor') IS TRUE THEN 'TARGET_REVIEW_POOR' WHEN t.status IN ('in_consultation', 'consultation_submitted') THEN 'TARGET_IN_CONSULTATION' WHEN t.status <> 'approved' THEN 'TARGET_NOT_APPROVED' END, CASE WHEN (CASE (pp."values"->'preAssessment'->>'requirement') WHEN 'new_major_or_new_capital' THEN ((p.is_new AND p.is_major) OR (p.is_new AND p.is_capital_construction)) ELSE ((p.is_new AND p.is_major) OR (p.is_capital_construction)) END) IS NOT TRUE THEN NULL WHEN pa.status = 'accepted' THEN CASE WHEN pa.conclusion = 'reject' THEN 'PRE_ASSESSMENT_REJECTED' WHEN NOT ((pa.status = 'accepted' AND (pa.conclusion = 'support' OR (pa.conclusion = 'support_after_adjustment' AND (pa.adjustment_completed_at IS NOT NULL)))) IS TRUE) THEN CASE WHEN pa.conclusion = 'support_after_adjustment' THEN 'PRE_ASSESSMENT_ADJUSTMENT_PENDING' ELSE 'PRE_ASSESSMENT_MISSING' END END WHEN (EXISTS (SELECT 1 FROM projects ep JOIN pre_assessments epa ON epa.project_id = ep.id WHERE ep.code = p.code AND ep.year < p.year AND ((epa.status = 'accepted' AND (epa.conclusion = 'support' OR (epa.conclusion = 'support_after_adjustment' AND (epa.adjustment_completed_at IS NOT NULL)))) IS TRUE))) IS NOT TRUE THEN 'PRE_ASSESSMENT_MISSING' END]::text[], NULL) AS reasons
      FROM projects p
      LEFT JOIN targets t ON t.project_id = p.id
      LEFT JOIN pre_assessments pa ON pa.project_id = p.id
      LEFT JOIN pp ON pp.year = p.year
     WHERE p.id = ANY(ids) OR p.code = ANY(codes))
  UPDATE projects q
     SET gate_reasons = g.reasons,
         gate_status = CASE WHEN cardinality(g.reasons) = 0 THEN 'ready' ELSE 'blocked' END,
         target_status = g.target_status
    FROM g
   WHERE q.id = g.id AND (q.gate_reasons, q.target_status) IS DISTINCT FROM (g.reasons, g.target_status);
END$gate$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION gate_recompute_year(y integer) RETURNS void LANGUAGE plpgsql AS $gate$
BEGIN
  WITH pp AS MATERIALIZED (SELECT year, jsonb_build_object('preAssessment', jsonb_build_object('requirement', "values" #> '{preAssessment,requirement}'), 'targetReview', jsonb_build_object('grades', "values" #> '{targetReview,grades}')) AS "values" FROM policy_profiles),
  g AS MATERIALIZED (
    SELECT p.id, t.status AS target_status, array_remove(ARRAY[CASE WHEN t.status IS NULL THEN 'NO_TARGET' WHEN (t.status = 'rejected' OR coalesce(nullif(t.review_grade, ''), CASE WHEN pp."values" IS NOT NULL AND t.review_score IS NOT NULL THEN (CASE WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'excellent')::numeric THEN 'excellent' WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'good')::numeric THEN 'good' WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'pass')::numeric THEN 'fair' ELSE 'poor' END) END) = 'poor') IS TRUE THEN 'TARGET_REVIEW_POOR' WHEN t.status IN ('in_consultation', 'consultation_submitted') THEN 'TARGET_IN_CONSULTATION' WHEN t.status <> 'approved' THEN 'TARGET_NOT_APPROVED' END, CASE WHEN (CASE (pp."values"->'preAssessment'->>'requirement') WHEN 'new_major_or_new_capital' THEN ((p.is_new AND p.is_major) OR (p.is_new AND p.is_capital_construction)) ELSE ((p.is_new AND p.is_major) OR (p.is_capital_construction)) END) IS NOT TRUE THEN NULL WHEN pa.status = 'accepted' THEN CASE WHEN pa.conclusion = 'reject' THEN 'PRE_ASSESSMENT_REJECTED' WHEN NOT ((pa.status = 'accepted' AND (pa.conclusion = 'support' OR (pa.conclusion = 'support_after_adjustment' AND (pa.adjustment_completed_at IS NOT NULL)))) IS TRUE) THEN CASE WHEN pa.conclusion = 'support_after_adjustment' THEN 'PRE_ASSESSMENT_ADJUSTMENT_PENDING' ELSE 'PRE_ASSESSMENT_MISSING' END END WHEN (es.first_year < p.year) IS NOT TRUE THEN 'PRE_ASSESSMENT_MISSING' END]::text[], NULL) AS reasons
      FROM projects p
      LEFT JOIN targets t ON t.project_id = p.id
      LEFT JOIN pre_assessments pa ON pa.project_id = p.id
      LEFT JOIN pp ON pp.year = p.year
      LEFT JOIN (SELECT ep.code, min(ep.year) AS first_year FROM projects ep JOIN pre_assessments epa ON epa.project_id = ep.id
                        WHERE ((epa.status = 'accepted' AND (epa.conclusion = 'support' OR (epa.conclusion = 'support_after_adjustment' AND (epa.adjustment_completed_at IS NOT NULL)))) IS TRUE) GROUP BY ep.code) es ON es.code = p.code
     WHERE p.year = y)
  UPDATE projects q
     SET gate_reasons = g.reasons,
         gate_status = CASE WHEN cardinality(g.reasons) = 0 THEN 'ready' ELSE 'blocked' END,
         target_status = g.target_status
    FROM g
   WHERE q.id = g.id AND (q.gate_reasons, q.target_status) IS DISTINCT FROM (g.reasons, g.target_status);
END$gate$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION gate_recompute_year(y integer) RETURNS void LANGUAGE plpgsql AS $gate$
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
END$gate$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION gate_recompute(ids uuid[], codes text[]) RETURNS void LANGUAGE plpgsql AS $gate$
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
END$gate$`);
  }
}
