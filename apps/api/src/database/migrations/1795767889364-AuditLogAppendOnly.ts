import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (not generated): the audit log is append-only in the database itself. UPDATE,
 * DELETE and TRUNCATE on audit_logs raise an error whoever runs them, the API or a person in psql.
 */
export class AuditLogAppendOnly1795767889364 implements MigrationInterface {
  name = 'AuditLogAppendOnly1795767889364';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_logs_no_update_delete BEFORE UPDATE OR DELETE ON audit_logs FOR EACH ROW EXECUTE FUNCTION audit_logs_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_logs_no_truncate ON audit_logs`);
    await queryRunner.query(`DROP TRIGGER audit_logs_no_update_delete ON audit_logs`);
    await queryRunner.query(`DROP FUNCTION audit_logs_refuse_change()`);
  }
}
