/**
 * The stored R4 coverage inputs of the five-year planner: per project whether it is a key project
 * (projects.is_key, `isKeyProjectSql` on the year's profile threshold) and its last key evaluation
 * year (projects.key_last_year, `lastKeyEvaluationYearSql`: the year typed on the project or the
 * latest department / finance key evaluation record of its code and organization, in any year); per
 * (year, organization, last key evaluation year — 0 for none —, first listed year) the key projects
 * (key_coverage_counts). From those the planner's totals and plan per department or town are
 * aggregated over a few thousand rows instead of every key project of a city (migration
 * KeyCoverageStored). Kept by triggers on projects, evaluation_records and policy_profiles (the
 * threshold), in the writing transaction.
 *
 * The migration embeds the text these builders give; test/key-coverage-stored.e2e-spec.ts checks
 * that the functions in the database are still exactly these.
 */
import { isKeyProjectSql } from '@jixiao/domain';
import {
  rebuildCountsSql,
  functionStatements,
  rowChangedSql,
  statementCountsSql,
  statementCountsTriggerStatements,
  type CountedRows,
  type StoredFunction,
} from '../../database/stored-counts.sql';
import { lastKeyEvaluationYearSql, latestKeyEvaluationRecordsSql } from '../evaluation-records/last-key-evaluation-year.sql';

/** A profile's key threshold (`pp` a policy_profiles row). */
const THRESHOLD = `(pp."values"#>>'{keyProjects,amountThreshold}')::numeric`;
const THRESHOLD_CHANGED = `OLD."values"#>'{keyProjects,amountThreshold}' IS DISTINCT FROM NEW."values"#>'{keyProjects,amountThreshold}'`;

const isKey = (r: string, threshold: string) =>
  isKeyProjectSql({ kind: `${r}.kind`, budgetAmount: `${r}.budget_amount`, manualKeyBasis: `${r}.manual_key_basis` }, threshold);

/** The first year a project counts as listed: its start year, never after its budget year. */
export const firstListedSql = (r: string) => `LEAST(COALESCE(${r}.start_year, ${r}.year), ${r}.year)`;

/** A projects row `r`'s share of key_coverage_counts: the key projects. */
const COUNTED: CountedRows = {
  table: 'key_coverage_counts',
  keys: (r) => ({
    year: `${r}.year`,
    organization_id: `${r}.organization_id`,
    last_year: `COALESCE(${r}.key_last_year, 0)`,
    first_listed: firstListedSql(r),
  }),
  counts: () => ({ projects: '1' }),
  where: (r) => `${r}.is_key`,
};

/** The functions, in creation order. */
export const KEY_COVERAGE_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'key_coverage_refresh',
    args: 'c text, org uuid',
    returns: 'void',
    // The projects of one code and organization (every year) after a change of their evaluation records.
    body: `
BEGIN
  UPDATE projects p SET key_last_year = s.last
    FROM (SELECT q.id, (${lastKeyEvaluationYearSql('q')}) AS last FROM projects q WHERE q.code = c AND q.organization_id = org) s
   WHERE p.id = s.id AND p.key_last_year IS DISTINCT FROM s.last;
END`,
  },
  {
    name: 'key_coverage_recompute',
    args: 'y integer',
    returns: 'void',
    // The key flag of the year's projects on its profile's threshold; only the rows that change are written.
    body: `
BEGIN
  WITH k AS MATERIALIZED (SELECT (SELECT ${THRESHOLD} FROM policy_profiles pp WHERE pp.year = y) AS threshold),
    s AS MATERIALIZED (SELECT q.id, ${isKey('q', 'k.threshold')} AS is_key FROM projects q, k WHERE q.year = y)
  UPDATE projects p SET is_key = s.is_key FROM s WHERE p.id = s.id AND p.is_key IS DISTINCT FROM s.is_key;
END`,
  },
  {
    name: 'key_coverage_rebuild_year',
    args: 'y integer',
    returns: 'void',
    body: `
BEGIN
  -- Every project of the year set-based (as after a bulk load with the triggers off), then the counts from the rows.
  WITH k AS MATERIALIZED (SELECT (SELECT ${THRESHOLD} FROM policy_profiles pp WHERE pp.year = y) AS threshold),
    s AS MATERIALIZED (
      SELECT q.id, ${isKey('q', 'k.threshold')} AS is_key, GREATEST(q.last_key_evaluation_year, ker.year) AS last
        FROM projects q CROSS JOIN k
        LEFT JOIN (${latestKeyEvaluationRecordsSql()}) ker ON ker.project_code = q.code AND ker.organization_id = q.organization_id
       WHERE q.year = y)
  UPDATE projects p SET is_key = s.is_key, key_last_year = s.last
    FROM s WHERE p.id = s.id AND (p.is_key, p.key_last_year) IS DISTINCT FROM (s.is_key, s.last);
  ${rebuildCountsSql([COUNTED], 'projects', 'y')}
END`,
  },
  {
    name: 'key_coverage_on_projects_before',
    args: '',
    returns: 'trigger',
    // One statement for both (each statement a trigger runs costs as much as a short query).
    body: `
BEGIN
  SELECT ${isKey('NEW', 'k.threshold')}, (${lastKeyEvaluationYearSql('NEW')})
    INTO NEW.is_key, NEW.key_last_year
    FROM (SELECT (SELECT ${THRESHOLD} FROM policy_profiles pp WHERE pp.year = NEW.year) AS threshold) k;
  RETURN NEW;
END`,
  },
  { name: 'key_coverage_on_projects', args: '', returns: 'trigger', body: statementCountsSql([COUNTED]) },
  {
    name: 'key_coverage_on_evaluation_records',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM key_coverage_refresh(OLD.project_code, OLD.organization_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM key_coverage_refresh(NEW.project_code, NEW.organization_id); END IF;
  RETURN NULL;
END`,
  },
  {
    name: 'key_coverage_on_policy_profiles',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  -- Updates come only when the year or the threshold changed (the trigger's WHEN).
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.year <> OLD.year) THEN PERFORM key_coverage_recompute(OLD.year); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM key_coverage_recompute(NEW.year); END IF;
  RETURN NULL;
END`,
  },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function keyCoverageFunctionStatements(): string[] {
  return functionStatements(KEY_COVERAGE_FUNCTIONS, 'keycov');
}

/** What the BEFORE trigger computes from. */
const INPUTS = ['year', 'kind', 'budget_amount', 'manual_key_basis', 'code', 'organization_id', 'last_key_evaluation_year'] as const;
const RECORD_COLUMNS = ['project_code', 'organization_id', 'kind', 'year'] as const;

/** CREATE TRIGGER statements (what the migration holds, literally). */
export function keyCoverageTriggerStatements(): string[] {
  return [
    `CREATE TRIGGER key_coverage_projects_before BEFORE INSERT OR UPDATE OF ${INPUTS.join(', ')} ON projects FOR EACH ROW EXECUTE FUNCTION key_coverage_on_projects_before()`,
    ...statementCountsTriggerStatements('key_coverage_projects', 'projects', 'key_coverage_on_projects'),
    `CREATE TRIGGER key_coverage_evaluation_records_write AFTER INSERT OR DELETE ON evaluation_records FOR EACH ROW EXECUTE FUNCTION key_coverage_on_evaluation_records()`,
    `CREATE TRIGGER key_coverage_evaluation_records_update AFTER UPDATE OF ${RECORD_COLUMNS.join(', ')} ON evaluation_records FOR EACH ROW WHEN (${rowChangedSql(RECORD_COLUMNS)}) EXECUTE FUNCTION key_coverage_on_evaluation_records()`,
    `CREATE TRIGGER key_coverage_policy_profiles_write AFTER INSERT OR DELETE ON policy_profiles FOR EACH ROW EXECUTE FUNCTION key_coverage_on_policy_profiles()`,
    `CREATE TRIGGER key_coverage_policy_profiles_update AFTER UPDATE OF year, "values" ON policy_profiles FOR EACH ROW WHEN (OLD.year <> NEW.year OR ${THRESHOLD_CHANGED}) EXECUTE FUNCTION key_coverage_on_policy_profiles()`,
  ];
}
