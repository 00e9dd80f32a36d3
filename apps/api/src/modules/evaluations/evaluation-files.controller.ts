import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { ApiUploadBody } from '../../common/http/api-upload-body';
import { IdParam } from '../../common/http/id-param';
import { FileAltQueryDto } from '../files/dto/file.dto';
import { sendFile } from '../files/file-response';
import { EvaluationAttachmentDto, EvaluationFileUploadDto } from './dto/evaluation-file.dto';
import { EvaluationDetailDto } from './dto/evaluation.dto';
import { EVALUATION_FILE_KINDS, EvaluationFileEntity } from './entities/evaluation-file.entity';
import { EvaluationEntity } from './entities/evaluation.entity';
import { EvaluationFilesService } from './evaluation-files.service';
import { EVALUATION_AGENCY_ASSIGNEE } from './evaluations.service';

/** The files of an evaluation: the report, work papers and the independence declaration (issue 9, R13, N8). */
@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationFilesController {
  constructor(private readonly files: EvaluationFilesService) {}

  @Authorize(Permission.EvaluationWrite, { kind: 'owner', entity: EvaluationEntity, assignee: EVALUATION_AGENCY_ASSIGNEE })
  @Post(':id/files')
  @ApiOperation({
    summary: '上传评价附件 / Attach a file to an evaluation',
    description:
      '任何评价（单位自评、部门评价、财政重点评价，委托或未委托）在提交前可上传附件：评价报告（kind=report）、工作底稿（kind=work_paper），以及委托前第三方机构签署的独立性声明（kind=declaration，委托时以附件编号填入 declarationFileId；单位自评不可委托返回 409 COMMISSION_KIND_NOT_ALLOWED，已委托返回 409 EVALUATION_ALREADY_COMMISSIONED）。上传人为被评价单位数据范围内的填报人（财政重点评价为财政局）或受托机构。multipart/form-data 的 file 和 kind 字段，或 JSON（filename、contentBase64、kind）。提交后返回 409 EVALUATION_NOT_EDITABLE。文件随评价的数据范围读取（评价所属单位或受托机构）。 / ' +
      'Any evaluation (self, department, finance key; commissioned or not) takes files before it is submitted: the report (kind=report), work papers (kind=work_paper), and — before commissioning — the agency’s signed independence declaration (kind=declaration, then named by its attachment id as the commission’s declarationFileId; a self-evaluation is never commissioned, 409 COMMISSION_KIND_NOT_ALLOWED; once commissioned, 409 EVALUATION_ALREADY_COMMISSIONED). Attached by the evaluated organization’s editors in scope (the bureau for a finance key evaluation) or by the commissioned agency: multipart/form-data with `file` and `kind`, or JSON with filename, contentBase64 and kind. After submission: 409 EVALUATION_NOT_EDITABLE. Files are read through the evaluation’s scope (its owner or the agency).',
  })
  @ApiUploadBody(EvaluationFileUploadDto, {
    kind: {
      type: 'string',
      enum: [...EVALUATION_FILE_KINDS],
      description: 'report 评价报告 / work_paper 工作底稿 / declaration 独立性声明',
    },
  })
  @ApiOkResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 403, 404, 409, 413)
  attach(@Caller() caller: Principal, @Param() { id }: IdParam, @Req() request: FastifyRequest): Promise<EvaluationDetailDto> {
    return this.files.attach(caller, id, request);
  }

  @Authorize(Permission.EvaluationRead, { kind: 'owner', entity: EvaluationFileEntity, assignee: EVALUATION_AGENCY_ASSIGNEE })
  @ReadsOne()
  @Get('files/:id')
  @ApiOperation({
    summary: '评价附件信息或下载 / An evaluation’s attachment, or its content with ?alt=media',
    description:
      '评价的附件（评价详情 attachments 的 id）；alt=media 时下载。评价所属单位的数据范围可读；委托后受托机构也可读（包括委托时引用的独立性声明）。 / An attachment of an evaluation (an id of the detail’s `attachments`); `alt=media` downloads it. Readable within the evaluated organization’s scope and, once the evaluation is commissioned, by the agency (the declaration the commission refers to included).',
  })
  @ApiProduces('application/json', 'application/octet-stream')
  @ApiOkResponse({ type: EvaluationAttachmentDto })
  @ApiProblems(400, 404)
  async file(
    @Caller() caller: Principal,
    @Param() { id }: IdParam,
    @Query() { alt }: FileAltQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await this.files.file(caller, id, alt === 'media');
    return found.content ? sendFile(reply, found.content) : found.attachment;
  }
}
