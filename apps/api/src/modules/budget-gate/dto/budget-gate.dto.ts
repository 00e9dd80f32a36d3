import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { GATE_STATUSES, GateStatus, PROJECT_KINDS, ProjectKind } from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';
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

export class TargetCoverageQueryDto {
  @ApiPropertyOptional({
    example: 2022,
    description: '预算年度，默认最新的政策参数年度 / budget year, default the latest policy-profile year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
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

export class TargetCoverageDto {
  @ApiProperty({ example: 2022 })
  year: number;
  @ApiProperty({ type: TargetCoverageCountsDto })
  totals: TargetCoverageCountsDto;
  @ApiProperty({ type: [TargetCoverageRowDto] })
  byDepartment: TargetCoverageRowDto[];
  @ApiProperty({ type: [TargetCoverageRowDto] })
  byTown: TargetCoverageRowDto[];
  @ApiProperty({ type: [TargetCoverageMissingDto], description: '最多 500 条 / at most 500 entries' })
  missing: TargetCoverageMissingDto[];
  @ApiProperty({ example: 12 })
  missingTotal: number;
}
