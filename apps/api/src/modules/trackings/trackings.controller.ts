import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { ApiXlsxDownload, ApiXlsxUpload, sendXlsx, XLSX_RESPONSE } from '../../common/excel';
import { PageOf } from '../../common/list/page.dto';
import { ProjectEntity } from '../projects/entities/project.entity';
import {
  AdjustmentSuggestionDto,
  AnswerWarningDto,
  BudgetAdjustmentDto,
  CoveragePageDto,
  CoverageQueryDto,
  DashboardQueryDto,
  MonitoringDashboardDto,
  ProjectBudgetHistoryDto,
  CreateBudgetAdjustmentDto,
  CreateTrackingDto,
  ReviewTrackingDto,
  SuggestionListQueryDto,
  TrackingDetailDto,
  TrackingDto,
  TrackingImportResultDto,
  TrackingListQueryDto,
} from './dto/tracking.dto';
import { TrackingImportService } from './tracking-import.service';
import { TrackingWarningEntity } from './entities/tracking-warning.entity';
import { TrackingEntity } from './entities/tracking.entity';
import { TrackingsService } from './trackings.service';

class ProjectIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId: string;
}

@ApiTags('trackings')
@Controller('trackings')
export class TrackingsController {
  constructor(
    private readonly trackings: TrackingsService,
    private readonly imports: TrackingImportService,
  ) {}

  @Authorize(Permission.MonitoringRead, { kind: 'list' })
  @Get()
  @ApiOperation({
    summary: '绩效跟踪列表 / List trackings',
    description:
      '分页列出调用者数据范围内的绩效跟踪（双监控），含执行率、目标实现程度与预警。 / Pages through the trackings (dual monitoring) in the caller’s scope, with execution rate, degree of achievement and warnings.',
  })
  @ApiOkResponse({ type: PageOf(TrackingDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: TrackingListQueryDto) {
    return this.trackings.list(caller, query);
  }

  @Authorize(Permission.MonitoringRead, { kind: 'list' })
  @Get('coverage')
  @ApiOperation({
    summary: '跟踪覆盖情况 / Tracking coverage',
    description:
      'R9 跟踪全覆盖：本年度调用者范围内每个项目和政策的跟踪状态（已跟踪、待跟踪、逾期、目标未批复及其目标状态）和应跟踪期限，附按状态计数。 / R9 full coverage: every project and policy of the year in the caller’s scope with its tracking state (tracked, due, overdue, or not trackable with its target’s status) and deadline, with counts by state.',
  })
  @ApiOkResponse({ type: CoveragePageDto })
  @ApiProblems(400, 404)
  coverage(@Caller() caller: Principal, @Query() query: CoverageQueryDto): Promise<CoveragePageDto> {
    return this.trackings.coverage(caller, query);
  }

  @Authorize(Permission.MonitoringRead, { kind: 'list' })
  @Get('dashboard')
  @ApiOperation({
    summary: '双监控看板 / Monitoring dashboard',
    description:
      '调用者范围内：各部门和镇的预算执行与时间进度、按规则的预警、按期限的跟踪情况、重点领域资金按来源的执行（R25），均在数据库中汇总。 / In the caller’s scope: execution against time progress by department and town, warnings by rule, trackings by deadline and focus-area funds by source (R25), aggregated in the database.',
  })
  @ApiOkResponse({ type: MonitoringDashboardDto })
  @ApiProblems(400, 404)
  dashboard(@Caller() caller: Principal, @Query() query: DashboardQueryDto): Promise<MonitoringDashboardDto> {
    return this.trackings.dashboard(caller, query);
  }

  // Workbook routes answer or take binary .xlsx, so the generated scope test cannot read organization
  // ids out of them: they are declared `global`, and the service applies the caller's scope to every row.
  @Authorize(Permission.MonitoringWrite, { kind: 'global' })
  @Get('import-template')
  @ApiOperation({
    summary: '下载执行数据导入模板 / Download the execution import template (.xlsx)',
    description:
      '执行数据导入模板：表头、填写说明，以及调用者数据范围内工作年度目标已批复、可跟踪的项目清单（供参考，不导入）。 / The execution import template: the header, the instructions and, for reference (not imported), the trackable projects of the working year in the caller’s scope.',
  })
  @ApiXlsxDownload()
  @ApiOkResponse({ description: '导入模板 / the template', ...XLSX_RESPONSE })
  async importTemplate(@Caller() caller: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return sendXlsx(reply, await this.imports.template(caller), '执行数据导入模板.xlsx');
  }

  @Authorize(Permission.MonitoringWrite, { kind: 'global' })
  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: '导入执行数据（.xlsx，multipart 字段 file）/ Import executed amounts (.xlsx, multipart field "file")',
    description:
      '预算执行系统导出的执行数据：每行一个项目编码、截止日期和按资金来源的累计执行金额。整个文件先校验（项目在调用者范围内、目标已批复、日期在预算年度内、来源合计一致），全部正确才在一个事务中逐行记录跟踪（与填报相同的计算和预警）；同一项目、截止日期和金额已有跟踪的行不重复写入。大小、行数和错误数有上限。 / ' +
      'The budget system’s execution export: one row per project code and as-of date with the cumulative executed amounts by fund source. The whole file is checked first (project in your scope, target approved, date in the budget year, sources adding up) and only then written in one transaction, each row recorded as a tracking with the same computation and warnings as the form; a row whose project already has a tracking as of that date with the same amount is not written again. Size, rows and listed errors are limited.',
  })
  @ApiXlsxUpload()
  @ApiOkResponse({ type: TrackingImportResultDto })
  @ApiProblems(400, 413, 429)
  import(@Caller() caller: Principal, @Req() request: FastifyRequest): Promise<TrackingImportResultDto> {
    return this.imports.import(caller, request);
  }

  @Authorize(Permission.MonitoringRead, { kind: 'owner', entity: TrackingEntity })
  @Get(':id')
  @ReadsOne()
  @ApiOperation({
    summary: '绩效跟踪详情 / A tracking',
    description:
      '一次跟踪的全部数据：资金来源拆分、各指标读数及完成程度的计算依据、预警与答复期限。 / One tracking: the fund-source split, each indicator’s reading with how its degree was computed, warnings and answer deadlines.',
  })
  @ApiOkResponse({ type: TrackingDetailDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<TrackingDetailDto> {
    return this.trackings.get(caller, id);
  }

  @Authorize(Permission.MonitoringWrite, { kind: 'owner', entity: ProjectEntity, param: 'projectId' })
  @Post('projects/:projectId')
  @ApiOperation({
    summary: '填报项目绩效跟踪 / Record a tracking of a project',
    description:
      '按截止日期填报累计执行金额（可按资金来源拆分）和各指标完成情况；执行率和目标实现程度由系统计算，并按政策参数给出预警（N7）。目标未批复的项目返回 409。 / Records the cumulative executed amount as of a date (split by fund source if wished) and the indicators read so far; the execution rate and the degree of achievement are computed and warnings raised under the year’s profile (N7). A project whose target is not approved answers 409.',
  })
  @ApiCreatedResponse({ type: TrackingDetailDto })
  @ApiProblems(400, 404, 409)
  create(@Caller() caller: Principal, @Param() { projectId }: ProjectIdParam, @Body() dto: CreateTrackingDto): Promise<TrackingDetailDto> {
    return this.trackings.create(caller, projectId, dto);
  }

  @Authorize(Permission.MonitoringWrite, { kind: 'owner', entity: TrackingWarningEntity })
  @Post('warnings/:id/answer')
  @HttpCode(200)
  @ApiOperation({
    summary: '答复预警 / Answer a warning',
    description:
      '单位对预警选择继续实施、调整（须填调减金额）或取消，在政策参数规定的工作日内；逾期答复会被标记。 / The unit chooses continue, adjust (with the amount to take out) or cancel within the profile’s working days; a late answer is flagged.',
  })
  @ApiOkResponse({ type: TrackingDetailDto })
  @ApiProblems(400, 404, 409)
  answer(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: AnswerWarningDto): Promise<TrackingDetailDto> {
    return this.trackings.answer(caller, id, dto);
  }

  @Authorize(Permission.MonitoringReview, { kind: 'owner', entity: TrackingEntity })
  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({
    summary: '审核绩效跟踪 / Review a tracking',
    description:
      '财政局审核跟踪及其预警答复（填报人不能审核）；答复为调整或取消的，生成年度预算调整建议。 / The bureau reviews the tracking and its answers (not whoever recorded it); adjust and cancel answers become in-year budget adjustment suggestions.',
  })
  @ApiOkResponse({ type: TrackingDetailDto })
  @ApiProblems(400, 403, 404, 409)
  review(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ReviewTrackingDto): Promise<TrackingDetailDto> {
    return this.trackings.review(caller, id, dto);
  }

  @Authorize(Permission.MonitoringRead, { kind: 'list' })
  @Get('adjustment-suggestions')
  @ApiOperation({
    summary: '预算调整建议列表 / Budget adjustment suggestions',
    description:
      '分页列出由预警答复产生的年度预算调整建议，供结果应用使用。 / Pages through the in-year budget adjustment suggestions that came from answered warnings, for the result-application work.',
  })
  @ApiOkResponse({ type: PageOf(AdjustmentSuggestionDto) })
  @ApiProblems(400)
  suggestions(@Caller() caller: Principal, @Query() query: SuggestionListQueryDto) {
    return this.trackings.suggestions(caller, query);
  }

  @Authorize(Permission.MonitoringRead, { kind: 'owner', entity: ProjectEntity, param: 'projectId' })
  @Get('projects/:projectId/budget-adjustments')
  @ApiOperation({
    summary: '项目调整后预算历史 / Adjusted budgets of a project',
    description:
      '项目的年初预算、最新调整后预算及经批准的调整历史（新者在前）。 / The project’s budget, its latest approved adjusted budget and the history of adjustments, newest first.',
  })
  @ApiOkResponse({ type: ProjectBudgetHistoryDto })
  @ApiProblems(400, 404)
  budgetAdjustments(@Caller() caller: Principal, @Param() { projectId }: ProjectIdParam): Promise<ProjectBudgetHistoryDto> {
    return this.trackings.budgetAdjustments(caller, projectId);
  }

  @Authorize(Permission.MonitoringReview, { kind: 'owner', entity: ProjectEntity, param: 'projectId' })
  @Post('projects/:projectId/budget-adjustments')
  @ApiOperation({
    summary: '登记调整后预算 / Record an adjusted budget',
    description:
      '财政局登记项目经批准的调整后预算；此后截止日期在批准日之后的跟踪以其计算执行率。 / The bureau records an approved adjusted budget; trackings as of that date or later compute their execution rate on it.',
  })
  @ApiCreatedResponse({ type: BudgetAdjustmentDto })
  @ApiProblems(400, 404)
  addBudgetAdjustment(
    @Caller() caller: Principal,
    @Param() { projectId }: ProjectIdParam,
    @Body() dto: CreateBudgetAdjustmentDto,
  ): Promise<BudgetAdjustmentDto> {
    return this.trackings.addBudgetAdjustment(caller, projectId, dto);
  }
}
