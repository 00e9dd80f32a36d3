import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the monitoring dashboard's N7 warnings by rule are stored and kept current
 * by the writes that change them, in the same transaction: each warning carries its tracking's year
 * (tracking_warnings.year) and monitoring_warning_counts holds the warnings and the late answers per
 * (year, organization, code, open_due) — open_due an open warning's answer deadline, `infinity` once
 * answered — by triggers on tracking_warnings and trackings.
 *
 * The function bodies and triggers are the text src/modules/trackings/warning-counts-stored.sql.ts
 * generates, embedded literally; test/warning-counts-stored.e2e-spec.ts fails when they change
 * without a migration replacing them.
 */
export class WarningCountsStored1796120000000 implements MigrationInterface {
  name = 'WarningCountsStored1796120000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tracking_warnings" ADD "year" integer`);
    await queryRunner.query(`UPDATE "tracking_warnings" w SET "year" = x."year" FROM "trackings" x WHERE x."id" = w."tracking_id"`);
    await queryRunner.query(`ALTER TABLE "tracking_warnings" ALTER COLUMN "year" SET NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "monitoring_warning_counts" ("year" integer NOT NULL, "organization_id" uuid NOT NULL, "code" character varying(32) NOT NULL,
        "open_due" date NOT NULL, "warnings" integer NOT NULL DEFAULT 0, "late" integer NOT NULL DEFAULT 0,
        PRIMARY KEY ("year", "organization_id", "code", "open_due"))`,
    );
    for (const statement of FUNCTIONS) await queryRunner.query(statement);
    // Backfill before the triggers exist: every year's counts from its warnings.
    await queryRunner.query(`SELECT warning_counts_rebuild_year(y) FROM (SELECT DISTINCT year AS y FROM tracking_warnings) years`);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER warning_counts_update ON tracking_warnings`);
    await queryRunner.query(`DROP TRIGGER warning_counts_write ON tracking_warnings`);
    await queryRunner.query(`DROP TRIGGER warning_counts_trackings_update ON trackings`);
    await queryRunner.query(`DROP TRIGGER warning_counts_year ON tracking_warnings`);
    await queryRunner.query(`DROP FUNCTION warning_counts_rebuild_year(integer)`);
    await queryRunner.query(`DROP FUNCTION warning_counts_on_write()`);
    await queryRunner.query(`DROP FUNCTION warning_counts_on_trackings()`);
    await queryRunner.query(`DROP FUNCTION warning_counts_year()`);
    await queryRunner.query(`DROP TABLE "monitoring_warning_counts"`);
    await queryRunner.query(`ALTER TABLE "tracking_warnings" DROP COLUMN "year"`);
  }
}

const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION warning_counts_year() RETURNS trigger LANGUAGE plpgsql AS $warnings$
BEGIN
  NEW.year := (SELECT x.year FROM trackings x WHERE x.id = NEW.tracking_id);
  RETURN NEW;
END$warnings$`,
  `CREATE OR REPLACE FUNCTION warning_counts_on_trackings() RETURNS trigger LANGUAGE plpgsql AS $warnings$
BEGIN
  UPDATE tracking_warnings SET year = NEW.year WHERE tracking_id = NEW.id AND year IS DISTINCT FROM NEW.year;
  RETURN NULL;
END$warnings$`,
  `CREATE OR REPLACE FUNCTION warning_counts_on_write() RETURNS trigger LANGUAGE plpgsql AS $warnings$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO monitoring_warning_counts AS c (year, organization_id, code, open_due, warnings, late)
        VALUES (OLD.year, OLD.organization_id, OLD.code, CASE WHEN OLD.answer IS NULL THEN OLD.answer_due ELSE 'infinity'::date END, -1, CASE WHEN OLD.answered_late THEN -1 ELSE 0 END)
        ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO monitoring_warning_counts AS c (year, organization_id, code, open_due, warnings, late)
        VALUES (NEW.year, NEW.organization_id, NEW.code, CASE WHEN NEW.answer IS NULL THEN NEW.answer_due ELSE 'infinity'::date END, 1, CASE WHEN NEW.answered_late THEN 1 ELSE 0 END)
        ON CONFLICT (year, organization_id, code, open_due) DO UPDATE SET warnings = c.warnings + EXCLUDED.warnings, late = c.late + EXCLUDED.late;
  END IF;
  RETURN NULL;
END$warnings$`,
  `CREATE OR REPLACE FUNCTION warning_counts_rebuild_year(y integer) RETURNS void LANGUAGE plpgsql AS $warnings$
BEGIN
  -- The counts from the warnings' rows (the same, or what they should be where triggers were off, as during a bulk load).
  DELETE FROM monitoring_warning_counts WHERE year = y;
  INSERT INTO monitoring_warning_counts (year, organization_id, code, open_due, warnings, late)
  SELECT w.year, w.organization_id, w.code, CASE WHEN w.answer IS NULL THEN w.answer_due ELSE 'infinity'::date END, count(*), count(*) FILTER (WHERE w.answered_late)
    FROM tracking_warnings w WHERE w.year = y GROUP BY 1, 2, 3, 4;
END$warnings$`,
];

const TRIGGERS = [
  `CREATE TRIGGER warning_counts_year BEFORE INSERT OR UPDATE OF tracking_id ON tracking_warnings FOR EACH ROW EXECUTE FUNCTION warning_counts_year()`,
  `CREATE TRIGGER warning_counts_trackings_update AFTER UPDATE OF year ON trackings FOR EACH ROW WHEN (OLD.year IS DISTINCT FROM NEW.year) EXECUTE FUNCTION warning_counts_on_trackings()`,
  `CREATE TRIGGER warning_counts_write AFTER INSERT OR DELETE ON tracking_warnings FOR EACH ROW EXECUTE FUNCTION warning_counts_on_write()`,
  `CREATE TRIGGER warning_counts_update AFTER UPDATE OF tracking_id, year, organization_id, code, answer, answer_due, answered_late ON tracking_warnings FOR EACH ROW WHEN ((OLD.year, OLD.organization_id, OLD.code, OLD.answer, OLD.answer_due, OLD.answered_late) IS DISTINCT FROM (NEW.year, NEW.organization_id, NEW.code, NEW.answer, NEW.answer_due, NEW.answered_late)) EXECUTE FUNCTION warning_counts_on_write()`,
];
