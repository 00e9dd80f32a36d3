import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { EVALUATION_KIND_VALUES, EVALUATION_RECORD_SOURCES, type EvaluationKind, type EvaluationRecordSource } from '@jixiao/contracts';
import { GRADES, type Grade } from '@jixiao/domain';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { YearFilter } from '../../../common/list/year-filter.decorator';

const SOURCE_VALUES = EVALUATION_RECORD_SOURCES.map((s) => s.value);

export class EvaluationRecordListQueryDto extends ListQueryDto {
  @YearFilter('被评价的预算年度 / the budget year evaluated')
  year?: number;

  @ApiPropertyOptional({ enum: EVALUATION_KIND_VALUES, enumName: 'EvaluationKind' })
  @IsOptional()
  @IsIn(EVALUATION_KIND_VALUES)
  kind?: EvaluationKind;

  @ApiPropertyOptional({ format: 'uuid', description: '单位（含其下级单位）/ an organization and the units below it' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: SOURCE_VALUES, enumName: 'EvaluationRecordSource' })
  @IsOptional()
  @IsIn(SOURCE_VALUES)
  source?: EvaluationRecordSource;

  @ApiPropertyOptional({ maxLength: 100, description: '项目编码（包含）/ project code contains' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class EvaluationRecordDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'QP-D05-2022-001' })
  projectCode: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: '项目库中该编码和单位最近年度的名称；库中没有则为空 / the library’s name of the code (latest year), if it has one',
  })
  projectName: string | null;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty({ example: 'QP-D05' })
  organizationCode: string;
  @ApiProperty({ example: '区卫生健康委员会' })
  organizationName: string;
  @ApiProperty({ example: 2019, description: '被评价的预算年度 / the budget year evaluated' })
  year: number;
  @ApiProperty({ enum: EVALUATION_KIND_VALUES, enumName: 'EvaluationKind' })
  kind: EvaluationKind;
  @ApiProperty({ example: '86.50', description: '得分，两位小数 / score, two decimals' })
  score: string;
  @ApiProperty({ enum: GRADES, enumName: 'Grade' })
  grade: Grade;
  @ApiProperty({ nullable: true, type: String, example: '上海青信会计师事务所' })
  evaluator: string | null;
  @ApiProperty({ enum: SOURCE_VALUES, enumName: 'EvaluationRecordSource' })
  source: EvaluationRecordSource;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '写入该记录的评价 / the evaluation that wrote it' })
  evaluationId: string | null;
  @ApiProperty({ nullable: true, type: String, description: '导入的文件名 / the imported file' })
  sourceFile: string | null;
  @ApiProperty({ nullable: true, type: String, description: '导入或记录人 / imported or recorded by' })
  recordedByName: string | null;
  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
  @ApiProperty({ description: '是否计入五年覆盖（部门评价、财政重点评价）/ counts for R4 (department and finance key evaluations)' })
  countsForKeyCoverage: boolean;
}

export class EvaluationRecordImportResultDto {
  @ApiProperty({ example: 12, description: '读取的数据行 / data rows read' })
  rows: number;
  @ApiProperty({ example: 10, description: '新建的评价记录 / records created' })
  created: number;
  @ApiProperty({
    example: 2,
    description:
      '此前已导入（同一项目编码、单位、年度、类型，得分等级相同），未重复写入 / rows already recorded with the same score and grade, left as they were',
  })
  unchanged: number;
  @ApiProperty({
    example: 1,
    description:
      '项目库中没有该编码的行（照常记录，库中出现该项目后计入） / rows whose code the project library does not know (recorded; they count once it does)',
  })
  notInLibrary: number;
}
