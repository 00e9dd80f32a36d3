import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { ApiXlsxDownload, ApiXlsxUpload, sendXlsx, XLSX_RESPONSE } from '../../common/excel';
import { PageOf } from '../../common/list/page.dto';
import { EvaluationRecordDto, EvaluationRecordImportResultDto, EvaluationRecordListQueryDto } from './dto/evaluation-record.dto';
import { EvaluationRecordImportService } from './evaluation-record-import.service';
import { EvaluationRecordsService } from './evaluation-records.service';

@ApiTags('evaluation-records')
@Controller('evaluation-records')
export class EvaluationRecordsController {
  constructor(
    private readonly records: EvaluationRecordsService,
    private readonly imports: EvaluationRecordImportService,
  ) {}

  @Authorize(Permission.EvaluationRead, { kind: 'list' })
  @Get()
  @ApiOperation({
    summary: '评价记录列表 / List evaluation records',
    description:
      '分页列出调用者数据范围内的评价记录：旧绩效系统导入的历史评价和本系统完成的评价，按项目编码、单位、被评价年度和类型各一条。部门评价和财政重点评价计入重点项目五年覆盖（R4）。 / ' +
      'Pages through the evaluation records in the caller’s scope: history imported from the old performance system and evaluations finished in Jixiao, one per project code, organization, year evaluated and kind. Department and finance key evaluations count for the five-year coverage (R4).',
  })
  @ApiOkResponse({ type: PageOf(EvaluationRecordDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: EvaluationRecordListQueryDto) {
    return this.records.list(caller, query);
  }

  // Workbook routes answer or take binary .xlsx, so the generated scope test cannot read organization
  // ids out of them: they are declared `global`, and the service applies the caller's scope to every row.
  @Authorize(Permission.EvaluationWrite, { kind: 'global' })
  @Get('import-template')
  @ApiOperation({
    summary: '下载历史评价记录导入模板 / Download the evaluation records import template (.xlsx)',
    description:
      '历史评价记录导入模板：表头、填写说明、调用者范围内的单位编码，以及工作年度的项目（供参考，不导入）。 / The import template: the header, the instructions, the organization codes in the caller’s scope and, for reference (not imported), the working year’s projects.',
  })
  @ApiXlsxDownload()
  @ApiOkResponse({ description: '导入模板 / the template', ...XLSX_RESPONSE })
  async importTemplate(@Caller() caller: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendXlsx(reply, await this.imports.template(caller), '历史评价记录导入模板.xlsx');
  }

  @Authorize(Permission.EvaluationWrite, { kind: 'global' })
  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: '导入历史评价记录（.xlsx，multipart 字段 file）/ Import evaluation records (.xlsx, multipart field "file")',
    description:
      '旧绩效系统导出的评价记录：项目编码、单位编码、年度、评价类型、得分、等级、评价机构/评价人。整个文件先校验（单位在调用者范围内；得分在该年度政策参数的满分以内、最多两位小数；等级与得分按该年度等级线一致；项目库中已有的编码属于所填单位；文件内不重复），全部正确才在一个事务中写入。已有相同记录（得分、等级、评价机构相同）的行不重复写入；不同的行被拒绝，已有记录不被覆盖。大小、行数和错误数有上限。 / ' +
      'The old performance system’s export: project code, organization code, year, kind, score, grade, evaluator. The whole file is checked first (organization in your scope; score within the year’s profile total with at most two decimals; grade agreeing with the score under that year’s thresholds; a code the library knows belonging to that organization; no duplicates) and only then written, in one transaction. A row already recorded with the same score, grade and evaluator is not written again; a differing one is refused, and existing records are never overwritten. Size, rows and listed errors are limited.',
  })
  @ApiXlsxUpload()
  @ApiOkResponse({ type: EvaluationRecordImportResultDto })
  @ApiProblems(400, 413, 429)
  import(@Caller() caller: Principal, @Req() request: FastifyRequest): Promise<EvaluationRecordImportResultDto> {
    return this.imports.import(caller, request);
  }
}
