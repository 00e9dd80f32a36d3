import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import { ApiUploadBody } from '../../common/http/api-upload-body';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { StoredFileEntity } from './entities/stored-file.entity';
import { FileAltQueryDto, StoredFileDto, UploadFileDto } from './dto/file.dto';
import { FilesService } from './files.service';
import { sendFile } from './file-response';

const owned = { kind: 'owner', entity: StoredFileEntity } as const;

@ApiTags('files')
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Authorize(Permission.PreAssessmentWrite, { kind: 'create' })
  @Post()
  @ApiOperation({
    summary: '上传文件 / Upload a file',
    description:
      'multipart/form-data：一个 file 文件和 organizationId 字段；或 JSON（filename、contentBase64、organizationId）。' +
      '仅 PDF、Word、Excel、JPG、PNG；大小上限见配置 UPLOAD_LIMIT_BYTES。 / multipart/form-data with one `file` part and an ' +
      '`organizationId` field, or JSON with filename, contentBase64 and organizationId. PDF, Word, Excel, JPG, PNG only; size limit UPLOAD_LIMIT_BYTES.',
  })
  @ApiUploadBody(UploadFileDto, { organizationId: { type: 'string', format: 'uuid', description: '文件所属机构 / owning organization' } })
  @ApiCreatedResponse({ type: StoredFileDto })
  @ApiProblems(400, 413)
  upload(@Caller() caller: Principal, @Req() request: FastifyRequest): Promise<StoredFileDto> {
    return this.files.upload(caller, request);
  }

  @Authorize(Permission.PreAssessmentRead, owned)
  @ReadsOne()
  @Get(':id')
  @ApiOperation({
    summary: '文件信息或下载 / File metadata, or its content with ?alt=media',
    description:
      '默认返回文件信息；alt=media 时下载文件内容（Content-Disposition 含 UTF-8 文件名）。 / Metadata by default; `alt=media` downloads the bytes.',
  })
  @ApiProduces('application/json', 'application/octet-stream')
  @ApiOkResponse({ type: StoredFileDto })
  @ApiProblems(400, 404)
  async get(
    @Caller() caller: Principal,
    @Param() { id }: IdParam,
    @Query() { alt }: FileAltQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (alt === 'media') return sendFile(reply, await this.files.content(caller, id));
    return this.files.get(caller, id);
  }
}
