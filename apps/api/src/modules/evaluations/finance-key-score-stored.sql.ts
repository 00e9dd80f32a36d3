/**
 * The stored R14 finance key score (projects.finance_key_score): each project's score on the
 * criteria of the following year's profile (the selection is made then, under that year's work
 * points), from `financeKeyScoreFromCriteriaSql` in libs/domain — the SQL form of
 * `rankFinanceKeyCandidates`' score. A BEFORE trigger on projects computes it when a project is
 * written with new inputs (its latest execution rate, management chain, livelihood, public
 * attention, year); a change of a year's criteria recomputes the projects of the year before, in the
 * writing transaction (migration FinanceKeyScoreStored). The ranking reads it in the order of the
 * index `projects_finance_key_rank` instead of scoring and sorting every candidate when asked.
 *
 * The migration embeds the text these builders give; test/finance-key-score-stored.e2e-spec.ts
 * checks that the functions in the database are still exactly these.
 */
import { financeKeyScoreFromCriteriaSql } from '@jixiao/domain';
import { functionStatements, type StoredFunction } from '../../database/stored-counts.sql';

/** Where a profile's criteria are in its values. */
const CRITERIA_PATH = `'{evaluation,financeKeyCriteria}'`;

/** The score of a projects row `r` on the criteria `criteria` (a jsonb expression). */
const scoreOf = (r: string, criteria: string) =>
  financeKeyScoreFromCriteriaSql(
    {
      executionRate: `${r}.last_execution_rate`,
      managementChainLevels: `${r}.management_chain_levels`,
      isLivelihood: `${r}.is_livelihood`,
      publicAttention: `${r}.public_attention`,
    },
    criteria,
  );

/** The functions, in creation order. */
export const FINANCE_KEY_SCORE_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'finance_key_score_recompute',
    args: 'y integer',
    returns: 'void',
    // The criteria read once; only the rows whose score changes are written.
    body: `
BEGIN
  WITH k AS MATERIALIZED (SELECT (SELECT pp."values"#>${CRITERIA_PATH} FROM policy_profiles pp WHERE pp.year = y + 1) AS criteria),
    s AS MATERIALIZED (SELECT q.id, ${scoreOf('q', 'k.criteria')} AS score FROM projects q, k WHERE q.year = y)
  UPDATE projects p SET finance_key_score = s.score
    FROM s WHERE p.id = s.id AND p.finance_key_score IS DISTINCT FROM s.score;
END`,
  },
  {
    name: 'finance_key_score_on_projects',
    args: '',
    returns: 'trigger',
    body: `
DECLARE criteria jsonb := (SELECT pp."values"#>${CRITERIA_PATH} FROM policy_profiles pp WHERE pp.year = NEW.year + 1);
BEGIN
  NEW.finance_key_score := ${scoreOf('NEW', 'criteria')};
  RETURN NEW;
END`,
  },
  {
    name: 'finance_key_score_on_policy_profiles',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  -- Updates come only when the year or the criteria changed (the trigger's WHEN).
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.year <> OLD.year) THEN PERFORM finance_key_score_recompute(OLD.year - 1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM finance_key_score_recompute(NEW.year - 1); END IF;
  RETURN NULL;
END`,
  },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function financeKeyScoreFunctionStatements(): string[] {
  return functionStatements(FINANCE_KEY_SCORE_FUNCTIONS, 'score');
}

/** CREATE TRIGGER statements (what the migration holds, literally). */
export function financeKeyScoreTriggerStatements(): string[] {
  return [
    `CREATE TRIGGER finance_key_score_projects BEFORE INSERT OR UPDATE OF year, last_execution_rate, management_chain_levels, is_livelihood, public_attention ON projects FOR EACH ROW EXECUTE FUNCTION finance_key_score_on_projects()`,
    `CREATE TRIGGER finance_key_score_policy_profiles_write AFTER INSERT OR DELETE ON policy_profiles FOR EACH ROW EXECUTE FUNCTION finance_key_score_on_policy_profiles()`,
    `CREATE TRIGGER finance_key_score_policy_profiles_update AFTER UPDATE OF year, "values" ON policy_profiles FOR EACH ROW WHEN (OLD.year <> NEW.year OR OLD."values"#>${CRITERIA_PATH} IS DISTINCT FROM NEW."values"#>${CRITERIA_PATH}) EXECUTE FUNCTION finance_key_score_on_policy_profiles()`,
  ];
}
