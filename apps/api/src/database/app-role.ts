import { Client } from 'pg';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The role the API works as: the user named in DATABASE_URL. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username || 'postgres');
}

/**
 * The rights of the API's own role when it is not the tables' owner (DATABASE_MIGRATION_URL
 * set): read and write the data tables; on the audit tables only SELECT and INSERT, plus the
 * sealer's UPDATE of exactly `seq`, `hash` and `sealed_at` (the trigger lets that happen once per
 * entry); migrations' bookkeeping read-only. Not being the owner, it cannot disable or drop the
 * triggers, and without superuser it cannot `SET session_replication_role = replica`.
 * Applied by the owner after every migration run; every statement is idempotent.
 */
export function appRoleGrants(role: string, schema: string): string[] {
  const r = ident(role);
  const s = ident(schema);
  return [
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${s}.schema_migrations FROM ${r}`,
    // Revoking the table-wide UPDATE also drops column grants; the sealer's columns come back next.
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${s}.audit_logs, ${s}.audit_checkpoints FROM ${r}`,
    `GRANT UPDATE (seq, hash, sealed_at) ON ${s}.audit_logs TO ${r}`,
  ];
}

/**
 * Grants the API's role (the user of `appUrl`) its rights, connected as the owner (`ownerUrl`).
 * Does nothing when both are the same role.
 */
export async function grantAppRole(ownerUrl: string, appUrl: string): Promise<string | null> {
  const role = roleOf(appUrl);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const [{ current_user: me, schema }] = (
      await owner.query<{ current_user: string; schema: string }>(`SELECT current_user, current_schema() AS schema`)
    ).rows;
    if (me === role) return null;
    const exists = await owner.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
    if (!exists.rowCount)
      throw new Error(`the role "${role}" of DATABASE_URL does not exist; create it first (deploy/postgres/create-app-role.sql)`);
    await owner.query('BEGIN');
    for (const statement of appRoleGrants(role, schema)) await owner.query(statement);
    await owner.query('COMMIT');
    return role;
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await owner.end();
  }
}
