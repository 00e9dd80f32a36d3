import { Injectable } from '@nestjs/common';
import { Permission } from '@jixiao/contracts';
import { DataScope } from '../../common/scope/data-scope.service';
import { AsWorkbenchProvider, WorkbenchItem, WorkbenchProvider } from '../workbench/workbench-provider';
import { IndicatorEntity } from './entities/indicator.entity';

/** The bureau's workbench item: indicators departments proposed for the library (R24). */
@Injectable()
@AsWorkbenchProvider()
export class IndicatorsWorkbench implements WorkbenchProvider {
  constructor(private readonly scope: DataScope) {}

  items(): WorkbenchItem[] {
    return [
      {
        key: 'indicators.proposals',
        section: 'todo',
        label: { zh: '待处理的新增指标建议', en: 'Indicator proposals to decide' },
        permission: Permission.IndicatorManage,
        order: 80,
        count: async (ctx, rows) => {
          const qb = ctx.manager.getRepository(IndicatorEntity).createQueryBuilder('i').where("i.status = 'proposed'");
          await this.scope.applyTo(qb, 'i.proposedByOrganizationId', ctx.caller);
          return { count: await rows(qb) };
        },
        link: () => ({ route: 'indicator-proposals', query: { status: 'proposed' } }),
      },
    ];
  }
}
