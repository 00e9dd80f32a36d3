import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';

/**
 * The most rows any bulk body may name, whatever the configuration: BULK_MAX_IDS (default 100,
 * at most this) sets the cap the runner enforces with 413 BULK_TOO_MANY.
 */
export const BULK_HARD_MAX = 1000;

/** One row of a bulk request: the record and the version the clerk saw (optimistic locking, as for one row). */
export class BulkRowDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ example: 1, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

/** The rows a bulk action is taken on, each named once. */
export class BulkRowsDto {
  @ApiProperty({
    type: [BulkRowDto],
    minItems: 1,
    maxItems: BULK_HARD_MAX,
    description: '每条记录一次，最多 BULK_MAX_IDS 条 / each row once, at most BULK_MAX_IDS',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_HARD_MAX)
  @ArrayUnique((row: BulkRowDto) => row?.id)
  @ValidateNested({ each: true })
  @Type(() => BulkRowDto)
  items: BulkRowDto[];
}

/** What became of one row: done, or refused with the code and messages the single action would have answered. */
export class BulkResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  ok: boolean;

  @ApiProperty({ example: 200, description: '单条操作的 HTTP 状态 / the HTTP status the single action would have answered' })
  status: number;

  @ApiProperty({ type: String, nullable: true, example: 'ILLEGAL_TRANSITION' })
  code: string | null;

  @ApiProperty({ type: String, nullable: true, example: '当前状态不能执行此操作' })
  message: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'This action is not allowed in the current state' })
  messageEn: string | null;
}

export class BulkAnswerDto {
  @ApiProperty({ type: [BulkResultDto], description: '按请求顺序的逐条结果 / one result per row, in the request’s order' })
  results: BulkResultDto[];

  @ApiProperty({ example: 3 })
  succeeded: number;

  @ApiProperty({ example: 1 })
  failed: number;
}
