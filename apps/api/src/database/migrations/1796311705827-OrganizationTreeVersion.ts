import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the fingerprint a list's page statement computes to confirm a recent
 * principal (common/auth/credential-check.ts) walked the caller's organization subtree — a recursive
 * query, ~80 µs of every page statement on the generated city year. A principal's row now carries
 * the organization tree's version instead (src/modules/auth/credential-rows.sql.ts): one row,
 * counted up by a statement trigger on every statement that adds, removes or moves organizations,
 * in that statement's transaction; the subtree is read only when a credential is resolved in full.
 */
export class OrganizationTreeVersion1796311705827 implements MigrationInterface {
  name = 'OrganizationTreeVersion1796311705827';

  public async up(queryRunner: QueryRunner): Promise<void> {
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER organizations_tree_version ON organizations`);
    await queryRunner.query(`DROP FUNCTION jx_organization_tree_changed()`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_api_key_fingerprint(api_key_hash text) RETURNS text LANGUAGE plpgsql STABLE AS $credential_fn$
BEGIN
  RETURN (SELECT md5((row_to_json(kr)::jsonb - 'last_used_at')::text) FROM (SELECT k.id, k.name, k.permissions, k.organization_id, k.active, k.expires_at, k.last_used_at,
          CASE WHEN k.organization_id IS NOT NULL THEN (WITH RECURSIVE tree AS (
      SELECT so.id FROM organizations so WHERE so.id = k.organization_id
      UNION ALL
      SELECT c.id FROM tree st CROSS JOIN LATERAL (SELECT sc.id FROM organizations sc WHERE sc.parent_id = st.id OFFSET 0) c
    ) SELECT array_agg(tree.id ORDER BY tree.id) FROM tree) END AS subtree,
          (SELECT coalesce(json_object_agg(pv.year, pv.version ORDER BY pv.year), '{}'::json) FROM policy_profiles pv) AS profile_versions,
          (SELECT json_build_object('value', ws.value, 'updatedAt', ws.updated_at) FROM settings ws WHERE ws.key = 'working_year') AS working_year_setting
     FROM api_keys k WHERE k.key_hash = api_key_hash) kr);
END$credential_fn$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION jx_session_fingerprint(token_hash text) RETURNS text LANGUAGE plpgsql STABLE AS $credential_fn$
BEGIN
  RETURN (SELECT md5((row_to_json(sr)::jsonb - 'last_seen_at')::text) FROM (SELECT s.id, s.revoked_at, s.revoked_reason, s.last_seen_at, s.access_expires_at,
          u.id AS user_id, u.username, u.roles, u.organization_id, u.active, u.must_change_password,
          u.mfa_enabled_at IS NOT NULL AS mfa_enabled,
          CASE WHEN u.organization_id IS NOT NULL THEN (WITH RECURSIVE tree AS (
      SELECT so.id FROM organizations so WHERE so.id = u.organization_id
      UNION ALL
      SELECT c.id FROM tree st CROSS JOIN LATERAL (SELECT sc.id FROM organizations sc WHERE sc.parent_id = st.id OFFSET 0) c
    ) SELECT array_agg(tree.id ORDER BY tree.id) FROM tree) END AS subtree,
          (SELECT coalesce(json_object_agg(pv.year, pv.version ORDER BY pv.year), '{}'::json) FROM policy_profiles pv) AS profile_versions,
          (SELECT json_build_object('value', ws.value, 'updatedAt', ws.updated_at) FROM settings ws WHERE ws.key = 'working_year') AS working_year_setting
     FROM auth_sessions s LEFT JOIN users u ON u.id = s.user_id
    WHERE s.access_token_hash = token_hash) sr);
END$credential_fn$`);
    await queryRunner.query(`DROP TABLE "organization_tree_version"`);
  }
}
