import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { GRADES, SPOT_CHECK_STATUSES, SPOT_CHECK_VERDICTS, type Grade, type SpotCheckStatus, type SpotCheckVerdict } from '@jixiao/domain';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { YEAR_FILTER_RANGE, YearFilter } from '../../../common/list/year-filter.decorator';

/** Verdicts the bureau may give (pending is where every sampled evaluation starts). */
const GIVEN_VERDICTS = SPOT_CHECK_VERDICTS.filter((v) => v !== 'pending');

export class DrawSpotCheckDto {
  @ApiProperty({ description: '被评价的预算年度 / the evaluated budget year', example: 2021 })
  @Type(() => Number)
  @IsInt()
  @Min(YEAR_FILTER_RANGE.min)
  @Max(YEAR_FILTER_RANGE.max)
  year: number;

  @ApiProperty({
    description:
      '抽查数量（财政局抽取时确定，不超过可抽取的已完成自评数）/ sample size, the bureau’s choice at draw time, at most the completed self-evaluations to draw from',
    minimum: 1,
    example: 5,
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  size: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      '只从该部门或镇（含下级单位）抽取；不填为全区 / draw only within this department or town and its units; omitted: the whole district',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class SpotCheckListQueryDto extends ListQueryDto {
  @YearFilter('被评价的预算年度 / the evaluated budget year')
  year?: number;

  @ApiPropertyOptional({ enum: SPOT_CHECK_STATUSES, enumName: 'SpotCheckStatus' })
  @IsOptional()
  @IsIn(SPOT_CHECK_STATUSES)
  status?: SpotCheckStatus;
}

export class SpotCheckVersionDto {
  @ApiProperty({ description: '乐观锁版本 / the version read' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

export class SetSpotCheckVerdictDto extends SpotCheckVersionDto {
  @ApiProperty({
    enum: GIVEN_VERDICTS,
    description: 'adequate 质量合格，deficient 质量不合格（须写明问题）/ adequate, or deficient (findings required)',
  })
  @IsIn(GIVEN_VERDICTS)
  verdict: Exclude<SpotCheckVerdict, 'pending'>;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000, description: '发现的问题 / findings' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  findings?: string | null;
}

export class ConcludeSpotCheckDto extends SpotCheckVersionDto {
  @ApiProperty({ maxLength: 4000, description: '抽查结论 / the conclusion of the spot check' })
  @IsString()
  @MaxLength(4000)
  conclusion: string;
}

export class SpotCheckDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ description: '被评价的预算年度 / the evaluated budget year' })
  year: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: '抽取范围（部门或镇）；空为全区 / drawn within this department or town; null: the district',
  })
  organizationId: string | null;
  @ApiProperty({ type: String, nullable: true })
  organizationName: string | null;
  @ApiProperty({ description: '抽查数量 / sample size' })
  sampleSize: number;
  @ApiProperty({ description: '抽取时可抽取的已完成自评数 / completed self-evaluations to draw from at the draw' })
  population: number;
  @ApiProperty({ enum: SPOT_CHECK_STATUSES, enumName: 'SpotCheckStatus' })
  status: SpotCheckStatus;
  @ApiProperty({ description: '已给出结论的数量 / sampled evaluations with a verdict' })
  checked: number;
  @ApiProperty({ description: '不合格数量 / deficient ones' })
  deficient: number;
  @ApiProperty({ type: String, nullable: true })
  conclusion: string | null;
  @ApiProperty()
  drawnByName: string;
  @ApiProperty()
  drawnAt: string;
  @ApiProperty({ type: String, nullable: true })
  concludedByName: string | null;
  @ApiProperty({ type: String, nullable: true })
  concludedAt: string | null;
  @ApiProperty({ type: [String], description: '调用者现在可执行的操作 / what the caller may do now', example: ['verdict', 'conclude'] })
  actions: string[];
  @ApiProperty()
  version: number;
}

export class SpotCheckItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid', description: '抽中的自评（打开其详情）/ the sampled self-evaluation (link to its detail)' })
  evaluationId: string;
  @ApiProperty({ description: '抽取顺序，从 1 开始 / position in the draw, from 1' })
  position: number;
  @ApiProperty()
  projectCode: string;
  @ApiProperty()
  projectName: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationName: string;
  @ApiProperty({ type: String, nullable: true, example: '87.50' })
  score: string | null;
  @ApiProperty({ enum: GRADES, nullable: true })
  grade: Grade | null;
  @ApiProperty({ enum: SPOT_CHECK_VERDICTS, enumName: 'SpotCheckVerdict' })
  verdict: SpotCheckVerdict;
  @ApiProperty({ type: String, nullable: true })
  findings: string | null;
  @ApiProperty({ type: String, nullable: true })
  checkedByName: string | null;
  @ApiProperty({ type: String, nullable: true })
  checkedAt: string | null;
  @ApiProperty()
  version: number;
}

export class SpotCheckDetailDto extends SpotCheckDto {
  @ApiProperty({ type: [SpotCheckItemDto], description: '抽中的自评，按抽取顺序 / the sampled self-evaluations, in the order drawn' })
  items: SpotCheckItemDto[];
}
