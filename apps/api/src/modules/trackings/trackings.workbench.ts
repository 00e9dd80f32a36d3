import { Injectable } from '@nestjs/common';
import { Permission } from '@jixiao/contracts';
import { DataScope } from '../../common/scope/data-scope.service';
import {
  AsWorkbenchProvider,
  ownsRecords,
  WorkbenchContext,
  WorkbenchItem,
  RowCounter,
  WorkbenchProvider,
} from '../workbench/workbench-provider';
import { countsInScope } from '../../database/rolled-up-counts.sql';
import { TrackingEntity } from './entities/tracking.entity';

/**
 * 双监控 on the workbench: the owners' trackings with warnings to answer (N7), the bureau's trackings
 * to review (every warning answered), and how many of the scope's trackable projects and policies
 * are tracked (R9). Each count is the list its link opens, under the caller's data scope.
 */
@Injectable()
@AsWorkbenchProvider()
export class TrackingsWorkbench implements WorkbenchProvider {
  constructor(private readonly scope: DataScope) {}

  items(): WorkbenchItem[] {
    return [
      {
        key: 'trackings.warnings_to_answer',
        section: 'todo',
        label: { zh: '有预警待答复的绩效跟踪', en: 'Trackings with warnings to answer' },
        permission: Permission.MonitoringWrite,
        order: 60,
        applies: ownsRecords,
        count: async (ctx, rows) => ({ count: await this.countTrackings(ctx, rows, { open: true }) }),
        link: (ctx) => ({ route: 'trackings', query: { openWarnings: 'true', year: String(ctx.year) } }),
      },
      {
        key: 'trackings.to_review',
        section: 'todo',
        label: { zh: '待财政审核的绩效跟踪', en: 'Trackings to review' },
        permission: Permission.MonitoringReview,
        order: 60,
        count: async (ctx, rows) => ({ count: await this.countTrackings(ctx, rows, { open: false, pending: true }) }),
        link: (ctx) => ({ route: 'trackings', query: { reviewStatus: 'pending', openWarnings: 'false', year: String(ctx.year) } }),
      },
      {
        key: 'trackings.coverage',
        section: 'coverage',
        label: { zh: '已跟踪的项目和政策（目标已批复）', en: 'Projects and policies tracked (target approved)' },
        permission: Permission.MonitoringRead,
        order: 40,
        // R9 as the coverage page's summary counts it: its tracked of every project and policy with an approved target
        // (due, overdue or tracked), from the counts the writes keep (monitoring_due_counts; the whole city's rolled up)
        count: async (ctx) => {
          const visible = await this.scope.visibleOrganizationIds(ctx.caller, ctx.manager);
          const counts = countsInScope('monitoring_due_counts', visible, '$2::uuid[]');
          return ctx.value<{ count: number; total: number }>(
            `SELECT json_build_object('count', COALESCE(sum(c.projects) FILTER (WHERE c.approved AND c.tracked), 0)::int,
                                      'total', COALESCE(sum(c.projects) FILTER (WHERE c.approved), 0)::int)
               FROM ${counts.table} c WHERE c.year = $1 ${counts.scope}`,
            visible === null ? [ctx.year] : [ctx.year, visible],
          );
        },
        link: (ctx) => ({ route: 'tracking-coverage', query: { state: 'tracked', year: String(ctx.year) } }),
      },
    ];
  }

  private async countTrackings(ctx: WorkbenchContext, rows: RowCounter, filter: { open: boolean; pending?: boolean }): Promise<number> {
    const qb = ctx.manager.getRepository(TrackingEntity).createQueryBuilder('t').where('t.year = :year', { year: ctx.year });
    await this.scope.applyTo(qb, 't.organizationId', ctx.caller);
    qb.andWhere(`${filter.open ? '' : 'NOT '}EXISTS (SELECT 1 FROM tracking_warnings w WHERE w.tracking_id = t.id AND w.answer IS NULL)`);
    if (filter.pending) qb.andWhere(`t.reviewStatus = 'pending'`);
    return rows(qb);
  }
}
