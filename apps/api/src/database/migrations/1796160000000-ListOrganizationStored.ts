import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the coverage planner grouped a city's key projects by department or town by
 * walking every organization's ancestors at each request (a recursive statement over ~5,000
 * organizations, about a third of the planner's time). Each organization's department or town is
 * now stored (organizations.list_organization_id) and kept current by a trigger on organizations —
 * an organization added, or its parent or kind changed, recomputes it and everything under it — in
 * the writing transaction.
 *
 * The function bodies and triggers are the text src/modules/key-project-lists/list-organization-stored.sql.ts
 * generates, embedded literally; test/list-organization-stored.e2e-spec.ts fails when they change
 * without a migration replacing them.
 */
export class ListOrganizationStored1796160000000 implements MigrationInterface {
  name = 'ListOrganizationStored1796160000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "list_organization_id" uuid`);
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    await queryRunner.query(`SELECT list_organization_rebuild()`);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER list_organization_organizations_update ON organizations`);
    await queryRunner.query(`DROP TRIGGER list_organization_organizations_insert ON organizations`);
    await queryRunner.query(`DROP FUNCTION list_organization_on_organizations()`);
    await queryRunner.query(`DROP FUNCTION list_organization_rebuild()`);
    await queryRunner.query(`DROP FUNCTION list_organization_refresh(uuid)`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "list_organization_id"`);
  }
}

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION list_organization_refresh(root uuid) RETURNS void LANGUAGE plpgsql AS $listorg$
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
END$listorg$`,
  `CREATE OR REPLACE FUNCTION list_organization_rebuild() RETURNS void LANGUAGE plpgsql AS $listorg$
BEGIN
  WITH s AS MATERIALIZED (SELECT o.id FROM organizations o WHERE true),
    w AS MATERIALIZED (WITH RECURSIVE up AS (
      SELECT o.id, o.id AS at, o.kind, o.parent_id, 0 AS depth FROM organizations o WHERE o.id IN (SELECT id FROM s)
      UNION ALL
      SELECT up.id, a.id, a.kind, a.parent_id, up.depth + 1 FROM up JOIN organizations a ON a.id = up.parent_id
       WHERE NOT (up.kind = ANY(ARRAY['department', 'town'])) AND up.depth < 10)
    SELECT up.id, up.at AS list_org FROM up WHERE up.kind = ANY(ARRAY['department', 'town']))
  UPDATE organizations t SET list_organization_id = w.list_org
    FROM s LEFT JOIN w ON w.id = s.id
   WHERE t.id = s.id AND t.list_organization_id IS DISTINCT FROM w.list_org;
END$listorg$`,
  `CREATE OR REPLACE FUNCTION list_organization_on_organizations() RETURNS trigger LANGUAGE plpgsql AS $listorg$
BEGIN
  PERFORM list_organization_refresh(NEW.id);
  RETURN NULL;
END$listorg$`,
];

const TRIGGERS = [
  `CREATE TRIGGER list_organization_organizations_insert AFTER INSERT ON organizations FOR EACH ROW EXECUTE FUNCTION list_organization_on_organizations()`,
  `CREATE TRIGGER list_organization_organizations_update AFTER UPDATE OF parent_id, kind ON organizations FOR EACH ROW WHEN ((OLD.parent_id, OLD.kind) IS DISTINCT FROM (NEW.parent_id, NEW.kind)) EXECUTE FUNCTION list_organization_on_organizations()`,
];
