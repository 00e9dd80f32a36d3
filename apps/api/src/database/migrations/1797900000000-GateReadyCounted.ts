import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the workbench's gate coverage ("projects ready for a budget", R5, R7) counted the ready
 * projects of the caller's scope at every request — 120,000 on the generated city year, 16 ms of an index-only scan.
 * target_coverage_counts (and its roll-up) keep a third count, `ready`, moved by the same statement triggers from the
 * same share of a projects row (TARGET_COVERAGE in gate-stored.sql.ts, whose functions below were generated), and
 * filled here for every year from the projects' stored gates.
 */
export class GateReadyCounted1797900000000 implements MigrationInterface {
  name = 'GateReadyCounted1797900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "target_coverage_counts" ADD "ready" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "target_coverage_counts_rollup" ADD "ready" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION target_coverage_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $gate$
BEGIN
  DELETE FROM target_coverage_counts WHERE year = y;
  INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved, ready)
    SELECT r.year, r.organization_id, r.kind, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)), sum(r.share_sign * (CASE WHEN r.gate_status = 'ready' THEN 1 ELSE 0 END))
      FROM (SELECT 1 AS share_sign, q.* FROM projects q WHERE q.year = y) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)) <> 0 OR sum(r.share_sign * (CASE WHEN r.gate_status = 'ready' THEN 1 ELSE 0 END)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
END$gate$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION target_coverage_on_projects() RETURNS trigger LANGUAGE plpgsql AS $gate$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved, ready)
    SELECT r.year, r.organization_id, r.kind, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)), sum(r.share_sign * (CASE WHEN r.gate_status = 'ready' THEN 1 ELSE 0 END))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)) <> 0 OR sum(r.share_sign * (CASE WHEN r.gate_status = 'ready' THEN 1 ELSE 0 END)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved, ready)
    SELECT r.year, r.organization_id, r.kind, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)), sum(r.share_sign * (CASE WHEN r.gate_status = 'ready' THEN 1 ELSE 0 END))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)) <> 0 OR sum(r.share_sign * (CASE WHEN r.gate_status = 'ready' THEN 1 ELSE 0 END)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
  ELSE
    INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved, ready)
    SELECT r.year, r.organization_id, r.kind, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)), sum(r.share_sign * (CASE WHEN r.gate_status = 'ready' THEN 1 ELSE 0 END))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)) <> 0 OR sum(r.share_sign * (CASE WHEN r.gate_status = 'ready' THEN 1 ELSE 0 END)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
  END IF;
  RETURN NULL;
END$gate$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION target_coverage_counts_rollup_on_counts() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved, ready)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.kind, sum(r.share_sign * (r.total)), sum(r.share_sign * (r.approved)), sum(r.share_sign * (r.ready))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.total)) <> 0 OR sum(r.share_sign * (r.approved)) <> 0 OR sum(r.share_sign * (r.ready)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved, ready)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.kind, sum(r.share_sign * (r.total)), sum(r.share_sign * (r.approved)), sum(r.share_sign * (r.ready))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.total)) <> 0 OR sum(r.share_sign * (r.approved)) <> 0 OR sum(r.share_sign * (r.ready)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
  ELSE
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved, ready)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.kind, sum(r.share_sign * (r.total)), sum(r.share_sign * (r.approved)), sum(r.share_sign * (r.ready))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.total)) <> 0 OR sum(r.share_sign * (r.approved)) <> 0 OR sum(r.share_sign * (r.ready)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
  END IF;
  RETURN NULL;
END$rollup$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION target_coverage_counts_rollup_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $rollup$
BEGIN
  DELETE FROM target_coverage_counts_rollup WHERE year = y;
  INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved, ready)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.kind, sum(r.share_sign * (r.total)), sum(r.share_sign * (r.approved)), sum(r.share_sign * (r.ready))
      FROM (SELECT 1 AS share_sign, q.* FROM target_coverage_counts q WHERE q.year = y) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.total)) <> 0 OR sum(r.share_sign * (r.approved)) <> 0 OR sum(r.share_sign * (r.ready)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
END$rollup$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION rollups_on_organizations() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved, ready)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.kind, sum(r.share_sign * (src.total)), sum(r.share_sign * (src.approved)), sum(r.share_sign * (src.ready))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM target_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.total)) <> 0 OR sum(r.share_sign * (src.approved)) <> 0 OR sum(r.share_sign * (src.ready)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
    INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT src.year, coalesce(r.list_organization_id, r.id), sum(r.share_sign * (src.projects)), sum(r.share_sign * (src.tracked)), sum(r.share_sign * (src.budget)), sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.base))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (src.projects)) <> 0 OR sum(r.share_sign * (src.tracked)) <> 0 OR sum(r.share_sign * (src.budget)) <> 0 OR sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
    INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.code, src.open_due, sum(r.share_sign * (src.warnings)), sum(r.share_sign * (src.late))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_warning_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.warnings)) <> 0 OR sum(r.share_sign * (src.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
    INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.source, sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_fund_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
    INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.due, src.approved, src.tracked, sum(r.share_sign * (src.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_due_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.status, sum(r.share_sign * (src.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM evaluation_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.last_year, src.first_listed, sum(r.share_sign * (src.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM key_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved, ready)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.kind, sum(r.share_sign * (src.total)), sum(r.share_sign * (src.approved)), sum(r.share_sign * (src.ready))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM target_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.total)) <> 0 OR sum(r.share_sign * (src.approved)) <> 0 OR sum(r.share_sign * (src.ready)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
    INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT src.year, coalesce(r.list_organization_id, r.id), sum(r.share_sign * (src.projects)), sum(r.share_sign * (src.tracked)), sum(r.share_sign * (src.budget)), sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.base))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (src.projects)) <> 0 OR sum(r.share_sign * (src.tracked)) <> 0 OR sum(r.share_sign * (src.budget)) <> 0 OR sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
    INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.code, src.open_due, sum(r.share_sign * (src.warnings)), sum(r.share_sign * (src.late))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_warning_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.warnings)) <> 0 OR sum(r.share_sign * (src.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
    INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.source, sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_fund_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
    INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.due, src.approved, src.tracked, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_due_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.status, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM evaluation_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.last_year, src.first_listed, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM key_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSE
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved, ready)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.kind, sum(r.share_sign * (src.total)), sum(r.share_sign * (src.approved)), sum(r.share_sign * (src.ready))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM target_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.total)) <> 0 OR sum(r.share_sign * (src.approved)) <> 0 OR sum(r.share_sign * (src.ready)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved, ready = c.ready + EXCLUDED.ready;
    INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT src.year, coalesce(r.list_organization_id, r.id), sum(r.share_sign * (src.projects)), sum(r.share_sign * (src.tracked)), sum(r.share_sign * (src.budget)), sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.base))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (src.projects)) <> 0 OR sum(r.share_sign * (src.tracked)) <> 0 OR sum(r.share_sign * (src.budget)) <> 0 OR sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
    INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.code, src.open_due, sum(r.share_sign * (src.warnings)), sum(r.share_sign * (src.late))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_warning_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.warnings)) <> 0 OR sum(r.share_sign * (src.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
    INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.source, sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_fund_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
    INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.due, src.approved, src.tracked, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_due_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.status, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM evaluation_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.last_year, src.first_listed, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM key_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$rollup$`);
    // every year's counts rebuilt from its projects (their gates are stored), then the roll-ups from the counts
    await queryRunner.query(`SELECT target_coverage_rebuild_year(y.year) FROM (SELECT DISTINCT year FROM projects) y`);
    await queryRunner.query(
      `SELECT target_coverage_counts_rollup_rebuild_year(y.year) FROM (SELECT DISTINCT year FROM target_coverage_counts) y`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION rollups_on_organizations() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.kind, sum(r.share_sign * (src.total)), sum(r.share_sign * (src.approved))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM target_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.total)) <> 0 OR sum(r.share_sign * (src.approved)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
    INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT src.year, coalesce(r.list_organization_id, r.id), sum(r.share_sign * (src.projects)), sum(r.share_sign * (src.tracked)), sum(r.share_sign * (src.budget)), sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.base))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (src.projects)) <> 0 OR sum(r.share_sign * (src.tracked)) <> 0 OR sum(r.share_sign * (src.budget)) <> 0 OR sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
    INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.code, src.open_due, sum(r.share_sign * (src.warnings)), sum(r.share_sign * (src.late))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_warning_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.warnings)) <> 0 OR sum(r.share_sign * (src.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
    INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.source, sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_fund_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
    INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.due, src.approved, src.tracked, sum(r.share_sign * (src.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_due_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.status, sum(r.share_sign * (src.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM evaluation_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.last_year, src.first_listed, sum(r.share_sign * (src.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM key_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.kind, sum(r.share_sign * (src.total)), sum(r.share_sign * (src.approved))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM target_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.total)) <> 0 OR sum(r.share_sign * (src.approved)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
    INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT src.year, coalesce(r.list_organization_id, r.id), sum(r.share_sign * (src.projects)), sum(r.share_sign * (src.tracked)), sum(r.share_sign * (src.budget)), sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.base))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (src.projects)) <> 0 OR sum(r.share_sign * (src.tracked)) <> 0 OR sum(r.share_sign * (src.budget)) <> 0 OR sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
    INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.code, src.open_due, sum(r.share_sign * (src.warnings)), sum(r.share_sign * (src.late))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_warning_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.warnings)) <> 0 OR sum(r.share_sign * (src.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
    INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.source, sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_fund_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
    INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.due, src.approved, src.tracked, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_due_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.status, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM evaluation_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.last_year, src.first_listed, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r CROSS JOIN LATERAL (SELECT s.* FROM key_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSE
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.kind, sum(r.share_sign * (src.total)), sum(r.share_sign * (src.approved))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM target_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.total)) <> 0 OR sum(r.share_sign * (src.approved)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
    INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT src.year, coalesce(r.list_organization_id, r.id), sum(r.share_sign * (src.projects)), sum(r.share_sign * (src.tracked)), sum(r.share_sign * (src.budget)), sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.base))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (src.projects)) <> 0 OR sum(r.share_sign * (src.tracked)) <> 0 OR sum(r.share_sign * (src.budget)) <> 0 OR sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
    INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.code, src.open_due, sum(r.share_sign * (src.warnings)), sum(r.share_sign * (src.late))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_warning_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.warnings)) <> 0 OR sum(r.share_sign * (src.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
    INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.source, sum(r.share_sign * (src.executed)), sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_fund_totals s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.executed)) <> 0 OR sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
    INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.due, src.approved, src.tracked, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM monitoring_due_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.status, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM evaluation_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
    INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT src.year, coalesce(r.list_organization_id, r.id), src.last_year, src.first_listed, sum(r.share_sign * (src.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r CROSS JOIN LATERAL (SELECT s.* FROM key_coverage_counts s WHERE s.organization_id = r.id) src
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (src.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$rollup$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION target_coverage_counts_rollup_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $rollup$
BEGIN
  DELETE FROM target_coverage_counts_rollup WHERE year = y;
  INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.kind, sum(r.share_sign * (r.total)), sum(r.share_sign * (r.approved))
      FROM (SELECT 1 AS share_sign, q.* FROM target_coverage_counts q WHERE q.year = y) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.total)) <> 0 OR sum(r.share_sign * (r.approved)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
END$rollup$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION target_coverage_counts_rollup_on_counts() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.kind, sum(r.share_sign * (r.total)), sum(r.share_sign * (r.approved))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.total)) <> 0 OR sum(r.share_sign * (r.approved)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.kind, sum(r.share_sign * (r.total)), sum(r.share_sign * (r.approved))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.total)) <> 0 OR sum(r.share_sign * (r.approved)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
  ELSE
    INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.kind, sum(r.share_sign * (r.total)), sum(r.share_sign * (r.approved))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.total)) <> 0 OR sum(r.share_sign * (r.approved)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
  END IF;
  RETURN NULL;
END$rollup$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION target_coverage_on_projects() RETURNS trigger LANGUAGE plpgsql AS $gate$
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
END$gate$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION target_coverage_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $gate$
BEGIN
  DELETE FROM target_coverage_counts WHERE year = y;
  INSERT INTO target_coverage_counts AS c (year, organization_id, kind, total, approved)
    SELECT r.year, r.organization_id, r.kind, sum(r.share_sign * (1)), sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END))
      FROM (SELECT 1 AS share_sign, q.* FROM projects q WHERE q.year = y) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (1)) <> 0 OR sum(r.share_sign * (CASE WHEN r.target_status = 'approved' THEN 1 ELSE 0 END)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
END$gate$`);
    await queryRunner.query(`ALTER TABLE "target_coverage_counts_rollup" DROP COLUMN "ready"`);
    await queryRunner.query(`ALTER TABLE "target_coverage_counts" DROP COLUMN "ready"`);
  }
}
