import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { SECTORS } from '@jixiao/contracts';
import type { PolicyProfileValues } from '@jixiao/domain';
import { ListQueryDto } from '../../../common/list/list-query.dto';

export class YearParam {
  @ApiProperty({ example: 2022, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class PolicyProfileSummaryDto {
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class PolicyProfileDto extends PolicyProfileSummaryDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '该年度规则参数（见 DOMAIN.md R1–R27、N1–N8）/ the year’s rule numbers',
  })
  values: PolicyProfileValues;
}

export class UpdatePolicyProfileDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: '完整参数，整体校验 / the full values, validated as a whole' })
  @IsObject()
  values: PolicyProfileValues;
}

export class CopyPolicyProfileDto {
  @ApiProperty({ example: 2023, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 2022, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  copyFromYear: number;
}

export class CalendarEntryDto {
  @ApiProperty({ example: 'first_tracking' })
  code: string;
  @ApiProperty({ example: 'R9' })
  rule: string;
  @ApiProperty({ example: '首次绩效跟踪完成' })
  zh: string;
  @ApiProperty({ example: 'First tracking (dual monitoring) due' })
  en: string;
  @ApiProperty({ example: '2022-08-31', format: 'date' })
  date: string;
  @ApiProperty({ description: '该行业的特别日期 / a date special to the sector' })
  sectorSpecific: boolean;
}

export class CalendarQueryDto {
  @ApiPropertyOptional({ enum: SECTORS.map((s) => s.value), description: '默认为调用者所属行业 / defaults to the caller’s sector' })
  @IsOptional()
  @IsIn(SECTORS.map((s) => s.value))
  sector?: string;
}

export class PolicyProfileListQueryDto extends ListQueryDto {}
