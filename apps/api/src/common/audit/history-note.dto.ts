import { ApiProperty } from '@nestjs/swagger';
import { HISTORY_NOTES } from '@jixiao/domain';

/** A note the system wrote into a history: its code and parameters, rendered in both languages. */
export class HistoryNoteDto {
  @ApiProperty({ enum: Object.keys(HISTORY_NOTES), enumName: 'HistoryNoteCode', example: 'target.review_concluded' })
  code: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { average: '87.67', grade: 'good' },
    description: '模板参数（等级为代码）/ template parameters (a grade is its code)',
  })
  params: Record<string, unknown>;
  @ApiProperty({ example: '专家评审平均分 87.67，等级 良' })
  zh: string;
  @ApiProperty({ example: 'Expert review average 87.67, grade Good' })
  en: string;
}
