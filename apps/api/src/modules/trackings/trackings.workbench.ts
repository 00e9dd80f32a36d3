import { Injectable } from '@nestjs/common';
import { Permission } from '@jixiao/contracts';
import { DataScope } from '../../common/scope/data-scope.service';
import {
  AsWorkbenchProvider,
  countOf,
  ownsRecords,
  WorkbenchContext,
  WorkbenchItem,
  WorkbenchProvider,
} from '../workbench/workbench-provider';
import { CoverageQueryDto } from './dto/tracking.dto';
import { TrackingEntity } from './entities/tracking.entity';
import { TrackingsService } from './trackings.service';

/**
 * 双监控 on the workbench: the owners' trackings with warnings to answer (N7), the bureau's trackings
 * to review (every warning answered), and how many of the scope's trackable projects and policies
 * are tracked (R9). Each count is the list its link opens, under the caller's data scope.
 */
@Injectable()
@AsWorkbenchProvider()
export class TrackingsWorkbench implements WorkbenchProvider {
  constructor(
    private readonly scope: DataScope,
    private readonly trackings: TrackingsService,
  ) {}

  items(): WorkbenchItem[] {
    return [
      {
        key: 'trackings.warnings_to_answer',
        section: 'todo',
        label: { zh: '有预警待答复的绩效跟踪', en: 'Trackings with warnings to answer' },
        permission: Permission.MonitoringWrite,
        order: 60,
        applies: ownsRecords,
        count: async (ctx) => ({ count: await this.countTrackings(ctx, { open: true }) }),
        link: (ctx) => ({ route: 'trackings', query: { openWarnings: 'true', year: String(ctx.year) } }),
      },
      {
        key: 'trackings.to_review',
        section: 'todo',
        label: { zh: '待财政审核的绩效跟踪', en: 'Trackings to review' },
        permission: Permission.MonitoringReview,
        order: 60,
        count: async (ctx) => ({ count: await this.countTrackings(ctx, { open: false, pending: true }) }),
        link: (ctx) => ({ route: 'trackings', query: { reviewStatus: 'pending', openWarnings: 'false', year: String(ctx.year) } }),
      },
      {
        key: 'trackings.coverage',
        section: 'coverage',
        label: { zh: '已跟踪的项目和政策（目标已批复）', en: 'Projects and policies tracked (target approved)' },
        permission: Permission.MonitoringRead,
        order: 40,
        count: async (ctx) => {
          const query = Object.assign(new CoverageQueryDto(), { year: ctx.year, page: 1, pageSize: 1 });
          const { summary } = await this.trackings.coverage(ctx.caller, query);
          return { count: summary.tracked, total: summary.tracked + summary.due + summary.overdue };
        },
        link: (ctx) => ({ route: 'tracking-coverage', query: { state: 'tracked', year: String(ctx.year) } }),
      },
    ];
  }

  private async countTrackings(ctx: WorkbenchContext, filter: { open: boolean; pending?: boolean }): Promise<number> {
    const qb = ctx.manager.getRepository(TrackingEntity).createQueryBuilder('t').where('t.year = :year', { year: ctx.year });
    await this.scope.applyTo(qb, 't.organizationId', ctx.caller);
    qb.andWhere(`${filter.open ? '' : 'NOT '}EXISTS (SELECT 1 FROM tracking_warnings w WHERE w.tracking_id = t.id AND w.answer IS NULL)`);
    if (filter.pending) qb.andWhere(`t.reviewStatus = 'pending'`);
    return countOf(qb);
  }
}
