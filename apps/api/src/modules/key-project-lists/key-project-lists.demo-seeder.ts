import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { checkTransition, KEY_PROJECT_LIST_WORKFLOW, sumMoney, type TransitionCheck } from '@jixiao/domain';
import type { KeyProjectListAction, KeyProjectListStatus } from '@jixiao/contracts';
import { AuditService } from '../../common/audit/audit.service';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { DEMO_USERS, EDU_CODE, HEALTH_CODE, ZHUJIAJIAO_CODE } from '../demo/demo-organizations';
import { KeyProjectListEntity } from './entities/key-project-list.entity';
import { KeyProjectListItemEntity } from './entities/key-project-list-item.entity';
import { KeyProjectListsService } from './key-project-lists.service';

/**
 * Demo key project lists (order 20, after the projects): 区卫生健康委员会 submitted, 区教育局 filed,
 * 朱家角镇 still a draft. The years of the key projects' last key evaluations come from the demo
 * evaluation records (evaluation-records demo seeder), as in the product: from evaluations, not typed.
 * Works without projects too: the lists are then empty and fill in once projects exist.
 */
@Injectable()
@AsDemoSeeder(20)
export class KeyProjectListsDemoSeeder implements DemoSeeder {
  constructor(
    private readonly lists: KeyProjectListsService,
    private readonly audit: AuditService,
  ) {}

  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    const { year } = context;
    const profile = await this.lists.profileFor(manager, year);

    const actor = (username: string) => {
      const user = DEMO_USERS.find((u) => u.username === username)!;
      return {
        id: context.userIds.get(username) ?? null,
        name: user.username,
        kind: 'user' as const,
        organizationId: context.organizationIds.get(user.org) ?? null,
      };
    };
    const open = async (code: string, username: string, steps: { action: KeyProjectListAction; by: string; comment?: string }[]) => {
      const organizationId = context.organizationIds.get(code);
      if (!organizationId) return;
      const inserted = await manager.insert(KeyProjectListEntity, { year, organizationId, status: 'draft' });
      const id = inserted.identifiers[0].id as string;
      await this.audit.record(manager, {
        action: 'key_project_list.open',
        entityType: 'key_project_list',
        entityId: id,
        after: { year, organizationId, status: 'draft' },
        actor: actor(username),
      });
      let status: KeyProjectListStatus = 'draft';
      for (const step of steps) {
        const check: TransitionCheck<KeyProjectListStatus> = checkTransition(KEY_PROJECT_LIST_WORKFLOW, status, step.action);
        if (!check.allowed) throw new Error(`demo key list: ${check.messageEn}`);
        const changes: Partial<KeyProjectListEntity> = { status: check.to };
        let after: Record<string, unknown> = { status: check.to, comment: step.comment ?? null };
        if (step.action === 'submit') {
          const items = await this.lists.liveItems(manager, organizationId, year, profile);
          await manager.delete(KeyProjectListItemEntity, { listId: id });
          if (items.length) {
            await manager.insert(
              KeyProjectListItemEntity,
              items.map((i) => ({ listId: id, projectId: i.projectId, basis: i.basis, reason: i.reason, budgetAmount: i.budgetAmount })),
            );
          }
          const note = items.length ? null : '本年度暂无符合条件的重点项目（演示）';
          Object.assign(changes, { submittedAt: new Date(), submitNote: note });
          const by = context.userIds.get(step.by);
          if (by) changes.actors = { submit: by };
          after = { status: check.to, note, itemCount: items.length, totalAmount: sumMoney(items.map((i) => i.budgetAmount)) };
        } else {
          Object.assign(changes, {
            reviewedAt: new Date(),
            reviewedById: context.userIds.get(step.by) ?? null,
            reviewComment: step.comment ?? null,
          });
        }
        await manager.update(KeyProjectListEntity, { id }, { ...changes, version: () => 'version + 1' });
        if (step.action === 'file') after.revision = await this.lists.recordRevision(manager, id, context.userIds.get(step.by) ?? null);
        await this.audit.record(manager, {
          action: `key_project_list.${step.action}`,
          entityType: 'key_project_list',
          entityId: id,
          before: { status },
          after,
          actor: actor(step.by),
        });
        status = check.to;
      }
    };

    await open(HEALTH_CODE, 'health', [{ action: 'submit', by: 'health' }]);
    await open(EDU_CODE, 'edu', [
      { action: 'submit', by: 'edu' },
      { action: 'return', by: 'finance', comment: '请补充依据（2）项目的纳入理由，并核对中小学课后服务补助的预算金额' },
      { action: 'submit', by: 'edu' },
      { action: 'file', by: 'finance', comment: '同意备案' },
    ]);
    await open(ZHUJIAJIAO_CODE, 'zhujiajiao', []);
  }
}
