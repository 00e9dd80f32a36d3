import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export const WORKING_YEAR_SOURCES = ['setting', 'latest_profile', 'calendar'] as const;
export type WorkingYearSource = (typeof WORKING_YEAR_SOURCES)[number];

export class WorkingYearDto {
  @ApiProperty({ example: 2022, description: '工作年度：表单与筛选的默认年度 / the working year: the default year of forms and filters' })
  year: number;
  @ApiProperty({
    enum: WORKING_YEAR_SOURCES,
    enumName: 'WorkingYearSource',
    description:
      'setting：财政局设定；latest_profile：未设定时取最近的政策参数年度；calendar：尚无任何政策参数 / set by the bureau; else the latest profile year; else the calendar year',
  })
  source: WorkingYearSource;
  @ApiProperty({ description: '该年度已有政策参数 / the year has a policy profile' })
  hasProfile: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '财政局最近一次设定的时间 / when the bureau last set it' })
  updatedAt: string | null;
}

export class SetWorkingYearDto {
  @ApiProperty({ example: 2022, minimum: 2000, maximum: 2100, description: '须已有政策参数 / the year must have a policy profile' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}
