import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): a list read confirms a credential resolved a moment ago inside its own page
 * statement instead of a statement of its own (common/auth/credential-check.ts). The row a principal
 * is made of — a session's, an API key's — is fingerprinted by `jx_session_fingerprint` and
 * `jx_api_key_fingerprint` (src/modules/auth/credential-rows.sql.ts, embedded literally): STABLE
 * plpgsql functions, which read in the page's snapshot and keep their plans, so the page statement
 * plans a function call. The subtree in those rows is aggregated in id order (a fingerprint must not
 * depend on a plan), which also changes the text of `list_organization_refresh` (the same subtree
 * expression; the order of an ANY list changes nothing).
 */

export class CredentialFingerprints1796209962403 implements MigrationInterface {
  name = 'CredentialFingerprints1796209962403';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION list_organization_refresh(root uuid) RETURNS void LANGUAGE plpgsql AS $listorg$
BEGIN
  WITH s AS MATERIALIZED (SELECT o.id FROM organizations o WHERE o.id = ANY((WITH RECURSIVE tree AS (
      SELECT so.id FROM organizations so WHERE so.id = root
      UNION ALL
      SELECT c.id FROM tree st CROSS JOIN LATERAL (SELECT sc.id FROM organizations sc WHERE sc.parent_id = st.id OFFSET 0) c
    ) SELECT array_agg(tree.id ORDER BY tree.id) FROM tree)::uuid[])),
    w AS MATERIALIZED (WITH RECURSIVE up AS (
      SELECT o.id, o.id AS at, o.kind, o.parent_id, 0 AS depth FROM organizations o WHERE o.id IN (SELECT id FROM s)
      UNION ALL
      SELECT up.id, a.id, a.kind, a.parent_id, up.depth + 1 FROM up JOIN organizations a ON a.id = up.parent_id
       WHERE NOT (up.kind = ANY(ARRAY['department', 'town'])) AND up.depth < 10)
    SELECT up.id, up.at AS list_org FROM up WHERE up.kind = ANY(ARRAY['department', 'town']))
  UPDATE organizations t SET list_organization_id = w.list_org
    FROM s LEFT JOIN w ON w.id = s.id
   WHERE t.id = s.id AND t.list_organization_id IS DISTINCT FROM w.list_org;
END$listorg$`);
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION jx_api_key_fingerprint(api_key_hash text)`);
    await queryRunner.query(`DROP FUNCTION jx_session_fingerprint(token_hash text)`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION list_organization_refresh(root uuid) RETURNS void LANGUAGE plpgsql AS $listorg$
BEGIN
  WITH s AS MATERIALIZED (SELECT o.id FROM organizations o WHERE o.id = ANY((WITH RECURSIVE tree AS (
      SELECT so.id FROM organizations so WHERE so.id = root
      UNION ALL
      SELECT c.id FROM tree st CROSS JOIN LATERAL (SELECT sc.id FROM organizations sc WHERE sc.parent_id = st.id OFFSET 0) c
    ) SELECT array_agg(tree.id) FROM tree)::uuid[])),
    w AS MATERIALIZED (WITH RECURSIVE up AS (
      SELECT o.id, o.id AS at, o.kind, o.parent_id, 0 AS depth FROM organizations o WHERE o.id IN (SELECT id FROM s)
      UNION ALL
      SELECT up.id, a.id, a.kind, a.parent_id, up.depth + 1 FROM up JOIN organizations a ON a.id = up.parent_id
       WHERE NOT (up.kind = ANY(ARRAY['department', 'town'])) AND up.depth < 10)
    SELECT up.id, up.at AS list_org FROM up WHERE up.kind = ANY(ARRAY['department', 'town']))
  UPDATE organizations t SET list_organization_id = w.list_org
    FROM s LEFT JOIN w ON w.id = s.id
   WHERE t.id = s.id AND t.list_organization_id IS DISTINCT FROM w.list_org;
END$listorg$`);
  }
}
