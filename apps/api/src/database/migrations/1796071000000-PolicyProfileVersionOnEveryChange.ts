import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A policy profile's version moves with every change of its values, also one made outside the API
 * (a data migration, a DBA's statement): instances cache a year's profile by its version, so a
 * change that kept the version would be read stale. The API's own updates already raise it.
 */
export class PolicyProfileVersionOnEveryChange1796071000000 implements MigrationInterface {
  name = 'PolicyProfileVersionOnEveryChange1796071000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION policy_profiles_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW."values", NEW.schema_version) IS DISTINCT FROM (OLD."values", OLD.schema_version) AND NEW.version = OLD.version THEN
          NEW.version := OLD.version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER policy_profiles_bump_version BEFORE UPDATE ON policy_profiles
      FOR EACH ROW EXECUTE FUNCTION policy_profiles_bump_version()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER policy_profiles_bump_version ON policy_profiles`);
    await queryRunner.query(`DROP FUNCTION policy_profiles_bump_version()`);
  }
}
