import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { DEMO_PASSWORD } from '../demo/demo-organizations';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { UserEntity } from '../users/entities/user.entity';
import { ExpertEntity } from './entities/expert.entity';

/** Demo expert pool: the demo `expert` user and two more review experts. */
export const DEMO_EXTRA_EXPERTS = [
  { username: 'expert-li', displayName: '李教授（演示专家）', org: 'QP-A02', sectors: ['health', 'social'] },
  { username: 'expert-wang', displayName: '王高工（演示专家）', org: 'QP-D01', sectors: ['education', 'construction'] },
];

@Injectable()
@AsDemoSeeder(35)
export class ExpertsDemoSeeder implements DemoSeeder {
  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const expertId = context.userIds.get('expert');
    if (expertId) {
      await manager.insert(ExpertEntity, {
        userId: expertId,
        affiliationOrganizationId: context.organizationIds.get('QP-A03') ?? null,
        sectors: ['health', 'education', 'general'],
        active: true,
      });
    }
    for (const e of DEMO_EXTRA_EXPERTS) {
      const organizationId = context.organizationIds.get(e.org);
      if (!organizationId) continue;
      const inserted = await manager.insert(UserEntity, {
        username: e.username,
        displayName: e.displayName,
        organizationId,
        roles: ['expert'],
        passwordHash,
        mustChangePassword: false,
      });
      const userId = inserted.identifiers[0].id as string;
      context.userIds.set(e.username, userId);
      await manager.insert(ExpertEntity, { userId, affiliationOrganizationId: organizationId, sectors: e.sectors, active: true });
    }
  }
}
