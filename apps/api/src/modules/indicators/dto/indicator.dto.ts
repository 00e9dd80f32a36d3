import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import {
  COMPARISONS,
  type Comparison,
  INDICATOR_LEVEL1S,
  INDICATOR_LEVEL2S,
  INDICATOR_STATUSES,
  INDICATOR_UNITS,
  type IndicatorLevel1,
  type IndicatorStatus,
  SECTORS,
  type Sector,
  STANDARD_SOURCES,
  type StandardSource,
} from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { stableCategoryId } from '../category-tree';

export const LEVEL1_VALUES = INDICATOR_LEVEL1S.map((l) => l.value);
export const LEVEL2_VALUES = INDICATOR_LEVEL2S.map((l) => l.value);
export const COMPARISON_VALUES = COMPARISONS.map((c) => c.value);
export const SOURCE_VALUES = STANDARD_SOURCES.map((s) => s.value);
export const STATUS_VALUES = INDICATOR_STATUSES.map((s) => s.value);
export const SECTOR_VALUES = SECTORS.map((s) => s.value);
export const UNIT_VALUES = [...INDICATOR_UNITS];

/** The demo library's 综合 → 通用 → 产出 node (a stable id, so documented examples create valid records). */
export const EXAMPLE_CATEGORY_ID = stableCategoryId(['综合', '通用', '产出']);

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyToNull = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? null : typeof value === 'string' ? value.trim() : value);

export class IndicatorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  categoryId: string;
  @ApiProperty({ type: [String], example: ['教育', '基础教育', '产出'], description: '行业/领域/层级 / sector, domain, level' })
  categoryPath: string[];
  @ApiProperty({ enum: SECTOR_VALUES, enumName: 'Sector' })
  sector: Sector;
  @ApiProperty({ enum: LEVEL1_VALUES, enumName: 'IndicatorLevel1' })
  level1: IndicatorLevel1;
  @ApiProperty({ enum: LEVEL2_VALUES, enumName: 'IndicatorLevel2' })
  level2: string;
  @ApiProperty({ example: '课后服务覆盖学校数' })
  name: string;
  @ApiProperty({ enum: COMPARISON_VALUES, enumName: 'Comparison' })
  comparison: Comparison;
  @ApiProperty({ type: String, nullable: true, example: '30' })
  value: string | null;
  @ApiProperty({ type: String, nullable: true, example: '所' })
  unit: string | null;
  @ApiProperty({ enum: SOURCE_VALUES, enumName: 'StandardSource' })
  standardSource: StandardSource;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  @ApiProperty()
  isCore: boolean;
  @ApiProperty({ enum: STATUS_VALUES, enumName: 'IndicatorStatus' })
  status: IndicatorStatus;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: '提出建议的机构（财政局自建为空；不在数据范围内时不显示） / proposing organization (null for the bureau’s own, or when outside your scope)',
  })
  organizationId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '区卫生健康委员会' })
  organizationName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '审核意见 / review comment' })
  reviewComment: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '建议人（用户或 API 密钥）/ who proposed it (user or API key)' })
  proposedById: string | null;
  @ApiProperty({ type: String, nullable: true })
  proposedByName: string | null;
  @ApiProperty({
    type: [String],
    enum: ['accept', 'reject'],
    description: '当前调用者对该建议现在可执行的操作（建议人不能审核）/ what this caller may do with the proposal now (never its proposer)',
  })
  actions: ('accept' | 'reject')[];
  @ApiProperty({ example: 3, description: '被绩效目标引用的次数 / how many target indicators use it' })
  usageCount: number;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

/** The fields of an indicator definition, shared by the bureau's create and a department's proposal. */
export class IndicatorFieldsDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_CATEGORY_ID, description: '所属分类（层级节点）/ category (a level node)' })
  @IsUUID()
  categoryId: string;

  @ApiProperty({ enum: LEVEL1_VALUES, enumName: 'IndicatorLevel1' })
  @IsIn(LEVEL1_VALUES)
  level1: IndicatorLevel1;

  @ApiProperty({ enum: LEVEL2_VALUES, enumName: 'IndicatorLevel2' })
  @IsIn(LEVEL2_VALUES)
  level2: string;

  @ApiProperty({ example: '宣传资料发放数量', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: COMPARISON_VALUES, enumName: 'Comparison' })
  @IsIn(COMPARISON_VALUES)
  comparison: Comparison;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    default: null,
    maxLength: 200,
    description: '标准值：定量为数字（如 90），定性为描述 / standard value: a number (e.g. 90), or a description if qualitative',
  })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(200)
  value?: string | null;

  @ApiPropertyOptional({ enum: UNIT_VALUES, enumName: 'IndicatorUnit', nullable: true })
  @IsOptional()
  @IsIn(UNIT_VALUES)
  unit?: string | null;

  @ApiProperty({ enum: SOURCE_VALUES, enumName: 'StandardSource' })
  @IsIn(SOURCE_VALUES)
  standardSource: StandardSource;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class CreateIndicatorDto extends IndicatorFieldsDto {
  @ApiPropertyOptional({ default: false, description: '核心指标 / core indicator' })
  @IsOptional()
  @IsBoolean()
  isCore?: boolean;
}

export class ProposeIndicatorDto extends IndicatorFieldsDto {
  @ApiProperty({ format: 'uuid', description: '提出建议的部门 / proposing organization' })
  @IsUUID()
  organizationId: string;
}

export class UpdateIndicatorDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ enum: LEVEL1_VALUES, enumName: 'IndicatorLevel1' })
  @IsOptional()
  @IsIn(LEVEL1_VALUES)
  level1?: IndicatorLevel1;

  @ApiPropertyOptional({ enum: LEVEL2_VALUES, enumName: 'IndicatorLevel2' })
  @IsOptional()
  @IsIn(LEVEL2_VALUES)
  level2?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: COMPARISON_VALUES, enumName: 'Comparison' })
  @IsOptional()
  @IsIn(COMPARISON_VALUES)
  comparison?: Comparison;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(200)
  value?: string | null;

  @ApiPropertyOptional({ enum: UNIT_VALUES, enumName: 'IndicatorUnit', nullable: true })
  @IsOptional()
  @IsIn(UNIT_VALUES)
  unit?: string | null;

  @ApiPropertyOptional({ enum: SOURCE_VALUES, enumName: 'StandardSource' })
  @IsOptional()
  @IsIn(SOURCE_VALUES)
  standardSource?: StandardSource;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(500)
  note?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isCore?: boolean;
}

export class AcceptProposalDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, example: '同意纳入指标库' })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(500)
  comment?: string | null;

  @ApiPropertyOptional({ description: '入库时标为核心指标 / flag as core when accepting' })
  @IsOptional()
  @IsBoolean()
  isCore?: boolean;
}

export class RejectProposalDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ maxLength: 500, example: '与现有指标重复' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  comment: string;
}

export class IndicatorListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: '名称、单位或分类 / name, unit or category' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: SECTOR_VALUES, enumName: 'Sector' })
  @IsOptional()
  @IsIn(SECTOR_VALUES)
  sector?: Sector;

  @ApiPropertyOptional({ format: 'uuid', description: '分类及其下级 / a category and its descendants' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ enum: LEVEL1_VALUES, enumName: 'IndicatorLevel1' })
  @IsOptional()
  @IsIn(LEVEL1_VALUES)
  level1?: IndicatorLevel1;

  @ApiPropertyOptional({ enum: LEVEL2_VALUES, enumName: 'IndicatorLevel2' })
  @IsOptional()
  @IsIn(LEVEL2_VALUES)
  level2?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  core?: boolean;

  @ApiPropertyOptional({ enum: STATUS_VALUES, enumName: 'IndicatorStatus', description: '默认已入库 / default active' })
  @IsOptional()
  @IsIn(STATUS_VALUES)
  status?: IndicatorStatus;
}

export class ProposalListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: STATUS_VALUES, enumName: 'IndicatorStatus' })
  @IsOptional()
  @IsIn(STATUS_VALUES)
  status?: IndicatorStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class SuggestionQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '正在编写目标的项目；不填则按本单位行业推荐 / the project whose target is being written; without it, the caller’s own sector',
  })
  @IsOptional()
  @IsUUID()
  projectId?: string;
}

export class UsedValueDto {
  @ApiProperty({ enum: COMPARISON_VALUES, enumName: 'Comparison' })
  comparison: Comparison;
  @ApiProperty({ type: String, nullable: true })
  value: string | null;
  @ApiProperty({ type: String, nullable: true })
  unit: string | null;
  @ApiProperty({ description: '使用该值的目标指标数 / how many target indicators used it' })
  count: number;
}

export class IndicatorSuggestionDto extends IndicatorDto {
  @ApiProperty({ type: [UsedValueDto], description: '同行业其他项目使用的值 / values other projects of the sector used' })
  usedValues: UsedValueDto[];
}

export class IndicatorSuggestionsDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  projectId: string | null;
  @ApiProperty({ enum: SECTOR_VALUES, enumName: 'Sector', isArray: true })
  sectors: Sector[];
  @ApiProperty({ type: [IndicatorSuggestionDto] })
  items: IndicatorSuggestionDto[];
}

export class IndicatorCategoryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId: string | null;
  @ApiProperty({ enum: ['sector', 'domain', 'level'], enumName: 'IndicatorCategoryLevel' })
  level: 'sector' | 'domain' | 'level';
  @ApiProperty({ example: '基础教育' })
  name: string;
  @ApiProperty({ enum: SECTOR_VALUES, enumName: 'Sector' })
  sector: Sector;
  @ApiProperty({ description: '本节点及下级的已入库指标数 / active indicators at and below' })
  indicatorCount: number;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: () => [IndicatorCategoryDto] })
  children: IndicatorCategoryDto[];
}

export class CreateIndicatorCategoryDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '上级；为空则新建行业 / parent; none for a sector' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiProperty({ example: '职业教育', maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ enum: SECTOR_VALUES, enumName: 'Sector', description: '新建行业时必填，下级继承 / required for a sector, inherited below' })
  @IsOptional()
  @IsIn(SECTOR_VALUES)
  sector?: Sector;
}

export class UpdateIndicatorCategoryDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ example: '职业教育', maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}
