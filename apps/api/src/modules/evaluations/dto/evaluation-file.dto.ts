import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { FileContentDto } from '../../files/dto/file.dto';
import { EVALUATION_FILE_KINDS, type EvaluationFileKind } from '../entities/evaluation-file.entity';

const KIND_DESCRIPTION =
  'report 评价报告，work_paper 工作底稿，declaration 第三方机构签署的独立性声明 / the report, a work paper, or the agency’s signed independence declaration';

/** The form fields of `POST /evaluations/{id}/files`. */
export class EvaluationFileFieldsDto {
  @ApiProperty({ enum: EVALUATION_FILE_KINDS, description: KIND_DESCRIPTION })
  @IsIn(EVALUATION_FILE_KINDS)
  kind: EvaluationFileKind;
}

/** `POST /evaluations/{id}/files` as JSON (system clients). */
export class EvaluationFileUploadDto extends FileContentDto {
  @ApiProperty({ enum: EVALUATION_FILE_KINDS, description: KIND_DESCRIPTION })
  @IsIn(EVALUATION_FILE_KINDS)
  kind: EvaluationFileKind;
}

/** A file attached to an evaluation (its detail's `attachments`, `GET /evaluations/files/{id}`). */
export class EvaluationAttachmentDto {
  @ApiProperty({ format: 'uuid', description: '附件编号（GET /evaluations/files/{id}）/ the attachment’s id' })
  id: string;
  @ApiProperty({ enum: EVALUATION_FILE_KINDS, description: KIND_DESCRIPTION })
  kind: EvaluationFileKind;
  @ApiProperty({ format: 'uuid', description: '评价 / the evaluation' })
  evaluationId: string;
  @ApiProperty({ example: '评价报告.pdf' })
  filename: string;
  @ApiProperty({ example: 'application/pdf' })
  contentType: string;
  @ApiProperty({ example: 10240, description: '字节数 / bytes' })
  size: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256: string;
  @ApiProperty({ type: String, nullable: true, description: '上传人 / who attached it (a user’s name or an API key’s)' })
  attachedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: '上传时间 / when' })
  attachedAt: string;
}
