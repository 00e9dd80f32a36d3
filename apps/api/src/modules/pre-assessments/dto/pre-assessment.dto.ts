import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import {
  PERFORMED_BY_VALUES,
  PRE_ASSESSMENT_CONCLUSIONS_LABELLED,
  PRE_ASSESSMENT_STATUSES,
  type PerformedBy,
  type PreAssessmentConclusionCode,
  type PreAssessmentStatus,
} from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { FileContentDto, StoredFileDto, VersionFieldDto } from '../../files/dto/file.dto';
import { YearFilter } from '../../../common/list/year-filter.decorator';

const STATUS_VALUES = PRE_ASSESSMENT_STATUSES.map((s) => s.value);
const CONCLUSION_VALUES = PRE_ASSESSMENT_CONCLUSIONS_LABELLED.map((c) => c.value);
const PERFORMED_BY = PERFORMED_BY_VALUES.map((p) => p.value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DimensionDto {
  @ApiProperty({ example: 'necessity' })
  code: string;
  @ApiProperty({ example: '立项必要性' })
  zh: string;
  @ApiProperty({ example: 'Necessity of the project' })
  en: string;
  @ApiProperty({ example: 20, description: '满分 / maximum score' })
  weight: number;
}

export class ConclusionBandsDto {
  @ApiProperty({ example: 80, description: '不低于此分为支持 / at or above: support' })
  support: number;
  @ApiProperty({ example: 60, description: '不低于此分为调整后支持，以下为不予支持 / at or above: support after adjustment; below: reject' })
  adjustThenSupport: number;
}

export class PreAssessmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ example: 'QP2022-D16-001' })
  projectCode: string;
  @ApiProperty({ example: '区中心医院改扩建工程' })
  projectName: string;
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ example: '86000000.00', description: '项目预算（元）/ project budget (yuan)' })
  budgetAmount: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty({ example: '区卫生健康委员会' })
  organizationName: string;
  @ApiProperty({ description: '新增重大政策/项目或基建投资项目须开展（R5）/ required for new major or capital-construction projects (R5)' })
  required: boolean;
  @ApiProperty({ enum: PERFORMED_BY, enumName: 'PerformedBy' })
  performedBy: PerformedBy;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  agencyOrganizationId: string | null;
  @ApiProperty({ type: String, nullable: true })
  agencyName: string | null;
  @ApiProperty({ type: [DimensionDto], description: '当年政策参数中的评估维度（N6）/ the year’s dimensions (N6)' })
  dimensions: DimensionDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { necessity: 18 } })
  scores: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { necessity: '符合区域卫生规划' } })
  opinions: Record<string, string>;
  @ApiProperty({ type: String, nullable: true, example: '88.50' })
  totalScore: string | null;
  @ApiProperty({ enum: CONCLUSION_VALUES, enumName: 'PreAssessmentConclusion', nullable: true })
  conclusion: PreAssessmentConclusionCode | null;
  @ApiProperty({
    enum: CONCLUSION_VALUES,
    enumName: 'PreAssessmentConclusion',
    nullable: true,
    description: '按当年分数线由总分得出的结论（全部维度评分后）/ the conclusion the total supports under the year’s bands, once every dimension is scored',
  })
  suggestedConclusion: PreAssessmentConclusionCode | null;
  @ApiProperty({ type: ConclusionBandsDto, nullable: true, description: '当年政策参数中的结论分数线（N6）/ the year’s conclusion bands (N6)' })
  conclusionBands: ConclusionBandsDto | null;
  @ApiProperty({ type: String, nullable: true, description: '结论偏离得分对应结论的理由 / why the conclusion departs from the suggested one' })
  conclusionDepartureReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: '调整后支持：须调整的内容 / support after adjustment: what is to be adjusted' })
  adjustmentRequired: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '部门登记调整完成的时间 / when the department recorded the adjustment as done' })
  adjustmentCompletedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '调整完成情况说明 / how the adjustment was made' })
  adjustmentNote: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  adjustmentCompletedById: string | null;
  @ApiProperty({ type: String, nullable: true })
  adjustmentCompletedByName: string | null;
  @ApiProperty({ type: StoredFileDto, nullable: true })
  report: StoredFileDto | null;
  @ApiProperty({ enum: STATUS_VALUES, enumName: 'PreAssessmentStatus' })
  status: PreAssessmentStatus;
  @ApiProperty({ type: String, nullable: true })
  reviewComment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reviewedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '审核人（用户或 API 密钥）/ who reviewed (user or API key)' })
  reviewedById: string | null;
  @ApiProperty({ type: String, nullable: true })
  reviewedByName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '最近一次提交人 / who submitted last' })
  submittedById: string | null;
  @ApiProperty({ type: String, nullable: true })
  submittedByName: string | null;
  @ApiProperty({
    type: [String],
    enum: ['submit', 'accept', 'return', 'adjustment_complete'],
    description:
      '当前调用者现在可执行的操作（提交人不能审核，同意调整的人不能确认调整完成）/ what this caller may do now (a submitter never reviews; whoever accepted never records the adjustment)',
  })
  actions: string[];
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class CreatePreAssessmentDto {
  @ApiProperty({ enum: PERFORMED_BY, enumName: 'PerformedBy', description: '自行评估或委托第三方 / by the department or a commissioned agency' })
  @IsIn(PERFORMED_BY)
  performedBy: PerformedBy;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '受托第三方机构 / commissioned agency' })
  @IsOptional()
  @IsUUID()
  agencyOrganizationId?: string | null;
}

export class UpdatePreAssessmentDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: PERFORMED_BY, enumName: 'PerformedBy' })
  @IsOptional()
  @IsIn(PERFORMED_BY)
  performedBy?: PerformedBy;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  agencyOrganizationId?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { necessity: 18, economy: 17.5 },
    description: '按维度编码的得分，每项不超过该维度满分 / scores by dimension code, each within its weight',
  })
  @IsOptional()
  @IsObject()
  scores?: Record<string, number>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { necessity: '符合区域发展规划，立项依据充分' },
    description: '按维度编码的评估意见 / opinions by dimension code',
  })
  @IsOptional()
  @IsObject()
  opinions?: Record<string, string>;

  @ApiPropertyOptional({ enum: CONCLUSION_VALUES, enumName: 'PreAssessmentConclusion', nullable: true })
  @IsOptional()
  @IsIn(CONCLUSION_VALUES)
  conclusion?: PreAssessmentConclusionCode | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    example: '项目列入区委区政府年度重点任务，经研究予以支持',
    description:
      '结论与总分对应结论不同时必填；与之相同时不保存 / required when the conclusion departs from the one the total supports; dropped when it does not',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  departureReason?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    example: '压减设备购置预算 10%，补充同类项目单价对比',
    description: '结论为调整后支持时必填 / required for support after adjustment',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  adjustmentRequired?: string | null;
}



export class WorkflowStepDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

export class CompleteAdjustmentDto extends WorkflowStepDto {
  @ApiProperty({ maxLength: 2000, example: '已按评估意见压减设备购置预算 10%，调整后预算已重新报送' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

export class ReturnPreAssessmentDto extends WorkflowStepDto {
  @ApiProperty({ maxLength: 2000, example: '投入经济性分析不足，请补充同类项目成本对比后重新提交' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}

export class AcceptPreAssessmentDto extends WorkflowStepDto {
  @ApiPropertyOptional({ maxLength: 2000, example: '评估结论作为预算安排依据' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** `PUT /pre-assessments/{id}/report` as JSON; the browser sends multipart with a `file` part and a `version` field. */
export class AttachReportDto extends FileContentDto {
  @ApiProperty({ example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}
export { VersionFieldDto as AttachReportFieldsDto };

export class PreAssessmentReportDto {
  @ApiProperty({ format: 'uuid' })
  preAssessmentId: string;
  @ApiProperty({ type: StoredFileDto })
  file: StoredFileDto;
}

export class PreAssessmentListQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({ enum: STATUS_VALUES, enumName: 'PreAssessmentStatus' })
  @IsOptional()
  @IsIn(STATUS_VALUES)
  status?: PreAssessmentStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: '项目名称或编码 / project name or code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ReportAltQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'media'], description: 'media：下载报告 / media: download the report' })
  @IsOptional()
  @IsIn(['json', 'media'])
  alt?: 'json' | 'media';
}

export class ProjectIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId: string;
}

/** A third-party agency a department may commission (agencies are district-wide reference data). */
export class AgencyOptionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'QP-A01' })
  code: string;
  @ApiProperty({ example: '上海青信会计师事务所（演示）' })
  name: string;
}
