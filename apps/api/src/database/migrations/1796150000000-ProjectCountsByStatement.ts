import { MigrationInterface, QueryRunner } from 'typeorm';
import { FUNCTIONS as GATE_FUNCTIONS, TRIGGERS as GATE_TRIGGERS } from './1796080000000-GateStored';
import { FUNCTIONS as MONITORING_FUNCTIONS, TRIGGERS as MONITORING_TRIGGERS } from './1796100000000-MonitoringStored';
import { FUNCTIONS as COVERAGE_FUNCTIONS, TRIGGERS as COVERAGE_TRIGGERS } from './1796110000000-EvaluationCoverageStored';
import { FUNCTIONS as KEY_COVERAGE_FUNCTIONS, TRIGGERS as KEY_COVERAGE_TRIGGERS } from './1796140000000-KeyCoverageStored';

/**
 * Issue 10 (city scale): a 50,000-row project import took 62 s on PostgreSQL (4.6 s before the stored
 * counts), because every inserted row moved its organization's counts rows one row at a time — the
 * same few counts rows updated tens of thousands of times in one transaction. Now:
 * - the counts kept from projects (target_coverage_counts, monitoring_totals / _due_counts /
 *   _fund_totals, evaluation_coverage_counts, key_coverage_counts) move once per statement, by
 *   statement triggers reading the statement's transition tables (old rows taken back, new rows
 *   added, summed per counts row);
 * - a new project's gate is set by a BEFORE INSERT trigger (gate_on_projects_before: the rule on the
 *   row and the year's profile, with no target or pre-assessment — none can reference a row not yet
 *   written) instead of an AFTER trigger updating the row just written (which ran every trigger on
 *   projects a second time); the AFTER trigger stays for deletes (the code's other years) and updates;
 * - the R9 / R10 deadline (monitoring_due) takes the profile's deadlines array, read once by its
 *   callers, instead of the whole profile it unnested twice per project, and evaluates the rule's
 *   steps as variables (no statement); the key flag and last key evaluation year are one statement.
 *
 * The function bodies and triggers are the text the modules' *-stored.sql.ts generate, embedded
 * literally; the stored-state tests fail when they change without a migration replacing them.
 */
export class ProjectCountsByStatement1796150000000 implements MigrationInterface {
  name = 'ProjectCountsByStatement1796150000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of REPLACED_TRIGGERS) await queryRunner.query(`DROP TRIGGER ${trigger} ON projects`);
    // Its first argument is now the profile's deadlines (a new argument name: replaced, not redefined).
    await queryRunner.query(`DROP FUNCTION monitoring_due(jsonb, integer, text, date)`);
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of TRIGGERS) await queryRunner.query(`DROP TRIGGER ${/CREATE TRIGGER (\w+)/.exec(statement)![1]} ON projects`);
    await queryRunner.query(`DROP FUNCTION gate_on_projects_before()`);
    await queryRunner.query(`DROP FUNCTION monitoring_due(jsonb, integer, text, date)`);
    const replaced = new RegExp(`FUNCTION (${REPLACED_FUNCTIONS.join('|')})\\(`);
    for (const statement of [...GATE_FUNCTIONS, ...MONITORING_FUNCTIONS, ...COVERAGE_FUNCTIONS, ...KEY_COVERAGE_FUNCTIONS]) {
      if (replaced.test(statement)) await queryRunner.query(statement);
    }
    for (const statement of [...GATE_TRIGGERS, ...MONITORING_TRIGGERS, ...COVERAGE_TRIGGERS, ...KEY_COVERAGE_TRIGGERS]) {
      if (REPLACED_TRIGGERS.includes(/CREATE TRIGGER (\w+)/.exec(statement)![1])) await queryRunner.query(statement);
    }
  }
}

/** The functions this migration replaces (all but the new gate_on_projects_before). */
const REPLACED_FUNCTIONS = [
  'gate_on_projects',
  'target_coverage_on_projects',
  'monitoring_due',
  'monitoring_due_recompute',
  'monitoring_on_projects',
  'monitoring_due_on_projects',
  'evaluation_coverage_on_projects',
  'key_coverage_on_projects',
];

/** The row triggers on projects this migration replaces. */
const REPLACED_TRIGGERS = [
  'gate_projects_write',
  'target_coverage_projects_write',
  'target_coverage_projects_update',
  'monitoring_projects_write',
  'monitoring_projects_update',
  'evaluation_coverage_projects_write',
  'evaluation_coverage_projects_update',
  'key_coverage_projects_write',
  'key_coverage_projects_update',
];

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION gate_on_projects_before() RETURNS trigger LANGUAGE plpgsql AS $gate$
BEGIN
  NEW.target_status := NULL;
  SELECT array_remove(ARRAY[CASE WHEN NULL::varchar IS NULL THEN 'NO_TARGET' WHEN (NULL::varchar = 'rejected' OR coalesce(nullif(NULL::varchar, ''), CASE WHEN pp."values" IS NOT NULL AND NULL::numeric IS NOT NULL THEN (CASE WHEN NULL::numeric >= ((pp."values"->'targetReview'->'grades')->>'excellent')::numeric THEN 'excellent' WHEN NULL::numeric >= ((pp."values"->'targetReview'->'grades')->>'good')::numeric THEN 'good' WHEN NULL::numeric >= ((pp."values"->'targetReview'->'grades')->>'pass')::numeric THEN 'fair' ELSE 'poor' END) END) = 'poor') IS TRUE THEN 'TARGET_REVIEW_POOR' WHEN NULL::varchar IN ('in_consultation', 'consultation_submitted') THEN 'TARGET_IN_CONSULTATION' WHEN NULL::varchar <> 'approved' THEN 'TARGET_NOT_APPROVED' END, CASE WHEN (CASE (pp."values"->'preAssessment'->>'requirement') WHEN 'new_major_or_new_capital' THEN ((p.is_new AND p.is_major) OR (p.is_new AND p.is_capital_construction)) ELSE ((p.is_new AND p.is_major) OR (p.is_capital_construction)) END) IS NOT TRUE THEN NULL WHEN NULL::varchar = 'accepted' THEN CASE WHEN NULL::varchar = 'reject' THEN 'PRE_ASSESSMENT_REJECTED' WHEN NOT ((NULL::varchar = 'accepted' AND (NULL::varchar = 'support' OR (NULL::varchar = 'support_after_adjustment' AND false))) IS TRUE) THEN CASE WHEN NULL::varchar = 'support_after_adjustment' THEN 'PRE_ASSESSMENT_ADJUSTMENT_PENDING' ELSE 'PRE_ASSESSMENT_MISSING' END END WHEN (EXISTS (SELECT 1 FROM projects ep JOIN pre_assessments epa ON epa.project_id = ep.id WHERE ep.code = p.code AND ep.year < p.year AND ((epa.status = 'accepted' AND (epa.conclusion = 'support' OR (epa.conclusion = 'support_after_adjustment' AND (epa.adjustment_completed_at IS NOT NULL)))) IS TRUE))) IS NOT TRUE THEN 'PRE_ASSESSMENT_MISSING' END]::text[], NULL)
    INTO NEW.gate_reasons
    FROM (SELECT NEW.code AS code, NEW.year AS year, NEW.is_new AS is_new, NEW.is_major AS is_major, NEW.is_capital_construction AS is_capital_construction) p
    LEFT JOIN policy_profiles pp ON pp.year = p.year;
  NEW.gate_status := CASE WHEN cardinality(NEW.gate_reasons) = 0 THEN 'ready' ELSE 'blocked' END;
  RETURN NEW;
END$gate$`,
  `CREATE OR REPLACE FUNCTION gate_on_projects() RETURNS trigger LANGUAGE plpgsql AS $gate$
BEGIN
  -- A new project's gate is set before it is written (gate_on_projects_before).
  IF TG_OP = 'DELETE' THEN
    PERFORM gate_recompute('{}', ARRAY[OLD.code]);
  ELSIF (OLD.code, OLD.year) IS DISTINCT FROM (NEW.code, NEW.year) THEN
    PERFORM gate_recompute(ARRAY[NEW.id], ARRAY[OLD.code, NEW.code]);
  ELSE
    PERFORM gate_recompute(ARRAY[NEW.id], '{}');
  END IF;
  RETURN NULL;
END$gate$`,
  `CREATE OR REPLACE FUNCTION target_coverage_on_projects() RETURNS trigger LANGUAGE plpgsql AS $gate$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved)
    SELECT r.year, r.organization_id, r.kind, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved)
    SELECT r.year, r.organization_id, r.kind, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
  ELSE
    INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved)
    SELECT r.year, r.organization_id, r.kind, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
  END IF;
  RETURN NULL;
END$gate$`,
  `CREATE OR REPLACE FUNCTION monitoring_due(deadlines jsonb, y integer, sector text, arrived date) RETURNS date LANGUAGE plpgsql AS $monitoring$
DECLARE
  first_rule jsonb := jsonb_path_query_first(COALESCE(deadlines, '[]'::jsonb), '$[*] ? (@.code == "first_tracking")');
  later_rule jsonb := jsonb_path_query_first(COALESCE(deadlines, '[]'::jsonb), '$[*] ? (@.code == "later_tracking")');
  first_due date := CASE WHEN first_rule IS NULL THEN make_date(y, 12, 31) ELSE make_date(y, split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN first_rule->'sectorDates'->>sector END, first_rule->>'date'), '-', 1)::int, least(split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN first_rule->'sectorDates'->>sector END, first_rule->>'date'), '-', 2)::int, extract(day from make_date(y, split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN first_rule->'sectorDates'->>sector END, first_rule->>'date'), '-', 1)::int, 1) + interval '1 month' - interval '1 day')::int)) END;
BEGIN
  RETURN CASE WHEN later_rule IS NOT NULL AND arrived > first_due THEN make_date(y, split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN later_rule->'sectorDates'->>sector END, later_rule->>'date'), '-', 1)::int, least(split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN later_rule->'sectorDates'->>sector END, later_rule->>'date'), '-', 2)::int, extract(day from make_date(y, split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN later_rule->'sectorDates'->>sector END, later_rule->>'date'), '-', 1)::int, 1) + interval '1 month' - interval '1 day')::int)) ELSE first_due END;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_due_recompute(y integer, orgs uuid[]) RETURNS void LANGUAGE plpgsql AS $monitoring$
BEGIN
  WITH q AS MATERIALIZED (
    SELECT q.id, q.year, COALESCE(o.sector, po.sector, '') AS sector, GREATEST((q.created_at AT TIME ZONE 'Asia/Shanghai')::date, q.target_approved_on) AS arrived, q.tracking_due
      FROM projects q JOIN organizations o ON o.id = q.organization_id LEFT JOIN organizations po ON po.id = o.parent_id
     WHERE (y IS NULL OR q.year = y) AND (orgs IS NULL OR q.organization_id = ANY(orgs))),
  k AS MATERIALIZED (
    SELECT k.year, k.sector, k.arrived, monitoring_due(pp."values"->'deadlines', k.year, NULLIF(k.sector, ''), k.arrived) AS due
      FROM (SELECT DISTINCT year, sector, arrived FROM q) k LEFT JOIN policy_profiles pp ON pp.year = k.year)
  UPDATE projects p SET tracking_due = k.due
    FROM q JOIN k ON k.year = q.year AND k.sector = q.sector AND k.arrived = q.arrived
   WHERE p.id = q.id AND q.tracking_due IS DISTINCT FROM k.due;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_on_projects() RETURNS trigger LANGUAGE plpgsql AS $monitoring$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO monitoring_totals AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT r.year, r.organization_id, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.tracked THEN 1 ELSE 0 END)), sum(r.share_sign * (r.budget_amount)), sum(r.share_sign * (COALESCE(r.last_executed, 0))), sum(r.share_sign * (COALESCE(r.last_base, r.budget_amount)))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     WHERE r.kind IN ('project', 'policy')
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.tracked THEN 1 ELSE 0 END)) <> 0 OR sum(r.share_sign * (r.budget_amount)) <> 0 OR sum(r.share_sign * (COALESCE(r.last_executed, 0))) <> 0 OR sum(r.share_sign * (COALESCE(r.last_base, r.budget_amount))) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
    INSERT INTO monitoring_due_counts AS c (year, organization_id, due, approved, tracked, projects)
    SELECT r.year, r.organization_id, r.tracking_due, COALESCE(r.target_status = 'approved', false), r.tracked, sum(r.share_sign * (1))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     WHERE r.kind IN ('project', 'policy') AND r.tracking_due IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO monitoring_fund_totals AS c (year, organization_id, source, executed, projects)
    SELECT r.year, r.organization_id, f.key, sum(r.share_sign * ((f.value #>> '{}')::numeric)), sum(r.share_sign * (1))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL jsonb_each(r.last_funds) f
     WHERE r.last_funds IS NOT NULL
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * ((f.value #>> '{}')::numeric)) <> 0 OR sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO monitoring_totals AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT r.year, r.organization_id, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.tracked THEN 1 ELSE 0 END)), sum(r.share_sign * (r.budget_amount)), sum(r.share_sign * (COALESCE(r.last_executed, 0))), sum(r.share_sign * (COALESCE(r.last_base, r.budget_amount)))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     WHERE r.kind IN ('project', 'policy')
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.tracked THEN 1 ELSE 0 END)) <> 0 OR sum(r.share_sign * (r.budget_amount)) <> 0 OR sum(r.share_sign * (COALESCE(r.last_executed, 0))) <> 0 OR sum(r.share_sign * (COALESCE(r.last_base, r.budget_amount))) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
    INSERT INTO monitoring_due_counts AS c (year, organization_id, due, approved, tracked, projects)
    SELECT r.year, r.organization_id, r.tracking_due, COALESCE(r.target_status = 'approved', false), r.tracked, sum(r.share_sign * (1))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     WHERE r.kind IN ('project', 'policy') AND r.tracking_due IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO monitoring_fund_totals AS c (year, organization_id, source, executed, projects)
    SELECT r.year, r.organization_id, f.key, sum(r.share_sign * ((f.value #>> '{}')::numeric)), sum(r.share_sign * (1))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL jsonb_each(r.last_funds) f
     WHERE r.last_funds IS NOT NULL
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * ((f.value #>> '{}')::numeric)) <> 0 OR sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
  ELSE
    INSERT INTO monitoring_totals AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT r.year, r.organization_id, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.tracked THEN 1 ELSE 0 END)), sum(r.share_sign * (r.budget_amount)), sum(r.share_sign * (COALESCE(r.last_executed, 0))), sum(r.share_sign * (COALESCE(r.last_base, r.budget_amount)))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     WHERE r.kind IN ('project', 'policy')
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.tracked THEN 1 ELSE 0 END)) <> 0 OR sum(r.share_sign * (r.budget_amount)) <> 0 OR sum(r.share_sign * (COALESCE(r.last_executed, 0))) <> 0 OR sum(r.share_sign * (COALESCE(r.last_base, r.budget_amount))) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
    INSERT INTO monitoring_due_counts AS c (year, organization_id, due, approved, tracked, projects)
    SELECT r.year, r.organization_id, r.tracking_due, COALESCE(r.target_status = 'approved', false), r.tracked, sum(r.share_sign * (1))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     WHERE r.kind IN ('project', 'policy') AND r.tracking_due IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO monitoring_fund_totals AS c (year, organization_id, source, executed, projects)
    SELECT r.year, r.organization_id, f.key, sum(r.share_sign * ((f.value #>> '{}')::numeric)), sum(r.share_sign * (1))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL jsonb_each(r.last_funds) f
     WHERE r.last_funds IS NOT NULL
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * ((f.value #>> '{}')::numeric)) <> 0 OR sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_due_on_projects() RETURNS trigger LANGUAGE plpgsql AS $monitoring$
BEGIN
  NEW.tracking_due := monitoring_due((SELECT pp."values"->'deadlines' FROM policy_profiles pp WHERE pp.year = NEW.year), NEW.year,
    (SELECT COALESCE(o.sector, po.sector) FROM organizations o LEFT JOIN organizations po ON po.id = o.parent_id WHERE o.id = NEW.organization_id),
    GREATEST((NEW.created_at AT TIME ZONE 'Asia/Shanghai')::date, NEW.target_approved_on));
  RETURN NEW;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION evaluation_coverage_on_projects() RETURNS trigger LANGUAGE plpgsql AS $coverage$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO evaluation_coverage_counts AS c (year, organization_id, status, projects)
    SELECT r.year, r.organization_id, COALESCE(r.self_evaluation_status, ''), sum(r.share_sign * (1))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO evaluation_coverage_counts AS c (year, organization_id, status, projects)
    SELECT r.year, r.organization_id, COALESCE(r.self_evaluation_status, ''), sum(r.share_sign * (1))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSE
    INSERT INTO evaluation_coverage_counts AS c (year, organization_id, status, projects)
    SELECT r.year, r.organization_id, COALESCE(r.self_evaluation_status, ''), sum(r.share_sign * (1))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$coverage$`,
  `CREATE OR REPLACE FUNCTION key_coverage_on_projects_before() RETURNS trigger LANGUAGE plpgsql AS $keycov$
BEGIN
  SELECT (NEW.kind IN ('project', 'policy') AND (NEW.manual_key_basis IS NOT NULL OR COALESCE(NEW.budget_amount >= k.threshold, false))), (SELECT GREATEST(NEW.last_key_evaluation_year, (SELECT MAX(ker.year) FROM evaluation_records ker WHERE ker.project_code = NEW.code AND ker.organization_id = NEW.organization_id AND ker.kind IN ('department', 'finance_key'))))
    INTO NEW.is_key, NEW.key_last_year
    FROM (SELECT (SELECT (pp."values"#>>'{keyProjects,amountThreshold}')::numeric FROM policy_profiles pp WHERE pp.year = NEW.year) AS threshold) k;
  RETURN NEW;
END$keycov$`,
  `CREATE OR REPLACE FUNCTION key_coverage_on_projects() RETURNS trigger LANGUAGE plpgsql AS $keycov$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO key_coverage_counts AS c (year, organization_id, last_year, first_listed, projects)
    SELECT r.year, r.organization_id, COALESCE(r.key_last_year, 0), LEAST(COALESCE(r.start_year, r.year), r.year), sum(r.share_sign * (1))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     WHERE r.is_key
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO key_coverage_counts AS c (year, organization_id, last_year, first_listed, projects)
    SELECT r.year, r.organization_id, COALESCE(r.key_last_year, 0), LEAST(COALESCE(r.start_year, r.year), r.year), sum(r.share_sign * (1))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     WHERE r.is_key
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSE
    INSERT INTO key_coverage_counts AS c (year, organization_id, last_year, first_listed, projects)
    SELECT r.year, r.organization_id, COALESCE(r.key_last_year, 0), LEAST(COALESCE(r.start_year, r.year), r.year), sum(r.share_sign * (1))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     WHERE r.is_key
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (1)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$keycov$`,
];

const TRIGGERS = [
  `CREATE TRIGGER gate_projects_before BEFORE INSERT ON projects FOR EACH ROW EXECUTE FUNCTION gate_on_projects_before()`,
  `CREATE TRIGGER gate_projects_delete AFTER DELETE ON projects FOR EACH ROW EXECUTE FUNCTION gate_on_projects()`,
  `CREATE TRIGGER target_coverage_projects_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION target_coverage_on_projects()`,
  `CREATE TRIGGER target_coverage_projects_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION target_coverage_on_projects()`,
  `CREATE TRIGGER target_coverage_projects_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION target_coverage_on_projects()`,
  `CREATE TRIGGER monitoring_projects_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_on_projects()`,
  `CREATE TRIGGER monitoring_projects_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_on_projects()`,
  `CREATE TRIGGER monitoring_projects_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_on_projects()`,
  `CREATE TRIGGER evaluation_coverage_projects_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_coverage_on_projects()`,
  `CREATE TRIGGER evaluation_coverage_projects_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_coverage_on_projects()`,
  `CREATE TRIGGER evaluation_coverage_projects_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_coverage_on_projects()`,
  `CREATE TRIGGER key_coverage_projects_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION key_coverage_on_projects()`,
  `CREATE TRIGGER key_coverage_projects_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION key_coverage_on_projects()`,
  `CREATE TRIGGER key_coverage_projects_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION key_coverage_on_projects()`,
];
