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
import { EvaluationEntity, type EvaluationStatus } from './entities/evaluation.entity';
import { EvaluationsService } from './evaluations.service';

/**
 * 绩效评价 on the workbench. In the working year the year before is evaluated (R11): the owners'
 * self-evaluations not yet submitted (drafts and returned ones), the department's (town's) units'
 * self-evaluations to confirm, and how many of the scope's projects, policies and overall
 * expenditures are self-evaluated (completed). Each count is the list its link opens.
 */
@Injectable()
@AsWorkbenchProvider()
export class EvaluationsWorkbench implements WorkbenchProvider {
  constructor(
    private readonly scope: DataScope,
    private readonly evaluations: EvaluationsService,
  ) {}

  items(): WorkbenchItem[] {
    const evaluated = (ctx: WorkbenchContext) => String(ctx.year - 1);
    return [
      {
        key: 'evaluations.self_to_submit',
        section: 'todo',
        label: { zh: '未提交的单位自评', en: 'Self-evaluations not yet submitted' },
        permission: Permission.EvaluationWrite,
        order: 70,
        applies: ownsRecords,
        count: async (ctx) => ({ count: await this.countSelf(ctx, ['draft', 'returned']) }),
        link: (ctx) => ({ route: 'evaluations', query: { kind: 'self', status: 'in_progress', year: evaluated(ctx) } }),
      },
      {
        key: 'evaluations.to_confirm',
        section: 'todo',
        label: { zh: '待本部门确认的单位自评', en: 'Units’ self-evaluations to confirm' },
        permission: Permission.EvaluationPreReview,
        order: 70,
        // R11: the department (town) confirms its units' self-evaluations; the bureau spot-checks, it does not confirm.
        applies: (ctx) => ctx.organization?.kind === 'department' || ctx.organization?.kind === 'town',
        count: async (ctx) => ({ count: await this.countSelf(ctx, ['submitted']) }),
        link: (ctx) => ({ route: 'evaluations', query: { kind: 'self', status: 'submitted', year: evaluated(ctx) } }),
      },
      {
        key: 'evaluations.self_coverage',
        section: 'coverage',
        label: { zh: '已完成自评的项目、政策和部门整体支出', en: 'Projects, policies and overall expenditure self-evaluated' },
        permission: Permission.EvaluationRead,
        order: 50,
        applies: (ctx) => ctx.caller.dataScope !== 'assigned',
        count: async (ctx) => {
          const coverage = await this.evaluations.coverage(ctx.caller, { year: ctx.year - 1 });
          return { count: await this.countSelf(ctx, ['completed']), total: coverage.items.reduce((n, r) => n + r.due, 0) };
        },
        link: (ctx) => ({ route: 'evaluations', query: { kind: 'self', status: 'completed', year: evaluated(ctx) } }),
      },
    ];
  }

  /** Self-evaluations of the evaluated year (the working year − 1) in the caller's scope, in these states. */
  private async countSelf(ctx: WorkbenchContext, statuses: EvaluationStatus[]): Promise<number> {
    const qb = ctx.manager
      .getRepository(EvaluationEntity)
      .createQueryBuilder('e')
      .where('e.year = :year', { year: ctx.year - 1 })
      .andWhere(`e.kind = 'self'`)
      .andWhere('e.status IN (:...statuses)', { statuses });
    await this.scope.applyTo(qb, 'e.organizationId', ctx.caller);
    return countOf(qb);
  }
}
