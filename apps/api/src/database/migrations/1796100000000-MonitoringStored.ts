import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the monitoring dashboard's sums are stored and kept current by the writes
 * that change them, in the same transaction, whoever writes: per project the day its target was
 * approved and what its latest tracking says (projects.target_approved_on, tracked, last_executed,
 * last_base, last_funds) and its R9 / R10 tracking deadline from the year's profile (tracking_due),
 * per (year, organization) the sums over projects and policies (monitoring_totals), the latest
 * trackings' fund sources (monitoring_fund_totals) and the projects and policies by deadline,
 * approval and tracking (monitoring_due_counts), by triggers on projects, targets, trackings,
 * tracking_fund_sources, policy_profiles (deadlines) and organizations (sector).
 *
 * The function bodies and triggers are the text src/modules/trackings/monitoring-stored.sql.ts
 * generates (what is monitored comes from libs/domain), embedded literally;
 * test/monitoring-stored.e2e-spec.ts fails when they change without a migration replacing them.
 */
export class MonitoringStored1796100000000 implements MigrationInterface {
  name = 'MonitoringStored1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "target_approved_on" date`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "tracked" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "last_executed" numeric(18,2)`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "last_base" numeric(18,2)`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "last_execution_rate" numeric(9,2)`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "last_funds" jsonb`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "tracking_due" date`);
    await queryRunner.query(
      `CREATE TABLE "monitoring_totals" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "projects" integer NOT NULL DEFAULT 0,
        "tracked" integer NOT NULL DEFAULT 0, "budget" numeric(18,2) NOT NULL DEFAULT 0, "executed" numeric(18,2) NOT NULL DEFAULT 0,
        "base" numeric(18,2) NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "monitoring_fund_totals" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "source" character varying(32) NOT NULL,
        "executed" numeric(18,2) NOT NULL DEFAULT 0, "projects" integer NOT NULL DEFAULT 0, PRIMARY KEY ("year", "organization_id", "source"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "monitoring_due_counts" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "due" date NOT NULL,
        "approved" boolean NOT NULL, "tracked" boolean NOT NULL, "projects" integer NOT NULL DEFAULT 0,
        PRIMARY KEY ("year", "organization_id", "due", "approved", "tracked"))`,
    );
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    // Backfill before the triggers exist: every year's projects, then the sums from them.
    await queryRunner.query(`SELECT monitoring_rebuild_year(y) FROM (SELECT DISTINCT year AS y FROM projects) years`);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER monitoring_due_projects ON projects`);
    await queryRunner.query(`DROP TRIGGER monitoring_due_policy_profiles_write ON policy_profiles`);
    await queryRunner.query(`DROP TRIGGER monitoring_due_policy_profiles_update ON policy_profiles`);
    await queryRunner.query(`DROP TRIGGER monitoring_due_organizations_update ON organizations`);
    for (const [name, table] of [
      ['monitoring_projects', 'projects'],
      ['monitoring_trackings', 'trackings'],
      ['monitoring_targets', 'targets'],
      ['monitoring_fund_sources', 'tracking_fund_sources'],
    ]) {
      await queryRunner.query(`DROP TRIGGER ${name}_write ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${name}_update ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION monitoring_on_fund_sources()`);
    await queryRunner.query(`DROP FUNCTION monitoring_on_targets()`);
    await queryRunner.query(`DROP FUNCTION monitoring_on_trackings()`);
    await queryRunner.query(`DROP FUNCTION monitoring_on_projects()`);
    await queryRunner.query(`DROP FUNCTION monitoring_due_on_organizations()`);
    await queryRunner.query(`DROP FUNCTION monitoring_due_on_policy_profiles()`);
    await queryRunner.query(`DROP FUNCTION monitoring_due_on_projects()`);
    await queryRunner.query(`DROP FUNCTION monitoring_rebuild_year(integer)`);
    await queryRunner.query(`DROP FUNCTION monitoring_refresh(uuid[])`);
    await queryRunner.query(`DROP FUNCTION monitoring_due_recompute(integer, uuid[])`);
    await queryRunner.query(`DROP FUNCTION monitoring_due(jsonb, integer, text, date)`);
    await queryRunner.query(`DROP TABLE "monitoring_due_counts"`);
    await queryRunner.query(`DROP TABLE "monitoring_fund_totals"`);
    await queryRunner.query(`DROP TABLE "monitoring_totals"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "tracking_due"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "last_funds"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "last_execution_rate"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "last_base"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "last_executed"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "tracked"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "target_approved_on"`);
  }
}

export const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION monitoring_due(profile jsonb, y integer, sector text, arrived date) RETURNS date LANGUAGE plpgsql AS $monitoring$
BEGIN
  RETURN (SELECT CASE WHEN l.d IS NOT NULL AND arrived > r.first THEN make_date(y, split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN l.d->'sectorDates'->>sector END, l.d->>'date'), '-', 1)::int, least(split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN l.d->'sectorDates'->>sector END, l.d->>'date'), '-', 2)::int, extract(day from make_date(y, split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN l.d->'sectorDates'->>sector END, l.d->>'date'), '-', 1)::int, 1) + interval '1 month' - interval '1 day')::int)) ELSE r.first END
      FROM (SELECT (SELECT CASE WHEN f.d IS NULL THEN make_date(y, 12, 31)
      ELSE make_date(y, split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN f.d->'sectorDates'->>sector END, f.d->>'date'), '-', 1)::int, least(split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN f.d->'sectorDates'->>sector END, f.d->>'date'), '-', 2)::int, extract(day from make_date(y, split_part(COALESCE(CASE WHEN sector ~ '^[a-z_]+$' THEN f.d->'sectorDates'->>sector END, f.d->>'date'), '-', 1)::int, 1) + interval '1 month' - interval '1 day')::int)) END
      FROM (SELECT (SELECT d FROM jsonb_array_elements(COALESCE(profile->'deadlines', '[]'::jsonb)) WITH ORDINALITY e(d, i) WHERE d->>'code' = 'first_tracking' ORDER BY i LIMIT 1) AS d) f) AS first) r, (SELECT (SELECT d FROM jsonb_array_elements(COALESCE(profile->'deadlines', '[]'::jsonb)) WITH ORDINALITY e(d, i) WHERE d->>'code' = 'later_tracking' ORDER BY i LIMIT 1) AS d) l);
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_due_recompute(y integer, orgs uuid[]) RETURNS void LANGUAGE plpgsql AS $monitoring$
BEGIN
  WITH q AS MATERIALIZED (
    SELECT q.id, q.year, COALESCE(o.sector, po.sector, '') AS sector, GREATEST((q.created_at AT TIME ZONE 'Asia/Shanghai')::date, q.target_approved_on) AS arrived, q.tracking_due
      FROM projects q JOIN organizations o ON o.id = q.organization_id LEFT JOIN organizations po ON po.id = o.parent_id
     WHERE (y IS NULL OR q.year = y) AND (orgs IS NULL OR q.organization_id = ANY(orgs))),
  k AS MATERIALIZED (
    SELECT k.year, k.sector, k.arrived, monitoring_due(pp."values", k.year, NULLIF(k.sector, ''), k.arrived) AS due
      FROM (SELECT DISTINCT year, sector, arrived FROM q) k LEFT JOIN policy_profiles pp ON pp.year = k.year)
  UPDATE projects p SET tracking_due = k.due
    FROM q JOIN k ON k.year = q.year AND k.sector = q.sector AND k.arrived = q.arrived
   WHERE p.id = q.id AND q.tracking_due IS DISTINCT FROM k.due;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $monitoring$
BEGIN
  WITH s AS MATERIALIZED (
    SELECT q.id,
           (SELECT (t.approved_at AT TIME ZONE 'Asia/Shanghai')::date FROM targets t WHERE t.project_id = q.id) AS approved_on,
           l.id IS NOT NULL AS tracked, l.executed_amount AS executed, l.base_amount AS base, l.execution_rate AS rate,
           (SELECT jsonb_object_agg(f.source, f.amount) FROM tracking_fund_sources f WHERE f.tracking_id = l.id) AS funds
      FROM projects q
      LEFT JOIN LATERAL (SELECT x.id, x.executed_amount, x.base_amount, x.execution_rate FROM trackings x WHERE x.project_id = q.id
                          ORDER BY x.as_of DESC, x.created_at DESC, x.id DESC LIMIT 1) l ON true
     WHERE q.id = ANY(ids))
  UPDATE projects p
     SET target_approved_on = s.approved_on, tracked = s.tracked, last_executed = s.executed, last_base = s.base,
         last_execution_rate = s.rate, last_funds = s.funds
    FROM s
   WHERE p.id = s.id
     AND (p.target_approved_on, p.tracked, p.last_executed, p.last_base, p.last_execution_rate, p.last_funds)
         IS DISTINCT FROM (s.approved_on, s.tracked, s.executed, s.base, s.rate, s.funds);
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $monitoring$
BEGIN
  -- Every project of the year (the triggers keep the sums while they run), then the sums from the projects' rows
  -- (the same, or what they should be where triggers were off, as during a bulk load).
  WITH s AS MATERIALIZED (
    WITH l AS MATERIALIZED (
      SELECT DISTINCT ON (x.project_id) x.project_id, x.id, x.executed_amount, x.base_amount, x.execution_rate
        FROM trackings x JOIN projects xp ON xp.id = x.project_id
       WHERE xp.year = y ORDER BY x.project_id, x.as_of DESC, x.created_at DESC, x.id DESC),
    lf AS (SELECT l.project_id, jsonb_object_agg(f.source, f.amount) AS funds
             FROM l JOIN tracking_fund_sources f ON f.tracking_id = l.id GROUP BY l.project_id)
    SELECT q.id, (t.approved_at AT TIME ZONE 'Asia/Shanghai')::date AS approved_on,
           l.id IS NOT NULL AS tracked, l.executed_amount AS executed, l.base_amount AS base, l.execution_rate AS rate, lf.funds
      FROM projects q
      LEFT JOIN targets t ON t.project_id = q.id
      LEFT JOIN l ON l.project_id = q.id
      LEFT JOIN lf ON lf.project_id = q.id
     WHERE q.year = y)
  UPDATE projects p
     SET target_approved_on = s.approved_on, tracked = s.tracked, last_executed = s.executed, last_base = s.base,
         last_execution_rate = s.rate, last_funds = s.funds
    FROM s
   WHERE p.id = s.id
     AND (p.target_approved_on, p.tracked, p.last_executed, p.last_base, p.last_execution_rate, p.last_funds)
         IS DISTINCT FROM (s.approved_on, s.tracked, s.executed, s.base, s.rate, s.funds);
  PERFORM monitoring_due_recompute(y, NULL);
  DELETE FROM monitoring_totals WHERE year = y;
  INSERT INTO monitoring_totals (year, organization_id, projects, tracked, budget, executed, base)
  SELECT year, organization_id, count(*), count(*) FILTER (WHERE tracked), sum(budget_amount), sum(COALESCE(last_executed, 0)),
         sum(COALESCE(last_base, budget_amount))
    FROM projects WHERE year = y AND kind IN ('project', 'policy') GROUP BY year, organization_id;
  DELETE FROM monitoring_due_counts WHERE year = y;
  INSERT INTO monitoring_due_counts (year, organization_id, due, approved, tracked, projects)
  SELECT year, organization_id, tracking_due, COALESCE(target_status = 'approved', false), tracked, count(*)
    FROM projects WHERE year = y AND kind IN ('project', 'policy') AND tracking_due IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
  DELETE FROM monitoring_fund_totals WHERE year = y;
  INSERT INTO monitoring_fund_totals (year, organization_id, source, executed, projects)
  SELECT p.year, p.organization_id, f.key, sum((f.value #>> '{}')::numeric), count(*)
    FROM projects p CROSS JOIN LATERAL jsonb_each(p.last_funds) f
   WHERE p.year = y AND p.last_funds IS NOT NULL GROUP BY p.year, p.organization_id, f.key;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_on_projects() RETURNS trigger LANGUAGE plpgsql AS $monitoring$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.kind IN ('project', 'policy') THEN
      INSERT INTO monitoring_totals AS c (year, organization_id, projects, tracked, budget, executed, base)
        VALUES (OLD.year, OLD.organization_id, -1, CASE WHEN OLD.tracked THEN -1 ELSE 0 END, -OLD.budget_amount, -COALESCE(OLD.last_executed, 0), -COALESCE(OLD.last_base, OLD.budget_amount))
        ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
      -- A row loaded with the triggers off has no deadline until monitoring_rebuild_year: it is counted from then.
      IF OLD.tracking_due IS NOT NULL THEN
        INSERT INTO monitoring_due_counts AS c (year, organization_id, due, approved, tracked, projects)
        VALUES (OLD.year, OLD.organization_id, OLD.tracking_due, COALESCE(OLD.target_status = 'approved', false), OLD.tracked, -1)
        ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
      END IF;
    END IF;
    IF OLD.last_funds IS NOT NULL THEN
      INSERT INTO monitoring_fund_totals AS c (year, organization_id, source, executed, projects)
        SELECT OLD.year, OLD.organization_id, f.key, -(f.value #>> '{}')::numeric, -1 FROM jsonb_each(OLD.last_funds) f
        ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.kind IN ('project', 'policy') THEN
      INSERT INTO monitoring_totals AS c (year, organization_id, projects, tracked, budget, executed, base)
        VALUES (NEW.year, NEW.organization_id, 1, CASE WHEN NEW.tracked THEN 1 ELSE 0 END, NEW.budget_amount, COALESCE(NEW.last_executed, 0), COALESCE(NEW.last_base, NEW.budget_amount))
        ON CONFLICT (year, organization_id) DO UPDATE SET projects = c.projects + EXCLUDED.projects, tracked = c.tracked + EXCLUDED.tracked, budget = c.budget + EXCLUDED.budget, executed = c.executed + EXCLUDED.executed, base = c.base + EXCLUDED.base;
      -- A row loaded with the triggers off has no deadline until monitoring_rebuild_year: it is counted from then.
      IF NEW.tracking_due IS NOT NULL THEN
        INSERT INTO monitoring_due_counts AS c (year, organization_id, due, approved, tracked, projects)
        VALUES (NEW.year, NEW.organization_id, NEW.tracking_due, COALESCE(NEW.target_status = 'approved', false), NEW.tracked, 1)
        ON CONFLICT (year, organization_id, due, approved, tracked) DO UPDATE SET projects = c.projects + EXCLUDED.projects;
      END IF;
    END IF;
    IF NEW.last_funds IS NOT NULL THEN
      INSERT INTO monitoring_fund_totals AS c (year, organization_id, source, executed, projects)
        SELECT NEW.year, NEW.organization_id, f.key, (f.value #>> '{}')::numeric, 1 FROM jsonb_each(NEW.last_funds) f
        ON CONFLICT (year, organization_id, source) DO UPDATE SET executed = c.executed + EXCLUDED.executed, projects = c.projects + EXCLUDED.projects;
    END IF;
  END IF;
  RETURN NULL;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_due_on_projects() RETURNS trigger LANGUAGE plpgsql AS $monitoring$
BEGIN
  NEW.tracking_due := monitoring_due((SELECT pp."values" FROM policy_profiles pp WHERE pp.year = NEW.year), NEW.year,
    (SELECT COALESCE(o.sector, po.sector) FROM organizations o LEFT JOIN organizations po ON po.id = o.parent_id WHERE o.id = NEW.organization_id),
    GREATEST((NEW.created_at AT TIME ZONE 'Asia/Shanghai')::date, NEW.target_approved_on));
  RETURN NEW;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_due_on_policy_profiles() RETURNS trigger LANGUAGE plpgsql AS $monitoring$
BEGIN
  -- Updates come only when the year or the deadlines changed (the trigger's WHEN).
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.year <> OLD.year) THEN PERFORM monitoring_due_recompute(OLD.year, NULL); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM monitoring_due_recompute(NEW.year, NULL); END IF;
  RETURN NULL;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_due_on_organizations() RETURNS trigger LANGUAGE plpgsql AS $monitoring$
BEGIN
  PERFORM monitoring_due_recompute(NULL, ARRAY(SELECT o.id FROM organizations o WHERE o.id = NEW.id OR o.parent_id = NEW.id));
  RETURN NULL;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_on_trackings() RETURNS trigger LANGUAGE plpgsql AS $monitoring$
DECLARE ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || OLD.project_id; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || NEW.project_id; END IF;
  PERFORM monitoring_refresh(ids);
  RETURN NULL;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_on_targets() RETURNS trigger LANGUAGE plpgsql AS $monitoring$
DECLARE ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || OLD.project_id; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || NEW.project_id; END IF;
  PERFORM monitoring_refresh(ids);
  RETURN NULL;
END$monitoring$`,
  `CREATE OR REPLACE FUNCTION monitoring_on_fund_sources() RETURNS trigger LANGUAGE plpgsql AS $monitoring$
DECLARE ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || ARRAY(SELECT x.project_id FROM trackings x WHERE x.id = OLD.tracking_id); END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || ARRAY(SELECT x.project_id FROM trackings x WHERE x.id = NEW.tracking_id); END IF;
  PERFORM monitoring_refresh(ids);
  RETURN NULL;
END$monitoring$`,
];

export const TRIGGERS = [
  `CREATE TRIGGER monitoring_due_projects BEFORE INSERT OR UPDATE OF year, organization_id, created_at, target_approved_on ON projects FOR EACH ROW EXECUTE FUNCTION monitoring_due_on_projects()`,
  `CREATE TRIGGER monitoring_due_policy_profiles_write AFTER INSERT OR DELETE ON policy_profiles FOR EACH ROW EXECUTE FUNCTION monitoring_due_on_policy_profiles()`,
  `CREATE TRIGGER monitoring_due_policy_profiles_update AFTER UPDATE OF year, "values" ON policy_profiles FOR EACH ROW WHEN (OLD.year <> NEW.year OR OLD."values"->'deadlines' IS DISTINCT FROM NEW."values"->'deadlines') EXECUTE FUNCTION monitoring_due_on_policy_profiles()`,
  `CREATE TRIGGER monitoring_due_organizations_update AFTER UPDATE OF sector, parent_id ON organizations FOR EACH ROW WHEN ((OLD.sector, OLD.parent_id) IS DISTINCT FROM (NEW.sector, NEW.parent_id)) EXECUTE FUNCTION monitoring_due_on_organizations()`,
  `CREATE TRIGGER monitoring_projects_write AFTER INSERT OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION monitoring_on_projects()`,
  `CREATE TRIGGER monitoring_projects_update AFTER UPDATE OF created_at, target_approved_on, year, organization_id, kind, budget_amount, target_status, tracking_due, tracked, last_executed, last_base, last_funds ON projects FOR EACH ROW WHEN ((OLD.created_at, OLD.target_approved_on, OLD.year, OLD.organization_id, OLD.kind, OLD.budget_amount, OLD.target_status, OLD.tracking_due, OLD.tracked, OLD.last_executed, OLD.last_base, OLD.last_funds) IS DISTINCT FROM (NEW.created_at, NEW.target_approved_on, NEW.year, NEW.organization_id, NEW.kind, NEW.budget_amount, NEW.target_status, NEW.tracking_due, NEW.tracked, NEW.last_executed, NEW.last_base, NEW.last_funds)) EXECUTE FUNCTION monitoring_on_projects()`,
  `CREATE TRIGGER monitoring_trackings_write AFTER INSERT OR DELETE ON trackings FOR EACH ROW EXECUTE FUNCTION monitoring_on_trackings()`,
  `CREATE TRIGGER monitoring_trackings_update AFTER UPDATE OF project_id, as_of, created_at, executed_amount, base_amount, execution_rate ON trackings FOR EACH ROW WHEN ((OLD.project_id, OLD.as_of, OLD.created_at, OLD.executed_amount, OLD.base_amount, OLD.execution_rate) IS DISTINCT FROM (NEW.project_id, NEW.as_of, NEW.created_at, NEW.executed_amount, NEW.base_amount, NEW.execution_rate)) EXECUTE FUNCTION monitoring_on_trackings()`,
  `CREATE TRIGGER monitoring_targets_write AFTER INSERT OR DELETE ON targets FOR EACH ROW EXECUTE FUNCTION monitoring_on_targets()`,
  `CREATE TRIGGER monitoring_targets_update AFTER UPDATE OF project_id, approved_at ON targets FOR EACH ROW WHEN ((OLD.project_id, OLD.approved_at) IS DISTINCT FROM (NEW.project_id, NEW.approved_at)) EXECUTE FUNCTION monitoring_on_targets()`,
  `CREATE TRIGGER monitoring_fund_sources_write AFTER INSERT OR DELETE ON tracking_fund_sources FOR EACH ROW EXECUTE FUNCTION monitoring_on_fund_sources()`,
  `CREATE TRIGGER monitoring_fund_sources_update AFTER UPDATE OF tracking_id, source, amount ON tracking_fund_sources FOR EACH ROW WHEN ((OLD.tracking_id, OLD.source, OLD.amount) IS DISTINCT FROM (NEW.tracking_id, NEW.source, NEW.amount)) EXECUTE FUNCTION monitoring_on_fund_sources()`,
];
