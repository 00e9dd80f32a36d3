import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_JUMP_LIMIT } from '@jixiao/contracts';

/** The list contract's query: every list route's query DTO extends this. */
export class ListQueryDto {
  @ApiPropertyOptional({
    description: `页码，从 1 开始；按页码只能翻到前 ${PAGE_JUMP_LIMIT} 条，更后面用 cursor / page, from 1; page numbers reach the first ${PAGE_JUMP_LIMIT} rows, further on use cursor`,
    default: 1,
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number = 1;

  @ApiPropertyOptional({
    description: `每页条数，服务端上限 ${MAX_PAGE_SIZE} / page size, capped at ${MAX_PAGE_SIZE}`,
    default: DEFAULT_PAGE_SIZE,
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  @Transform(({ value }) => (typeof value === 'number' ? Math.min(value, MAX_PAGE_SIZE) : value), { toClassOnly: true })
  pageSize?: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: '排序：字段名，降序加 "-"，逗号分隔 / sort: field, "-field" descending', example: '-createdAt' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[-+]?[A-Za-z][A-Za-z0-9]*(,[-+]?[A-Za-z][A-Za-z0-9]*)*$/)
  sort?: string;

  @ApiPropertyOptional({
    description:
      '翻页位置：上一页结果的 nextCursor（下一页）或 prevCursor（上一页），与 sort 一起使用，此时忽略 page / keyset position: the nextCursor (next page) or prevCursor (previous page) of the page before, with the same sort; page is then ignored',
    maxLength: 4096,
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  cursor?: string;
}
