import { Injectable } from '@nestjs/common';
import { Permission } from '@jixiao/contracts';
import { DataScope } from '../../common/scope/data-scope.service';
import { AsWorkbenchProvider, RowCounter, WorkbenchContext, WorkbenchItem, WorkbenchProvider } from '../workbench/workbench-provider';
import { PreAssessmentEntity, PreAssessmentStatus } from './entities/pre-assessment.entity';

/** Pre-assessments (R5, N6): the bureau concludes submitted ones; departments and agencies fix returned ones. */
@Injectable()
@AsWorkbenchProvider()
export class PreAssessmentsWorkbench implements WorkbenchProvider {
  constructor(private readonly scope: DataScope) {}

  items(): WorkbenchItem[] {
    return [
      {
        key: 'pre_assessments.to_conclude',
        section: 'todo',
        label: { zh: '待审核的事前绩效评估', en: 'Pre-assessments to conclude' },
        permission: Permission.PreAssessmentReview,
        order: 25,
        count: async (ctx, rows) => ({ count: await this.count(ctx, rows, 'submitted') }),
        link: (ctx) => ({ route: 'pre-assessments', query: { status: 'submitted', year: String(ctx.year) } }),
      },
      {
        key: 'pre_assessments.returned',
        section: 'todo',
        label: { zh: '被退回待修改的事前绩效评估', en: 'Returned pre-assessments to fix' },
        permission: Permission.PreAssessmentWrite,
        order: 55,
        // The owners and the commissioned agencies fix them, not the district-wide bureau.
        applies: (ctx) => ctx.caller.dataScope !== 'all',
        count: async (ctx, rows) => ({ count: await this.count(ctx, rows, 'returned') }),
        link: (ctx) => ({ route: 'pre-assessments', query: { status: 'returned', year: String(ctx.year) } }),
      },
    ];
  }

  /** The pre-assessment list's rows (agencies: those commissioned to them) for a status in the working year. */
  private async count(ctx: WorkbenchContext, rows: RowCounter, status: PreAssessmentStatus): Promise<number> {
    // the year on the pre-assessment's own row (its project's, kept by triggers: migration PreAssessmentYear), as the list reads it
    const qb = ctx.manager
      .getRepository(PreAssessmentEntity)
      .createQueryBuilder('pa')
      .where('pa.status = :status AND pa.year = :year', { status, year: ctx.year });
    await this.scope.applyTo(qb, 'pa.organizationId', ctx.caller, { column: 'pa.agencyOrganizationId', match: 'organization' });
    return rows(qb);
  }
}
