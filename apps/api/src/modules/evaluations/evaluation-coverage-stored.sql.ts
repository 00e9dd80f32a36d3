/**
 * The stored self-evaluation coverage (R11): each project's self-evaluation status
 * (projects.self_evaluation_status, NULL without one) and the projects of each (year, organization)
 * counted by it (evaluation_coverage_counts, '' for none), kept by triggers on evaluations and
 * projects in the writing transaction (migration EvaluationCoverageStored). GET /evaluations/coverage
 * adds the counts up instead of joining every project of the year to its evaluation.
 *
 * The migration embeds the text these builders give; test/evaluation-coverage-stored.e2e-spec.ts checks
 * that the functions in the database are still exactly these and, over random writes, that the stored
 * values equal the raw rows.
 */
import {
  rebuildCountsSql,
  functionStatements,
  refreshOnWriteSql,
  statementCountsSql,
  statementCountsTriggerStatements,
  type CountedRows,
  type StoredFunction,
} from '../../database/stored-counts.sql';

const refreshSql = (where: string) => `UPDATE projects p SET self_evaluation_status = s.status
    FROM (SELECT q.id, e.status FROM projects q LEFT JOIN evaluations e ON e.project_id = q.id AND e.kind = 'self' WHERE ${where}) s
   WHERE p.id = s.id AND p.self_evaluation_status IS DISTINCT FROM s.status;`;

/** A projects row `r`'s share of evaluation_coverage_counts. */
const COUNTED: CountedRows = {
  table: 'evaluation_coverage_counts',
  keys: (r) => ({ year: `${r}.year`, organization_id: `${r}.organization_id`, status: `COALESCE(${r}.self_evaluation_status, '')` }),
  counts: () => ({ projects: '1' }),
};

/** The functions, in creation order. */
export const EVALUATION_COVERAGE_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'evaluation_coverage_refresh',
    args: 'ids uuid[]',
    returns: 'void',
    body: `
BEGIN
  ${refreshSql('q.id = ANY(ids)')}
END`,
  },
  {
    name: 'evaluation_coverage_rebuild_year',
    args: 'y integer',
    returns: 'void',
    body: `
BEGIN
  ${refreshSql('q.year = y')}
  ${rebuildCountsSql([COUNTED], 'projects', 'y')}
END`,
  },
  {
    name: 'evaluation_coverage_on_projects',
    args: '',
    returns: 'trigger',
    body: statementCountsSql([COUNTED]),
  },
  {
    name: 'evaluation_coverage_on_evaluations',
    args: '',
    returns: 'trigger',
    body: refreshOnWriteSql('evaluation_coverage_refresh', (r) => `${r}.project_id`),
  },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function evaluationCoverageFunctionStatements(): string[] {
  return functionStatements(EVALUATION_COVERAGE_FUNCTIONS, 'coverage');
}

/** CREATE TRIGGER statements (what the migration holds, literally). */
export function evaluationCoverageTriggerStatements(): string[] {
  return [
    ...statementCountsTriggerStatements('evaluation_coverage_projects', 'projects', 'evaluation_coverage_on_projects'),
    `CREATE TRIGGER evaluation_coverage_evaluations_write AFTER INSERT OR DELETE ON evaluations FOR EACH ROW EXECUTE FUNCTION evaluation_coverage_on_evaluations()`,
    `CREATE TRIGGER evaluation_coverage_evaluations_update AFTER UPDATE OF status, kind, project_id ON evaluations FOR EACH ROW
    WHEN ((OLD.status, OLD.kind, OLD.project_id) IS DISTINCT FROM (NEW.status, NEW.kind, NEW.project_id))
    EXECUTE FUNCTION evaluation_coverage_on_evaluations()`,
  ];
}
