import { GATE_STORED_FUNCTIONS, gateStoredFunctionStatements } from '../modules/budget-gate/gate-stored.sql';
import { EVALUATION_COVERAGE_FUNCTIONS, evaluationCoverageFunctionStatements } from '../modules/evaluations/evaluation-coverage-stored.sql';
import { FINANCE_KEY_SCORE_FUNCTIONS, financeKeyScoreFunctionStatements } from '../modules/evaluations/finance-key-score-stored.sql';
import { KEY_COVERAGE_FUNCTIONS, keyCoverageFunctionStatements } from '../modules/key-project-lists/key-coverage-stored.sql';
import { LIST_ORGANIZATION_FUNCTIONS, listOrganizationFunctionStatements } from '../modules/key-project-lists/list-organization-stored.sql';
import { MONITORING_STORED_FUNCTIONS, monitoringStoredFunctionStatements } from '../modules/trackings/monitoring-stored.sql';
import { WARNING_COUNTS_FUNCTIONS, warningCountsFunctionStatements } from '../modules/trackings/warning-counts-stored.sql';
import { CREDENTIAL_FUNCTIONS, credentialFunctionStatements } from '../modules/auth/credential-rows.sql';
import { FUND_SOURCES_FUNCTIONS, fundSourcesFunctionStatements } from '../modules/projects/fund-sources-stored.sql';
import { ORGANIZATION_NAME_FUNCTIONS, organizationNameFunctionStatements } from '../modules/projects/organization-name-stored.sql';
import { SEARCH_KEYS_FUNCTIONS, searchKeysFunctionStatements } from '../modules/projects/search-keys-stored.sql';
import { ROLLED_UP_FUNCTIONS, rolledUpFunctionStatements } from './rolled-up-counts.sql';
import { storedFunctionConfig, type StoredFunction } from './stored-counts.sql';

/**
 * Every module's stored functions (the plpgsql the database keeps derived state with) and the CREATE
 * statements their migrations embed, in the same order: what `pnpm migration:generate` compares
 * with the database the committed migrations make, writing a migration for the functions that
 * differ. A module with stored functions adds its set here.
 */
export const STORED_FUNCTION_SETS: readonly { functions: readonly StoredFunction[]; statements: () => string[] }[] = [
  { functions: GATE_STORED_FUNCTIONS, statements: gateStoredFunctionStatements },
  { functions: MONITORING_STORED_FUNCTIONS, statements: monitoringStoredFunctionStatements },
  { functions: EVALUATION_COVERAGE_FUNCTIONS, statements: evaluationCoverageFunctionStatements },
  { functions: WARNING_COUNTS_FUNCTIONS, statements: warningCountsFunctionStatements },
  { functions: FINANCE_KEY_SCORE_FUNCTIONS, statements: financeKeyScoreFunctionStatements },
  { functions: KEY_COVERAGE_FUNCTIONS, statements: keyCoverageFunctionStatements },
  { functions: LIST_ORGANIZATION_FUNCTIONS, statements: listOrganizationFunctionStatements },
  { functions: ROLLED_UP_FUNCTIONS, statements: rolledUpFunctionStatements },
  { functions: CREDENTIAL_FUNCTIONS, statements: credentialFunctionStatements },
  { functions: FUND_SOURCES_FUNCTIONS, statements: fundSourcesFunctionStatements },
  { functions: ORGANIZATION_NAME_FUNCTIONS, statements: organizationNameFunctionStatements },
  { functions: SEARCH_KEYS_FUNCTIONS, statements: searchKeysFunctionStatements },
];

/** proconfig's `name=value` entries as CREATE FUNCTION's SET clauses. */
const settings = (config: string) =>
  config
    .split(',')
    .filter(Boolean)
    .map((entry) => ` SET ${entry.slice(0, entry.indexOf('='))} = ${entry.slice(entry.indexOf('=') + 1)}`)
    .join('');

/** A database function as the catalog has it. */
interface CatalogFunction {
  proname: string;
  args: string;
  identity_args: string;
  result: string;
  prosrc: string;
  /** pg_proc.proconfig joined by commas ('' without settings). */
  config: string;
}

/**
 * The statements that bring the database's stored functions to the modules' text (`up`) and back
 * (`down`, from the catalog's current text): a function missing is created (and dropped on the way
 * down), one whose body differs is replaced, one whose arguments changed is dropped and created.
 */
export async function storedFunctionChanges(
  query: (sql: string, params: unknown[]) => Promise<CatalogFunction[]>,
): Promise<{ up: string[]; down: string[] }> {
  const all = STORED_FUNCTION_SETS.flatMap((set) => {
    const statements = set.statements();
    if (statements.length !== set.functions.length) throw new Error('a stored function set has statements that do not match its functions');
    return set.functions.map((f, i) => ({ f, statement: statements[i] }));
  });
  const catalog = await query(
    `SELECT p.proname, pg_get_function_arguments(p.oid) AS args, pg_get_function_identity_arguments(p.oid) AS identity_args,
            pg_get_function_result(p.oid) AS result, p.prosrc, coalesce(array_to_string(p.proconfig, ','), '') AS config
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema() AND p.proname = ANY($1::text[])`,
    [all.map((x) => x.f.name)],
  );
  const byName = new Map(catalog.map((c) => [c.proname, c]));
  const up: string[] = [];
  const down: string[] = [];
  for (const { f, statement } of all) {
    const current = byName.get(f.name);
    if (current && current.prosrc === f.body && current.config === storedFunctionConfig(f)) continue;
    const tag = /AS \$(\w+)\$/.exec(statement)![1];
    const same = current && current.args.replace(/\s+/g, ' ') === f.args.replace(/\s+/g, ' ');
    if (current && !same) up.push(`DROP FUNCTION ${f.name}(${current.identity_args})`);
    up.push(statement);
    if (!same) down.unshift(`DROP FUNCTION ${f.name}(${f.args})`);
    if (current) {
      if (current.prosrc.includes(`$${tag}$`)) throw new Error(`${f.name}: its current body holds the quote $${tag}$`);
      down.unshift(
        `CREATE OR REPLACE FUNCTION ${f.name}(${current.args}) RETURNS ${current.result} LANGUAGE plpgsql${settings(current.config)} AS $${tag}$${current.prosrc}$${tag}$`,
      );
    }
  }
  return { up, down };
}
