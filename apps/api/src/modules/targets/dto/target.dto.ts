import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COMPARISON_LABELS,
  INDICATOR_LEVEL1_LABELS,
  INDICATOR_LEVEL2_LABELS,
  INDICATOR_UNITS,
  TARGET_STATUS_LABELS,
} from '@jixiao/contracts';
import type { Comparison, IndicatorLevel1, TargetStatus } from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { HistoryNoteDto } from '../../../common/audit/history-note.dto';
import { YearFilter } from '../../../common/list/year-filter.decorator';

const STATUS_VALUES = Object.keys(TARGET_STATUS_LABELS) as TargetStatus[];
const LEVEL1_VALUES = Object.keys(INDICATOR_LEVEL1_LABELS) as IndicatorLevel1[];
const LEVEL2_VALUES = Object.keys(INDICATOR_LEVEL2_LABELS);
const COMPARISON_VALUES = Object.keys(COMPARISON_LABELS) as Comparison[];
const UNIT_VALUES: string[] = [...INDICATOR_UNITS];

export class TargetIndicatorInputDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '已有指标的标识（保留审核意见）/ id of an existing indicator (keeps its review comment)',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ enum: LEVEL1_VALUES, enumName: 'TargetIndicatorLevel1' })
  @IsIn(LEVEL1_VALUES)
  level1: IndicatorLevel1;

  @ApiProperty({ enum: LEVEL2_VALUES, enumName: 'TargetIndicatorLevel2', example: 'quantity' })
  @IsIn(LEVEL2_VALUES)
  level2: string;

  @ApiProperty({ example: '新增床位数', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: COMPARISON_VALUES, enumName: 'TargetComparison' })
  @IsIn(COMPARISON_VALUES)
  comparison: Comparison;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: '200' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  value?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, enum: UNIT_VALUES, enumName: 'TargetUnit' })
  @IsOptional()
  @IsIn(UNIT_VALUES)
  unit?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    example: 20,
    description: '分值，不超过当年政策参数的总分 / weight, at most the year’s total score (policy profile)',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  weight?: number | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  libraryIndicatorId?: string | null;
}

export class TargetContentDto {
  @ApiProperty({ example: '完成区中心医院门诊楼改扩建，新增床位 200 张', maxLength: 4000 })
  @IsString()
  @MaxLength(4000)
  overallGoal: string;

  @ApiProperty({ type: [String], example: ['2022 年完成主体结构封顶'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  annualGoals: string[];

  @ApiProperty({ type: [TargetIndicatorInputDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TargetIndicatorInputDto)
  indicators: TargetIndicatorInputDto[];
}

export class CreateTargetDto {
  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  overallGoal?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  annualGoals?: string[];

  @ApiPropertyOptional({ type: [TargetIndicatorInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TargetIndicatorInputDto)
  indicators?: TargetIndicatorInputDto[];
}

export class UpdateTargetDto extends TargetContentDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

export class VersionDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

export class PassTargetDto extends VersionDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** N5 良: the bureau concludes the expert review; its comments guide the consultation. */
export class ConcludeReviewDto extends VersionDto {
  @ApiPropertyOptional({
    maxLength: 2000,
    description: '评审为良时的协商意见 / the bureau’s consultation comments when the grade is 良',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** A step that must say why (a return). */
export class CommentedStepDto extends VersionDto {
  @ApiProperty({ maxLength: 2000, example: '请按专家意见细化满意度指标' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}

export class IndicatorCommentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  indicatorId: string;

  @ApiProperty({ maxLength: 2000, example: '指标值应量化' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}

export class ReturnTargetDto extends VersionDto {
  @ApiProperty({ maxLength: 2000, example: '产出指标不完整，请补充' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;

  @ApiPropertyOptional({ type: [IndicatorCommentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndicatorCommentDto)
  indicatorComments?: IndicatorCommentDto[];
}

export class PickForExpertReviewDto extends VersionDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  picked: boolean;
}

export class TargetListQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({ enum: STATUS_VALUES, enumName: 'TargetStatus' })
  @IsOptional()
  @IsIn(STATUS_VALUES)
  status?: TargetStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: '项目编码或名称 / project code or name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class TargetDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ example: 'WJ2022-001' })
  projectCode: string;
  @ApiProperty({ example: '区中心医院改扩建工程' })
  projectName: string;
  @ApiProperty({ example: 'project' })
  projectKind: string;
  @ApiProperty({ example: '8000000.00', description: '项目预算（元）/ project budget in yuan' })
  budgetAmount: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty({ example: '区卫生健康委员会' })
  organizationName: string;
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty()
  overallGoal: string;
  @ApiProperty({ type: [String] })
  annualGoals: string[];
  @ApiProperty({ enum: STATUS_VALUES, enumName: 'TargetStatus' })
  status: TargetStatus;
  @ApiProperty()
  expertReviewPicked: boolean;
  @ApiProperty({ type: String, nullable: true, example: '86.50' })
  reviewScore: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['excellent', 'good', 'fair', 'poor'], enumName: 'ReviewGrade' })
  reviewGrade: 'excellent' | 'good' | 'fair' | 'poor' | null;
  @ApiProperty({ type: String, nullable: true })
  returnComment: string | null;
  @ApiProperty({ type: String, nullable: true, description: '财政局协商意见（评审为良）/ the bureau’s consultation comments (graded 良)' })
  consultationComment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approvedAt: string | null;
  @ApiProperty({ example: 1 })
  revision: number;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class TargetIndicatorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: LEVEL1_VALUES, enumName: 'TargetIndicatorLevel1' })
  level1: IndicatorLevel1;
  @ApiProperty({ example: 'quantity' })
  level2: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ enum: COMPARISON_VALUES, enumName: 'TargetComparison' })
  comparison: Comparison;
  @ApiProperty({ type: String, nullable: true })
  value: string | null;
  @ApiProperty({ type: String, nullable: true })
  unit: string | null;
  @ApiProperty({ type: Number, nullable: true })
  weight: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  libraryIndicatorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '财政局审核意见 / the bureau’s comment' })
  reviewComment: string | null;
}

export class TargetEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'submit' })
  action: string;
  @ApiProperty({ type: String, nullable: true })
  fromStatus: string | null;
  @ApiProperty()
  toStatus: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '用户或 API 密钥 / a user or an API key' })
  actorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '姓名（或 API 密钥名称）/ the display name (or the API key’s name)' })
  actorName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办理人填写的意见 / what the person wrote' })
  comment: string | null;
  @ApiProperty({ type: HistoryNoteDto, nullable: true, description: '系统记录的说明 / the note the system recorded' })
  note: HistoryNoteDto | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class TargetExpertReviewSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  expertUserId: string;
  @ApiProperty()
  expertName: string;
  @ApiProperty({ enum: ['assigned', 'submitted'], enumName: 'ExpertReviewStatus' })
  status: 'assigned' | 'submitted';
  @ApiProperty({ type: String, nullable: true })
  score: string | null;
  @ApiProperty({ type: String, nullable: true })
  opinion: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
}

export class TargetDetailDto extends TargetDto {
  @ApiProperty({ type: [TargetIndicatorDto] })
  indicators: TargetIndicatorDto[];
  @ApiProperty({ type: [TargetEventDto] })
  events: TargetEventDto[];
  @ApiProperty({ type: [String], description: '当前用户可执行的操作 / actions the caller may take now', example: ['submit'] })
  actions: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['AMOUNT', 'CORE_FUNCTION', 'DISTRICT_PRIORITY'],
    description: '重点项目依据 / key-list basis',
  })
  keyBasis: 'AMOUNT' | 'CORE_FUNCTION' | 'DISTRICT_PRIORITY' | null;
  @ApiProperty({ description: '审核通过后须专家评审 / passing leads to expert review' })
  needsExpertReview: boolean;
  @ApiProperty({ description: '提交后先经主管部门预审 / on submission goes to its department for pre-review first' })
  needsDepartmentReview: boolean;
  @ApiProperty({ description: '指标分值上限（当年总分）/ the largest indicator weight (the year’s total score)', example: 100 })
  weightCap: number;
  @ApiProperty({ type: [TargetExpertReviewSummaryDto] })
  expertReviews: TargetExpertReviewSummaryDto[];
}

export class QualityCheckItemDto {
  @ApiProperty({ example: 'OUTPUT_INDICATOR_REQUIRED' })
  code: string;
  @ApiProperty({ enum: ['blocking', 'warning'] })
  severity: 'blocking' | 'warning';
  @ApiProperty()
  passed: boolean;
  @ApiProperty()
  message: string;
  @ApiProperty()
  messageEn: string;
  @ApiPropertyOptional({ description: '从 0 开始的指标序号 / zero-based indicator position' })
  indicatorIndex?: number;
  @ApiPropertyOptional({ type: [String] })
  words?: string[];
}

export class QualityCheckDto {
  @ApiProperty({ format: 'uuid' })
  targetId: string;
  @ApiProperty({ description: '无阻断项，可以提交 / no blocking item fails: may be submitted' })
  submittable: boolean;
  @ApiProperty({ type: [QualityCheckItemDto] })
  items: QualityCheckItemDto[];
}
