import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ListResult, pageWindow, parseSort } from '@jixiao/contracts';
import { CommonErrors } from '../errors/common.errors';
import { fieldError } from '../errors/app-error';
import type { ListQueryDto } from './list-query.dto';

/**
 * Runs a list query under the list contract: sort only by allowed fields (mapped to columns),
 * a stable tie-break on id, a server-capped page, and `{ items, total }`.
 */
export async function paginate<T extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<T>,
  query: ListQueryDto,
  options: { sortable: Record<string, string>; defaultSort: string; map: (row: T) => R },
): Promise<ListResult<R>> {
  const { terms, unknown } = parseSort(query.sort ?? options.defaultSort, Object.keys(options.sortable));
  if (unknown.length) {
    throw CommonErrors.VALIDATION_FAILED({
      errors: [
        fieldError(
          'sort',
          'sortField',
          `不支持按 ${unknown.join(', ')} 排序，可用：${Object.keys(options.sortable).join(', ')}`,
          `Cannot sort by ${unknown.join(', ')}; allowed: ${Object.keys(options.sortable).join(', ')}`,
        ),
      ],
    });
  }
  terms.forEach((term, i) => {
    const column = options.sortable[term.field];
    if (i === 0) qb.orderBy(column, term.direction);
    else qb.addOrderBy(column, term.direction);
  });
  qb.addOrderBy(`${qb.alias}.id`, 'ASC');
  const { skip, take } = pageWindow(query.page, query.pageSize);
  const [rows, total] = await qb.skip(skip).take(take).getManyAndCount();
  return { items: rows.map(options.map), total };
}
