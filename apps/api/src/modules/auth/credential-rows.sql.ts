/**
 * What a principal is made of, as SQL — a session's row and an API key's — each with one
 * definition, read in full when the credential is resolved (`AuthService.principalFromTokenHash`,
 * `SessionPrincipalResolver.resolve`), and its fingerprint — versions the database counts up
 * whenever what the row is made of changes — read again inside a list's page statement
 * (common/auth/credential-check.ts), in the page's snapshot.
 *
 * The migration CredentialVersions embeds the functions' and triggers' text;
 * test/credential-check.e2e-spec.ts fails when it changes without a migration.
 */
import { PROFILE_VERSIONS_SQL, WORKING_YEAR_SETTING_SQL, subtreeIdsSql } from '../../common/scope/data-scope.service';
import { functionStatements, rowChangedSql, type StoredFunction } from '../../database/stored-counts.sql';

/**
 * The version of what every principal is made of beside its own credential: the organization tree
 * (a scope is a subtree), the policy profiles (a principal carries their versions) and the working
 * year. Counted up, in the writing statement's transaction, by every statement that adds, removes or
 * moves organizations, writes a policy profile, or writes the working year (`jx_credential_epoch_changed`,
 * triggers made by the migration CredentialVersions): any such change fails every recent principal's
 * check once, and the credential is resolved again in full (with its subtree, `SUBTREE_SQL`).
 */
export const CREDENTIAL_EPOCH_SQL = `(SELECT ce.version FROM credential_epoch ce)`;

/**
 * A session's columns its principal is made of (beside its user's), and the user's: a change of any
 * counts the session's `principal_version` up (`jx_session_version_up`, `jx_user_sessions_changed`),
 * so the principal's fingerprint changes with it. The last-seen mark moves on its own and is not one.
 */
export const SESSION_PRINCIPAL_COLUMNS = ['user_id', 'access_token_hash', 'access_expires_at', 'revoked_at', 'revoked_reason'] as const;
export const USER_PRINCIPAL_COLUMNS = ['username', 'roles', 'organization_id', 'active', 'must_change_password', 'mfa_enabled_at'] as const;
/** An API key's columns its principal is made of (not its last-used mark). */
export const API_KEY_PRINCIPAL_COLUMNS = ['key_hash', 'name', 'permissions', 'organization_id', 'active', 'expires_at'] as const;

/** The subtree of a principal row aliased `alias` (its `organization_id`): read when the credential is resolved in full. */
export const SUBTREE_SQL = (alias: string): string =>
  `CASE WHEN ${alias}.organization_id IS NOT NULL THEN ${subtreeIdsSql(`${alias}.organization_id`)} END AS subtree`;

/**
 * The row a session's principal is made of — session, user, its version, the credential epoch, every
 * profile's version, the working year — for the access token's hash at `param`.
 */
export const SESSION_ROW_SQL = (param: string): string =>
  `SELECT s.id, s.revoked_at, s.revoked_reason, s.last_seen_at, s.access_expires_at, s.principal_version,
          u.id AS user_id, u.username, u.roles, u.organization_id, u.active, u.must_change_password,
          u.mfa_enabled_at IS NOT NULL AS mfa_enabled,
          ${CREDENTIAL_EPOCH_SQL} AS credential_epoch,
          ${PROFILE_VERSIONS_SQL} AS profile_versions,
          ${WORKING_YEAR_SETTING_SQL} AS working_year_setting
     FROM auth_sessions s LEFT JOIN users u ON u.id = s.user_id
    WHERE s.access_token_hash = ${param}`;

/** The row an API key's principal is made of — the key, its version, the credential epoch, profile versions, the working year — for the key's hash at `param`. */
export const API_KEY_ROW_SQL = (param: string): string =>
  `SELECT k.id, k.name, k.permissions, k.organization_id, k.active, k.expires_at, k.last_used_at, k.principal_version,
          ${CREDENTIAL_EPOCH_SQL} AS credential_epoch,
          ${PROFILE_VERSIONS_SQL} AS profile_versions,
          ${WORKING_YEAR_SETTING_SQL} AS working_year_setting
     FROM api_keys k WHERE k.key_hash = ${param}`;

/**
 * The fingerprint of a principal row (`SESSION_ROW_SQL`, `API_KEY_ROW_SQL`) aliased `alias`: its
 * credential's version and the credential epoch — both counted up by every write that changes what
 * the row is made of, so two rows with one fingerprint make the same principal.
 */
export const FINGERPRINT_SQL = (alias: string): string => `${alias}.principal_version || '.' || ${alias}.credential_epoch`;

/**
 * The same fingerprint read by the credential's hash at `param` alone: one row by its unique index
 * and the epoch's one row. A list's page statement reads it (common/auth/credential-check.ts)
 * through `CREDENTIAL_CHECK_SQL`; NULL when there is no such credential (a refreshed token's old
 * hash, a deleted session).
 */
const SESSION_CHECK_SQL = (param: string): string =>
  `SELECT cs.principal_version || '.' || ${CREDENTIAL_EPOCH_SQL} FROM auth_sessions cs WHERE cs.access_token_hash = ${param}`;
const API_KEY_CHECK_SQL = (param: string): string =>
  `SELECT ck.principal_version || '.' || ${CREDENTIAL_EPOCH_SQL} FROM api_keys ck WHERE ck.key_hash = ${param}`;

/**
 * The fingerprint as a page statement reads it, by a stored function (`jx_session_check`,
 * `jx_api_key_check`): a plpgsql function keeps its plan, so a statement planned at every request (a
 * search) plans a function call, not the lookup — planned in the statement, the lookup made a rare
 * search slower under 32 connections (finance 医院: 753–918 req/s against 927–1,015). Its lookup's
 * plan is kept generic (`generic`, migration CredentialCheckPlans): PL/pgSQL plans by the caller's
 * plan_cache_mode, and on the searches' connections each call planned the lookup again, locking every
 * index of the credential table (1,000 → 1,190–1,280 req/s for the same search). STABLE, it
 * reads in the page's snapshot; a subquery, PostgreSQL runs it once. Its body reads one row where the
 * md5 of the whole principal row it replaced (migration CredentialVersions) cost ~0.13 ms of every
 * list statement on the generated city year.
 */
export const CREDENTIAL_CHECK_SQL = {
  session: (param: string): string => `(SELECT jx_session_check(${param}::text))`,
  api_key: (param: string): string => `(SELECT jx_api_key_check(${param}::text))`,
};

/**
 * A row trigger's body counting the row's `principal_version` up when any of `columns` changed — and
 * never back: a write carrying an older version (an entity read before a change) keeps the newer.
 */
function versionUpBody(columns: readonly string[]): string {
  return `
BEGIN
  IF ${rowChangedSql(columns)} THEN
    NEW.principal_version := greatest(OLD.principal_version, NEW.principal_version) + 1;
  ELSE
    NEW.principal_version := greatest(OLD.principal_version, NEW.principal_version);
  END IF;
  RETURN NEW;
END`;
}

export const CREDENTIAL_FUNCTIONS: readonly StoredFunction[] = [
  {
    // the fingerprint of the session whose access token hashes to `token_hash` (NULL when there is none)
    name: 'jx_session_check',
    args: 'token_hash text',
    returns: 'text',
    stable: true,
    generic: true,
    body: `
BEGIN
  RETURN (${SESSION_CHECK_SQL('token_hash')});
END`,
  },
  {
    // the fingerprint of the API key that hashes to `api_key_hash` (NULL when there is none)
    name: 'jx_api_key_check',
    args: 'api_key_hash text',
    returns: 'text',
    stable: true,
    generic: true,
    body: `
BEGIN
  RETURN (${API_KEY_CHECK_SQL('api_key_hash')});
END`,
  },
  {
    // before a session's row is updated: its principal version counted up when a column its principal is made of changed
    name: 'jx_session_version_up',
    args: '',
    returns: 'trigger',
    body: versionUpBody(SESSION_PRINCIPAL_COLUMNS),
  },
  {
    // the same for an API key's row
    name: 'jx_api_key_version_up',
    args: '',
    returns: 'trigger',
    body: versionUpBody(API_KEY_PRINCIPAL_COLUMNS),
  },
  {
    // after a user's row changed what its sessions' principals are made of: every session of the user counted up
    name: 'jx_user_sessions_changed',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  UPDATE auth_sessions SET principal_version = principal_version + 1 WHERE user_id = NEW.id;
  RETURN NULL;
END`,
  },
  {
    // counts the credential epoch up (CREDENTIAL_EPOCH_SQL): after a statement that changed the tree, a profile or the working year
    name: 'jx_credential_epoch_changed',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  UPDATE credential_epoch SET version = version + 1;
  RETURN NULL;
END`,
  },
];

/**
 * The triggers that keep the versions (migration CredentialVersions): a row's own columns, a user's
 * columns onto its sessions, and the statements that change what every principal is made of.
 */
export const CREDENTIAL_TRIGGERS: readonly string[] = [
  `CREATE TRIGGER auth_sessions_principal_version BEFORE UPDATE ON auth_sessions FOR EACH ROW EXECUTE FUNCTION jx_session_version_up()`,
  `CREATE TRIGGER api_keys_principal_version BEFORE UPDATE ON api_keys FOR EACH ROW EXECUTE FUNCTION jx_api_key_version_up()`,
  `CREATE TRIGGER users_sessions_principal_version AFTER UPDATE OF ${USER_PRINCIPAL_COLUMNS.join(', ')} ON users FOR EACH ROW WHEN (${rowChangedSql(USER_PRINCIPAL_COLUMNS)}) EXECUTE FUNCTION jx_user_sessions_changed()`,
  `CREATE TRIGGER organizations_credential_epoch AFTER INSERT OR DELETE OR UPDATE OF parent_id OR TRUNCATE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION jx_credential_epoch_changed()`,
  `CREATE TRIGGER policy_profiles_credential_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policy_profiles FOR EACH STATEMENT EXECUTE FUNCTION jx_credential_epoch_changed()`,
  `CREATE TRIGGER settings_working_year_credential_epoch AFTER INSERT OR UPDATE ON settings FOR EACH ROW WHEN (NEW.key = 'working_year') EXECUTE FUNCTION jx_credential_epoch_changed()`,
  `CREATE TRIGGER settings_working_year_gone_credential_epoch AFTER DELETE ON settings FOR EACH ROW WHEN (OLD.key = 'working_year') EXECUTE FUNCTION jx_credential_epoch_changed()`,
  `CREATE TRIGGER settings_cleared_credential_epoch AFTER TRUNCATE ON settings FOR EACH STATEMENT EXECUTE FUNCTION jx_credential_epoch_changed()`,
];

export const credentialFunctionStatements = (): string[] => functionStatements(CREDENTIAL_FUNCTIONS, 'credential_fn');
