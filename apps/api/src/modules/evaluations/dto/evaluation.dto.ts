import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EVALUATION_KIND_VALUES, type EvaluationKind } from '@jixiao/contracts';
import { FINANCE_KEY_CRITERIA, GRADES, SELF_EVALUATION_BASES, type Grade, type SelfEvaluationBasis } from '@jixiao/domain';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { PageOf } from '../../../common/list/page.dto';
import { YearFilter } from '../../../common/list/year-filter.decorator';
import { IsMoney } from '../../../common/validation/is-money.decorator';
import { EVALUATION_STATUSES, type EvaluationStatus } from '../entities/evaluation.entity';
import { EvaluationCommissionDto } from './commission.dto';
import { EvaluationAttachmentDto } from './evaluation-file.dto';

/** A non-negative number with up to six decimals, as text (indicator values are not money). */
const NUMBER_TEXT = /^\d{1,12}(\.\d{1,6})?$/;

export class CreateEvaluationDto {
  @ApiProperty({ enum: EVALUATION_KIND_VALUES, enumName: 'EvaluationKind', description: 'N3 评价方式 / evaluation mode' })
  @IsIn(EVALUATION_KIND_VALUES)
  kind: EvaluationKind;
}

export class EvaluationIndicatorInputDto {
  @ApiProperty({ format: 'uuid', description: '已批复目标的指标 / an indicator of the approved target' })
  @IsUUID()
  targetIndicatorId: string;

  @ApiPropertyOptional({
    type: String,
    example: '118',
    nullable: true,
    description: '定量指标的全年实际值 / quantitative: the actual value of the year',
  })
  @IsOptional()
  @IsString()
  @Matches(NUMBER_TEXT)
  actual?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'mostly_achieved',
    nullable: true,
    description: '定性指标的完成档次（政策参数）/ qualitative: the profile band',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  band?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: 2000,
    nullable: true,
    description: '未完全实现的原因说明 / why the indicator was not fully achieved',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  explanation?: string | null;
}

export class EvaluationFindingInputDto {
  @ApiProperty({ maxLength: 2000, description: '发现的问题 / the finding' })
  @IsString()
  @MaxLength(2000)
  finding: string;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true, description: '依据 / basis' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  basis?: string | null;

  @ApiPropertyOptional({ type: String, example: '120000.00', nullable: true, description: '涉及金额（元）/ amount involved, yuan' })
  @IsOptional()
  @IsMoney()
  amount?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true, description: '建议措施 / suggested measure' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  suggestedMeasure?: string | null;
}

export class TemplateScoreInputDto {
  @ApiProperty({ example: 'decision_1', description: '指标体系中的指标代码 / item code of the indicator system' })
  @IsString()
  @MaxLength(64)
  code: string;

  @ApiProperty({
    type: String,
    example: '4.50',
    nullable: true,
    description: '得分（0 到该项分值，最多两位小数）/ points, 0 to the item’s points',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,3}(\.\d{1,2})?$/)
  points: string | null;
}

export class SaveEvaluationDto {
  @ApiProperty({ description: '乐观锁版本 / the version read' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    type: String,
    example: '9800000.00',
    nullable: true,
    description: '全年累计执行金额（元）/ executed in the year, yuan',
  })
  @IsOptional()
  @IsMoney()
  executedAmount?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true, description: '评价结论 / conclusion' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string | null;

  @ApiPropertyOptional({
    type: [EvaluationIndicatorInputDto],
    description: '各指标的实际值与说明（只改列出的指标）/ actual values and explanations (only those listed change)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => EvaluationIndicatorInputDto)
  indicators?: EvaluationIndicatorInputDto[];

  @ApiPropertyOptional({
    type: [TemplateScoreInputDto],
    description:
      '部门评价和财政重点评价：指标体系各项得分（只改列出的项）/ department and finance key evaluations: item scores (only those listed change)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TemplateScoreInputDto)
  templateScores?: TemplateScoreInputDto[];

  @ApiPropertyOptional({ type: [EvaluationFindingInputDto], description: '发现的问题（整体替换）/ findings (replace the list)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvaluationFindingInputDto)
  findings?: EvaluationFindingInputDto[];
}

export class VersionDto {
  @ApiProperty({ description: '乐观锁版本 / the version read' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

export class ReviewEvaluationDto extends VersionDto {
  @ApiProperty({ enum: ['confirm', 'return'], description: '确认（计入）或退回修改 / confirm (it counts) or return for changes' })
  @IsIn(['confirm', 'return'])
  decision: 'confirm' | 'return';

  @ApiPropertyOptional({ maxLength: 2000, description: '意见（退回时必填）/ comment (required to return)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** The list's status filter: a status, or `in_progress` (draft or returned, as the coverage counts it). */
export const EVALUATION_LIST_STATUSES = [...EVALUATION_STATUSES, 'in_progress'] as const;
export type EvaluationListStatus = (typeof EVALUATION_LIST_STATUSES)[number];

/** The list's commission filter (R13). */
export const EVALUATION_COMMISSION_FILTERS = ['commissioned', 'to_grade'] as const;
export type EvaluationCommissionFilter = (typeof EVALUATION_COMMISSION_FILTERS)[number];

export class EvaluationListQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({ enum: EVALUATION_KIND_VALUES, enumName: 'EvaluationKind' })
  @IsOptional()
  @IsIn(EVALUATION_KIND_VALUES)
  kind?: EvaluationKind;

  @ApiPropertyOptional({
    enum: EVALUATION_LIST_STATUSES,
    description:
      '状态；in_progress 为填报中或已退回（即覆盖情况的“填报中”）/ status; in_progress is draft or returned (the coverage’s “in progress”)',
  })
  @IsOptional()
  @IsIn(EVALUATION_LIST_STATUSES)
  status?: EvaluationListStatus;

  @ApiPropertyOptional({ format: 'uuid', description: '单位（含下级单位）/ organization with its units' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    enum: EVALUATION_COMMISSION_FILTERS,
    description:
      'R13 委托：commissioned 已委托第三方机构；to_grade 受托机构已提交、待调用者（财政局或委托方）评定工作质量 / R13: commissioned — commissioned to an agency; to_grade — submitted by the agency and awaiting the caller’s grade (the bureau or the commissioning party)',
  })
  @IsOptional()
  @IsIn(EVALUATION_COMMISSION_FILTERS)
  commission?: EvaluationCommissionFilter;

  @ApiPropertyOptional({ maxLength: 100, description: '项目编码或名称 / project code or name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class EvaluationCoverageQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;
}

export class EvaluationDueDto {
  @ApiProperty({ example: 'R11' })
  rule: string;
  @ApiProperty({ example: '2022-03-31' })
  due: string;
}

export class EvaluationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: EVALUATION_KIND_VALUES, enumName: 'EvaluationKind' })
  kind: EvaluationKind;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  projectCode: string;
  @ApiProperty()
  projectName: string;
  @ApiProperty({ enum: ['project', 'policy', 'department_overall'] })
  projectKind: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationName: string;
  @ApiProperty({ description: '被评价的预算年度 / the evaluated budget year' })
  year: number;
  @ApiProperty({ description: '开展评价的年度 / the year the work is done in' })
  workYear: number;
  @ApiProperty({ enum: EVALUATION_STATUSES })
  status: EvaluationStatus;
  @ApiProperty({ type: String, nullable: true, example: '87.50', description: '得分（两位小数）/ score with two places' })
  score: string | null;
  @ApiProperty({ enum: GRADES, nullable: true, description: 'N1 等级 / grade' })
  grade: Grade | null;
  @ApiProperty({ type: String, nullable: true, example: '98.00' })
  executionRate: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'R13 受托第三方机构（未委托为 null）/ the commissioned agency, null when not commissioned',
  })
  agencyId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '受托机构名称 / the agency’s name' })
  agencyName: string | null;
  @ApiProperty({ enum: GRADES, nullable: true, description: '受托机构工作质量等级（已评定时）/ grade of the agency’s work, once graded' })
  commissionGrade: Grade | null;
  @ApiProperty({
    type: EvaluationDueDto,
    nullable: true,
    description: '完成期限（开展年度的政策参数）/ deadline from the work year’s profile',
  })
  due: EvaluationDueDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      '最近一次保存填报内容的时间；null 表示开始后尚未保存（得分为预填值的计算结果）/ when the entries were last saved; null while never saved since it was started (the score is that of the pre-filled values)',
  })
  savedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  completedAt: string | null;
  @ApiProperty({ type: [String], description: '调用者现在可执行的操作 / what the caller may do now', example: ['save', 'submit'] })
  actions: string[];
  @ApiProperty()
  version: number;
  @ApiProperty()
  createdAt: string;
}

export class EvaluationIndicatorDto {
  @ApiProperty({ format: 'uuid' })
  targetIndicatorId: string;
  @ApiProperty()
  name: string;
  @ApiProperty()
  level1: string;
  @ApiProperty({ type: String, nullable: true })
  level2: string | null;
  @ApiProperty()
  comparison: string;
  @ApiProperty({ type: String, nullable: true, description: '目标值 / the target value' })
  target: string | null;
  @ApiProperty({ type: String, nullable: true })
  unit: string | null;
  @ApiProperty({ type: String, nullable: true })
  weight: string | null;
  @ApiProperty({ type: String, nullable: true })
  actual: string | null;
  @ApiProperty({ type: String, nullable: true })
  band: string | null;
  @ApiProperty({ type: String, nullable: true })
  explanation: string | null;
}

export class BreakdownLineDto {
  @ApiProperty()
  key: string;
  @ApiProperty({ description: '计入的部分（政策参数 selfEvaluationWeights）/ the part it counts in' })
  part: string;
  @ApiProperty({ example: 'N2' })
  rule: string;
  @ApiProperty({ enum: SELF_EVALUATION_BASES })
  basis: SelfEvaluationBasis;
  @ApiProperty({ type: String, nullable: true })
  degree: string | null;
  @ApiProperty()
  maxPoints: string;
  @ApiProperty()
  points: string;
  @ApiProperty()
  fullyAchieved: boolean;
  @ApiProperty()
  message: string;
  @ApiProperty()
  messageEn: string;
}

export class BreakdownPartDto {
  @ApiProperty()
  code: string;
  @ApiProperty()
  zh: string;
  @ApiProperty()
  en: string;
  @ApiProperty()
  weight: string;
  @ApiProperty()
  effectiveWeight: string;
  @ApiProperty({ type: String, nullable: true })
  movedTo: string | null;
  @ApiProperty({ type: [String] })
  receivedFrom: string[];
  @ApiProperty()
  points: string;
}

export class BreakdownIssueDto {
  @ApiProperty()
  field: string;
  @ApiProperty()
  code: string;
  @ApiProperty()
  message: string;
  @ApiProperty()
  messageEn: string;
}

export class TemplateItemDto {
  @ApiProperty()
  code: string;
  @ApiProperty()
  zh: string;
  @ApiProperty()
  en: string;
  @ApiProperty()
  maxPoints: string;
  @ApiProperty({ type: String, nullable: true })
  points: string | null;
}

export class TemplateDimensionDto {
  @ApiProperty()
  code: string;
  @ApiProperty()
  zh: string;
  @ApiProperty()
  en: string;
  @ApiProperty()
  weight: string;
  @ApiProperty()
  points: string;
  @ApiProperty({ type: [TemplateItemDto] })
  items: TemplateItemDto[];
}

export class EvaluationBreakdownDto {
  @ApiProperty({
    type: [TemplateDimensionDto],
    description: '部门评价、财政重点评价：指标体系各维度与各项得分 / department and finance key evaluations: the indicator system scored',
  })
  dimensions: TemplateDimensionDto[];
  @ApiProperty({ type: [BreakdownPartDto], description: '单位自评：N2 各部分 / self-evaluation: the N2 parts' })
  parts: BreakdownPartDto[];
  @ApiProperty({ type: [BreakdownLineDto] })
  lines: BreakdownLineDto[];
  @ApiProperty({ type: [String], description: '须说明原因的指标 / indicators that need an explanation' })
  needsExplanation: string[];
  @ApiProperty({ type: [BreakdownIssueDto], description: '提交前须补全的内容 / what must be completed before submitting' })
  issues: BreakdownIssueDto[];
}

export class EvaluationFindingDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  finding: string;
  @ApiProperty({ type: String, nullable: true })
  basis: string | null;
  @ApiProperty({ type: String, nullable: true })
  amount: string | null;
  @ApiProperty({ type: String, nullable: true })
  suggestedMeasure: string | null;
}

/** The bureau's verdict on a self-evaluation sampled by a spot check, once that spot check is concluded. */
export class EvaluationSpotCheckResultDto {
  @ApiProperty({ format: 'uuid', description: '抽查 / the spot check' })
  spotCheckId: string;
  @ApiProperty({ enum: ['adequate', 'deficient'], description: '抽查结论：合格 / 存在问题 / adequate or deficient' })
  verdict: 'adequate' | 'deficient';
  @ApiProperty({ type: String, nullable: true, description: '抽查发现的问题 / the findings' })
  findings: string | null;
  @ApiProperty({ description: '抽查办结时间 / when the spot check was concluded' })
  concludedAt: string;
}

export class EvaluationDetailDto extends EvaluationDto {
  @ApiProperty({ type: String, nullable: true })
  executedAmount: string | null;
  @ApiProperty({ description: '年初预算（元）/ budget, yuan' })
  budgetAmount: string;
  @ApiProperty({ type: String, nullable: true, description: '调整后预算（元）/ adjusted budget, yuan' })
  adjustedBudget: string | null;
  @ApiProperty({ type: String, nullable: true })
  summary: string | null;
  @ApiProperty({ type: String, nullable: true })
  reviewComment: string | null;
  @ApiProperty({ type: [EvaluationIndicatorDto] })
  indicators: EvaluationIndicatorDto[];
  @ApiProperty({ type: EvaluationBreakdownDto, nullable: true })
  breakdown: EvaluationBreakdownDto | null;
  @ApiProperty({ type: [EvaluationFindingDto] })
  findings: EvaluationFindingDto[];
  @ApiProperty({
    type: EvaluationCommissionDto,
    nullable: true,
    description: 'R13 委托第三方机构的情况 / the commission to an agency, if any',
  })
  commission: EvaluationCommissionDto | null;

  @ApiProperty({
    type: [EvaluationAttachmentDto],
    description: '评价附件：评价报告、工作底稿、独立性声明 / the files attached: the report, work papers, the independence declaration',
  })
  attachments: EvaluationAttachmentDto[];

  @ApiProperty({
    type: EvaluationSpotCheckResultDto,
    nullable: true,
    description: '财政局质量抽查的结论（仅抽查办结后）/ the verdict of the bureau’s quality spot check, once that spot check is concluded',
  })
  spotCheck: EvaluationSpotCheckResultDto | null;
}

export class EvaluationCoverageRowDto {
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationName: string;
  @ApiProperty({ enum: ['department', 'town'] })
  organizationKind: string;
  @ApiProperty({ description: '应自评（项目、政策、部门整体支出，含下级单位）/ rows to self-evaluate, units included' })
  due: number;
  @ApiProperty({ description: '未开始 / not started' })
  notStarted: number;
  @ApiProperty({ description: '填报中或退回 / in progress or returned' })
  inProgress: number;
  @ApiProperty({ description: '待部门审核 / submitted, awaiting the department' })
  submitted: number;
  @ApiProperty({ description: '已完成 / completed' })
  completed: number;
}

/** The counts over every department and town of the answer (not only the page). */
export class EvaluationCoverageSummaryDto {
  @ApiProperty({ description: '部门和镇数 / departments and towns' })
  organizations: number;
  @ApiProperty({ description: '应自评 / rows to self-evaluate' })
  due: number;
  @ApiProperty({ description: '未开始 / not started' })
  notStarted: number;
  @ApiProperty({ description: '填报中或退回 / in progress or returned' })
  inProgress: number;
  @ApiProperty({ description: '待部门审核 / submitted' })
  submitted: number;
  @ApiProperty({ description: '已完成 / completed' })
  completed: number;
}

/** The departments and towns, paged (the list contract), with the year's deadline and the counts over all of them. */
export class EvaluationCoverageDto extends PageOf(EvaluationCoverageRowDto) {
  @ApiProperty({ description: '被评价年度 / evaluated year' })
  year: number;
  @ApiProperty({ type: EvaluationDueDto, nullable: true })
  due: EvaluationDueDto | null;
  @ApiProperty({ type: EvaluationCoverageSummaryDto })
  summary: EvaluationCoverageSummaryDto;
}

/** The one list contract (page, pageSize capped by the server, sort ignored: the ranking is the order). */
/** Paged, not sortable: the candidates come in their rank order. */
export class FinanceKeyQueryDto extends OmitType(ListQueryDto, ['sort'] as const) {
  @YearFilter()
  year?: number;
}

export class CriterionScoreDto {
  @ApiProperty({ enum: FINANCE_KEY_CRITERIA })
  criterion: string;
  @ApiProperty({ description: '权重 / weight' })
  weight: string;
  @ApiProperty({ description: '得分比例（%）/ share of the weight earned, percent' })
  degree: string;
  @ApiProperty({ description: '贡献分 / contribution' })
  points: string;
  @ApiProperty()
  message: string;
  @ApiProperty()
  messageEn: string;
}

export class FinanceKeyCandidateDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  projectCode: string;
  @ApiProperty()
  projectName: string;
  @ApiProperty()
  projectKind: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationName: string;
  @ApiProperty()
  budgetAmount: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '被评价年度的执行率（最近一次跟踪）/ execution rate of the evaluated year (last tracking)',
  })
  executionRate: string | null;
  @ApiProperty({ description: '排名 / rank' })
  rank: number;
  @ApiProperty({ description: '综合得分 / score' })
  score: string;
  @ApiProperty({ description: '按排名在前 N 名内 / among the first N by rank' })
  withinCount: boolean;
  @ApiProperty({ type: [CriterionScoreDto] })
  criteria: CriterionScoreDto[];
}

export class FinanceKeySelectedDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  projectCode: string;
  @ApiProperty({ description: '项目名称 / project name' })
  projectName: string;
  @ApiProperty({ description: '单位 / organization' })
  organizationName: string;
  @ApiProperty()
  rank: number;
  @ApiProperty()
  score: string;
  @ApiProperty({ enum: ['ranking', 'override'] })
  via: string;
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '已开展的财政重点评价 / the finance key evaluation started' })
  evaluationId: string | null;
}

export class FinanceKeyRemovedDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty()
  projectCode: string;
  @ApiProperty({ description: '项目名称 / project name' })
  projectName: string;
  @ApiProperty({ description: '单位 / organization' })
  organizationName: string;
  @ApiProperty()
  rank: number;
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
}

export class FinanceKeySelectionDto {
  @ApiProperty()
  year: number;
  @ApiProperty({ type: [FinanceKeySelectedDto] })
  selected: FinanceKeySelectedDto[];
  @ApiProperty({ type: [FinanceKeyRemovedDto] })
  removed: FinanceKeyRemovedDto[];
  @ApiProperty()
  candidates: number;
  @ApiProperty()
  createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: '选定人（用户）/ who made the selection (a user; null for an API key)' })
  createdByName: string | null;
}

/** The ranking, paged (the list contract: bounded total, cursors), with the profile's number and the selection made. */
export class FinanceKeyCandidatesDto extends PageOf(FinanceKeyCandidateDto) {
  @ApiProperty({ description: '被评价年度 / evaluated year' })
  year: number;
  @ApiProperty({ description: '应选数量（政策参数）/ how many to select (profile)' })
  required: number;
  @ApiProperty({ type: FinanceKeySelectionDto, nullable: true, description: '已作出的选定 / the selection made, if any' })
  selection: FinanceKeySelectionDto | null;
}

export class FinanceKeyOverrideDto {
  @ApiProperty({ format: 'uuid', description: '候选项目 / the candidate project' })
  @IsUUID()
  projectId: string;

  @ApiProperty({
    enum: ['add', 'remove'],
    description: '加入（排名在前 N 名外）或移出（前 N 名内）/ add (outside the first N) or remove (inside)',
  })
  @IsIn(['add', 'remove'])
  action: 'add' | 'remove';

  @ApiProperty({ maxLength: 2000, description: '理由（必填）/ reason (required)' })
  @IsString()
  @MaxLength(2000)
  reason: string;
}

export class SelectFinanceKeyDto {
  @ApiProperty({ example: 2021, description: '被评价年度 / evaluated year' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ type: [FinanceKeyOverrideDto], description: '对排名的调整 / departures from the ranking' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FinanceKeyOverrideDto)
  overrides?: FinanceKeyOverrideDto[];
}
