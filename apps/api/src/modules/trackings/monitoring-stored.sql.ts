/**
 * The stored monitoring facts (R9, R25): per project, what its latest tracking says
 * (projects.tracked / last_executed / last_base / last_funds) and the day its target was approved
 * (projects.target_approved_on; with the latest execution rate, last_execution_rate, which the finance
 * key ranking reads, R14) and its R9 / R10 tracking deadline from the year's profile
 * (projects.tracking_due); per (year, organization), the monitoring dashboard's sums
 * (monitoring_totals: projects and policies, tracked, budget, executed, execution base), the
 * latest trackings' executed amounts by fund source (monitoring_fund_totals) and the projects and
 * policies by deadline, approval and tracking (monitoring_due_counts), from which the coverage and
 * the rounds count what is due and overdue on the day they are asked. The plpgsql functions
 * here keep them current from triggers on projects, targets, trackings and tracking_fund_sources, in
 * the writing transaction, and on policy_profiles and organizations for the deadline (a profile's
 * deadlines or an organization's sector changed) (migration MonitoringStored); the dashboard and the coverage read them
 * instead of choosing every project's latest tracking again.
 *
 * What counts as monitored comes from libs/domain (`monitoredKindSql`); the migration embeds the text
 * these builders give, and test/monitoring-stored.e2e-spec.ts checks that the functions in the
 * database are still exactly these — a change of the rule needs a migration that replaces them.
 */
import { monitoredKindSql, trackingDueSqlSteps } from '@jixiao/domain';
import {
  rebuildCountsSql,
  functionStatements,
  refreshOnWriteSql,
  rowChangedSql,
  statementCountsSql,
  statementCountsTriggerStatements,
  type CountedRows,
  type StoredFunction,
} from '../../database/stored-counts.sql';

/**
 * A project's latest tracking: the latest as-of date, then the latest written, then the greatest id
 * (the order the coverage shows as "last tracking").
 */
export const LATEST_TRACKING_ORDER = 'x.as_of DESC, x.created_at DESC, x.id DESC';

/** What the stored columns of a few projects (`ids`) should hold: each looked up through the indexes. */
const FACTS_OF_IDS = `SELECT q.id,
           (SELECT (t.approved_at AT TIME ZONE 'Asia/Shanghai')::date FROM targets t WHERE t.project_id = q.id) AS approved_on,
           l.id IS NOT NULL AS tracked, l.executed_amount AS executed, l.base_amount AS base, l.execution_rate AS rate,
           (SELECT jsonb_object_agg(f.source, f.amount) FROM tracking_fund_sources f WHERE f.tracking_id = l.id) AS funds
      FROM projects q
      LEFT JOIN LATERAL (SELECT x.id, x.executed_amount, x.base_amount, x.execution_rate FROM trackings x WHERE x.project_id = q.id
                          ORDER BY ${LATEST_TRACKING_ORDER} LIMIT 1) l ON true
     WHERE q.id = ANY(ids)`;

/** The same for every project of the year `y`, set-based (hash joins; no index needed, as in a bulk load). */
const FACTS_OF_YEAR = `WITH l AS MATERIALIZED (
      SELECT DISTINCT ON (x.project_id) x.project_id, x.id, x.executed_amount, x.base_amount, x.execution_rate
        FROM trackings x JOIN projects xp ON xp.id = x.project_id
       WHERE xp.year = y ORDER BY x.project_id, ${LATEST_TRACKING_ORDER}),
    lf AS (SELECT l.project_id, jsonb_object_agg(f.source, f.amount) AS funds
             FROM l JOIN tracking_fund_sources f ON f.tracking_id = l.id GROUP BY l.project_id)
    SELECT q.id, (t.approved_at AT TIME ZONE 'Asia/Shanghai')::date AS approved_on,
           l.id IS NOT NULL AS tracked, l.executed_amount AS executed, l.base_amount AS base, l.execution_rate AS rate, lf.funds
      FROM projects q
      LEFT JOIN targets t ON t.project_id = q.id
      LEFT JOIN l ON l.project_id = q.id
      LEFT JOIN lf ON lf.project_id = q.id
     WHERE q.year = y`;

const refreshSql = (facts: string) => `WITH s AS MATERIALIZED (
    ${facts})
  UPDATE projects p
     SET target_approved_on = s.approved_on, tracked = s.tracked, last_executed = s.executed, last_base = s.base,
         last_execution_rate = s.rate, last_funds = s.funds
    FROM s
   WHERE p.id = s.id
     AND (p.target_approved_on, p.tracked, p.last_executed, p.last_base, p.last_execution_rate, p.last_funds)
         IS DISTINCT FROM (s.approved_on, s.tracked, s.executed, s.base, s.rate, s.funds);`;

const at = (r: string) => ({ year: `${r}.year`, organization_id: `${r}.organization_id` });

/**
 * A projects row `r`'s shares of the sums: of monitoring_totals and (with its deadline) of
 * monitoring_due_counts when it is monitored, of monitoring_fund_totals by each fund source of its
 * latest tracking.
 */
const COUNTED: readonly CountedRows[] = [
  {
    table: 'monitoring_totals',
    keys: at,
    counts: (r) => ({
      projects: '1',
      tracked: `CASE WHEN ${r}.tracked THEN 1 ELSE 0 END`,
      budget: `${r}.budget_amount`,
      executed: `COALESCE(${r}.last_executed, 0)`,
      base: `COALESCE(${r}.last_base, ${r}.budget_amount)`,
    }),
    where: (r) => monitoredKindSql(`${r}.kind`),
  },
  {
    table: 'monitoring_due_counts',
    keys: (r) => ({
      ...at(r),
      due: `${r}.tracking_due`,
      approved: `COALESCE(${r}.target_status = 'approved', false)`,
      tracked: `${r}.tracked`,
    }),
    counts: () => ({ projects: '1' }),
    // A row loaded with the triggers off has no deadline until monitoring_rebuild_year: it is counted from then.
    where: (r) => `${monitoredKindSql(`${r}.kind`)} AND ${r}.tracking_due IS NOT NULL`,
  },
  {
    table: 'monitoring_fund_totals',
    keys: (r) => ({ ...at(r), source: 'f.key' }),
    counts: () => ({ executed: `(f.value #>> '{}')::numeric`, projects: '1' }),
    from: (r) => `jsonb_each(${r}.last_funds) f`,
    where: (r) => `${r}.last_funds IS NOT NULL`,
  },
];

/** A trigger's body: monitoring_refresh of the projects `ids` gives for OLD and NEW. */
const refreshOnWrite = (ids: (r: 'OLD' | 'NEW') => string) => refreshOnWriteSql('monitoring_refresh', ids);

/** A projects row's deadline inputs (`r`: the row, OLD / NEW or `q`), the later of creation and approval. */
const arrivedOn = (r: string) => `GREATEST((${r}.created_at AT TIME ZONE 'Asia/Shanghai')::date, ${r}.target_approved_on)`;

/**
 * Recomputes the stored deadline of the projects of the year `y` and / or organizations `orgs` (NULL:
 * any), once per distinct (year, sector, arrival day) rather than once per project, writing only rows
 * that change (their share of monitoring_due_counts moves by the projects trigger).
 */
const DUE_RECOMPUTE = `WITH q AS MATERIALIZED (
    SELECT q.id, q.year, COALESCE(o.sector, po.sector, '') AS sector, ${arrivedOn('q')} AS arrived, q.tracking_due
      FROM projects q JOIN organizations o ON o.id = q.organization_id LEFT JOIN organizations po ON po.id = o.parent_id
     WHERE (y IS NULL OR q.year = y) AND (orgs IS NULL OR q.organization_id = ANY(orgs))),
  k AS MATERIALIZED (
    SELECT k.year, k.sector, k.arrived, monitoring_due(pp."values"->'deadlines', k.year, NULLIF(k.sector, ''), k.arrived) AS due
      FROM (SELECT DISTINCT year, sector, arrived FROM q) k LEFT JOIN policy_profiles pp ON pp.year = k.year)
  UPDATE projects p SET tracking_due = k.due
    FROM q JOIN k ON k.year = q.year AND k.sector = q.sector AND k.arrived = q.arrived
   WHERE p.id = q.id AND q.tracking_due IS DISTINCT FROM k.due;`;

/** The R9 / R10 deadline rule's steps over monitoring_due's arguments. */
const DUE = trackingDueSqlSteps({ deadlines: 'deadlines', year: 'y', sector: 'sector', arrivedOn: 'arrived' });

/** What of a profile the deadline reads (its deadlines). */
const PROFILE_DEADLINES_CHANGED = `OLD."values"->'deadlines' IS DISTINCT FROM NEW."values"->'deadlines'`;

/** The functions, in creation order. */
export const MONITORING_STORED_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'monitoring_due',
    args: 'deadlines jsonb, y integer, sector text, arrived date',
    returns: 'date',
    body: `
DECLARE
  first_rule jsonb := ${DUE.firstRule};
  later_rule jsonb := ${DUE.laterRule};
  first_due date := ${DUE.firstDue('first_rule')};
BEGIN
  RETURN ${DUE.due('first_due', 'later_rule')};
END`,
  },
  {
    name: 'monitoring_due_recompute',
    args: 'y integer, orgs uuid[]',
    returns: 'void',
    body: `
BEGIN
  ${DUE_RECOMPUTE}
END`,
  },
  {
    name: 'monitoring_refresh',
    args: 'ids uuid[]',
    returns: 'void',
    body: `
BEGIN
  ${refreshSql(FACTS_OF_IDS)}
END`,
  },
  {
    name: 'monitoring_rebuild_year',
    args: 'y integer',
    returns: 'void',
    body: `
BEGIN
  -- Every project of the year (the triggers keep the sums while they run), then the sums from the projects' rows
  -- (the same, or what they should be where triggers were off, as during a bulk load).
  ${refreshSql(FACTS_OF_YEAR)}
  PERFORM monitoring_due_recompute(y, NULL);
  ${rebuildCountsSql(COUNTED, 'projects', 'y')}
END`,
  },
  {
    name: 'monitoring_on_projects',
    args: '',
    returns: 'trigger',
    body: statementCountsSql(COUNTED),
  },
  {
    name: 'monitoring_due_on_projects',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  NEW.tracking_due := monitoring_due((SELECT pp."values"->'deadlines' FROM policy_profiles pp WHERE pp.year = NEW.year), NEW.year,
    (SELECT COALESCE(o.sector, po.sector) FROM organizations o LEFT JOIN organizations po ON po.id = o.parent_id WHERE o.id = NEW.organization_id),
    ${arrivedOn('NEW')});
  RETURN NEW;
END`,
  },
  {
    name: 'monitoring_due_on_policy_profiles',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  -- Updates come only when the year or the deadlines changed (the trigger's WHEN).
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.year <> OLD.year) THEN PERFORM monitoring_due_recompute(OLD.year, NULL); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM monitoring_due_recompute(NEW.year, NULL); END IF;
  RETURN NULL;
END`,
  },
  {
    name: 'monitoring_due_on_organizations',
    args: '',
    returns: 'trigger',
    // An organization's sector is its units' too when they have none (COALESCE(o.sector, po.sector)).
    body: `
BEGIN
  PERFORM monitoring_due_recompute(NULL, ARRAY(SELECT o.id FROM organizations o WHERE o.id = NEW.id OR o.parent_id = NEW.id));
  RETURN NULL;
END`,
  },
  { name: 'monitoring_on_trackings', args: '', returns: 'trigger', body: refreshOnWrite((r) => `${r}.project_id`) },
  { name: 'monitoring_on_targets', args: '', returns: 'trigger', body: refreshOnWrite((r) => `${r}.project_id`) },
  {
    name: 'monitoring_on_fund_sources',
    args: '',
    returns: 'trigger',
    // A tracking deleted with its fund sources is gone by then: its project was refreshed by the tracking's trigger.
    body: refreshOnWrite((r) => `ARRAY(SELECT x.project_id FROM trackings x WHERE x.id = ${r}.tracking_id)`),
  },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function monitoringStoredFunctionStatements(): string[] {
  return functionStatements(MONITORING_STORED_FUNCTIONS, 'monitoring');
}

const TRACKING_COLUMNS = ['project_id', 'as_of', 'created_at', 'executed_amount', 'base_amount', 'execution_rate'] as const;
const FUND_COLUMNS = ['tracking_id', 'source', 'amount'] as const;

/** CREATE TRIGGER statements (what the migration holds, literally). */
export function monitoringStoredTriggerStatements(): string[] {
  const pair = (name: string, table: string, fn: string, columns: readonly string[]) => [
    `CREATE TRIGGER ${name}_write AFTER INSERT OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${name}_update AFTER UPDATE OF ${columns.join(', ')} ON ${table} FOR EACH ROW WHEN (${rowChangedSql(columns)}) EXECUTE FUNCTION ${fn}()`,
  ];
  return [
    `CREATE TRIGGER monitoring_due_projects BEFORE INSERT OR UPDATE OF year, organization_id, created_at, target_approved_on ON projects FOR EACH ROW EXECUTE FUNCTION monitoring_due_on_projects()`,
    `CREATE TRIGGER monitoring_due_policy_profiles_write AFTER INSERT OR DELETE ON policy_profiles FOR EACH ROW EXECUTE FUNCTION monitoring_due_on_policy_profiles()`,
    `CREATE TRIGGER monitoring_due_policy_profiles_update AFTER UPDATE OF year, "values" ON policy_profiles FOR EACH ROW WHEN (OLD.year <> NEW.year OR ${PROFILE_DEADLINES_CHANGED}) EXECUTE FUNCTION monitoring_due_on_policy_profiles()`,
    `CREATE TRIGGER monitoring_due_organizations_update AFTER UPDATE OF sector, parent_id ON organizations FOR EACH ROW WHEN (${rowChangedSql(['sector', 'parent_id'])}) EXECUTE FUNCTION monitoring_due_on_organizations()`,
    ...statementCountsTriggerStatements('monitoring_projects', 'projects', 'monitoring_on_projects'),
    ...pair('monitoring_trackings', 'trackings', 'monitoring_on_trackings', TRACKING_COLUMNS),
    ...pair('monitoring_targets', 'targets', 'monitoring_on_targets', ['project_id', 'approved_at']),
    ...pair('monitoring_fund_sources', 'tracking_fund_sources', 'monitoring_on_fund_sources', FUND_COLUMNS),
  ];
}

/** The stored R9 / R10 deadline of a projects row `p`. */
export const STORED_DUE = 'p.tracking_due';

/** `trackingStateSql`'s inputs of a projects row `p` from its stored facts, with no join to its target or trackings. */
export const STORED_STATE_COLUMNS = { targetStatus: 'p.target_status', trackings: 'p.tracked::int' } as const;

/** The same of a monitoring_due_counts row `c`. */
export const COUNTED_STATE_COLUMNS = { targetStatus: `CASE WHEN c.approved THEN 'approved' END`, trackings: 'c.tracked::int' } as const;
