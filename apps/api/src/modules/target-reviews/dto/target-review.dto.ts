import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SECTORS } from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { TargetIndicatorDto } from '../../targets/dto/target.dto';

const SECTOR_VALUES = SECTORS.map((s) => s.value);

export class ExpertDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty({ example: 'expert' })
  username: string;
  @ApiProperty({ example: '评审专家（演示）' })
  displayName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  affiliationOrganizationId: string | null;
  @ApiProperty({ example: '华东财经大学公共绩效研究中心（演示）' })
  affiliationName: string;
  @ApiProperty({ type: [String], enum: SECTOR_VALUES })
  sectors: string[];
  @ApiProperty()
  active: boolean;
  @ApiProperty({ description: '待评审数 / open reviews' })
  openReviews: number;
  @ApiProperty({ example: 1 })
  version: number;
}

export class ExpertListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

export class CreateExpertDto {
  @ApiProperty({ format: 'uuid', description: '具有评审专家角色的用户 / a user with the expert role' })
  @IsUUID()
  userId: string;

  @ApiPropertyOptional({ format: 'uuid', description: '工作单位，默认为用户所属机构 / affiliation; defaults to the user’s organization' })
  @IsOptional()
  @IsUUID()
  affiliationOrganizationId?: string;

  @ApiPropertyOptional({ type: [String], enum: SECTOR_VALUES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIn(SECTOR_VALUES, { each: true })
  sectors?: string[];
}

export class UpdateExpertDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  affiliationOrganizationId?: string;

  @ApiPropertyOptional({ type: [String], enum: SECTOR_VALUES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIn(SECTOR_VALUES, { each: true })
  sectors?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class AssignExpertsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: '专家的用户标识 / the experts’ user ids' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(15)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  expertUserIds: string[];
}

export class SubmitExpertReviewDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ example: 86.5, minimum: 0, description: '0 至总分（政策参数）/ 0 to the profile’s total score' })
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  score: number;

  @ApiProperty({ maxLength: 4000, example: '目标明确，指标可衡量' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  opinion: string;
}

export class ExpertReviewListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['assigned', 'submitted'], enumName: 'ExpertReviewStatus' })
  @IsOptional()
  @IsIn(['assigned', 'submitted'])
  status?: 'assigned' | 'submitted';
}

export class ExpertReviewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  targetId: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  organizationName: string;
  @ApiProperty()
  projectCode: string;
  @ApiProperty()
  projectName: string;
  @ApiProperty({ example: '8000000.00' })
  budgetAmount: string;
  @ApiProperty({ format: 'uuid' })
  expertUserId: string;
  @ApiProperty()
  expertName: string;
  @ApiProperty({ enum: ['assigned', 'submitted'], enumName: 'ExpertReviewStatus' })
  status: 'assigned' | 'submitted';
  @ApiProperty({ type: String, nullable: true, example: '86.50' })
  score: string | null;
  @ApiProperty({ type: String, nullable: true })
  opinion: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  @ApiProperty({ description: '满分（政策参数）/ the total score of the profile', example: 100 })
  totalScore: number;
  @ApiProperty({ example: 1 })
  version: number;
}

export class ExpertReviewDetailDto extends ExpertReviewDto {
  @ApiProperty()
  overallGoal: string;
  @ApiProperty({ type: [String] })
  annualGoals: string[];
  @ApiProperty({ type: [TargetIndicatorDto] })
  indicators: TargetIndicatorDto[];
}
