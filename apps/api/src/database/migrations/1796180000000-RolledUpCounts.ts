import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the whole-city dashboards (budget-gate coverage, the monitoring dashboard,
 * self-evaluation coverage, the coverage planner) summed a per-organization counts table through the
 * organizations table at each request — about 15,000 rows a year for a city, 16–27 ms of SQL each.
 * Each counts table is now also kept rolled up to each organization's department or town
 * (organizations.list_organization_id, itself where it has none) in `<counts>_rollup`: the same key
 * and count columns, a few hundred rows a year. Statement triggers keep them in the writing
 * transaction: on each counts table (a row's share moves to its organization's department or town)
 * and on organizations (an organization whose department or town changed takes its counts along).
 *
 * The function bodies and triggers are the text src/database/rolled-up-counts.sql.ts generates,
 * embedded literally; test/rolled-up-counts.e2e-spec.ts fails when they change without a migration
 * replacing them.
 */
export class RolledUpCounts1796180000000 implements MigrationInterface {
  name = 'RolledUpCounts1796180000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of TABLES) await queryRunner.query(statement);
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    // Filled from the counts of every year before the triggers exist.
    for (const table of ROLLUPS) {
      await queryRunner.query(
        `SELECT ${table}_rebuild_year(y) FROM (SELECT DISTINCT year AS y FROM ${table.replace(/_rollup$/, '')}) years`,
      );
    }
    for (const statement of TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [...TRIGGERS].reverse()) {
      const [, name, table] = /CREATE TRIGGER (\w+) AFTER \w+ ON (\w+)/.exec(statement)!;
      await queryRunner.query(`DROP TRIGGER ${name} ON ${table}`);
    }
    for (const statement of [...FUNCTIONS].reverse()) {
      const [, signature] = /CREATE OR REPLACE FUNCTION (\w+\([^)]*\))/.exec(statement)!;
      await queryRunner.query(`DROP FUNCTION ${signature}`);
    }
    for (const table of [...ROLLUPS].reverse()) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}

const ROLLUPS = [
  'target_coverage_counts_rollup',
  'monitoring_totals_rollup',
  'monitoring_warning_counts_rollup',
  'monitoring_fund_totals_rollup',
  'monitoring_due_counts_rollup',
  'evaluation_coverage_counts_rollup',
  'key_coverage_counts_rollup',
];

const TABLES = [
  `CREATE TABLE "target_coverage_counts_rollup" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "kind" character varying(32) NOT NULL,
    "total" integer NOT NULL DEFAULT 0, "approved" integer NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id", "kind"))`,
  `CREATE TABLE "monitoring_totals_rollup" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "projects" integer NOT NULL DEFAULT 0,
    "tracked" integer NOT NULL DEFAULT 0, "budget" numeric(18,2) NOT NULL DEFAULT 0, "executed" numeric(18,2) NOT NULL DEFAULT 0,
    "base" numeric(18,2) NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id"))`,
  `CREATE TABLE "monitoring_warning_counts_rollup" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "code" character varying(32) NOT NULL,
    "open_due" date NOT NULL, "warnings" integer NOT NULL DEFAULT 0, "late" integer NOT NULL DEFAULT 0,
    PRIMARY KEY ("year", "organization_id", "code", "open_due"))`,
  `CREATE TABLE "monitoring_fund_totals_rollup" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "source" character varying(32) NOT NULL,
    "executed" numeric(18,2) NOT NULL DEFAULT 0, "projects" integer NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id", "source"))`,
  `CREATE TABLE "monitoring_due_counts_rollup" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "due" date NOT NULL,
    "approved" boolean NOT NULL, "tracked" boolean NOT NULL, "projects" integer NOT NULL DEFAULT 0,
    PRIMARY KEY ("year", "organization_id", "due", "approved", "tracked"))`,
  `CREATE TABLE "evaluation_coverage_counts_rollup" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "status" character varying(16) NOT NULL,
    "projects" integer NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id", "status"))`,
  `CREATE TABLE "key_coverage_counts_rollup" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "last_year" integer NOT NULL,
    "first_listed" integer NOT NULL, "projects" integer NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id", "last_year", "first_listed"))`,
];

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION target_coverage_counts_rollup_on_counts() RETURNS trigger LANGUAGE plpgsql AS $rollup$
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
END$rollup$`,
  `CREATE OR REPLACE FUNCTION target_coverage_counts_rollup_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $rollup$
BEGIN
  DELETE FROM target_coverage_counts_rollup WHERE year = y;
  INSERT INTO target_coverage_counts_rollup AS c (year, organization_id, kind, total, approved)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.kind, sum(r.share_sign * (r.total)), sum(r.share_sign * (r.approved))
      FROM (SELECT 1 AS share_sign, q.* FROM target_coverage_counts q WHERE q.year = y) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.total)) <> 0 OR sum(r.share_sign * (r.approved)) <> 0
    ON CONFLICT (year, organization_id, kind) DO UPDATE SET total = c.total + EXCLUDED.total, approved = c.approved + EXCLUDED.approved;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION monitoring_totals_rollup_on_counts() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), sum(r.share_sign * (r.projects)), sum(r.share_sign * (r.tracked)), sum(r.share_sign * (r.budget)), sum(r.share_sign * (r.executed)), sum(r.share_sign * (r.base))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (r.projects)) <> 0 OR sum(r.share_sign * (r.tracked)) <> 0 OR sum(r.share_sign * (r.budget)) <> 0 OR sum(r.share_sign * (r.executed)) <> 0 OR sum(r.share_sign * (r.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), sum(r.share_sign * (r.projects)), sum(r.share_sign * (r.tracked)), sum(r.share_sign * (r.budget)), sum(r.share_sign * (r.executed)), sum(r.share_sign * (r.base))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (r.projects)) <> 0 OR sum(r.share_sign * (r.tracked)) <> 0 OR sum(r.share_sign * (r.budget)) <> 0 OR sum(r.share_sign * (r.executed)) <> 0 OR sum(r.share_sign * (r.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
  ELSE
    INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), sum(r.share_sign * (r.projects)), sum(r.share_sign * (r.tracked)), sum(r.share_sign * (r.budget)), sum(r.share_sign * (r.executed)), sum(r.share_sign * (r.base))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (r.projects)) <> 0 OR sum(r.share_sign * (r.tracked)) <> 0 OR sum(r.share_sign * (r.budget)) <> 0 OR sum(r.share_sign * (r.executed)) <> 0 OR sum(r.share_sign * (r.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
  END IF;
  RETURN NULL;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION monitoring_totals_rollup_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $rollup$
BEGIN
  DELETE FROM monitoring_totals_rollup WHERE year = y;
  INSERT INTO monitoring_totals_rollup AS c (year, organization_id, projects, tracked, budget, executed, base)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), sum(r.share_sign * (r.projects)), sum(r.share_sign * (r.tracked)), sum(r.share_sign * (r.budget)), sum(r.share_sign * (r.executed)), sum(r.share_sign * (r.base))
      FROM (SELECT 1 AS share_sign, q.* FROM monitoring_totals q WHERE q.year = y) r
     GROUP BY 1, 2
    HAVING sum(r.share_sign * (r.projects)) <> 0 OR sum(r.share_sign * (r.tracked)) <> 0 OR sum(r.share_sign * (r.budget)) <> 0 OR sum(r.share_sign * (r.executed)) <> 0 OR sum(r.share_sign * (r.base)) <> 0
    ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION monitoring_warning_counts_rollup_on_counts() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.code, r.open_due, sum(r.share_sign * (r.warnings)), sum(r.share_sign * (r.late))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (r.warnings)) <> 0 OR sum(r.share_sign * (r.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.code, r.open_due, sum(r.share_sign * (r.warnings)), sum(r.share_sign * (r.late))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (r.warnings)) <> 0 OR sum(r.share_sign * (r.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
  ELSE
    INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.code, r.open_due, sum(r.share_sign * (r.warnings)), sum(r.share_sign * (r.late))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (r.warnings)) <> 0 OR sum(r.share_sign * (r.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
  END IF;
  RETURN NULL;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION monitoring_warning_counts_rollup_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $rollup$
BEGIN
  DELETE FROM monitoring_warning_counts_rollup WHERE year = y;
  INSERT INTO monitoring_warning_counts_rollup AS c (year, organization_id, code, open_due, warnings, late)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.code, r.open_due, sum(r.share_sign * (r.warnings)), sum(r.share_sign * (r.late))
      FROM (SELECT 1 AS share_sign, q.* FROM monitoring_warning_counts q WHERE q.year = y) r
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (r.warnings)) <> 0 OR sum(r.share_sign * (r.late)) <> 0
    ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION monitoring_fund_totals_rollup_on_counts() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.source, sum(r.share_sign * (r.executed)), sum(r.share_sign * (r.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.executed)) <> 0 OR sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.source, sum(r.share_sign * (r.executed)), sum(r.share_sign * (r.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.executed)) <> 0 OR sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
  ELSE
    INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.source, sum(r.share_sign * (r.executed)), sum(r.share_sign * (r.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.executed)) <> 0 OR sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION monitoring_fund_totals_rollup_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $rollup$
BEGIN
  DELETE FROM monitoring_fund_totals_rollup WHERE year = y;
  INSERT INTO monitoring_fund_totals_rollup AS c (year, organization_id, source, executed, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.source, sum(r.share_sign * (r.executed)), sum(r.share_sign * (r.projects))
      FROM (SELECT 1 AS share_sign, q.* FROM monitoring_fund_totals q WHERE q.year = y) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.executed)) <> 0 OR sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION monitoring_due_counts_rollup_on_counts() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.due, r.approved, r.tracked, sum(r.share_sign * (r.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.due, r.approved, r.tracked, sum(r.share_sign * (r.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSE
    INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.due, r.approved, r.tracked, sum(r.share_sign * (r.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION monitoring_due_counts_rollup_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $rollup$
BEGIN
  DELETE FROM monitoring_due_counts_rollup WHERE year = y;
  INSERT INTO monitoring_due_counts_rollup AS c (year, organization_id, due, approved, tracked, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.due, r.approved, r.tracked, sum(r.share_sign * (r.projects))
      FROM (SELECT 1 AS share_sign, q.* FROM monitoring_due_counts q WHERE q.year = y) r
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION evaluation_coverage_counts_rollup_on_counts() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.status, sum(r.share_sign * (r.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.status, sum(r.share_sign * (r.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSE
    INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.status, sum(r.share_sign * (r.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION evaluation_coverage_counts_rollup_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $rollup$
BEGIN
  DELETE FROM evaluation_coverage_counts_rollup WHERE year = y;
  INSERT INTO evaluation_coverage_counts_rollup AS c (year, organization_id, status, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.status, sum(r.share_sign * (r.projects))
      FROM (SELECT 1 AS share_sign, q.* FROM evaluation_coverage_counts q WHERE q.year = y) r
     GROUP BY 1, 2, 3
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, status) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION key_coverage_counts_rollup_on_counts() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.last_year, r.first_listed, sum(r.share_sign * (r.projects))
      FROM (SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.last_year, r.first_listed, sum(r.share_sign * (r.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o) r
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  ELSE
    INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.last_year, r.first_listed, sum(r.share_sign * (r.projects))
      FROM (SELECT -1 AS share_sign, o.* FROM old_rows o UNION ALL SELECT 1 AS share_sign, n.* FROM new_rows n) r
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
  END IF;
  RETURN NULL;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION key_coverage_counts_rollup_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $rollup$
BEGIN
  DELETE FROM key_coverage_counts_rollup WHERE year = y;
  INSERT INTO key_coverage_counts_rollup AS c (year, organization_id, last_year, first_listed, projects)
    SELECT r.year, coalesce((SELECT coalesce(ro.list_organization_id, ro.id) FROM organizations ro WHERE ro.id = r.organization_id), r.organization_id), r.last_year, r.first_listed, sum(r.share_sign * (r.projects))
      FROM (SELECT 1 AS share_sign, q.* FROM key_coverage_counts q WHERE q.year = y) r
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.share_sign * (r.projects)) <> 0
    ON CONFLICT (year, organization_id, last_year, first_listed) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
END$rollup$`,
  `CREATE OR REPLACE FUNCTION rollups_on_organizations() RETURNS trigger LANGUAGE plpgsql AS $rollup$
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
END$rollup$`,
];

const TRIGGERS = [
  `CREATE TRIGGER rollup_target_coverage_counts_insert AFTER INSERT ON target_coverage_counts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION target_coverage_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_target_coverage_counts_delete AFTER DELETE ON target_coverage_counts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION target_coverage_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_target_coverage_counts_update AFTER UPDATE ON target_coverage_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION target_coverage_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_totals_insert AFTER INSERT ON monitoring_totals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_totals_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_totals_delete AFTER DELETE ON monitoring_totals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_totals_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_totals_update AFTER UPDATE ON monitoring_totals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_totals_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_warning_counts_insert AFTER INSERT ON monitoring_warning_counts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_warning_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_warning_counts_delete AFTER DELETE ON monitoring_warning_counts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_warning_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_warning_counts_update AFTER UPDATE ON monitoring_warning_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_warning_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_fund_totals_insert AFTER INSERT ON monitoring_fund_totals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_fund_totals_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_fund_totals_delete AFTER DELETE ON monitoring_fund_totals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_fund_totals_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_fund_totals_update AFTER UPDATE ON monitoring_fund_totals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_fund_totals_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_due_counts_insert AFTER INSERT ON monitoring_due_counts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_due_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_due_counts_delete AFTER DELETE ON monitoring_due_counts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_due_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_monitoring_due_counts_update AFTER UPDATE ON monitoring_due_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_due_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_evaluation_coverage_counts_insert AFTER INSERT ON evaluation_coverage_counts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_coverage_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_evaluation_coverage_counts_delete AFTER DELETE ON evaluation_coverage_counts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_coverage_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_evaluation_coverage_counts_update AFTER UPDATE ON evaluation_coverage_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_coverage_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_key_coverage_counts_insert AFTER INSERT ON key_coverage_counts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION key_coverage_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_key_coverage_counts_delete AFTER DELETE ON key_coverage_counts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION key_coverage_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollup_key_coverage_counts_update AFTER UPDATE ON key_coverage_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION key_coverage_counts_rollup_on_counts()`,
  `CREATE TRIGGER rollups_organizations_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_organizations()`,
];
