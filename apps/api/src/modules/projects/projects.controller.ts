import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ListResult, Permission, PROJECT_IMPORT_SHEET } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import { ProjectEntity } from './entities/project.entity';
import {
  CreateProjectDto,
  ImportResultDto,
  ProjectDto,
  ProjectExportQueryDto,
  ProjectListQueryDto,
  SetKeyBasisDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { ProjectExcelService } from './project-excel.service';
import { ApiXlsxDownload, ApiXlsxUpload, sendXlsx, XLSX_MIME, XLSX_RESPONSE } from '../../common/excel';
import { streamExport } from '../../common/export';
import { ProjectsService } from './projects.service';

const owned = { kind: 'owner', entity: ProjectEntity } as const;

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly excel: ProjectExcelService,
  ) {}

  @Authorize(Permission.ProjectRead, { kind: 'list', field: 'organizationId' })
  @Get()
  @ApiOperation({
    summary: '项目库列表 / List projects, policies and overall expenditures',
    description:
      '分页列出调用者数据范围内的项目、政策和整体支出，可按年度、类型、状态等筛选。 / Pages through projects, policies and overall expenditures in the caller’s scope, filterable by year, kind, status and more.',
  })
  @ApiOkResponse({ type: PageOf(ProjectDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: ProjectListQueryDto): Promise<ListResult<ProjectDto>> {
    return this.projects.list(caller, query);
  }

  // The workbook routes answer binary .xlsx, so the generated scope test cannot read organization ids
  // out of them: they are declared `global`, and the service applies the caller's scope to every row.
  @Authorize(Permission.ProjectRead, { kind: 'global' })
  @Get('import-template')
  @ApiOperation({
    summary: '下载项目导入模板 / Download the project import template (.xlsx)',
    description: '下载项目导入用的 Excel 模板。 / Downloads the Excel template for the project import.',
  })
  @ApiXlsxDownload()
  @ApiOkResponse({ description: '导入模板 / the template', ...XLSX_RESPONSE })
  async template(@Caller() caller: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendXlsx(reply, await this.excel.template(caller), '项目导入模板.xlsx');
  }

  @Authorize(Permission.ProjectRead, { kind: 'global' })
  @Get('export')
  @ApiOperation({
    summary: '按当前筛选导出项目库 / Export the filtered project list (.xlsx, CSV or NDJSON)',
    description:
      '按与列表相同的筛选条件导出调用者可见的项目：format=xlsx（默认）、csv 或 ndjson，边读边传，内存不随行数增长；xlsx 超过工作表行数上限时先返回 400 EXPORT_TOO_LARGE。 / ' +
      'Exports the projects the caller sees, with the list’s filters: format=xlsx (default), csv or ndjson, streamed as read with memory independent of the row count; an xlsx beyond a sheet’s rows answers 400 EXPORT_TOO_LARGE before anything is sent.',
  })
  @ApiProduces(XLSX_MIME, 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({
    description: '项目清单 / the projects',
    content: {
      [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { type: 'string' } },
    },
  })
  @ApiProblems(400)
  async export(
    @Caller() caller: Principal,
    @Query() query: ProjectExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    const rows = await this.excel.exportRows(caller, query, format);
    return streamExport(reply, {
      format,
      fileName: '项目库',
      sheetName: PROJECT_IMPORT_SHEET,
      columns: ProjectExcelService.EXPORT_COLUMNS,
      rows,
    });
  }

  @Authorize(Permission.ProjectWrite, { kind: 'global' })
  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: '导入项目（.xlsx，multipart 字段 file）/ Import projects from .xlsx (multipart field "file")',
    description:
      '整个文件先校验，全部正确才在一个事务中写入；按年度+编码更新。只能导入本单位数据范围内的单位。文件大小、解压后大小、压缩比、行数（IMPORT_MAX_ROWS）和列出的错误数（IMPORT_MAX_ERRORS）有上限。 / ' +
      'The whole file is validated first and written in one transaction only if every row is good; upsert by year + code; rows only for organizations in your scope. ' +
      'The file size, uncompressed size, compression ratio, rows (IMPORT_MAX_ROWS) and listed errors (IMPORT_MAX_ERRORS) are limited.',
  })
  @ApiXlsxUpload()
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(400, 413, 429)
  import(@Caller() caller: Principal, @Req() request: FastifyRequest): Promise<ImportResultDto> {
    return this.excel.import(caller, request);
  }

  @Authorize(Permission.ProjectRead, owned)
  @Get(':id')
  @ReadsOne()
  @ApiOperation({
    summary: '项目详情（含重点依据与预算安排状态）/ Get a project with its key basis and budget gate',
    description: '返回项目详情、重点项目依据和预算安排闸口状态。 / Returns the project with its key-list basis and budget gate state.',
  })
  @ApiOkResponse({ type: ProjectDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<ProjectDto> {
    return this.projects.get(caller, id);
  }

  @Authorize(Permission.ProjectWrite, { kind: 'create', field: 'organizationId' })
  @Post()
  @ApiOperation({
    summary: '新建项目 / Create a project, policy or overall expenditure',
    description:
      '登记一个项目、政策或整体支出；编码按年度唯一。 / Registers a project, policy or overall expenditure; the code is unique per year.',
  })
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiProblems(400, 409)
  create(@Caller() caller: Principal, @Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(caller, dto);
  }

  @Authorize(Permission.ProjectWrite, owned)
  @Patch(':id')
  @ApiOperation({
    summary: '修改项目 / Update a project',
    description: '修改项目字段（带版本号）。 / Updates a project’s fields (versioned).',
  })
  @ApiOkResponse({ type: ProjectDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: UpdateProjectDto): Promise<ProjectDto> {
    return this.projects.update(caller, id, dto);
  }

  @Authorize(Permission.ProjectWrite, owned)
  @Put(':id/key-basis')
  @ApiOperation({
    summary: '设置重点项目依据（2）（3）及理由 / Set key-list basis (2) or (3) with a reason',
    description: '设置或清除列入重点项目清单的依据（2）或（3）及理由。 / Sets or clears the key-list basis (2) or (3) with its reason.',
  })
  @ApiOkResponse({ type: ProjectDto })
  @ApiProblems(400, 404, 409)
  setKeyBasis(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: SetKeyBasisDto): Promise<ProjectDto> {
    return this.projects.setKeyBasis(caller, id, dto);
  }

  @Authorize(Permission.ProjectWrite, owned)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: '删除项目（尚无绩效目标时）/ Delete a project that has no target yet',
    description: '删除尚未编制绩效目标的项目。 / Deletes a project that has no performance target yet.',
  })
  @ApiNoContentResponse({ description: '已删除 / deleted' })
  @ApiProblems(400, 404, 409)
  remove(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<void> {
    return this.projects.remove(caller, id);
  }
}
