import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (not generated; data only, no schema change): an API key limited to one
 * organization may not hold a district-only permission (PERMISSION_REACH in libs/contracts,
 * issue 6). Keys stored before that rule lose those permissions here, so what the key list shows
 * is what the key can do. (The auth guard drops them on every request anyway.) The list is the
 * district-only permissions as of this migration, on purpose a snapshot, not an import.
 */
export const DISTRICT_ONLY_AT_THIS_MIGRATION = [
  'organization:manage',
  'user:manage',
  'api_key:manage',
  'policy_profile:manage',
  'audit_log:read',
  'key_project_list:review',
  'indicator:manage',
  'pre_assessment:review',
  'target_review:review',
  'monitoring:review',
  'evaluation:review',
  'rectification:review',
  'disclosure:manage',
  'supervision:manage',
  'appraisal:manage',
  'work_plan:manage',
];

export class OrganizationKeysDropDistrictPermissions1796019733501 implements MigrationInterface {
  name = 'OrganizationKeysDropDistrictPermissions1796019733501';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "api_keys"
          SET "permissions" = ARRAY(SELECT p FROM unnest("permissions") AS p WHERE p <> ALL($1::text[])),
              "version" = "version" + 1
        WHERE "organization_id" IS NOT NULL AND "permissions" && $1::text[]`,
      [DISTRICT_ONLY_AT_THIS_MIGRATION],
    );
  }

  public async down(): Promise<void> {
    // The permissions taken away were never valid on these keys; nothing is given back.
  }
}
