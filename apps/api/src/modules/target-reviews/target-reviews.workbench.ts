import { Injectable } from '@nestjs/common';
import { Permission } from '@jixiao/contracts';
import { AsWorkbenchProvider, WorkbenchItem, WorkbenchProvider } from '../workbench/workbench-provider';
import { ExpertReviewEntity } from './entities/expert-review.entity';

/** The expert's workbench item: reviews assigned to them and not yet scored. */
@Injectable()
@AsWorkbenchProvider()
export class TargetReviewsWorkbench implements WorkbenchProvider {
  items(): WorkbenchItem[] {
    return [
      {
        key: 'target_reviews.assigned',
        section: 'todo',
        label: { zh: '指派给我的目标评审', en: 'Reviews assigned to me' },
        permission: Permission.TargetReviewRead,
        order: 15,
        // Experts only: the assignment names a user, so an API key or a clerk has none.
        applies: (ctx) => ctx.caller.kind === 'user' && ctx.caller.roles.includes('expert'),
        count: async (ctx, rows) => {
          const qb = ctx.manager
            .getRepository(ExpertReviewEntity)
            .createQueryBuilder('r')
            .where("r.expertUserId = :me AND r.status = 'assigned'", { me: ctx.caller.id });
          return { count: await rows(qb) };
        },
        link: () => ({ route: 'target-reviews-mine', query: { status: 'assigned' } }),
      },
    ];
  }
}
