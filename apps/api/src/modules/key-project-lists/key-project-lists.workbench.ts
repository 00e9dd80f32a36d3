import { Injectable } from '@nestjs/common';
import { Permission } from '@jixiao/contracts';
import { DataScope } from '../../common/scope/data-scope.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { AsWorkbenchProvider, RowCounter, WorkbenchContext, WorkbenchItem, WorkbenchProvider } from '../workbench/workbench-provider';
import { KeyProjectListEntity } from './entities/key-project-list.entity';
import { LIST_ORGANIZATION_KINDS } from './list-organization-stored.sql';

/** Key project lists (R3): the bureau files submitted lists; a department or town files its own; coverage of filed lists. */
@Injectable()
@AsWorkbenchProvider()
export class KeyProjectListsWorkbench implements WorkbenchProvider {
  constructor(private readonly scope: DataScope) {}

  items(): WorkbenchItem[] {
    return [
      {
        key: 'key_project_lists.to_file',
        section: 'todo',
        label: { zh: '待备案的重点项目清单', en: 'Key project lists to file' },
        permission: Permission.KeyProjectListReview,
        order: 22,
        count: async (ctx, rows) => ({ count: await this.countLists(ctx, rows, ['submitted']) }),
        link: (ctx) => ({ route: 'key-project-lists', query: { status: 'submitted', year: String(ctx.year) } }),
      },
      {
        key: 'key_project_lists.to_submit',
        section: 'todo',
        label: { zh: '本部门重点项目清单待报送', en: 'Our key project list to submit' },
        permission: Permission.KeyProjectListWrite,
        order: 45,
        applies: (ctx) => LIST_ORGANIZATION_KINDS.includes(ctx.organization?.kind ?? ''),
        // The caller's own list of the working year, until it is submitted: a draft, a returned or an
        // amended list, or none opened yet.
        count: async (ctx) => {
          const status = await ctx.value<string | null>(
            `SELECT l.status FROM key_project_lists l WHERE l.year = $1 AND l.organization_id = $2`,
            [ctx.year, ctx.organization!.id],
          );
          return { count: !status || ['draft', 'returned', 'amending'].includes(status) ? 1 : 0 };
        },
        link: (ctx) => ({ route: 'key-project-list-mine', query: { year: String(ctx.year) } }),
      },
      {
        key: 'key_project_lists.filed',
        section: 'coverage',
        label: { zh: '重点项目清单已备案（部门和镇街）', en: 'Departments and towns with a filed key project list' },
        permission: Permission.KeyProjectListRead,
        order: 10,
        count: async (ctx, rows) => {
          const expected = ctx.manager
            .getRepository(OrganizationEntity)
            .createQueryBuilder('o')
            .where('o.kind IN (:...kinds) AND o.active = true', { kinds: LIST_ORGANIZATION_KINDS });
          await this.scope.applyTo(expected, 'o.id', ctx.caller);
          const [count, total] = await Promise.all([this.countLists(ctx, rows, ['filed']), rows(expected)]);
          return { count, total };
        },
        link: (ctx) => ({ route: 'key-project-lists', query: { status: 'filed', year: String(ctx.year) } }),
      },
    ];
  }

  private async countLists(ctx: WorkbenchContext, rows: RowCounter, statuses: string[]): Promise<number> {
    const qb = ctx.manager
      .getRepository(KeyProjectListEntity)
      .createQueryBuilder('l')
      .where('l.year = :year AND l.status IN (:...statuses)', { year: ctx.year, statuses });
    await this.scope.applyTo(qb, 'l.organizationId', ctx.caller);
    return rows(qb);
  }
}
