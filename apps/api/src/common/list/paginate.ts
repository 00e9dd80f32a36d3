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
  const terms = sortTerms(query, options);
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

/** The sort of a list query, every field checked against the allowed ones (unknown → 400). */
function sortTerms(query: ListQueryDto, options: { sortable: Record<string, string>; defaultSort: string }) {
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
  return terms;
}

/**
 * The same list contract for a list written in SQL (aggregates, lateral joins): the checked
 * `ORDER BY` (with `tieBreak` last, for a stable order) and the capped window.
 */
export function sqlPage(
  query: ListQueryDto,
  options: { sortable: Record<string, string>; defaultSort: string; tieBreak: string },
): { orderBy: string; limit: number; offset: number } {
  const terms = sortTerms(query, options);
  const order = [...terms.map((t) => `${options.sortable[t.field]} ${t.direction}`), `${options.tieBreak} ASC`].join(', ');
  const { skip, take } = pageWindow(query.page, query.pageSize);
  return { orderBy: `ORDER BY ${order}`, limit: take, offset: skip };
}

