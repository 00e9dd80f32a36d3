import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (city scale): the credential checks a page statement calls (`jx_session_check`,
 * `jx_api_key_check`, migration CredentialVersions) plan their one lookup once per connection.
 * A search runs on connections that plan every statement with its own values
 * (`plan_cache_mode=force_custom_plan`, named-statement.ts), and PL/pgSQL plans the statements of a
 * function by the same setting: each search planned the check's lookup again, locking the
 * credential table and every one of its indexes (five) besides the epoch's two. With the page's own
 * planning (projects and its eleven indexes, organizations, fund sources) a search took 27 relation
 * locks, 11 past the 16 a backend records without the shared lock table — whose partition locks the
 * ten busy connections then queued on. The lookup (one row by the credential's unique hash) has one
 * plan whatever the value: kept generic, the check locks what it reads (22 locks a search).
 * Measured on the city year (finance, 医院, 32 connections, `bench`-like autocannon): 1,000 → 1,190–1,280
 * requests a second; PostgreSQL's CPU a request 1.04 → 0.75–0.78 ms.
 */
export class CredentialCheckPlans1796900000000 implements MigrationInterface {
  name = 'CredentialCheckPlans1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION jx_session_check(text) SET plan_cache_mode = force_generic_plan`);
    await queryRunner.query(`ALTER FUNCTION jx_api_key_check(text) SET plan_cache_mode = force_generic_plan`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION jx_api_key_check(text) RESET plan_cache_mode`);
    await queryRunner.query(`ALTER FUNCTION jx_session_check(text) RESET plan_cache_mode`);
  }
}
