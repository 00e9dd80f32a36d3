import { ExportFormatDto } from '../../../common/export/export-query.dto';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  FUND_SOURCES,
  FundSource,
  GATE_REASON_CODES,
  GATE_STATUSES,
  GateReasonCode,
  GateStatus,
  KEY_BASES,
  KeyBasis,
  MANUAL_KEY_BASES,
  ManualKeyBasis,
  PROJECT_KINDS,
  ProjectKind,
  PUBLIC_ATTENTIONS,
  PublicAttention,
} from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { IsMoney } from '../../../common/validation/is-money.decorator';
import { YearFilter } from '../../../common/list/year-filter.decorator';

const KINDS = PROJECT_KINDS.map((k) => k.value);
const SOURCES = FUND_SOURCES.map((s) => s.value);
const ATTENTIONS = PUBLIC_ATTENTIONS.map((a) => a.value);
const BASES = KEY_BASES.map((b) => b.value);
const STATUSES = GATE_STATUSES.map((s) => s.value);

/** The documented shape of a money string (validation is `@IsMoney()`). */
const MONEY_PATTERN = '^\\d{1,16}(\\.\\d{1,2})?$';

export const PROJECT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class FundSourceDto {
  @ApiProperty({ enum: SOURCES, enumName: 'FundSource', example: 'general_budget' })
  @IsIn(SOURCES)
  source: FundSource;

  @ApiProperty({
    example: '5000000.00',
    pattern: MONEY_PATTERN,
    description: '金额（元，最多两位小数的字符串）/ amount in yuan, decimal string',
  })
  @IsMoney()
  amount: string;
}

export class GateReasonDto {
  @ApiProperty({ enum: GATE_REASON_CODES, enumName: 'GateReasonCode' })
  code: GateReasonCode;
  @ApiProperty({ example: '未填报绩效目标' })
  message: string;
  @ApiProperty({ example: 'No performance target' })
  messageEn: string;
}

export class GateDto {
  @ApiProperty({ enum: STATUSES, enumName: 'GateStatus' })
  status: GateStatus;
  @ApiProperty({ type: [GateReasonDto] })
  reasons: GateReasonDto[];
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ example: 'XM2022-001' })
  code: string;
  @ApiProperty({ example: '区中心医院改扩建工程' })
  name: string;
  @ApiProperty({ enum: KINDS, enumName: 'ProjectKind' })
  kind: ProjectKind;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty({ example: '区卫生健康委员会' })
  organizationName: string;
  @ApiProperty({ example: '6000000.00' })
  budgetAmount: string;
  @ApiProperty({ type: [FundSourceDto] })
  fundSources: FundSourceDto[];
  @ApiProperty()
  isNew: boolean;
  @ApiProperty()
  isMajor: boolean;
  @ApiProperty()
  isCapitalConstruction: boolean;
  @ApiProperty()
  isLivelihood: boolean;
  @ApiProperty({ enum: ATTENTIONS, enumName: 'PublicAttention' })
  publicAttention: PublicAttention;
  @ApiProperty({ type: Number, nullable: true })
  managementChainLevels: number | null;
  @ApiProperty({ type: String, nullable: true, example: '95.50', pattern: MONEY_PATTERN })
  lastYearExecutionRate: string | null;
  @ApiProperty()
  inDisclosureScope: boolean;
  @ApiProperty({ type: Number, nullable: true })
  startYear: number | null;
  @ApiProperty({ type: Number, nullable: true })
  endYear: number | null;
  @ApiProperty({
    enum: BASES,
    enumName: 'KeyBasis',
    nullable: true,
    type: String,
    description: 'AMOUNT 按当年阈值实时计算 / AMOUNT computed at read time',
  })
  keyBasis: KeyBasis | null;
  @ApiProperty({ enum: MANUAL_KEY_BASES, enumName: 'ManualKeyBasis', nullable: true, type: String })
  manualKeyBasis: ManualKeyBasis | null;
  @ApiProperty({ type: String, nullable: true })
  manualKeyReason: string | null;
  @ApiProperty({ type: Number, nullable: true })
  lastKeyEvaluationYear: number | null;
  @ApiProperty({ type: GateDto })
  gate: GateDto;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

/** The optional descriptive fields of a project. */
class ProjectOptionalFields {
  @ApiPropertyOptional({
    type: [FundSourceDto],
    description: '资金来源，合计不得超过预算金额 / fund sources, summing to at most the budget',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => FundSourceDto)
  fundSources?: FundSourceDto[];

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  isLivelihood?: boolean;

  @ApiPropertyOptional({ enum: ATTENTIONS, enumName: 'PublicAttention', example: 'medium' })
  @IsOptional()
  @IsIn(ATTENTIONS)
  publicAttention?: PublicAttention;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 2, minimum: 1, maximum: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  managementChainLevels?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '95.50',
    pattern: MONEY_PATTERN,
    description: '上年执行率（%）/ last year execution rate, percent',
  })
  @IsOptional()
  @IsMoney()
  @Matches(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, { message: 'must be a percentage between 0 and 100' })
  lastYearExecutionRate?: string | null;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  inDisclosureScope?: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 2022, minimum: 1990, maximum: 2100 })
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  startYear?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 2024, minimum: 1990, maximum: 2100 })
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  endYear?: number | null;
}

export class CreateProjectDto extends ProjectOptionalFields {
  @ApiProperty({ example: 2022, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 'XM2022-001', maxLength: 64, description: '字母、数字、短横线、下划线 / letters, digits, dashes, underscores' })
  @IsString()
  @Matches(PROJECT_CODE_PATTERN)
  code: string;

  @ApiProperty({ example: '区中心医院改扩建工程', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: KINDS, enumName: 'ProjectKind', example: 'project' })
  @IsIn(KINDS)
  kind: ProjectKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ example: '6500000.00', pattern: MONEY_PATTERN, description: '预算金额（元）/ budget in yuan, decimal string' })
  @IsMoney()
  budgetAmount: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  isNew: boolean;

  @ApiProperty({ example: false })
  @IsBoolean()
  isMajor: boolean;

  @ApiProperty({ example: false })
  @IsBoolean()
  isCapitalConstruction: boolean;
}

/** Year, code and organization are fixed once created. */
export class UpdateProjectDto extends PartialType(OmitType(CreateProjectDto, ['year', 'code', 'organizationId'] as const)) {
  @ApiProperty({ description: '读取时的版本号，用于并发控制 / the version you read, for optimistic locking', example: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

export class SetKeyBasisDto {
  @ApiProperty({
    enum: MANUAL_KEY_BASES,
    enumName: 'ManualKeyBasis',
    nullable: true,
    type: String,
    example: 'CORE_FUNCTION',
    description: '依据（2）或（3）；null 表示取消 / basis (2) or (3); null removes it',
  })
  @IsOptional()
  @IsIn(MANUAL_KEY_BASES)
  basis: ManualKeyBasis | null;

  @ApiProperty({ example: '承担区医疗服务体系改革的核心任务', maxLength: 500, description: '理由（必填）/ reason (required)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiProperty({ description: '读取时的版本号 / the version you read', example: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Filters shared by the list and the export. */
export class ProjectFilterDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '机构（含下级单位）/ organization, with its units' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: KINDS, enumName: 'ProjectKind' })
  @IsOptional()
  @IsIn(KINDS)
  kind?: ProjectKind;

  @ApiPropertyOptional({ description: '按名称或编码搜索 / search name or code', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: '只看重点项目 / key projects only', type: Boolean })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  keyOnly?: boolean;

  @ApiPropertyOptional({ enum: STATUSES, enumName: 'GateStatus', description: '预算安排状态 / budget gate status' })
  @IsOptional()
  @IsIn(STATUSES)
  gateStatus?: GateStatus;
}

export class ProjectListQueryDto extends IntersectionType(ListQueryDto, ProjectFilterDto) {}

export class ProjectExportQueryDto extends IntersectionType(ExportFormatDto, ProjectFilterDto) {}

export class ImportCellErrorDto {
  @ApiProperty({ example: '项目!C7' })
  field: string;
  @ApiProperty({ example: '项目' })
  sheet: string;
  @ApiProperty({ example: 7 })
  row: number;
  @ApiProperty({ example: 'C' })
  column: string;
  @ApiProperty({ example: 'budgetAmount' })
  code: string;
  @ApiProperty()
  message: string;
  @ApiProperty()
  messageEn: string;
}

export class ImportResultDto {
  @ApiProperty({ example: 120 })
  rows: number;
  @ApiProperty({ example: 100 })
  created: number;
  @ApiProperty({ example: 15 })
  updated: number;
  @ApiProperty({ example: 5 })
  unchanged: number;
}
