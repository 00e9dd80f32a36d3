import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Years a list may be filtered by: the range every year filter of the list contract accepts. */
export const YEAR_FILTER_RANGE = { min: 2000, max: 2100 } as const;

/**
 * The optional `year` filter of a list query (`?year=2022`): an integer in YEAR_FILTER_RANGE, read
 * from the query string. One definition for every list, so they document and refuse the same way.
 */
export function YearFilter(description?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ example: 2022, ...(description ? { description } : {}) }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(YEAR_FILTER_RANGE.min),
    Max(YEAR_FILTER_RANGE.max),
  );
}
