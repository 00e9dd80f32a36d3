import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

const cache = new Map<Type<unknown>, Type<unknown>>();

/** The OpenAPI shape of `{ items, total }` for one item type (one class per item type). */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; total: number }> {
  const known = cache.get(item);
  if (known) return known as Type<{ items: T[]; total: number }>;
  class Page {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ description: '符合条件的总条数 / total matching rows', example: 1 })
    total: number;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  cache.set(item, Page);
  return Page;
}
