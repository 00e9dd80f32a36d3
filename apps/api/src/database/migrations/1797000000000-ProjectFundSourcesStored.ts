import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): a project's fund sources as its list item shows them are stored on the
 * project (`fund_sources_json`) and kept current by the writes that change them, in the same
 * transaction: statement triggers on project_fund_sources write the JSON of every project whose rows
 * a statement inserted, changed or deleted. The project list (and its searches) reads the column
 * instead of a correlated subquery that a search planned at every request, locking the table and its
 * two indexes each time (the backend's sixteen fast-path locks were already taken by projects' own).
 *
 * The function bodies and triggers are the text src/modules/projects/fund-sources-stored.sql.ts
 * generates, embedded literally; test/fund-sources-stored.e2e-spec.ts fails when they change
 * without a migration replacing them.
 */
export class ProjectFundSourcesStored1797000000000 implements MigrationInterface {
  name = 'ProjectFundSourcesStored1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "fund_sources_json" json NOT NULL DEFAULT '[]'`);
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    // Backfill before the triggers exist: every year's projects from their rows.
    await queryRunner.query(`SELECT project_fund_sources_rebuild_year(y) FROM (SELECT DISTINCT year AS y FROM projects) years`);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER project_fund_sources_json_update ON project_fund_sources`);
    await queryRunner.query(`DROP TRIGGER project_fund_sources_json_delete ON project_fund_sources`);
    await queryRunner.query(`DROP TRIGGER project_fund_sources_json_insert ON project_fund_sources`);
    await queryRunner.query(`DROP FUNCTION project_fund_sources_rebuild_year(integer)`);
    await queryRunner.query(`DROP FUNCTION project_fund_sources_on_write()`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "fund_sources_json"`);
  }
}

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION project_fund_sources_on_write() RETURNS trigger LANGUAGE plpgsql AS $fund_sources$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE projects p SET fund_sources_json = (SELECT coalesce(json_agg(json_build_object('source', f.source, 'amount', f.amount::text) ORDER BY f.source COLLATE "C"), '[]'::json)
             FROM project_fund_sources f WHERE f.project_id = p.id)
     WHERE p.id IN (SELECT n.project_id FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE projects p SET fund_sources_json = (SELECT coalesce(json_agg(json_build_object('source', f.source, 'amount', f.amount::text) ORDER BY f.source COLLATE "C"), '[]'::json)
             FROM project_fund_sources f WHERE f.project_id = p.id)
     WHERE p.id IN (SELECT o.project_id FROM old_rows o);
  ELSE
    UPDATE projects p SET fund_sources_json = (SELECT coalesce(json_agg(json_build_object('source', f.source, 'amount', f.amount::text) ORDER BY f.source COLLATE "C"), '[]'::json)
             FROM project_fund_sources f WHERE f.project_id = p.id)
     WHERE p.id IN (SELECT o.project_id FROM old_rows o UNION SELECT n.project_id FROM new_rows n);
  END IF;
  RETURN NULL;
END$fund_sources$`,
  `CREATE OR REPLACE FUNCTION project_fund_sources_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $fund_sources$
BEGIN
  -- The JSON from the rows (the same, or what it should be where triggers were off, as during a bulk load), grouped
  -- once (a bulk load runs it without indexes); only changed rows written.
  UPDATE projects p SET fund_sources_json = coalesce(s.json, '[]'::json)
    FROM projects q LEFT JOIN (SELECT f.project_id, json_agg(json_build_object('source', f.source, 'amount', f.amount::text) ORDER BY f.source COLLATE "C") AS json
                                 FROM project_fund_sources f JOIN projects fp ON fp.id = f.project_id AND fp.year = y GROUP BY f.project_id) s
      ON s.project_id = q.id
   WHERE q.year = y AND p.id = q.id AND p.fund_sources_json::text IS DISTINCT FROM coalesce(s.json, '[]'::json)::text;
END$fund_sources$`,
];

const TRIGGERS = [
  `CREATE TRIGGER project_fund_sources_json_insert AFTER INSERT ON project_fund_sources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_fund_sources_on_write()`,
  `CREATE TRIGGER project_fund_sources_json_delete AFTER DELETE ON project_fund_sources REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION project_fund_sources_on_write()`,
  `CREATE TRIGGER project_fund_sources_json_update AFTER UPDATE ON project_fund_sources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_fund_sources_on_write()`,
];
