/**
 * The stored budget gate (R5, R7) and target coverage counts (R6): the plpgsql functions that keep
 * projects.gate_status / gate_reasons / target_status and target_coverage_counts current, run by
 * triggers on every write to targets, pre_assessments, projects and policy_profiles (migration
 * GateStored). The rule's SQL comes from libs/domain (`budgetGateReasonsSql`); the migration embeds
 * the text these builders give, and test/gate-stored.e2e-spec.ts checks that the functions in the
 * database are still exactly these — a rule change needs a migration that replaces them.
 */
import {
  rebuildCountsSql,
  functionStatements,
  statementCountsSql,
  statementCountsTriggerStatements,
  type CountedRows,
  type StoredFunction,
} from '../../database/stored-counts.sql';
import { budgetGateReasonsSql, BUDGET_GATE_PROFILE_PATHS, preAssessmentSupportsSql, type PreAssessmentFlag } from '@jixiao/domain';

const FLAG_COLUMNS: Record<PreAssessmentFlag, string> = {
  isNew: 'is_new',
  isMajor: 'is_major',
  isCapitalConstruction: 'is_capital_construction',
};

const SUPPORTS_SQL = preAssessmentSupportsSql('epa.status', 'epa.conclusion', '(epa.adjustment_completed_at IS NOT NULL)');

/**
 * The reason codes of the projects row `p` (joined to its target `t`, pre-assessment `pa` and
 * year's profile `pp`), with `earlier` the R5 earlier-year test.
 */
const reasonsSql = (earlier: string, inputs: 'joined' | 'none' = 'joined') =>
  budgetGateReasonsSql({
    flag: (flag) => `p.${FLAG_COLUMNS[flag]}`,
    ...(inputs === 'joined'
      ? {
          targetStatus: 't.status',
          targetGrade: 't.review_grade',
          targetScore: 't.review_score',
          preAssessmentStatus: 'pa.status',
          preAssessmentConclusion: 'pa.conclusion',
          preAssessmentAdjustmentCompleted: '(pa.adjustment_completed_at IS NOT NULL)',
        }
      : {
          targetStatus: 'NULL::varchar',
          targetGrade: 'NULL::varchar',
          targetScore: 'NULL::numeric',
          preAssessmentStatus: 'NULL::varchar',
          preAssessmentConclusion: 'NULL::varchar',
          preAssessmentAdjustmentCompleted: 'false',
        }),
    earlierSupportingPreAssessment: earlier,
    profile: 'pp."values"',
  });

/** For a few projects: a look-up of the code's other years (index projects_code_year). */
const EARLIER_BY_LOOKUP = `EXISTS (SELECT 1 FROM projects ep JOIN pre_assessments epa ON epa.project_id = ep.id WHERE ep.code = p.code AND ep.year < p.year AND ${SUPPORTS_SQL})`;

/** For a whole year: each code's first year with a supporting pre-assessment, joined once (`es`). */
const FIRST_SUPPORTED_JOIN = `LEFT JOIN (SELECT ep.code, min(ep.year) AS first_year FROM projects ep JOIN pre_assessments epa ON epa.project_id = ep.id
                        WHERE ${SUPPORTS_SQL} GROUP BY ep.code) es ON es.code = p.code`;

/** What the rule reads of the projects row `p` (the new row's only these, not every column of it). */
const NEW_ROW_COLUMNS = ['code', 'year', ...Object.values(FLAG_COLUMNS)];

/** The jsonb of `values` holding only `paths` (each path's value, JSON null where it has none), nested as in `values`. */
export function jsonbPathsSql(values: string, paths: readonly (readonly string[])[]): string {
  const tree = (prefix: readonly string[]): string => {
    const below = paths.filter((p) => p.length > prefix.length && prefix.every((k, i) => p[i] === k));
    const keys = [...new Set(below.map((p) => p[prefix.length]))];
    const parts = keys.map((k) => {
      const path = [...prefix, k];
      const leaf = paths.some((p) => p.length === path.length && p.every((x, i) => x === path[i]));
      return `'${k}', ${leaf ? `${values} #> '{${path.join(',')}}'` : tree(path)}`;
    });
    return `jsonb_build_object(${parts.join(', ')})`;
  };
  return tree([]);
}

/**
 * Each year's profile as the rule reads it (`pp`): only `BUDGET_GATE_PROFILE_PATHS`, a small value made
 * once a profile. Joined whole, the profile (about 6 kB compressed, kept out of line) was fetched and
 * decompressed at every read of every project's row: 2.1 of a city year's 2.5 s of computing.
 */
const GATE_PROFILES = `pp AS MATERIALIZED (SELECT year, ${jsonbPathsSql('"values"', BUDGET_GATE_PROFILE_PATHS)} AS "values" FROM policy_profiles)`;

/**
 * Recomputes the stored gate of the projects `where` selects (on `p`, with its gate inputs: target,
 * pre-assessment and year's profile), writing only rows that change; the computed rows are
 * materialized so the rule is evaluated once a row.
 */
const recomputeSql = (where: string, earlier: string, join = '') => `WITH ${GATE_PROFILES},
  g AS MATERIALIZED (
    SELECT p.id, t.status AS target_status, ${reasonsSql(earlier)} AS reasons
      FROM projects p
      LEFT JOIN targets t ON t.project_id = p.id
      LEFT JOIN pre_assessments pa ON pa.project_id = p.id
      LEFT JOIN pp ON pp.year = p.year${join ? `\n      ${join}` : ''}
     WHERE ${where})
  UPDATE projects q
     SET gate_reasons = g.reasons,
         gate_status = CASE WHEN cardinality(g.reasons) = 0 THEN 'ready' ELSE 'blocked' END,
         target_status = g.target_status
    FROM g
   WHERE q.id = g.id AND (q.gate_reasons, q.target_status) IS DISTINCT FROM (g.reasons, g.target_status);`;

const profilePathsChanged = BUDGET_GATE_PROFILE_PATHS.map(
  (path) => `OLD."values" #> '{${path.join(',')}}' IS DISTINCT FROM NEW."values" #> '{${path.join(',')}}'`,
).join(' OR ');

/**
 * A projects row `r`'s share of target_coverage_counts (R6): its projects, those with an approved target, and those the
 * budget gate lets through (R5, R7: `ready`, migration GateReadyCounted — the workbench's gate coverage).
 */
const TARGET_COVERAGE: CountedRows = {
  table: 'target_coverage_counts',
  keys: (r) => ({ year: `${r}.year`, organization_id: `${r}.organization_id`, kind: `${r}.kind` }),
  counts: (r) => ({
    total: '1',
    approved: `CASE WHEN ${r}.target_status = 'approved' THEN 1 ELSE 0 END`,
    ready: `CASE WHEN ${r}.gate_status = 'ready' THEN 1 ELSE 0 END`,
  }),
};

/** The functions, in creation order. */
export const GATE_STORED_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'gate_recompute',
    args: 'ids uuid[], codes text[]',
    returns: 'void',
    body: `
BEGIN
  -- The given projects, and every project of the given codes (R5: a supporting pre-assessment counts for later years).
  ${recomputeSql('p.id = ANY(ids) OR p.code = ANY(codes)', EARLIER_BY_LOOKUP)}
END`,
  },
  {
    name: 'gate_recompute_year',
    args: 'y integer',
    returns: 'void',
    body: `
BEGIN
  ${recomputeSql('p.year = y', 'es.first_year < p.year', FIRST_SUPPORTED_JOIN)}
END`,
  },
  {
    name: 'target_coverage_rebuild_year',
    args: 'y integer',
    returns: 'void',
    body: `
BEGIN
  ${rebuildCountsSql([TARGET_COVERAGE], 'projects', 'y')}
END`,
  },
  {
    name: 'gate_on_targets',
    args: '',
    returns: 'trigger',
    body: `
DECLARE ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || OLD.project_id; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || NEW.project_id; END IF;
  PERFORM gate_recompute(ids, '{}');
  RETURN NULL;
END`,
  },
  {
    name: 'gate_on_pre_assessments',
    args: '',
    returns: 'trigger',
    body: `
DECLARE ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN ids := ids || OLD.project_id; END IF;
  IF TG_OP <> 'DELETE' THEN ids := ids || NEW.project_id; END IF;
  PERFORM gate_recompute(ids, ARRAY(SELECT code FROM projects WHERE id = ANY(ids)));
  RETURN NULL;
END`,
  },
  {
    name: 'gate_on_projects_before',
    args: '',
    returns: 'trigger',
    // A new project: its gate computed before it is written (computed after, it would be written
    // twice, and every trigger on projects would run twice). It has no target or pre-assessment yet:
    // theirs reference it by foreign keys that are not deferrable.
    body: `
BEGIN
  NEW.target_status := NULL;
  SELECT ${reasonsSql(EARLIER_BY_LOOKUP, 'none')}
    INTO NEW.gate_reasons
    FROM (SELECT ${NEW_ROW_COLUMNS.map((c) => `NEW.${c} AS ${c}`).join(', ')}) p
    LEFT JOIN policy_profiles pp ON pp.year = p.year;
  NEW.gate_status := CASE WHEN cardinality(NEW.gate_reasons) = 0 THEN 'ready' ELSE 'blocked' END;
  RETURN NEW;
END`,
  },
  {
    name: 'gate_on_projects',
    args: '',
    returns: 'trigger',
    body: `
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
END`,
  },
  {
    name: 'gate_on_policy_profiles',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM gate_recompute_year(NEW.year);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM gate_recompute_year(OLD.year);
  ELSIF NEW.year <> OLD.year THEN
    PERFORM gate_recompute_year(OLD.year);
    PERFORM gate_recompute_year(NEW.year);
  ELSIF ${profilePathsChanged} THEN
    PERFORM gate_recompute_year(NEW.year);
  END IF;
  RETURN NULL;
END`,
  },
  { name: 'target_coverage_on_projects', args: '', returns: 'trigger', body: statementCountsSql([TARGET_COVERAGE]) },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function gateStoredFunctionStatements(): string[] {
  return functionStatements(GATE_STORED_FUNCTIONS, 'gate');
}

/**
 * The triggers on projects that changed since migration GateStored (migration ProjectCountsByStatement):
 * a new project's gate set before it is written, the gate of a deleted project's code recomputed,
 * and target_coverage_counts moved once per statement.
 */
export function gateProjectTriggerStatements(): string[] {
  return [
    `CREATE TRIGGER gate_projects_before BEFORE INSERT ON projects FOR EACH ROW EXECUTE FUNCTION gate_on_projects_before()`,
    `CREATE TRIGGER gate_projects_delete AFTER DELETE ON projects FOR EACH ROW EXECUTE FUNCTION gate_on_projects()`,
    ...statementCountsTriggerStatements('target_coverage_projects', 'projects', 'target_coverage_on_projects'),
  ];
}
