import { Injectable } from '@nestjs/common';
import { Permission } from '@jixiao/contracts';
import { DataScope } from '../../common/scope/data-scope.service';
import {
  AsWorkbenchProvider,
  ownsRecords,
  projectCountsOf,
  WorkbenchContext,
  WorkbenchItem,
  RowCounter,
  WorkbenchProvider,
} from '../workbench/workbench-provider';
import { TargetChangeRequestEntity } from './entities/target-change-request.entity';
import { TargetEntity, TargetStatus } from './entities/target.entity';

/**
 * The targets' workbench items: what the department pre-reviews, what the bureau reviews,
 * confirms and decides, what the owners fix; and how many of the scope's projects have an
 * approved target (R6). Each count is the target list filtered as its link says.
 */
@Injectable()
@AsWorkbenchProvider()
export class TargetsWorkbench implements WorkbenchProvider {
  constructor(private readonly scope: DataScope) {}

  items(): WorkbenchItem[] {
    const byStatus = (
      key: string,
      status: TargetStatus,
      label: { zh: string; en: string },
      permission: Permission,
      order: number,
      applies?: (ctx: WorkbenchContext) => boolean,
    ): WorkbenchItem => ({
      key,
      section: 'todo',
      label,
      permission,
      order,
      applies,
      count: async (ctx, rows) => ({ count: await this.countTargets(ctx, rows, status) }),
      link: (ctx) => ({ route: 'targets', query: { status, year: String(ctx.year) } }),
    });
    return [
      // 谁批预算谁批目标: only departments and towns have units whose targets they pre-review.
      byStatus(
        'targets.pre_review',
        'department_review',
        { zh: '待本部门预审的单位绩效目标', en: 'Units’ targets to pre-review' },
        Permission.TargetPreReview,
        10,
        (ctx) => ['department', 'town'].includes(ctx.organization?.kind ?? ''),
      ),
      byStatus('targets.to_review', 'submitted', { zh: '待财政审核的绩效目标', en: 'Targets to review' }, Permission.TargetReview, 20),
      byStatus(
        'targets.expert_review',
        'expert_review',
        { zh: '专家评审中的绩效目标（待指派或待形成结论）', en: 'Targets in expert review (to assign or conclude)' },
        Permission.TargetReview,
        30,
      ),
      byStatus(
        'targets.consultation_to_confirm',
        'consultation_submitted',
        { zh: '待确认的协商修改', en: 'Consultation revisions to confirm' },
        Permission.TargetReview,
        40,
      ),
      byStatus(
        'targets.returned',
        'returned',
        { zh: '被退回待修改的绩效目标', en: 'Returned targets to fix' },
        Permission.TargetWrite,
        50,
        ownsRecords,
      ),
      byStatus(
        'targets.in_consultation',
        'in_consultation',
        { zh: '待协商修改的绩效目标（评审为良）', en: 'Targets to revise in consultation (graded 良)' },
        Permission.TargetWrite,
        60,
        ownsRecords,
      ),
      {
        key: 'targets.change_requests',
        section: 'todo',
        label: { zh: '待处理的目标调整申请', en: 'Change requests to decide' },
        permission: Permission.TargetReview,
        order: 70,
        count: async (ctx, rows) => {
          const qb = ctx.manager.getRepository(TargetChangeRequestEntity).createQueryBuilder('c').where("c.status = 'pending'");
          await this.scope.applyTo(qb, 'c.organizationId', ctx.caller);
          return { count: await rows(qb) };
        },
        link: () => ({ route: 'target-change-requests', query: { status: 'pending' } }),
      },
      {
        key: 'targets.approved',
        section: 'coverage',
        label: { zh: '项目绩效目标已批复', en: 'Projects with an approved target' },
        permission: Permission.TargetRead,
        order: 20,
        // R6, from the stored counts (projectCountsOf)
        count: async (ctx) => {
          const { approved, total } = await projectCountsOf(ctx, this.scope);
          return { count: approved, total };
        },
        link: (ctx) => ({ route: 'targets', query: { status: 'approved', year: String(ctx.year) } }),
      },
    ];
  }

  /** The target list's rows for a status in the working year, within the caller's scope. */
  private async countTargets(ctx: WorkbenchContext, rows: RowCounter, status: TargetStatus): Promise<number> {
    const qb = ctx.manager
      .getRepository(TargetEntity)
      .createQueryBuilder('t')
      .where('t.status = :status AND t.year = :year', { status, year: ctx.year });
    await this.scope.applyTo(qb, 't.organizationId', ctx.caller);
    return rows(qb);
  }
}
