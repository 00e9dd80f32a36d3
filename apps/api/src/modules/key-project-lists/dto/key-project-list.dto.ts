import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  KEY_BASES,
  KEY_PROJECT_LIST_STATUSES,
  KEY_PROJECT_LIST_ACTION_LABELS,
  type KeyBasis,
  type KeyProjectListAction,
  type KeyProjectListStatus,
} from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { PageOf } from '../../../common/list/page.dto';
import { YearFilter } from '../../../common/list/year-filter.decorator';

const STATUS_VALUES = KEY_PROJECT_LIST_STATUSES.map((s) => s.value);
const BASIS_VALUES = KEY_BASES.map((b) => b.value);
const ACTION_VALUES = Object.keys(KEY_PROJECT_LIST_ACTION_LABELS) as KeyProjectListAction[];
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class YearQueryDto {
  @ApiProperty({ example: 2022, description: '预算年度 / budget year' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class OptionalYearQueryDto {
  @ApiPropertyOptional({
    example: 2022,
    description: '预算年度，缺省为最近的政策参数年度 / budget year; defaults to the latest profile year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class CoveragePlanQueryDto extends ListQueryDto {
  @YearFilter('预算年度，默认为工作年度 / budget year, default the working year')
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '部门或镇 / department or town' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class CoverageProjectsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    example: 2022,
    description: '预算年度，缺省为最近的政策参数年度 / budget year; defaults to the latest profile year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiProperty({
    format: 'uuid',
    description: '部门或镇（计划按部门或镇编排）/ the department or town (the plan is per department or town)',
  })
  @IsUUID()
  organizationId: string;
}

export class KeyProjectListQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({ enum: STATUS_VALUES, enumName: 'KeyProjectListStatus' })
  @IsOptional()
  @IsIn(STATUS_VALUES)
  status?: KeyProjectListStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class KeyProjectListDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty({ example: '区卫生健康委员会' })
  organizationName: string;
  @ApiProperty({ enum: ['department', 'town'], example: 'department' })
  organizationKind: string;
  @ApiProperty({ enum: STATUS_VALUES, enumName: 'KeyProjectListStatus' })
  status: KeyProjectListStatus;
  @ApiProperty({
    enum: ACTION_VALUES,
    enumName: 'KeyProjectListAction',
    isArray: true,
    description:
      '当前调用方此刻可执行的操作（状态、权限、数据范围、只读角色共同决定）/ the actions this caller may take now (state, permissions, data scope, read-only role)',
  })
  actions: KeyProjectListAction[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '报送说明 / note at submission' })
  submitNote: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: '财政局绩效科（演示）' })
  reviewedByName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '财政局意见 / the bureau’s comments' })
  reviewComment: string | null;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class KeyProjectListItemDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ example: '2022-WJ-001' })
  code: string;
  @ApiProperty({ example: '区中心医院改扩建工程' })
  name: string;
  @ApiProperty({ example: 'project' })
  kind: string;
  @ApiProperty({ format: 'uuid', description: '项目所属单位 / the project’s organization' })
  projectOrganizationId: string;
  @ApiProperty({ example: '青浦区中心医院' })
  projectOrganizationName: string;
  @ApiProperty({ enum: BASIS_VALUES, enumName: 'KeyBasis' })
  basis: KeyBasis;
  @ApiProperty({ type: String, nullable: true, description: '依据（2）（3）的理由 / reason for basis (2) or (3)' })
  reason: string | null;
  @ApiProperty({ example: '6000000.00', description: '预算金额（元），提交后为快照 / budget in yuan; the snapshot after submission' })
  budgetAmount: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2020,
    description: '上次部门重点评价年度 / year of the last department key evaluation',
  })
  lastKeyEvaluationYear: number | null;
}

export class KeyProjectListHistoryDto {
  @ApiProperty({ example: 'key_project_list.submit' })
  action: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '用户或 API 密钥 / a user or an API key' })
  actorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '姓名（或 API 密钥名称）/ the display name (or the API key’s name)' })
  actorName: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  at: string;
  @ApiProperty({ type: String, nullable: true, enum: [...STATUS_VALUES, null] })
  fromStatus: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...STATUS_VALUES, null] })
  toStatus: string | null;
  @ApiProperty({ type: String, nullable: true, description: '说明或意见 / note or comment' })
  comment: string | null;
}

export class KeyProjectListRevisionItemDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ example: '2022-WJ-001' })
  code: string;
  @ApiProperty({ example: '区中心医院改扩建工程' })
  name: string;
  @ApiProperty({ enum: BASIS_VALUES, enumName: 'KeyBasis' })
  basis: KeyBasis;
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
  @ApiProperty({ example: '6000000.00', description: '备案时的预算金额（元）/ budget in yuan as filed' })
  budgetAmount: string;
}

export class KeyProjectListRevisionDto {
  @ApiProperty({ example: 1, description: '备案版次，自 1 起 / filed revision number, from 1' })
  revision: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  submitNote: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  filedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  filedById: string | null;
  @ApiProperty({ type: String, nullable: true })
  filedByName: string | null;
  @ApiProperty({ type: String, nullable: true })
  reviewComment: string | null;
  @ApiProperty({ example: 3 })
  itemCount: number;
  @ApiProperty({ example: '18000000.00' })
  totalAmount: string;
  @ApiProperty({ type: [KeyProjectListRevisionItemDto] })
  items: KeyProjectListRevisionItemDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '修订时间（此后不再是现行版次）/ when it was amended' })
  amendedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  amendedById: string | null;
  @ApiProperty({ type: String, nullable: true })
  amendedByName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '修订原因 / why it was amended' })
  amendReason: string | null;
}

export class KeyListChangedItemDto {
  @ApiProperty({ type: KeyProjectListRevisionItemDto, description: '备案时 / as filed' })
  filed: KeyProjectListRevisionItemDto;
  @ApiProperty({ type: KeyProjectListItemDto, description: '现在 / now' })
  now: KeyProjectListItemDto;
  @ApiProperty()
  amountChanged: boolean;
  @ApiProperty()
  basisChanged: boolean;
}

export class KeyListChangesDto {
  @ApiProperty({ example: 1, description: '对比的备案版次 / the filed revision compared with' })
  revision: number;
  @ApiProperty({ description: '有任何变化 / anything changed' })
  any: boolean;
  @ApiProperty({ type: [KeyProjectListItemDto], description: '备案后新成为重点的项目 / key now, not in the filed snapshot' })
  added: KeyProjectListItemDto[];
  @ApiProperty({ type: [KeyProjectListRevisionItemDto], description: '已不再是重点的项目 / filed, no longer key' })
  removed: KeyProjectListRevisionItemDto[];
  @ApiProperty({ type: [KeyListChangedItemDto], description: '金额或依据变化 / amount or basis changed' })
  changed: KeyListChangedItemDto[];
}

export class KeyProjectListDetailDto extends KeyProjectListDto {
  @ApiProperty({
    description:
      'true：草稿/退回时按项目库实时计算；false：报送时的快照 / true: computed live while draft or returned; false: the submitted snapshot',
  })
  live: boolean;
  @ApiProperty({ example: '6000000.00', description: '本年度金额标准 / the year’s amount threshold' })
  threshold: string;
  @ApiProperty({ example: '12000000.00', description: '合计（元）/ total in yuan' })
  totalAmount: string;
  @ApiProperty({ type: [KeyProjectListItemDto] })
  items: KeyProjectListItemDto[];
  @ApiProperty({ type: [KeyProjectListHistoryDto] })
  history: KeyProjectListHistoryDto[];
  @ApiProperty({ type: [KeyProjectListRevisionDto], description: '历次备案版次，新的在前 / filed revisions, newest first' })
  revisions: KeyProjectListRevisionDto[];
  @ApiProperty({
    type: KeyListChangesDto,
    nullable: true,
    description:
      '最近备案版次与项目库现状的差异；从未备案时为 null / the latest filed revision against the project library now; null if never filed',
  })
  changesSinceFiling: KeyListChangesDto | null;
}

export class AmendKeyProjectListDto {
  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({
    maxLength: 2000,
    description: '修订原因（必填）/ why the filed list is amended (required)',
    example: '备案后新增重点项目 2 个',
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class SubmitKeyProjectListDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: '报送说明；清单为空时必填 / note; required when the list is empty',
    example: '本年度无符合条件的重点项目',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class FileKeyProjectListDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: 2000, example: '同意备案' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ReturnKeyProjectListDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ maxLength: 2000, description: '退回意见（必填）/ comments (required)', example: '请补充依据（2）项目的纳入理由' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}

export class CoverageProjectDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ example: '2022-WJ-001' })
  code: string;
  @ApiProperty({ example: '区中心医院改扩建工程' })
  name: string;
  @ApiProperty({ format: 'uuid', description: '项目所属单位 / The organization the project belongs to' })
  organizationId: string;
  @ApiProperty({ example: '6000000.00' })
  budgetAmount: string;
  @ApiProperty({ enum: BASIS_VALUES, enumName: 'KeyBasis' })
  basis: KeyBasis;
  @ApiProperty({ type: Number, nullable: true, example: 2020 })
  lastKeyEvaluationYear: number | null;
  @ApiProperty({ example: 2026, description: '最迟评价年度 / evaluation due by' })
  dueYear: number;
  @ApiProperty()
  dueThisYear: boolean;
  @ApiProperty()
  overdue: boolean;
  @ApiProperty({ description: '本轮已评价 / evaluated within the cycle' })
  covered: boolean;
  @ApiProperty({ type: Number, nullable: true, example: 2023, description: '计划评价年度 / planned year' })
  plannedYear: number | null;
}

export class CoverageYearDto {
  @ApiProperty({ example: 2023 })
  year: number;
  @ApiProperty({ example: 2 })
  count: number;
}

export class CoverageOrganizationDto {
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty({ example: '023' })
  organizationCode: string;
  @ApiProperty({ example: '区卫生健康委员会' })
  organizationName: string;
  @ApiProperty({ example: 5 })
  total: number;
  @ApiProperty({ example: 2 })
  covered: number;
  @ApiProperty({ example: '40.00', description: '本轮覆盖率（%）/ coverage within the cycle, percent' })
  coverage: string;
  @ApiProperty({ example: 1 })
  dueThisYear: number;
  @ApiProperty({ example: 0 })
  overdue: number;
  @ApiProperty({ type: [CoverageYearDto] })
  plan: CoverageYearDto[];
}

export class CoveragePlanSummaryDto {
  @ApiProperty({ example: 64, description: '分页所列的部门（镇）数 / the departments and towns the pages list' })
  organizations: number;
  @ApiProperty({ example: 12, description: '重点项目数 / key projects' })
  total: number;
  @ApiProperty({ example: 4 })
  covered: number;
  @ApiProperty({ example: '33.33' })
  coverage: string;
  @ApiProperty({ example: 2 })
  dueThisYear: number;
  @ApiProperty({ example: 1 })
  overdue: number;
  @ApiProperty({ type: [CoverageYearDto] })
  plan: CoverageYearDto[];
}

/**
 * The cycle and the summary over the caller's scope, and the departments and towns paged by the
 * list contract; their projects are paged by GET /key-project-lists/coverage-plan/projects.
 */
export class CoveragePlanDto extends PageOf(CoverageOrganizationDto) {
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ example: 5 })
  cycleYears: number;
  @ApiProperty({ example: 2022 })
  cycleStartYear: number;
  @ApiProperty({ example: 2026 })
  cycleEndYear: number;
  @ApiProperty({ type: CoveragePlanSummaryDto, description: '范围内的汇总与逐年计划 / the totals and the plan by year over the scope' })
  summary: CoveragePlanSummaryDto;
}
