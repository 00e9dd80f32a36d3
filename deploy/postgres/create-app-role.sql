-- The role the API works as, when it should not own its tables (run once, as a superuser or a
-- role with CREATEROLE; psql -v app_password='…' -f create-app-role.sql):
--   * the tables' owner (e.g. "jixiao") runs the migrations: DATABASE_MIGRATION_URL;
--   * the API connects as "jixiao_app": DATABASE_URL.
-- At every start the API, connected as the owner, grants "jixiao_app" its rights (idempotent;
-- see apps/api/src/database/app-role.ts): SELECT/INSERT/UPDATE/DELETE on the data tables; only
-- SELECT and INSERT on audit_logs and audit_checkpoints, plus UPDATE (seq, hash, sealed_at) on
-- audit_logs for the sealer; schema_migrations read-only. Not owning the tables, the API cannot
-- disable or drop the audit triggers; not being superuser, it cannot SET session_replication_role.
CREATE ROLE jixiao_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
