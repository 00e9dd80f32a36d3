import { KEY_EVALUATION_KINDS } from '@jixiao/domain';

const KINDS = KEY_EVALUATION_KINDS.map((k) => {
  if (!/^[a-z_]+$/.test(k)) throw new Error(`not a kind: ${k}`);
  return `'${k}'`;
}).join(', ');

/** R4 (`isKeyEvaluationKind`) as SQL: whether the kind `kind` (an SQL expression) counts for key coverage. */
export const isKeyEvaluationKindSql = (kind: string): string => `${kind} IN (${KINDS})`;

/**
 * R4, THE definition of a project's last key-evaluation year, as SQL over a `projects` row
 * (`alias` is its escaped alias): the greater of the year typed on the project before evaluations
 * were recorded (`last_key_evaluation_year`) and the latest department or finance key evaluation
 * record of the same project code and organization, in any budget year (`evaluation_records`).
 * The database's triggers store it as `projects.key_last_year` (migration KeyCoverageStored), which
 * `ProjectEntity.latestKeyEvaluationYear` reads, so the planner, the project library, the key lists
 * and their export all read the same year.
 */
export function lastKeyEvaluationYearSql(alias: string): string {
  return (
    `SELECT GREATEST(${alias}.last_key_evaluation_year, ` +
    `(SELECT MAX(ker.year) FROM evaluation_records ker ` +
    `WHERE ker.project_code = ${alias}.code AND ker.organization_id = ${alias}.organization_id AND ${isKeyEvaluationKindSql('ker.kind')}))`
  );
}

/**
 * The same year for many projects at once (the city-wide planner): the latest key evaluation
 * record per project code and organization, to LEFT JOIN on both; the project's year is then
 * `GREATEST(p.last_key_evaluation_year, <alias>.year)`, as in `lastKeyEvaluationYearSql`.
 */
export function latestKeyEvaluationRecordsSql(): string {
  return `SELECT ker.project_code, ker.organization_id, MAX(ker.year) AS year FROM evaluation_records ker WHERE ${isKeyEvaluationKindSql('ker.kind')} GROUP BY 1, 2`;
}
