import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the R14 finance key score is stored per project (projects.finance_key_score,
 * on the criteria of the following year's profile) and kept current by the writes that change it, in
 * the same transaction: a BEFORE trigger on projects for a project's inputs, and a recompute of the
 * year before when a profile's criteria change. The index projects_finance_key_rank holds the
 * candidates (approved target) in the ranking's order.
 *
 * The function bodies and triggers are the text src/modules/evaluations/finance-key-score-stored.sql.ts
 * generates, embedded literally; test/finance-key-score-stored.e2e-spec.ts fails when they change
 * without a migration replacing them.
 */
export class FinanceKeyScoreStored1796130000000 implements MigrationInterface {
  name = 'FinanceKeyScoreStored1796130000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "finance_key_score" numeric(9,2)`);
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    // Backfill before the triggers and the index exist: every year's projects.
    await queryRunner.query(`SELECT finance_key_score_recompute(y) FROM (SELECT DISTINCT year AS y FROM projects) years`);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
    await queryRunner.query(
      `CREATE INDEX "projects_finance_key_rank" ON "projects" ("year", "finance_key_score" DESC, "budget_amount" DESC, "code" COLLATE "C", "id") WHERE "target_status" = 'approved'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."projects_finance_key_rank"`);
    await queryRunner.query(`DROP TRIGGER finance_key_score_policy_profiles_update ON policy_profiles`);
    await queryRunner.query(`DROP TRIGGER finance_key_score_policy_profiles_write ON policy_profiles`);
    await queryRunner.query(`DROP TRIGGER finance_key_score_projects ON projects`);
    await queryRunner.query(`DROP FUNCTION finance_key_score_on_policy_profiles()`);
    await queryRunner.query(`DROP FUNCTION finance_key_score_on_projects()`);
    await queryRunner.query(`DROP FUNCTION finance_key_score_recompute(integer)`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "finance_key_score"`);
  }
}

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION finance_key_score_recompute(y integer) RETURNS void LANGUAGE plpgsql AS $score$
BEGIN
  WITH k AS MATERIALIZED (SELECT (SELECT pp."values"#>'{evaluation,financeKeyCriteria}' FROM policy_profiles pp WHERE pp.year = y + 1) AS criteria),
    s AS MATERIALIZED (SELECT q.id, round(round((k.criteria#>>'{lastYearExecution,weight}')::numeric, 10) * (CASE WHEN q.last_execution_rate IS NULL THEN 0::numeric WHEN q.last_execution_rate <= round((k.criteria#>>'{lastYearExecution,fullAtOrBelowPct}')::numeric, 10) THEN 1::numeric
    WHEN q.last_execution_rate >= round((k.criteria#>>'{lastYearExecution,zeroAtOrAbovePct}')::numeric, 10) THEN 0::numeric ELSE (round((k.criteria#>>'{lastYearExecution,zeroAtOrAbovePct}')::numeric, 10) - q.last_execution_rate) / (round((k.criteria#>>'{lastYearExecution,zeroAtOrAbovePct}')::numeric, 10) - round((k.criteria#>>'{lastYearExecution,fullAtOrBelowPct}')::numeric, 10)) END) + round((k.criteria#>>'{managementChain,weight}')::numeric, 10) * (CASE WHEN q.management_chain_levels IS NULL OR q.management_chain_levels < 0 THEN 0::numeric
    WHEN q.management_chain_levels >= round((k.criteria#>>'{managementChain,fullAtOrAboveLevels}')::numeric, 10) THEN 1::numeric WHEN q.management_chain_levels <= round((k.criteria#>>'{managementChain,zeroAtOrBelowLevels}')::numeric, 10) THEN 0::numeric
    ELSE (q.management_chain_levels - round((k.criteria#>>'{managementChain,zeroAtOrBelowLevels}')::numeric, 10)) / (round((k.criteria#>>'{managementChain,fullAtOrAboveLevels}')::numeric, 10) - round((k.criteria#>>'{managementChain,zeroAtOrBelowLevels}')::numeric, 10)) END) + round((k.criteria#>>'{livelihood,weight}')::numeric, 10) * (CASE WHEN q.is_livelihood THEN 1::numeric ELSE 0::numeric END) + round((k.criteria#>>'{publicAttention,weight}')::numeric, 10) * (CASE q.public_attention WHEN 'high' THEN round((k.criteria#>>'{publicAttention,pct,high}')::numeric, 10) WHEN 'medium' THEN round((k.criteria#>>'{publicAttention,pct,medium}')::numeric, 10) ELSE round((k.criteria#>>'{publicAttention,pct,low}')::numeric, 10) END / 100), 2) AS score FROM projects q, k WHERE q.year = y)
  UPDATE projects p SET finance_key_score = s.score
    FROM s WHERE p.id = s.id AND p.finance_key_score IS DISTINCT FROM s.score;
END$score$`,
  `CREATE OR REPLACE FUNCTION finance_key_score_on_projects() RETURNS trigger LANGUAGE plpgsql AS $score$
DECLARE criteria jsonb := (SELECT pp."values"#>'{evaluation,financeKeyCriteria}' FROM policy_profiles pp WHERE pp.year = NEW.year + 1);
BEGIN
  NEW.finance_key_score := round(round((criteria#>>'{lastYearExecution,weight}')::numeric, 10) * (CASE WHEN NEW.last_execution_rate IS NULL THEN 0::numeric WHEN NEW.last_execution_rate <= round((criteria#>>'{lastYearExecution,fullAtOrBelowPct}')::numeric, 10) THEN 1::numeric
    WHEN NEW.last_execution_rate >= round((criteria#>>'{lastYearExecution,zeroAtOrAbovePct}')::numeric, 10) THEN 0::numeric ELSE (round((criteria#>>'{lastYearExecution,zeroAtOrAbovePct}')::numeric, 10) - NEW.last_execution_rate) / (round((criteria#>>'{lastYearExecution,zeroAtOrAbovePct}')::numeric, 10) - round((criteria#>>'{lastYearExecution,fullAtOrBelowPct}')::numeric, 10)) END) + round((criteria#>>'{managementChain,weight}')::numeric, 10) * (CASE WHEN NEW.management_chain_levels IS NULL OR NEW.management_chain_levels < 0 THEN 0::numeric
    WHEN NEW.management_chain_levels >= round((criteria#>>'{managementChain,fullAtOrAboveLevels}')::numeric, 10) THEN 1::numeric WHEN NEW.management_chain_levels <= round((criteria#>>'{managementChain,zeroAtOrBelowLevels}')::numeric, 10) THEN 0::numeric
    ELSE (NEW.management_chain_levels - round((criteria#>>'{managementChain,zeroAtOrBelowLevels}')::numeric, 10)) / (round((criteria#>>'{managementChain,fullAtOrAboveLevels}')::numeric, 10) - round((criteria#>>'{managementChain,zeroAtOrBelowLevels}')::numeric, 10)) END) + round((criteria#>>'{livelihood,weight}')::numeric, 10) * (CASE WHEN NEW.is_livelihood THEN 1::numeric ELSE 0::numeric END) + round((criteria#>>'{publicAttention,weight}')::numeric, 10) * (CASE NEW.public_attention WHEN 'high' THEN round((criteria#>>'{publicAttention,pct,high}')::numeric, 10) WHEN 'medium' THEN round((criteria#>>'{publicAttention,pct,medium}')::numeric, 10) ELSE round((criteria#>>'{publicAttention,pct,low}')::numeric, 10) END / 100), 2);
  RETURN NEW;
END$score$`,
  `CREATE OR REPLACE FUNCTION finance_key_score_on_policy_profiles() RETURNS trigger LANGUAGE plpgsql AS $score$
BEGIN
  -- Updates come only when the year or the criteria changed (the trigger's WHEN).
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.year <> OLD.year) THEN PERFORM finance_key_score_recompute(OLD.year - 1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM finance_key_score_recompute(NEW.year - 1); END IF;
  RETURN NULL;
END$score$`,
];

const TRIGGERS = [
  `CREATE TRIGGER finance_key_score_projects BEFORE INSERT OR UPDATE OF year, last_execution_rate, management_chain_levels, is_livelihood, public_attention ON projects FOR EACH ROW EXECUTE FUNCTION finance_key_score_on_projects()`,
  `CREATE TRIGGER finance_key_score_policy_profiles_write AFTER INSERT OR DELETE ON policy_profiles FOR EACH ROW EXECUTE FUNCTION finance_key_score_on_policy_profiles()`,
  `CREATE TRIGGER finance_key_score_policy_profiles_update AFTER UPDATE OF year, "values" ON policy_profiles FOR EACH ROW WHEN (OLD.year <> NEW.year OR OLD."values"#>'{evaluation,financeKeyCriteria}' IS DISTINCT FROM NEW."values"#>'{evaluation,financeKeyCriteria}') EXECUTE FUNCTION finance_key_score_on_policy_profiles()`,
];
