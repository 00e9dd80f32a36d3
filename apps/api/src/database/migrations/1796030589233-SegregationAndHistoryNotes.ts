import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, then edited by hand (read before changing):
 * - `actors` (who took each workflow step, by action) on targets, key project lists,
 *   pre-assessments and indicator proposals, for segregation of duties. Existing rows are filled
 *   from their history (target events; the audit log for the others), so a request already
 *   submitted is not reviewed by its submitter after the upgrade. The target's
 *   `consultation_submitted_by_id` becomes `actors.consultation_submit`.
 * - target events keep system notes as a code and parameters (`note_code`, `note_params`); the
 *   Chinese texts the system wrote so far are turned into their codes.
 */
export class SegregationAndHistoryNotes1796030589233 implements MigrationInterface {
  name = 'SegregationAndHistoryNotes1796030589233';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['targets', 'indicators', 'key_project_lists', 'pre_assessments']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "actors" jsonb NOT NULL DEFAULT '{}'`);
    }
    // Targets: the last actor of each step from the events, then the consultation submitter.
    await queryRunner.query(
      `UPDATE "targets" t SET "actors" = coalesce((
         SELECT jsonb_object_agg(x.action, x.actor_id::text) FROM (
           SELECT DISTINCT ON (e.action) e.action, e.actor_id FROM "target_events" e
            WHERE e.target_id = t.id AND e.actor_id IS NOT NULL ORDER BY e.action, e.created_at DESC
         ) x), '{}'::jsonb)`,
    );
    await queryRunner.query(
      `UPDATE "targets" SET "actors" = "actors" || jsonb_build_object('consultation_submit', "consultation_submitted_by_id"::text)
        WHERE "consultation_submitted_by_id" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "targets" DROP COLUMN "consultation_submitted_by_id"`);
    // The others: the last successful audit entry of each step by a user or an API key.
    for (const [table, entityType, prefix] of [
      ['key_project_lists', 'key_project_list', 'key_project_list.'],
      ['pre_assessments', 'pre_assessment', 'pre_assessment.'],
      ['indicators', 'indicator', 'indicator.'],
    ]) {
      await queryRunner.query(
        `UPDATE "${table}" r SET "actors" = coalesce((
           SELECT jsonb_object_agg(substr(x.action, ${prefix.length + 1}), x.actor_id::text) FROM (
             SELECT DISTINCT ON (a.action) a.action, a.actor_id FROM "audit_logs" a
              WHERE a.entity_type = $1 AND a.entity_id = r.id::text AND a.result = 'success'
                AND a.actor_id IS NOT NULL AND a.action LIKE $2
              ORDER BY a.action, a.id DESC
           ) x), '{}'::jsonb)`,
        [entityType, `${prefix}%`],
      );
    }

    await queryRunner.query(`ALTER TABLE "target_events" ADD "note_code" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "target_events" ADD "note_params" jsonb`);
    await queryRunner.query(
      `UPDATE "target_events" SET "note_code" = 'target.expert_scored', "comment" = NULL WHERE "comment" = '评审专家已提交评分和意见'`,
    );
    await queryRunner.query(
      `UPDATE "target_events" SET "note_code" = 'target.picked_for_expert_review', "comment" = NULL WHERE "comment" = '选取专家评审'`,
    );
    await queryRunner.query(
      `UPDATE "target_events" SET "note_code" = 'target.unpicked_for_expert_review', "comment" = NULL WHERE "comment" = '取消专家评审选取'`,
    );
    await queryRunner.query(
      `UPDATE "target_events" SET "note_code" = 'target.experts_assigned',
         "note_params" = jsonb_build_object('names', to_jsonb(string_to_array(substr("comment", 8), '、'))), "comment" = NULL
        WHERE "action" = 'assign_experts' AND "comment" LIKE '指派评审专家：%'`,
    );
    await queryRunner.query(
      `UPDATE "target_events" SET "note_code" = 'target.change_approved',
         "note_params" = jsonb_build_object('revision', ((regexp_match("comment", '^调整申请已同意，修订版本 (\\d+)$'))[1])::int), "comment" = NULL
        WHERE "action" = 'approve_change' AND "comment" ~ '^调整申请已同意，修订版本 \\d+$'`,
    );
    // "专家评审平均分 87.67，等级 良" and, from the demo data, a comment after "。".
    await queryRunner.query(
      `UPDATE "target_events" e SET "note_code" = 'target.review_concluded',
         "note_params" = jsonb_build_object('average', m[1], 'grade',
           CASE m[2] WHEN '优' THEN 'excellent' WHEN '良' THEN 'good' WHEN '中' THEN 'fair' ELSE 'poor' END),
         "comment" = nullif(m[3], '')
        FROM (SELECT id, regexp_match("comment", '^专家评审平均分 ([0-9.]+)，等级 (优|良|中|差)(?:。(.*))?$') AS m FROM "target_events") x
       WHERE x.id = e.id AND x.m IS NOT NULL AND e.action LIKE 'conclude_%'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "target_events" SET "comment" = concat_ws('。', CASE "note_code"
         WHEN 'target.expert_scored' THEN '评审专家已提交评分和意见'
         WHEN 'target.picked_for_expert_review' THEN '选取专家评审'
         WHEN 'target.unpicked_for_expert_review' THEN '取消专家评审选取'
         WHEN 'target.experts_assigned' THEN '指派评审专家：' || (SELECT string_agg(n, '、') FROM jsonb_array_elements_text("note_params"->'names') n)
         WHEN 'target.change_approved' THEN '调整申请已同意，修订版本 ' || ("note_params"->>'revision')
         WHEN 'target.review_concluded' THEN '专家评审平均分 ' || ("note_params"->>'average') || '，等级 ' ||
           CASE "note_params"->>'grade' WHEN 'excellent' THEN '优' WHEN 'good' THEN '良' WHEN 'fair' THEN '中' ELSE '差' END
         END, "comment")
        WHERE "note_code" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "target_events" DROP COLUMN "note_params"`);
    await queryRunner.query(`ALTER TABLE "target_events" DROP COLUMN "note_code"`);
    await queryRunner.query(`ALTER TABLE "targets" ADD "consultation_submitted_by_id" uuid`);
    await queryRunner.query(
      `UPDATE "targets" SET "consultation_submitted_by_id" = ("actors"->>'consultation_submit')::uuid
        WHERE "status" = 'consultation_submitted' AND "actors" ? 'consultation_submit'`,
    );
    for (const table of ['pre_assessments', 'key_project_lists', 'indicators', 'targets']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "actors"`);
    }
  }
}
