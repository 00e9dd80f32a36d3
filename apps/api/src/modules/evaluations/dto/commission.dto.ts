import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { GRADES, type Grade } from '@jixiao/domain';
import { IsCalendarDate } from '../../../common/validation';
import { StoredFileDto } from '../../files/dto/file.dto';

/** `POST /evaluations/{id}/commission`: R13 / N8. */
export class CommissionEvaluationDto {
  @ApiProperty({ format: 'uuid', description: '受托第三方机构（机构名录中的机构）/ the agency (an entry of the registry)' })
  @IsUUID()
  agencyId: string;

  @ApiProperty({ maxLength: 2000, description: 'R13 委托必要性说明 / why a third party is needed' })
  @IsString()
  @MaxLength(2000)
  justification: string;

  @ApiProperty({
    type: [String],
    example: ['capability', 'budget_secured'],
    description:
      '已确认的委托标准（政策参数 evaluation.agencies.commissioningChecklist 的代码）/ the profile’s commissioning checklist items confirmed, by code',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  checklist: string[];

  @ApiProperty({ description: 'N8 机构已签署独立性声明 / the agency has signed the independence declaration' })
  @IsBoolean()
  declarationSigned: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      '签署的声明文件：先以 kind=declaration 上传到本评价（POST /evaluations/{id}/files），此处填该附件编号 / the signed declaration: attached to this evaluation first with kind=declaration (POST /evaluations/{id}/files), then named here by the attachment’s id',
  })
  @IsOptional()
  @IsUUID()
  declarationFileId?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: 4000,
    nullable: true,
    description: '声明文本（无文件时必填）/ the declaration’s text (needed without a file)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  declarationText?: string | null;

  @ApiProperty({ example: '2022-04-15', description: '声明签署日期 / the day the declaration was signed' })
  @IsCalendarDate()
  declaredOn: string;

  @ApiPropertyOptional({
    type: String,
    maxLength: 100,
    nullable: true,
    example: 'SHJX-2022-QP-0031',
    description:
      '上海市预算绩效综合服务平台编号（部门评价和财政重点评价必填）/ the reference number of the Shanghai budget performance service platform (required for department and finance key evaluations)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  platformReference?: string | null;

  @ApiProperty({ description: '评价的当前版本号 / the evaluation’s current version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

/** `POST /evaluations/{id}/commission/grade`. */
export class GradeCommissionDto {
  @ApiProperty({ enum: GRADES, description: '受托机构工作质量等级 / the grade of the agency’s work' })
  @IsIn(GRADES)
  grade: Grade;

  @ApiPropertyOptional({ maxLength: 2000, description: '评语 / comment' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiProperty({ description: '评价的当前版本号 / the evaluation’s current version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

export class EvaluationCommissionDto {
  @ApiProperty({ format: 'uuid', description: '受托机构 / the agency' })
  agencyId: string;
  @ApiProperty()
  agencyName: string;
  @ApiProperty({ format: 'uuid', description: '委托方 / the commissioning party' })
  commissioningOrganizationId: string;
  @ApiProperty()
  commissioningOrganizationName: string;
  @ApiProperty()
  justification: string;
  @ApiProperty({ type: [String] })
  checklist: string[];
  @ApiProperty()
  declarationSigned: boolean;
  @ApiProperty({ type: StoredFileDto, nullable: true })
  declarationFile: StoredFileDto | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: '声明文件作为评价附件的编号（GET /evaluations/files/{id}）/ the declaration as the evaluation’s attachment',
  })
  declarationAttachmentId: string | null;
  @ApiProperty({ type: String, nullable: true })
  declarationText: string | null;
  @ApiProperty({ example: '2022-04-15' })
  declaredOn: string;
  @ApiProperty({ type: String, nullable: true })
  platformReference: string | null;
  @ApiProperty({ example: '2022-04-16' })
  commissionedOn: string;
  @ApiProperty({ enum: ['commissioned', 'submitted', 'graded'], description: '委托进度 / where the commission stands' })
  status: 'commissioned' | 'submitted' | 'graded';
  @ApiProperty({ enum: GRADES, nullable: true, description: '受托机构工作质量等级 / grade of the agency’s work' })
  grade: Grade | null;
  @ApiProperty({ type: String, nullable: true })
  gradeComment: string | null;
  @ApiProperty({ type: String, nullable: true })
  gradedAt: string | null;
}
