import { Injectable } from '@nestjs/common';
import { Permission } from '@jixiao/contracts';
import { DataScope } from '../../common/scope/data-scope.service';
import { AsWorkbenchProvider, projectCountsOf, WorkbenchItem, WorkbenchProvider } from '../workbench/workbench-provider';

/** The budget gate (R5, R7): how many of the scope's projects of the working year may get a budget. */
@Injectable()
@AsWorkbenchProvider()
export class BudgetGateWorkbench implements WorkbenchProvider {
  constructor(private readonly scope: DataScope) {}

  items(): WorkbenchItem[] {
    return [
      {
        key: 'budget_gate.ready',
        section: 'coverage',
        label: { zh: '可安排预算的项目', en: 'Projects ready for a budget' },
        permission: Permission.ProjectRead,
        order: 30,
        // from the stored counts (projectCountsOf)
        count: async (ctx) => {
          const { ready, total } = await projectCountsOf(ctx, this.scope);
          return { count: ready, total };
        },
        link: (ctx) => ({ route: 'budget-gate', query: { status: 'ready', year: String(ctx.year) } }),
      },
    ];
  }
}
