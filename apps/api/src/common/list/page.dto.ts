import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { COUNT_BOUND, SEARCH_COUNT_BOUND } from '@jixiao/contracts';

const cache = new Map<Type<unknown>, Type<unknown>>();
const pages = new Set<unknown>();

/** Whether `type` is a `PageOf(…)` class or extends one: a route documented to answer it answers the list contract. */
export function isPageOf(type: unknown): boolean {
  for (let t = type; typeof t === 'function'; t = Object.getPrototypeOf(t)) if (pages.has(t)) return true;
  return false;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  totalExact?: boolean;
  hasMore?: boolean;
  nextCursor?: string | null;
  prevCursor?: string | null;
}

/** The OpenAPI shape of `{ items, total }` for one item type (one class per item type). */
export function PageOf<T>(item: Type<T>): Type<ListPage<T>> {
  const known = cache.get(item);
  if (known) return known as Type<ListPage<T>>;
  class Page {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({
      description: `符合条件的总条数；超过 ${COUNT_BOUND} 条（按名称或编码搜索 q 时 ${SEARCH_COUNT_BOUND} 条）时为该上限且 totalExact 为 false（“${COUNT_BOUND}+”） / total matching rows; above ${COUNT_BOUND} (${SEARCH_COUNT_BOUND} for a text search, q) it is that bound with totalExact false ("${COUNT_BOUND}+")`,
      example: 1,
    })
    total: number;

    @ApiProperty({ description: 'total 是否为确切条数 / whether total is exact (false: at least that many)', required: false })
    totalExact?: boolean;

    @ApiProperty({ description: '是否还有下一页 / whether a page follows', required: false })
    hasMore?: boolean;

    @ApiProperty({
      type: String,
      nullable: true,
      required: false,
      description: '下一页的 cursor；最后一页为 null / the cursor of the next page; null on the last page',
    })
    nextCursor?: string | null;

    @ApiProperty({
      type: String,
      nullable: true,
      required: false,
      description: '上一页的 cursor；第一页为 null / the cursor of the previous page; null on the first page',
    })
    prevCursor?: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  cache.set(item, Page);
  pages.add(Page);
  return Page;
}
