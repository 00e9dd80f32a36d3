import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the lists whose rows are each a project's (targets, trackings, evaluations,
 * pre-assessments) carry a copy of their project's search keys (`project_search_keys`, NOT NULL, with
 * a GIN index each), kept by row triggers: before a list row is written with a project, after a
 * project's keys change. A search on such a list checks the keys on the list's own row, so that a
 * frequent word read along the list's order looks up the project of the matching rows only (finance's
 * trackings searched for 建设: the bounded count 22 → 7.6 ms on the city year). Beside them,
 * `jx_search_keys_match`, the same check declared costly, so that a rare word is still read through
 * the list's index of keys rather than along its order (search-keys-stored.sql.ts).
 *
 * `jx_search_pairs_query` answers a word of three characters or more by every key pair it holds, all
 * of them, so that such a word is checked by the keys on the list's row before its project's ILIKE.
 *
 * The function bodies and triggers are the text src/modules/projects/search-keys-stored.sql.ts
 * generates, embedded literally; test/search-keys-stored.e2e-spec.ts fails when they change without a
 * migration replacing them.
 */
export class ListSearchKeysStored1797400000000 implements MigrationInterface {
  name = 'ListSearchKeysStored1797400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(PAIRS_QUERY);
    await queryRunner.query(KEYS_MATCH);
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    for (const table of LISTS) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "project_search_keys" tsvector`);
      // Backfill before the triggers exist, then no row without its project's keys.
      await queryRunner.query(`UPDATE "${table}" l SET "project_search_keys" = p.search_keys FROM "projects" p WHERE p.id = l.project_id`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "project_search_keys" SET NOT NULL`);
      await queryRunner.query(`CREATE INDEX "${table}_project_search_keys" ON "${table}" USING gin ("project_search_keys")`);
    }
    for (const statement of TRIGGERS) await queryRunner.query(statement);
    // The new columns' keys have no statistics until analyzed: a frequent pair would be taken for a
    // rare one. Not on an empty table (a new install: see ProjectSearchCharacters).
    for (const table of LISTS) {
      const [{ filled }] = (await queryRunner.query(`SELECT EXISTS (SELECT 1 FROM "${table}") AS filled`)) as { filled: boolean }[];
      if (filled) await queryRunner.query(`ANALYZE "${table}"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER project_search_keys_to_lists ON projects`);
    for (const table of LISTS) {
      await queryRunner.query(`DROP TRIGGER project_search_keys_${table} ON ${table}`);
      await queryRunner.query(`DROP INDEX "public"."${table}_project_search_keys"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "project_search_keys"`);
    }
    await queryRunner.query(`DROP FUNCTION project_search_keys_to_list_rows()`);
    await queryRunner.query(`DROP FUNCTION project_search_keys_on_list_rows()`);
    await queryRunner.query(`DROP FUNCTION jx_search_keys_match(tsvector, tsquery)`);
    await queryRunner.query(`DROP FUNCTION jx_search_pairs_query(text)`);
  }
}

const LISTS = ['targets', 'trackings', 'evaluations', 'pre_assessments'];

const PAIRS_QUERY = String.raw`CREATE OR REPLACE FUNCTION jx_search_pairs_query(word text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $search_keys$
  SELECT CAST(string_agg('''' || replace(replace(k.pair, '\', '\\'), '''', '''''') || '''', ' & ' ORDER BY k.i) AS tsquery)
    FROM (SELECT i, substr(lower(word), i, 2) AS pair FROM generate_series(1, length(lower(word)) - 1) i) k
   WHERE octet_length(k.pair) > 2 OR k.pair ~ '[a-z]'
$search_keys$`;

const KEYS_MATCH = `CREATE OR REPLACE FUNCTION jx_search_keys_match(keys tsvector, query tsquery) RETURNS boolean
      LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE COST 1000 AS $search_keys$
BEGIN
  RETURN keys @@ query;
END$search_keys$`;

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION project_search_keys_on_list_rows() RETURNS trigger LANGUAGE plpgsql AS $search_keys$
BEGIN
  NEW.project_search_keys := (SELECT p.search_keys FROM projects p WHERE p.id = NEW.project_id);
  RETURN NEW;
END$search_keys$`,
  `CREATE OR REPLACE FUNCTION project_search_keys_to_list_rows() RETURNS trigger LANGUAGE plpgsql AS $search_keys$
BEGIN
  UPDATE targets SET project_search_keys = NEW.search_keys WHERE project_id = NEW.id AND project_search_keys IS DISTINCT FROM NEW.search_keys;
  UPDATE trackings SET project_search_keys = NEW.search_keys WHERE project_id = NEW.id AND project_search_keys IS DISTINCT FROM NEW.search_keys;
  UPDATE evaluations SET project_search_keys = NEW.search_keys WHERE project_id = NEW.id AND project_search_keys IS DISTINCT FROM NEW.search_keys;
  UPDATE pre_assessments SET project_search_keys = NEW.search_keys WHERE project_id = NEW.id AND project_search_keys IS DISTINCT FROM NEW.search_keys;
  RETURN NULL;
END$search_keys$`,
];

const TRIGGERS = [
  `CREATE TRIGGER project_search_keys_targets BEFORE INSERT OR UPDATE OF project_id, project_search_keys ON targets FOR EACH ROW EXECUTE FUNCTION project_search_keys_on_list_rows()`,
  `CREATE TRIGGER project_search_keys_trackings BEFORE INSERT OR UPDATE OF project_id, project_search_keys ON trackings FOR EACH ROW EXECUTE FUNCTION project_search_keys_on_list_rows()`,
  `CREATE TRIGGER project_search_keys_evaluations BEFORE INSERT OR UPDATE OF project_id, project_search_keys ON evaluations FOR EACH ROW EXECUTE FUNCTION project_search_keys_on_list_rows()`,
  `CREATE TRIGGER project_search_keys_pre_assessments BEFORE INSERT OR UPDATE OF project_id, project_search_keys ON pre_assessments FOR EACH ROW EXECUTE FUNCTION project_search_keys_on_list_rows()`,
  `CREATE TRIGGER project_search_keys_to_lists AFTER UPDATE OF name, code, search_keys ON projects FOR EACH ROW WHEN (OLD.search_keys IS DISTINCT FROM NEW.search_keys) EXECUTE FUNCTION project_search_keys_to_list_rows()`,
];
