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
import { EvaluationEntity, type EvaluationStatus } from './entities/evaluation.entity';
import type { EvaluationCommissionFilter } from './dto/evaluation.dto';
import { commissionFilter, EVALUATION_AGENCY_ASSIGNEE, selfCoverageRows } from './evaluations.service';

/**
 * 绩效评价 on the workbench. In the working year the year before is evaluated (R11): the owners'
 * self-evaluations not yet submitted (drafts and returned ones), the department's (town's) units'
 * self-evaluations to confirm, an agency's commissioned evaluations to complete and the bureau's or
 * commissioning party's completed commissions to grade (R13), and how many of the scope's projects, policies and overall
 * expenditures are self-evaluated (completed). Each count is the list its link opens.
 */
@Injectable()
@AsWorkbenchProvider()
export class EvaluationsWorkbench implements WorkbenchProvider {
  constructor(private readonly scope: DataScope) {}

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
        count: async (ctx, rows) => ({ count: await this.countSelf(ctx, rows, ['draft', 'returned']) }),
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
        count: async (ctx, rows) => ({ count: await this.countSelf(ctx, rows, ['submitted']) }),
        link: (ctx) => ({ route: 'evaluations', query: { kind: 'self', status: 'submitted', year: evaluated(ctx) } }),
      },
      {
        key: 'evaluations.commissions_to_complete',
        section: 'todo',
        label: { zh: '受托待完成的评价', en: 'Commissioned evaluations to complete' },
        permission: Permission.EvaluationWrite,
        order: 70,
        // R13: the agency enters the scores and findings of what is commissioned to it, and submits.
        applies: (ctx) => ctx.caller.dataScope === 'assigned' && ctx.organization?.kind === 'agency',
        count: async (ctx, rows) => ({ count: await this.countCommissioned(ctx, rows, 'commissioned', ['draft', 'returned']) }),
        link: (ctx) => ({ route: 'evaluations', query: { commission: 'commissioned', status: 'in_progress', year: evaluated(ctx) } }),
      },
      {
        key: 'evaluations.commissions_to_grade',
        section: 'todo',
        label: { zh: '待评定受托机构工作质量', en: 'Completed commissions awaiting a quality grade' },
        permission: Permission.EvaluationWrite,
        order: 75,
        // R13: the bureau or the commissioning party grades the agency's work once it has submitted.
        applies: (ctx) => ctx.caller.dataScope !== 'assigned' && !ctx.caller.readOnly,
        count: async (ctx, rows) => ({ count: await this.countCommissioned(ctx, rows, 'to_grade') }),
        link: (ctx) => ({ route: 'evaluations', query: { commission: 'to_grade', year: evaluated(ctx) } }),
      },
      {
        key: 'evaluations.self_coverage',
        section: 'coverage',
        label: { zh: '已完成自评的项目、政策和部门整体支出', en: 'Projects, policies and overall expenditure self-evaluated' },
        permission: Permission.EvaluationRead,
        order: 50,
        applies: (ctx) => ctx.caller.dataScope !== 'assigned',
        count: async (ctx, rows) => {
          // every organization of the scope (the coverage's summary), not only the coverage page's
          const [count, total] = await Promise.all([this.countSelf(ctx, rows, ['completed']), this.selfCoverageDue(ctx)]);
          return { count, total };
        },
        link: (ctx) => ({ route: 'evaluations', query: { kind: 'self', status: 'completed', year: evaluated(ctx) } }),
      },
    ];
  }

  /** The projects, policies and overall expenditures due for a self-evaluation in the caller's scope: the coverage's summary `due`. */
  private async selfCoverageDue(ctx: WorkbenchContext): Promise<number> {
    const { rows, params } = selfCoverageRows(ctx.year - 1, await this.scope.visibleOrganizationIds(ctx.caller, ctx.manager));
    return ctx.value<number>(`SELECT COALESCE(sum(r.due), 0)::int FROM (${rows}) r`, params);
  }

  /** Evaluations of the evaluated year under the list's commission filter (the agency's assignment is its scope). */
  private async countCommissioned(
    ctx: WorkbenchContext,
    rows: RowCounter,
    filter: EvaluationCommissionFilter,
    statuses?: EvaluationStatus[],
  ): Promise<number> {
    const qb = ctx.manager
      .getRepository(EvaluationEntity)
      .createQueryBuilder('e')
      .where('e.year = :year', { year: ctx.year - 1 });
    if (statuses) qb.andWhere('e.status IN (:...statuses)', { statuses });
    commissionFilter(qb, 'e', filter, ctx.caller);
    await this.scope.applyTo(qb, 'e.organizationId', ctx.caller, { ...EVALUATION_AGENCY_ASSIGNEE, column: 'e.agencyOrganizationId' });
    return rows(qb);
  }

  /** Self-evaluations of the evaluated year (the working year − 1) in the caller's scope, in these states. */
  private async countSelf(ctx: WorkbenchContext, rows: RowCounter, statuses: EvaluationStatus[]): Promise<number> {
    const qb = ctx.manager
      .getRepository(EvaluationEntity)
      .createQueryBuilder('e')
      .where('e.year = :year', { year: ctx.year - 1 })
      .andWhere(`e.kind = 'self'`)
      .andWhere('e.status IN (:...statuses)', { statuses });
    await this.scope.applyTo(qb, 'e.organizationId', ctx.caller);
    return rows(qb);
  }
}
