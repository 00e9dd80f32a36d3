import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (not generated): the audit log stays append-only, with one exception — the sealer's
 * one-time UPDATE that fills `seq`, `hash` and `sealed_at` of an entry that has none, changing
 * nothing else. A sealed entry can never be updated again, by the API or anyone else short of the
 * table's owner disabling the trigger — which the hash chain and the signed checkpoints then reveal.
 * The checkpoints table is append-only too. Unsealed entries are found through a partial index.
 */
export class AuditChainTriggers1796019770261 implements MigrationInterface {
  name = 'AuditChainTriggers1796019770261';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF OLD.seq IS NULL AND OLD.hash IS NULL AND OLD.sealed_at IS NULL
             AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.sealed_at IS NOT NULL
             AND (to_jsonb(NEW) - 'seq' - 'hash' - 'sealed_at') = (to_jsonb(OLD) - 'seq' - 'hash' - 'sealed_at') THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_checkpoints_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoints is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_refuse_change()`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_logs_unsealed" ON "audit_logs" ("id") WHERE "seq" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_audit_logs_unsealed"`);
    await queryRunner.query(`DROP TRIGGER audit_checkpoints_no_truncate ON audit_checkpoints`);
    await queryRunner.query(`DROP TRIGGER audit_checkpoints_no_update_delete ON audit_checkpoints`);
    await queryRunner.query(`DROP FUNCTION audit_checkpoints_refuse_change()`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
  }
}
