import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import { KeyProjectListEntity } from './entities/key-project-list.entity';
import {
  AmendKeyProjectListDto,
  CoveragePlanDto,
  CoveragePlanQueryDto,
  CoverageProjectDto,
  CoverageProjectsQueryDto,
  FileKeyProjectListDto,
  KeyProjectListDetailDto,
  KeyProjectListDto,
  KeyProjectListQueryDto,
  OptionalYearQueryDto,
  ReturnKeyProjectListDto,
  SubmitKeyProjectListDto,
  YearQueryDto,
} from './dto/key-project-list.dto';
import { ExportFile, KeyProjectListExporter, XLSX_TYPE } from './key-project-lists.export';
import { KeyProjectListsService } from './key-project-lists.service';

const owned = { kind: 'owner', entity: KeyProjectListEntity } as const;
const xlsxResponse = { description: 'Excel 文件 / .xlsx file', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } };

function download(file: ExportFile): StreamableFile {
  return new StreamableFile(file.buffer, {
    type: XLSX_TYPE,
    disposition: `attachment; filename="key-project-list.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    length: file.buffer.length,
  });
}

@ApiTags('key-project-lists')
@Controller('key-project-lists')
export class KeyProjectListsController {
  constructor(
    private readonly lists: KeyProjectListsService,
    private readonly exporter: KeyProjectListExporter,
  ) {}

  @Authorize(Permission.KeyProjectListRead, { kind: 'list' })
  @Get()
  @ApiOperation({
    summary: '重点项目清单列表 / List key project lists',
    description: '分页列出调用者数据范围内各部门的重点项目清单。 / Pages through the departments’ key project lists in the caller’s scope.',
  })
  @ApiOkResponse({ type: PageOf(KeyProjectListDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: KeyProjectListQueryDto) {
    return this.lists.list(caller, query);
  }

  @Authorize(Permission.KeyProjectListRead, { kind: 'self' })
  @Get('current')
  @ApiOperation({
    summary: '本部门（镇）本年度重点项目清单 / My department’s or town’s list for the year',
    description:
      '返回调用者所在部门（镇）该年度的重点项目清单，首次访问时建立草稿。 / Returns the caller’s department’s (or town’s) key project list for the year, opening the draft on first access.',
  })
  @ApiOkResponse({ type: KeyProjectListDetailDto })
  @ApiProblems(400, 404)
  current(@Caller() caller: Principal, @Query() { year }: YearQueryDto): Promise<KeyProjectListDetailDto> {
    return this.lists.current(caller, year);
  }

  @Authorize(Permission.KeyProjectListRead, { kind: 'list' })
  @Get('coverage-plan')
  @ApiOperation({
    summary: '五年覆盖评价计划 / Five-year evaluation coverage planner',
    description:
      '范围内五年内重点项目评价覆盖的计划与进度（汇总），及各部门（镇）的计划，分页、可排序。 / The five-year evaluation coverage plan and progress over the caller’s scope (the summary), and per department or town, paged and sortable.',
  })
  @ApiOkResponse({ type: CoveragePlanDto })
  @ApiProblems(400, 404)
  coveragePlan(@Caller() caller: Principal, @Query() query: CoveragePlanQueryDto): Promise<CoveragePlanDto> {
    return this.lists.coveragePlan(caller, query);
  }

  @Authorize(Permission.KeyProjectListRead, { kind: 'list' })
  @Get('coverage-plan/projects')
  @ApiOperation({
    summary: '五年覆盖评价计划的项目 / The projects of the five-year coverage plan',
    description:
      '分页列出一个部门（镇）的重点项目及其最迟评价年度、是否已覆盖、是否逾期和计划评价年度（与汇总同一计划）。 / Pages through a department’s or town’s key projects with their due year, coverage, overdue state and planned year (the plan of the totals).',
  })
  @ApiOkResponse({ type: PageOf(CoverageProjectDto) })
  @ApiProblems(400, 404)
  coveragePlanProjects(@Caller() caller: Principal, @Query() query: CoverageProjectsQueryDto) {
    return this.lists.coveragePlanProjects(caller, query);
  }

  @Authorize(Permission.KeyProjectListRead, { kind: 'global' })
  @Get('export')
  @ApiOperation({
    summary: '导出全区重点项目清单 / Export the district’s key project lists',
    description:
      '导出全区某年度各部门的重点项目清单（附件 2 格式）。 / Exports every department’s key project list of a year (attachment 2 layout).',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse(xlsxResponse)
  @ApiProblems(400, 404)
  async exportDistrict(@Caller() caller: Principal, @Query() { year }: OptionalYearQueryDto): Promise<StreamableFile> {
    return download(await this.exporter.district(caller, year));
  }

  @Authorize(Permission.KeyProjectListRead, owned)
  @ReadsOne()
  @Get(':id')
  @ApiOperation({
    summary: '重点项目清单详情 / Get a key project list with its items',
    description: '返回清单及其项目条目。 / Returns the list with its project items.',
  })
  @ApiOkResponse({ type: KeyProjectListDetailDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<KeyProjectListDetailDto> {
    return this.lists.get(caller, id);
  }

  @Authorize(Permission.KeyProjectListRead, owned)
  @Get(':id/export')
  @ApiOperation({
    summary: '导出重点项目清单 / Export a key project list (.xlsx)',
    description: '将一份清单导出为 Excel。 / Exports one list as Excel.',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse(xlsxResponse)
  @ApiProblems(400, 404)
  async exportOne(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<StreamableFile> {
    return download(await this.exporter.one(caller, id));
  }

  @Authorize(Permission.KeyProjectListWrite, owned)
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: '报送重点项目清单 / Submit a key project list',
    description:
      '部门（镇）报送本单位清单，项目冻结为报送版本；清单为空时须填写说明。 / The department or town submits its own list, freezing its items; a note is required for an empty list.',
  })
  @ApiOkResponse({ type: KeyProjectListDetailDto })
  @ApiProblems(400, 404, 409)
  submit(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: SubmitKeyProjectListDto): Promise<KeyProjectListDetailDto> {
    return this.lists.submit(caller, id, dto);
  }

  @Authorize(Permission.KeyProjectListReview, owned)
  @Post(':id/file')
  @HttpCode(200)
  @ApiOperation({
    summary: '备案重点项目清单 / File a key project list',
    description:
      '财政局将已报送的清单备案，形成新的备案版次；报送人不能备案自己报送的清单。 / The finance bureau files a submitted list as its next revision; whoever submitted it cannot file it.',
  })
  @ApiOkResponse({ type: KeyProjectListDetailDto })
  @ApiProblems(400, 404, 409)
  file(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: FileKeyProjectListDto): Promise<KeyProjectListDetailDto> {
    return this.lists.file(caller, id, dto);
  }

  @Authorize(Permission.KeyProjectListWrite, owned)
  @Post(':id/amend')
  @HttpCode(200)
  @ApiOperation({
    summary: '修订已备案的重点项目清单 / Amend a filed key project list',
    description:
      '所属部门（镇）修订；原备案版本保留为版次，再次报送、备案后成为新版次 / by the list’s own department or town; the filed version stays as a numbered revision, refiling makes the next one',
  })
  @ApiOkResponse({ type: KeyProjectListDetailDto })
  @ApiProblems(400, 404, 409)
  amend(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: AmendKeyProjectListDto): Promise<KeyProjectListDetailDto> {
    return this.lists.amend(caller, id, dto);
  }

  @Authorize(Permission.KeyProjectListReview, owned)
  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({
    summary: '退回重点项目清单 / Return a key project list with comments',
    description: '财政局将已报送的清单附意见退回部门修改。 / The finance bureau returns a submitted list to the department with comments.',
  })
  @ApiOkResponse({ type: KeyProjectListDetailDto })
  @ApiProblems(400, 404, 409)
  giveBack(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ReturnKeyProjectListDto): Promise<KeyProjectListDetailDto> {
    return this.lists.giveBack(caller, id, dto);
  }
}
