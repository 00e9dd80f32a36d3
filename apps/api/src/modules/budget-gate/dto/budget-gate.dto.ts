import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { GATE_STATUSES, GateStatus, PROJECT_KINDS, ProjectKind } from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { PageOf } from '../../../common/list/page.dto';
import { GateReasonDto } from '../../projects/dto/project.dto';
import { YearFilter } from '../../../common/list/year-filter.decorator';

const STATUSES = GATE_STATUSES.map((s) => s.value);
const KINDS = PROJECT_KINDS.map((k) => k.value);

export class BudgetGateQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '部门或镇（含下级单位）/ department or town, with its units' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: STATUSES, enumName: 'GateStatus' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: GateStatus;
}

export class BudgetGateItemDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
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
  @ApiProperty({ example: '6000000.00' })
  budgetAmount: string;
  @ApiProperty({ enum: STATUSES, enumName: 'GateStatus' })
  status: GateStatus;
  @ApiProperty({ type: [GateReasonDto] })
  reasons: GateReasonDto[];
}

export class TargetCoverageQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({ enum: ['department', 'town'], description: '部门或镇/街道 / departments or towns' })
  @IsOptional()
  @IsIn(['department', 'town'])
  kind?: 'department' | 'town';
}

/** What is missing, one part at a time, by code. */
export class TargetCoverageMissingQueryDto extends ListQueryDto {
  @YearFilter()
  year?: number;

  @ApiPropertyOptional({
    enum: ['targets', 'overall'],
    default: 'targets',
    description:
      '缺少绩效目标的项目、政策和部门整体支出（默认），或未填报部门整体支出的单位 / the projects, policies and overall expenditures without an approved target (default), or the organizations without an overall expenditure',
  })
  @IsOptional()
  @IsIn(['targets', 'overall'])
  part?: 'targets' | 'overall';
}

export class TargetCoverageBucketDto {
  @ApiProperty({ example: 10 })
  total: number;
  @ApiProperty({ example: 7, description: '目标已审核通过 / with an approved target' })
  approved: number;
  @ApiProperty({ type: Number, nullable: true, example: 70, description: '百分比 / percent' })
  share: number | null;
}

export class TargetCoverageCountsDto {
  @ApiProperty({ type: TargetCoverageBucketDto })
  projects: TargetCoverageBucketDto;
  @ApiProperty({ type: TargetCoverageBucketDto })
  policies: TargetCoverageBucketDto;
  @ApiProperty({ type: TargetCoverageBucketDto, description: '部门整体支出 / department overall expenditure' })
  overall: TargetCoverageBucketDto;
}

export class TargetCoverageRowDto extends TargetCoverageCountsDto {
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty({ example: 'QP-D16' })
  organizationCode: string;
  @ApiProperty({ example: '区卫生健康委员会' })
  organizationName: string;
}

export class TargetCoverageMissingDto {
  @ApiProperty({ enum: ['NO_TARGET', 'TARGET_NOT_APPROVED', 'NO_OVERALL_EXPENDITURE'] })
  reason: 'NO_TARGET' | 'TARGET_NOT_APPROVED' | 'NO_OVERALL_EXPENDITURE';
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  projectId: string | null;
  @ApiProperty({ nullable: true, type: String })
  code: string | null;
  @ApiProperty()
  name: string;
  @ApiProperty({ enum: KINDS, enumName: 'ProjectKind' })
  kind: ProjectKind;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationName: string;
}

export class TargetCoverageSummaryDto {
  @ApiProperty({ type: TargetCoverageCountsDto })
  totals: TargetCoverageCountsDto;
  @ApiProperty({ example: 52, description: '部门数 / departments' })
  departments: number;
  @ApiProperty({ example: 11, description: '镇/街道数 / towns' })
  towns: number;
  @ApiProperty({
    example: 9,
    description: '缺少绩效目标的项数（分页见 coverage/missing）/ projects, policies and overall expenditures without an approved target',
  })
  missingTargets: number;
  @ApiProperty({
    example: 3,
    description: '未填报部门整体支出的单位数（coverage/missing?part=overall）/ organizations without an overall expenditure',
  })
  missingOverall: number;
  @ApiProperty({ example: 12, description: '缺失项合计 / entries missing in all' })
  missingTotal: number;
}

/** The summary, and the departments and towns (or one kind of them) paged by the list contract. */
export class TargetCoverageDto extends PageOf(TargetCoverageRowDto) {
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ type: TargetCoverageSummaryDto })
  summary: TargetCoverageSummaryDto;
}
