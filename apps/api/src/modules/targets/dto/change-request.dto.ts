import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TARGET_CHANGE_REQUEST_STATUS_LABELS } from '@jixiao/contracts';
import type { TargetChangeRequestStatus } from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { QualityCheckItemDto, TargetContentDto, VersionDto } from './target.dto';

const CR_STATUS = Object.keys(TARGET_CHANGE_REQUEST_STATUS_LABELS) as TargetChangeRequestStatus[];

export class CreateChangeRequestDto extends TargetContentDto {
  @ApiProperty({ maxLength: 2000, example: '项目实施内容调整，床位数变更' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ReviewChangeRequestDto extends VersionDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class RejectChangeRequestDto extends VersionDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}

export class ChangeRequestListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: CR_STATUS, enumName: 'TargetChangeRequestStatus' })
  @IsOptional()
  @IsIn(CR_STATUS)
  status?: TargetChangeRequestStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  targetId?: string;
}

export class ChangeRequestIndicatorDto {
  @ApiProperty() level1: string;
  @ApiProperty() level2: string;
  @ApiProperty() name: string;
  @ApiProperty() comparison: string;
  @ApiProperty({ type: String, nullable: true }) value: string | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: Number, nullable: true }) weight: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) libraryIndicatorId: string | null;
}

export class ChangeRequestContentDto {
  @ApiProperty() overallGoal: string;
  @ApiProperty({ type: [String] }) annualGoals: string[];
  @ApiProperty({ type: [ChangeRequestIndicatorDto] }) indicators: ChangeRequestIndicatorDto[];
}

export class ChangeRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  targetId: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty()
  projectName: string;
  @ApiProperty()
  reason: string;
  @ApiProperty({ type: ChangeRequestContentDto })
  proposed: ChangeRequestContentDto;
  @ApiProperty({ enum: CR_STATUS, enumName: 'TargetChangeRequestStatus' })
  status: TargetChangeRequestStatus;
  @ApiProperty({ type: String, nullable: true })
  reviewComment: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: '提出申请者（用户或密钥）；其本人不能同意 / who asked (user or API key); that caller cannot approve it',
  })
  requestedById: string | null;
  @ApiProperty({ type: String, nullable: true, description: '申请人姓名（或 API 密钥名称）/ who asked: display name or API key name' })
  requestedByName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  reviewedById: string | null;
  @ApiProperty({ type: String, nullable: true })
  reviewedByName: string | null;
  @ApiProperty({
    type: [String],
    enum: ['approve', 'reject'],
    description: '当前调用者现在可执行的操作（申请人不能审核自己的申请）/ what this caller may do now (never on its own request)',
  })
  actions: ('approve' | 'reject')[];
  @ApiProperty({ type: [QualityCheckItemDto] })
  quality: QualityCheckItemDto[];
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}
