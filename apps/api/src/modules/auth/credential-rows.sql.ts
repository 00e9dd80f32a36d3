/**
 * What a principal is made of, as SQL — a session's row and an API key's — each with one
 * definition, read in full when the credential is resolved (`AuthService.principalFromTokenHash`,
 * `SessionPrincipalResolver.resolve`) and as a fingerprint inside a list's page statement
 * (common/auth/credential-check.ts) through a stored function: a plpgsql function keeps its plan, so
 * the page statement plans a function call, not this query; STABLE, it reads in the page's snapshot.
 *
 * The migration CredentialFingerprints embeds the functions' text; test/credential-check.e2e-spec.ts
 * fails when it changes without a migration.
 */
import { PROFILE_VERSIONS_SQL, WORKING_YEAR_SETTING_SQL, subtreeIdsSql } from '../../common/scope/data-scope.service';
import { functionStatements, type StoredFunction } from '../../database/stored-counts.sql';

/**
 * The organization tree's version, counted up by every statement that adds, removes or moves an
 * organization (`jx_organization_tree_changed`, a statement trigger, in the same transaction). A
 * principal's row carries it instead of the subtree its scope is made from: the fingerprint a list's
 * page statement computes reads one row, not the tree (a recursive walk cost ~80 µs of every page
 * statement on the generated city year); any change of the tree fails every recent principal's
 * check once, and the credential is resolved again with its subtree (`SUBTREE_SQL`).
 */
export const TREE_VERSION_SQL = `(SELECT tv.version FROM organization_tree_version tv)`;

/** The subtree of a principal row aliased `alias` (its `organization_id`): read when the credential is resolved in full. */
export const SUBTREE_SQL = (alias: string): string =>
  `CASE WHEN ${alias}.organization_id IS NOT NULL THEN ${subtreeIdsSql(`${alias}.organization_id`)} END AS subtree`;

/**
 * The row a session's principal is made of — session, user, the organization tree's version, every
 * profile's version, the working year — for the access token's hash at `param`.
 */
export const SESSION_ROW_SQL = (param: string): string =>
  `SELECT s.id, s.revoked_at, s.revoked_reason, s.last_seen_at, s.access_expires_at,
          u.id AS user_id, u.username, u.roles, u.organization_id, u.active, u.must_change_password,
          u.mfa_enabled_at IS NOT NULL AS mfa_enabled,
          ${TREE_VERSION_SQL} AS tree_version,
          ${PROFILE_VERSIONS_SQL} AS profile_versions,
          ${WORKING_YEAR_SETTING_SQL} AS working_year_setting
     FROM auth_sessions s LEFT JOIN users u ON u.id = s.user_id
    WHERE s.access_token_hash = ${param}`;

/** The row an API key's principal is made of — the key, the organization tree's version, profile versions, the working year — for the key's hash at `param`. */
export const API_KEY_ROW_SQL = (param: string): string =>
  `SELECT k.id, k.name, k.permissions, k.organization_id, k.active, k.expires_at, k.last_used_at,
          ${TREE_VERSION_SQL} AS tree_version,
          ${PROFILE_VERSIONS_SQL} AS profile_versions,
          ${WORKING_YEAR_SETTING_SQL} AS working_year_setting
     FROM api_keys k WHERE k.key_hash = ${param}`;

/** The fingerprint of a session row aliased `alias`: all of it but the last-seen mark, which moves on its own. */
export const SESSION_FINGERPRINT_SQL = (alias: string): string => `md5((row_to_json(${alias})::jsonb - 'last_seen_at')::text)`;

/** The fingerprint of an API key row aliased `alias`: all of it but the last-used mark. */
export const API_KEY_FINGERPRINT_SQL = (alias: string): string => `md5((row_to_json(${alias})::jsonb - 'last_used_at')::text)`;

export const CREDENTIAL_FUNCTIONS: readonly StoredFunction[] = [
  {
    // the fingerprint of the session whose access token hashes to `token_hash` (NULL when there is none)
    name: 'jx_session_fingerprint',
    args: 'token_hash text',
    returns: 'text',
    stable: true,
    body: `
BEGIN
  RETURN (SELECT ${SESSION_FINGERPRINT_SQL('sr')} FROM (${SESSION_ROW_SQL('token_hash')}) sr);
END`,
  },
  {
    // the fingerprint of the API key that hashes to `api_key_hash` (NULL when there is none)
    name: 'jx_api_key_fingerprint',
    args: 'api_key_hash text',
    returns: 'text',
    stable: true,
    body: `
BEGIN
  RETURN (SELECT ${API_KEY_FINGERPRINT_SQL('kr')} FROM (${API_KEY_ROW_SQL('api_key_hash')}) kr);
END`,
  },
  {
    // counts the organization tree's version up (TREE_VERSION_SQL): after each statement that adds, removes or moves organizations
    name: 'jx_organization_tree_changed',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  UPDATE organization_tree_version SET version = version + 1;
  RETURN NULL;
END`,
  },
];

export const credentialFunctionStatements = (): string[] => functionStatements(CREDENTIAL_FUNCTIONS, 'credential_fn');
