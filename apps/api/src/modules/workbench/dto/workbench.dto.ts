import { ApiProperty } from '@nestjs/swagger';
import { COUNT_BOUND } from '@jixiao/contracts';

export class WorkbenchLinkDto {
  @ApiProperty({ example: 'targets', description: 'SPA 路由名 / SPA route name' })
  route: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { status: 'submitted', year: '2022' },
    description: '列表筛选条件（查询参数）/ the list filters, as query parameters',
  })
  query: Record<string, string>;
}

export class WorkbenchItemDto {
  @ApiProperty({ example: 'targets.to_review', description: '事项键（模块.事项）/ item key (module.item)' })
  key: string;

  @ApiProperty({ example: '待审核的绩效目标' })
  labelZh: string;

  @ApiProperty({ example: 'Targets to review' })
  labelEn: string;

  @ApiProperty({
    example: 3,
    description: `待办条数；超过 ${COUNT_BOUND} 条时为该上限且 countExact 为 false（“${COUNT_BOUND}+”） / rows waiting; above ${COUNT_BOUND} it is that bound with countExact false ("${COUNT_BOUND}+")`,
  })
  count: number;

  @ApiProperty({ example: true, description: '条数是否精确（否则为下限）/ whether count is exact (else a lower bound)' })
  countExact: boolean;

  @ApiProperty({ type: WorkbenchLinkDto })
  link: WorkbenchLinkDto;
}

export class WorkbenchCoverageDto {
  @ApiProperty({ example: 'targets.approved' })
  key: string;

  @ApiProperty({ example: '绩效目标已批复' })
  labelZh: string;

  @ApiProperty({ example: 'Targets approved' })
  labelEn: string;

  @ApiProperty({ example: 12, description: '已达成条数 / rows that meet it' })
  count: number;

  @ApiProperty({ example: 20, description: '范围内总数 / rows in the caller’s scope' })
  total: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 60,
    description: '百分比（两位小数），总数为 0 时为空 / percent, two decimals; null when the total is 0',
  })
  percent: number | null;

  @ApiProperty({ type: WorkbenchLinkDto })
  link: WorkbenchLinkDto;
}

export const DEADLINE_STATES = ['overdue', 'due_soon', 'upcoming', 'passed'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export class WorkbenchDeadlineDto {
  @ApiProperty({ example: 'first_tracking' })
  code: string;

  @ApiProperty({ example: 'R9' })
  rule: string;

  @ApiProperty({ example: '首次绩效跟踪完成' })
  labelZh: string;

  @ApiProperty({ example: 'First tracking (dual monitoring) due' })
  labelEn: string;

  @ApiProperty({ example: '2022-08-31' })
  date: string;

  @ApiProperty({ example: 12, description: '距截止天数，已过为负 / days left; negative once past' })
  daysLeft: number;

  @ApiProperty({ description: '按本机构所属行业的日期 / the sector’s own date applies' })
  sectorSpecific: boolean;

  @ApiProperty({
    enum: DEADLINE_STATES,
    description:
      'overdue 已逾期（已过且仍有未完成事项）/ past with open work; due_soon 即将到期 / within the due-soon window; upcoming 未到期 / later; passed 已过（无跟踪事项）/ past, no open work tracked',
  })
  state: DeadlineState;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: '计入该截止日期的未完成条数；无模块跟踪时为空 / open rows counted against it; null when no module tracks it',
  })
  openCount: number | null;

  @ApiProperty({ description: '未完成条数是否精确（否则为下限，“10000+”）/ whether openCount is exact (else a lower bound)' })
  openCountExact: boolean;

  @ApiProperty({ type: WorkbenchLinkDto, nullable: true })
  link: WorkbenchLinkDto | null;
}

export class WorkbenchDto {
  @ApiProperty({ example: 2022, description: '工作年度 / the working year' })
  year: number;

  @ApiProperty({ description: '工作年度是否已有政策参数 / whether the working year has a policy profile' })
  hasProfile: boolean;

  @ApiProperty({ example: '2022-08-20', description: '今天（上海时间）/ today, Asia/Shanghai' })
  today: string;

  @ApiProperty({ example: 30, description: '“即将到期”的天数 / days ahead counted as due soon' })
  dueSoonDays: number;

  @ApiProperty({ type: [WorkbenchItemDto], description: '待办事项 / what waits for the caller' })
  todo: WorkbenchItemDto[];

  @ApiProperty({ type: [WorkbenchDeadlineDto], description: '工作年度的截止日期 / the working year’s deadlines' })
  deadlines: WorkbenchDeadlineDto[];

  @ApiProperty({ type: [WorkbenchCoverageDto], description: '数据范围内的覆盖情况 / coverage of the caller’s scope' })
  coverage: WorkbenchCoverageDto[];
}
