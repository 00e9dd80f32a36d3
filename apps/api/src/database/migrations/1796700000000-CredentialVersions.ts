import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): a list's page statement confirms a recently resolved principal by reading
 * its fingerprint again (common/auth/credential-check.ts). That fingerprint was an md5 of the whole
 * principal row — session, user, tree version, every profile's version, the working year — computed
 * by a plpgsql function: ~0.13 ms of PostgreSQL's time in every list statement on the generated city
 * year (the whole of a rare search's statement is ~0.8). It is now two versions the database counts
 * up itself (src/modules/auth/credential-rows.sql.ts):
 * - `principal_version` of a session and of an API key: counted up before an update that changes a
 *   column the principal is made of (never back), and for every session of a user whose principal
 *   columns changed;
 * - `credential_epoch`, one row: counted up after every statement that adds, removes or moves
 *   organizations (as `organization_tree_version` was, which it replaces), writes a policy profile,
 *   or writes the working year.
 * The page statement calls `jx_session_check` / `jx_api_key_check`: one row read by the credential's
 * unique index and the epoch's row.
 */
export class CredentialVersions1796700000000 implements MigrationInterface {
  name = 'CredentialVersions1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth_sessions" ADD "principal_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "principal_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `CREATE TABLE "credential_epoch" ("id" boolean PRIMARY KEY DEFAULT true CHECK ("id"), "version" bigint NOT NULL DEFAULT 0)`,
    );
    await queryRunner.query(`INSERT INTO "credential_epoch" ("id", "version") VALUES (true, 0)`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_session_check(token_hash text) RETURNS text LANGUAGE plpgsql STABLE AS $credential_fn$
BEGIN
  RETURN (SELECT cs.principal_version || '.' || (SELECT ce.version FROM credential_epoch ce) FROM auth_sessions cs WHERE cs.access_token_hash = token_hash);
END$credential_fn$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_api_key_check(api_key_hash text) RETURNS text LANGUAGE plpgsql STABLE AS $credential_fn$
BEGIN
  RETURN (SELECT ck.principal_version || '.' || (SELECT ce.version FROM credential_epoch ce) FROM api_keys ck WHERE ck.key_hash = api_key_hash);
END$credential_fn$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_session_version_up() RETURNS trigger LANGUAGE plpgsql AS $credential_fn$
BEGIN
  IF (OLD.user_id, OLD.access_token_hash, OLD.access_expires_at, OLD.revoked_at, OLD.revoked_reason) IS DISTINCT FROM (NEW.user_id, NEW.access_token_hash, NEW.access_expires_at, NEW.revoked_at, NEW.revoked_reason) THEN
    NEW.principal_version := greatest(OLD.principal_version, NEW.principal_version) + 1;
  ELSE
    NEW.principal_version := greatest(OLD.principal_version, NEW.principal_version);
  END IF;
  RETURN NEW;
END$credential_fn$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_api_key_version_up() RETURNS trigger LANGUAGE plpgsql AS $credential_fn$
BEGIN
  IF (OLD.key_hash, OLD.name, OLD.permissions, OLD.organization_id, OLD.active, OLD.expires_at) IS DISTINCT FROM (NEW.key_hash, NEW.name, NEW.permissions, NEW.organization_id, NEW.active, NEW.expires_at) THEN
    NEW.principal_version := greatest(OLD.principal_version, NEW.principal_version) + 1;
  ELSE
    NEW.principal_version := greatest(OLD.principal_version, NEW.principal_version);
  END IF;
  RETURN NEW;
END$credential_fn$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_user_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $credential_fn$
BEGIN
  UPDATE auth_sessions SET principal_version = principal_version + 1 WHERE user_id = NEW.id;
  RETURN NULL;
END$credential_fn$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_credential_epoch_changed() RETURNS trigger LANGUAGE plpgsql AS $credential_fn$
BEGIN
  UPDATE credential_epoch SET version = version + 1;
  RETURN NULL;
END$credential_fn$`);
    await queryRunner.query(
      `CREATE TRIGGER auth_sessions_principal_version BEFORE UPDATE ON auth_sessions FOR EACH ROW EXECUTE FUNCTION jx_session_version_up()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER api_keys_principal_version BEFORE UPDATE ON api_keys FOR EACH ROW EXECUTE FUNCTION jx_api_key_version_up()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER users_sessions_principal_version AFTER UPDATE OF username, roles, organization_id, active, must_change_password, mfa_enabled_at ON users FOR EACH ROW WHEN ((OLD.username, OLD.roles, OLD.organization_id, OLD.active, OLD.must_change_password, OLD.mfa_enabled_at) IS DISTINCT FROM (NEW.username, NEW.roles, NEW.organization_id, NEW.active, NEW.must_change_password, NEW.mfa_enabled_at)) EXECUTE FUNCTION jx_user_sessions_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER organizations_credential_epoch AFTER INSERT OR DELETE OR UPDATE OF parent_id OR TRUNCATE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION jx_credential_epoch_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER policy_profiles_credential_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policy_profiles FOR EACH STATEMENT EXECUTE FUNCTION jx_credential_epoch_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER settings_working_year_credential_epoch AFTER INSERT OR UPDATE ON settings FOR EACH ROW WHEN (NEW.key = 'working_year') EXECUTE FUNCTION jx_credential_epoch_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER settings_working_year_gone_credential_epoch AFTER DELETE ON settings FOR EACH ROW WHEN (OLD.key = 'working_year') EXECUTE FUNCTION jx_credential_epoch_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER settings_cleared_credential_epoch AFTER TRUNCATE ON settings FOR EACH STATEMENT EXECUTE FUNCTION jx_credential_epoch_changed()`,
    );
    await queryRunner.query(`DROP TRIGGER organizations_tree_version ON organizations`);
    await queryRunner.query(`DROP FUNCTION jx_organization_tree_changed()`);
    await queryRunner.query(`DROP FUNCTION jx_session_fingerprint(token_hash text)`);
    await queryRunner.query(`DROP FUNCTION jx_api_key_fingerprint(api_key_hash text)`);
    await queryRunner.query(`DROP TABLE "organization_tree_version"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organization_tree_version" ("id" boolean PRIMARY KEY DEFAULT true CHECK ("id"), "version" bigint NOT NULL DEFAULT 0)`,
    );
    await queryRunner.query(`INSERT INTO "organization_tree_version" ("id", "version") VALUES (true, 0)`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_session_fingerprint(token_hash text) RETURNS text LANGUAGE plpgsql STABLE AS $credential_fn$
BEGIN
  RETURN (SELECT md5((row_to_json(sr)::jsonb - 'last_seen_at')::text) FROM (SELECT s.id, s.revoked_at, s.revoked_reason, s.last_seen_at, s.access_expires_at,
          u.id AS user_id, u.username, u.roles, u.organization_id, u.active, u.must_change_password,
          u.mfa_enabled_at IS NOT NULL AS mfa_enabled,
          (SELECT tv.version FROM organization_tree_version tv) AS tree_version,
          (SELECT coalesce(json_object_agg(pv.year, pv.version ORDER BY pv.year), '{}'::json) FROM policy_profiles pv) AS profile_versions,
          (SELECT json_build_object('value', ws.value, 'updatedAt', ws.updated_at) FROM settings ws WHERE ws.key = 'working_year') AS working_year_setting
     FROM auth_sessions s LEFT JOIN users u ON u.id = s.user_id
    WHERE s.access_token_hash = token_hash) sr);
END$credential_fn$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_api_key_fingerprint(api_key_hash text) RETURNS text LANGUAGE plpgsql STABLE AS $credential_fn$
BEGIN
  RETURN (SELECT md5((row_to_json(kr)::jsonb - 'last_used_at')::text) FROM (SELECT k.id, k.name, k.permissions, k.organization_id, k.active, k.expires_at, k.last_used_at,
          (SELECT tv.version FROM organization_tree_version tv) AS tree_version,
          (SELECT coalesce(json_object_agg(pv.year, pv.version ORDER BY pv.year), '{}'::json) FROM policy_profiles pv) AS profile_versions,
          (SELECT json_build_object('value', ws.value, 'updatedAt', ws.updated_at) FROM settings ws WHERE ws.key = 'working_year') AS working_year_setting
     FROM api_keys k WHERE k.key_hash = api_key_hash) kr);
END$credential_fn$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_organization_tree_changed() RETURNS trigger LANGUAGE plpgsql AS $credential_fn$
BEGIN
  UPDATE organization_tree_version SET version = version + 1;
  RETURN NULL;
END$credential_fn$`);
    await queryRunner.query(
      `CREATE TRIGGER organizations_tree_version AFTER INSERT OR DELETE OR UPDATE OF parent_id OR TRUNCATE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION jx_organization_tree_changed()`,
    );
    await queryRunner.query(`DROP TRIGGER settings_cleared_credential_epoch ON settings`);
    await queryRunner.query(`DROP TRIGGER settings_working_year_gone_credential_epoch ON settings`);
    await queryRunner.query(`DROP TRIGGER settings_working_year_credential_epoch ON settings`);
    await queryRunner.query(`DROP TRIGGER policy_profiles_credential_epoch ON policy_profiles`);
    await queryRunner.query(`DROP TRIGGER organizations_credential_epoch ON organizations`);
    await queryRunner.query(`DROP TRIGGER users_sessions_principal_version ON users`);
    await queryRunner.query(`DROP TRIGGER api_keys_principal_version ON api_keys`);
    await queryRunner.query(`DROP TRIGGER auth_sessions_principal_version ON auth_sessions`);
    await queryRunner.query(`DROP FUNCTION jx_credential_epoch_changed()`);
    await queryRunner.query(`DROP FUNCTION jx_user_sessions_changed()`);
    await queryRunner.query(`DROP FUNCTION jx_api_key_version_up()`);
    await queryRunner.query(`DROP FUNCTION jx_session_version_up()`);
    await queryRunner.query(`DROP FUNCTION jx_api_key_check(api_key_hash text)`);
    await queryRunner.query(`DROP FUNCTION jx_session_check(token_hash text)`);
    await queryRunner.query(`DROP TABLE "credential_epoch"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "principal_version"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP COLUMN "principal_version"`);
  }
}
