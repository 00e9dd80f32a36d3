import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { FUND_SOURCE_LABELS, type FundSource } from '@jixiao/contracts';
import { WARNING_CODES, WARNING_RESPONSES, type WarningCode, type WarningResponse } from '@jixiao/domain';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { PageOf } from '../../../common/list/page.dto';
import { IsMoney } from '../../../common/validation/is-money.decorator';
import { TRACKING_ROUNDS, type TrackingRound } from '../entities/tracking.entity';
import { WILL_REACH, type WillReach } from '../entities/tracking-indicator-reading.entity';
import { YearFilter } from '../../../common/list/year-filter.decorator';

const FUND_SOURCE_VALUES = Object.keys(FUND_SOURCE_LABELS) as FundSource[];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A non-negative number with up to six decimals, as text (indicator values are not money). */
const NUMBER_TEXT = /^\d{1,12}(\.\d{1,6})?$/;

export class TrackingFundSourceInputDto {
  @ApiProperty({ enum: FUND_SOURCE_VALUES, enumName: 'FundSource' })
  @IsIn(FUND_SOURCE_VALUES)
  source: FundSource;

  @ApiProperty({ example: '1200000.00', description: '元 / yuan, decimal string' })
  @IsMoney()
  amount: string;
}

export class IndicatorReadingInputDto {
  @ApiProperty({ format: 'uuid', description: '已批复目标的指标 / an indicator of the approved target' })
  @IsUUID()
  targetIndicatorId: string;

  @ApiPropertyOptional({ example: '120', description: '定量指标截至目前的完成值 / quantitative: value reached so far' })
  @IsOptional()
  @IsString()
  @Matches(NUMBER_TEXT)
  valueSoFar?: string;

  @ApiPropertyOptional({ example: 'mostly_achieved', description: '定性指标的完成档次（政策参数）/ qualitative: the profile band' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  band?: string;

  @ApiPropertyOptional({ enum: WILL_REACH, description: '全年目标能否完成 / will the year’s value be reached' })
  @IsOptional()
  @IsIn(WILL_REACH)
  willReach?: WillReach;

  @ApiPropertyOptional({ maxLength: 2000, description: '偏差原因 / reason for the deviation' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  deviationReason?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: '已采取的措施 / measures taken' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  measures?: string;
}

export class CreateTrackingDto {
  @ApiProperty({ example: '2022-06-30', description: '数据截止日期 / the date the cumulative figures are as of' })
  @IsString()
  @Matches(DATE)
  asOf: string;

  @ApiProperty({ example: '2500000.00', description: '累计执行金额（元）/ cumulative executed amount, yuan' })
  @IsMoney()
  executedAmount: string;

  @ApiPropertyOptional({
    type: [TrackingFundSourceInputDto],
    description: 'R25 按资金来源拆分，合计须等于执行金额 / split by fund source, adding up to the executed amount',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TrackingFundSourceInputDto)
  fundSources?: TrackingFundSourceInputDto[];

  @ApiPropertyOptional({ type: [IndicatorReadingInputDto], description: '各指标截至目前的完成情况 / the indicators read so far' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => IndicatorReadingInputDto)
  indicators?: IndicatorReadingInputDto[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class TrackingListQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    description:
      'true：只看有未答复预警的跟踪；false：只看预警均已答复（或无预警）的跟踪 / true: only trackings with an unanswered warning; false: only those whose warnings are all answered (or none)',
  })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  openWarnings?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['pending', 'reviewed'], description: '财政审核状态 / the bureau’s review status' })
  @IsOptional()
  @IsIn(['pending', 'reviewed'])
  reviewStatus?: 'pending' | 'reviewed';

  @ApiPropertyOptional({ maxLength: 100, description: '项目编码或名称 / project code or name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class TrackingFundSourceDto {
  @ApiProperty({ enum: FUND_SOURCE_VALUES, enumName: 'FundSource' })
  source: FundSource;
  @ApiProperty({ example: '1200000.00' })
  amount: string;
}

export class TrackingWarningDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: WARNING_CODES, enumName: 'WarningCode' })
  code: WarningCode;
  @ApiProperty({ example: 'N7' })
  rule: string;
  @ApiProperty({ example: '25.00', description: '规则的数值（%或百分点）/ the rule’s number (percent or points)' })
  threshold: string;
  @ApiProperty({ example: '24.99' })
  actual: string;
  @ApiProperty({ nullable: true, type: Number })
  checkpointMonth: number | null;
  @ApiProperty()
  message: string;
  @ApiProperty()
  messageEn: string;
  @ApiProperty({ example: '2022-07-14', description: '答复期限 / answer due' })
  answerDue: string;
  @ApiProperty({ type: [Number], description: '无工作日历、按周末计算的年份 / years counted on weekends only (no calendar)' })
  yearsWithoutCalendar: number[];
  @ApiProperty({ enum: WARNING_RESPONSES, nullable: true, enumName: 'WarningResponse' })
  answer: WarningResponse | null;
  @ApiProperty({ nullable: true, type: String })
  answeredOn: string | null;
  @ApiProperty()
  answeredLate: boolean;
  @ApiProperty({ nullable: true, type: String })
  answerReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: '调整/取消的金额 / adjust or cancel amount' })
  answerAmount: string | null;
}

export class IndicatorReadingDto {
  @ApiProperty({ format: 'uuid' })
  targetIndicatorId: string;
  @ApiProperty({ example: '项目完成数' })
  name: string;
  @ApiProperty({ example: 'output' })
  level1: string;
  @ApiProperty({ example: '>=' })
  comparison: string;
  @ApiProperty({ nullable: true, type: String, description: '全年目标值 / the year’s value' })
  yearValue: string | null;
  @ApiProperty({ nullable: true, type: String })
  unit: string | null;
  @ApiProperty({ nullable: true, type: String })
  weight: string | null;
  @ApiProperty({ nullable: true, type: String })
  valueSoFar: string | null;
  @ApiProperty({ nullable: true, type: String })
  band: string | null;
  @ApiProperty({ nullable: true, type: String, example: '80.00', description: '该指标完成程度（%）/ degree, percent' })
  degree: string | null;
  @ApiProperty({
    enum: ['ratio', 'inverse_ratio', 'band', 'not_read', 'not_numeric'],
    description: '计算依据 / how the degree was computed',
  })
  basis: string;
  @ApiProperty({ enum: WILL_REACH, nullable: true })
  willReach: WillReach | null;
  @ApiProperty({ nullable: true, type: String })
  deviationReason: string | null;
  @ApiProperty({ nullable: true, type: String })
  measures: string | null;
}

export class TrackingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  projectCode: string;
  @ApiProperty()
  projectName: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationName: string;
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ example: '2022-06-30' })
  asOf: string;
  @ApiProperty({ example: '2500000.00' })
  executedAmount: string;
  @ApiProperty({ enum: ['budget', 'adjusted_budget'], description: '执行率的分母 / what the rate is of' })
  base: 'budget' | 'adjusted_budget';
  @ApiProperty({ example: '10000000.00' })
  baseAmount: string;
  @ApiProperty({ example: '24.99', description: '预算执行率（%），四舍五入保留两位 / execution rate, percent, two places' })
  executionRate: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '62.50',
    description: '目标实现程度（%），由指标读数计算 / computed degree of target achievement',
  })
  achievementRate: string | null;
  @ApiProperty({ enum: TRACKING_ROUNDS })
  round: TrackingRound;
  @ApiProperty({ example: '2022-08-31' })
  roundDue: string;
  @ApiProperty({ nullable: true, type: String })
  note: string | null;
  @ApiProperty({ type: [TrackingFundSourceDto] })
  fundSources: TrackingFundSourceDto[];
  @ApiProperty({ type: [TrackingWarningDto] })
  warnings: TrackingWarningDto[];
  @ApiProperty({ enum: ['pending', 'reviewed'] })
  reviewStatus: 'pending' | 'reviewed';
  @ApiProperty({ nullable: true, type: String })
  reviewComment: string | null;
  @ApiProperty({ nullable: true, type: String })
  reviewedAt: string | null;
  @ApiProperty({
    type: [String],
    description:
      '调用者可执行的操作：答复预警（被跟踪单位）、审核（财政局）/ what the caller may do: answer warnings (the unit), review (the bureau)',
    enum: ['review', 'answer'],
  })
  actions: ('review' | 'answer')[];
  @ApiProperty()
  version: number;
  @ApiProperty()
  createdAt: string;
}

export class TrackingDetailDto extends TrackingDto {
  @ApiProperty({ type: [IndicatorReadingDto] })
  indicators: IndicatorReadingDto[];
}

export class AnswerWarningDto {
  @ApiProperty({ enum: WARNING_RESPONSES, description: '继续实施 / 调整 / 取消 / continue, adjust or cancel' })
  @IsIn(WARNING_RESPONSES)
  answer: WarningResponse;

  @ApiProperty({ maxLength: 2000, description: '理由 / reason' })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/)
  reason: string;

  @ApiPropertyOptional({
    example: '2000000.00',
    description:
      '调整：拟调减的预算金额（必填）；取消：默认为尚未执行的预算 / adjust: the amount to take out (required); cancel: defaults to the unexecuted rest',
  })
  @IsOptional()
  @IsMoney()
  amount?: string;
}

export class ReviewTrackingDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CreateBudgetAdjustmentDto {
  @ApiProperty({ example: '8000000.00', description: '调整后预算（元）/ the adjusted budget, yuan' })
  @IsMoney()
  amount: string;

  @ApiProperty({ example: '2022-07-15', description: '批准日期 / approved on' })
  @IsString()
  @Matches(DATE)
  approvedOn: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/)
  reason: string;
}

export class BudgetAdjustmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ example: '8000000.00' })
  amount: string;
  @ApiProperty({ example: '2022-07-15' })
  approvedOn: string;
  @ApiProperty()
  reason: string;
  @ApiProperty({ nullable: true, type: String })
  createdByName: string | null;
  @ApiProperty()
  createdAt: string;
}

export class ProjectBudgetHistoryDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ example: '10000000.00', description: '年初预算 / the budget' })
  budgetAmount: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '8000000.00',
    description: '最新批准的调整后预算 / the latest approved adjusted budget',
  })
  adjustedBudget: string | null;
  @ApiProperty({ type: [BudgetAdjustmentDto], description: '新者在前 / newest first' })
  items: BudgetAdjustmentDto[];
}

export class AdjustmentSuggestionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  warningId: string;
  @ApiProperty({ format: 'uuid' })
  trackingId: string;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  projectCode: string;
  @ApiProperty()
  projectName: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationName: string;
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ enum: ['adjust', 'cancel'] })
  kind: 'adjust' | 'cancel';
  @ApiProperty({ example: '2000000.00' })
  amount: string;
  @ApiProperty()
  reason: string;
  @ApiProperty({ enum: ['open', 'applied', 'dismissed'] })
  status: 'open' | 'applied' | 'dismissed';
  @ApiProperty()
  createdAt: string;
}

export class SuggestionListQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({ enum: ['open', 'applied', 'dismissed'] })
  @IsOptional()
  @IsIn(['open', 'applied', 'dismissed'])
  status?: 'open' | 'applied' | 'dismissed';
}

const STATE_VALUES = ['tracked', 'due', 'overdue', 'not_trackable'] as const;

export class CoverageQueryDto extends ListQueryDto {
  @YearFilter('预算年度，默认为工作年度 / budget year, default the working year')
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '部门或镇（含下属单位）/ a department or town, with its units' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: STATE_VALUES })
  @IsOptional()
  @IsIn(STATE_VALUES)
  state?: (typeof STATE_VALUES)[number];

  @ApiPropertyOptional({ maxLength: 100, description: '项目编码或名称 / project code or name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CoverageRowDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  projectCode: string;
  @ApiProperty()
  projectName: string;
  @ApiProperty({ example: 'project' })
  kind: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationName: string;
  @ApiProperty({ example: '10000000.00' })
  budgetAmount: string;
  @ApiProperty({ nullable: true, type: String, description: '目标状态，无目标为 null / the target’s status, null without one' })
  targetStatus: string | null;
  @ApiProperty({ enum: STATE_VALUES })
  state: (typeof STATE_VALUES)[number];
  @ApiProperty({ example: '2022-08-31', description: '应跟踪期限（R9/R10）/ the round’s deadline' })
  due: string;
  @ApiProperty()
  trackings: number;
  @ApiProperty({ nullable: true, type: String })
  lastAsOf: string | null;
  @ApiProperty({ nullable: true, type: String })
  lastExecutionRate: string | null;
  @ApiProperty({ nullable: true, type: String })
  lastAchievementRate: string | null;
  @ApiProperty()
  openWarnings: number;
}

export class CoverageSummaryDto {
  @ApiProperty()
  total: number;
  @ApiProperty()
  tracked: number;
  @ApiProperty()
  due: number;
  @ApiProperty()
  overdue: number;
  @ApiProperty()
  not_trackable: number;
}

export class CoveragePageDto extends PageOf(CoverageRowDto) {
  @ApiProperty({ type: CoverageSummaryDto, description: '按状态计数（同一筛选，不分页）/ counts by state over the same filter' })
  summary: CoverageSummaryDto;
}

export class DashboardQueryDto extends ListQueryDto {
  @YearFilter('预算年度，默认为工作年度 / budget year, default the working year')
  year?: number;

  @ApiPropertyOptional({ enum: ['department', 'town'], description: '只列部门或镇/街道 / only departments or only towns' })
  @IsOptional()
  @IsIn(['department', 'town'])
  kind?: 'department' | 'town';
}

export class DashboardOrganizationDto {
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationCode: string;
  @ApiProperty()
  organizationName: string;
  @ApiProperty({ example: 'department' })
  organizationKind: string;
  @ApiProperty({ example: '10000000.00' })
  budgetAmount: string;
  @ApiProperty({ example: '2500000.00', description: '各项目最近一次跟踪的累计执行之和 / sum of each project’s latest executed amount' })
  executedAmount: string;
  @ApiProperty({ nullable: true, type: String, example: '25.00' })
  executionRate: string | null;
  @ApiProperty()
  projects: number;
  @ApiProperty()
  tracked: number;
}

export class DashboardWarningDto {
  @ApiProperty({ enum: WARNING_CODES })
  code: WarningCode;
  @ApiProperty()
  total: number;
  @ApiProperty()
  open: number;
  @ApiProperty({ description: '未答复且已过期限 / unanswered past the deadline' })
  overdue: number;
  @ApiProperty()
  answeredLate: number;
}

export class DashboardRoundDto {
  @ApiProperty({ example: '2022-08-31' })
  due: string;
  @ApiProperty()
  tracked: number;
  @ApiProperty()
  pending: number;
  @ApiProperty()
  overdue: number;
}

export class DashboardFundSourceDto {
  @ApiProperty({ enum: FUND_SOURCE_VALUES })
  source: FundSource;
  @ApiProperty({ example: '1200000.00' })
  executedAmount: string;
  @ApiProperty()
  projects: number;
}

export class MonitoringDashboardSummaryDto {
  @ApiProperty({ example: '10000000.00', description: '范围内的预算合计 / the budget of the scope' })
  budgetAmount: string;
  @ApiProperty({ example: '2500000.00', description: '各项目最近一次跟踪的累计执行之和 / sum of each project’s latest executed amount' })
  executedAmount: string;
  @ApiProperty({ nullable: true, type: String, example: '25.00', description: '范围内的执行率（%）/ the scope’s execution rate' })
  executionRate: string | null;
  @ApiProperty()
  projects: number;
  @ApiProperty()
  tracked: number;
  @ApiProperty({ example: 52, description: '有项目的部门数 / departments with projects' })
  departments: number;
  @ApiProperty({ example: 11, description: '有项目的镇/街道数 / towns with projects' })
  towns: number;
  @ApiProperty({ example: 64, description: '分页所列的单位数（部门、镇和不属于任何部门或镇的单位）/ the organizations the pages list' })
  organizations: number;
  @ApiProperty({ type: [DashboardWarningDto] })
  warnings: DashboardWarningDto[];
  @ApiProperty({ type: [DashboardRoundDto], description: '按期限统计跟踪情况 / trackings by deadline' })
  rounds: DashboardRoundDto[];
  @ApiProperty({ type: [DashboardFundSourceDto], description: 'R25 重点领域资金执行 / focus-area funds by source' })
  fundSources: DashboardFundSourceDto[];
}

/** The summary of the scope, and its departments and towns (or one kind of them) paged by the list contract. */
export class MonitoringDashboardDto extends PageOf(DashboardOrganizationDto) {
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ example: '2022-11-30', description: '统计日 / the day the figures are for' })
  asOf: string;
  @ApiProperty({ example: '91.78', description: '时间进度（%）/ share of the year elapsed' })
  timeProgress: string;
  @ApiProperty({ type: MonitoringDashboardSummaryDto })
  summary: MonitoringDashboardSummaryDto;
}

export class TrackingImportResultDto {
  @ApiProperty({ example: 120, description: '读取的数据行 / data rows read' })
  rows: number;
  @ApiProperty({ example: 118, description: '新建的跟踪 / trackings recorded' })
  created: number;
  @ApiProperty({
    example: 2,
    description:
      '此前已导入（同一项目、截止日期和金额），未重复写入 / rows already imported earlier (same project, date and amount), left as they were',
  })
  unchanged: number;
}
