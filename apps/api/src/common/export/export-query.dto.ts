import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPORT_FORMATS, EXPORT_XLSX_ROW_LIMIT, type ExportFormat } from '@jixiao/contracts';

/** The export contract's query: every export route's query DTO has this field. */
export class ExportFormatDto {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'xlsx',
    description: `导出格式：xlsx（最多 ${EXPORT_XLSX_ROW_LIMIT} 行）、csv（UTF-8 带 BOM）、ndjson（每行一个 JSON）；均边读边传 / format: xlsx (at most ${EXPORT_XLSX_ROW_LIMIT} rows), csv (UTF-8 with BOM), ndjson (one JSON object per line); all streamed as read`,
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
