import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import { ProjectEntity } from '../projects/entities/project.entity';
import {
  CreateEvaluationDto,
  EvaluationCoverageDto,
  EvaluationCoverageQueryDto,
  EvaluationDetailDto,
  EvaluationDto,
  EvaluationListQueryDto,
  FinanceKeyCandidatesDto,
  FinanceKeyQueryDto,
  FinanceKeySelectionDto,
  ReviewEvaluationDto,
  SaveEvaluationDto,
  SelectFinanceKeyDto,
  VersionDto,
} from './dto/evaluation.dto';
import { FinanceKeyService } from './finance-key.service';
import { EvaluationEntity } from './entities/evaluation.entity';
import { EVALUATION_AGENCY_ASSIGNEE, EvaluationsService } from './evaluations.service';

/** The evaluated organization owns it; the agency it is commissioned to (R13) reaches it through its assignment. */
const ownedOrAssigned = { kind: 'owner', entity: EvaluationEntity, assignee: EVALUATION_AGENCY_ASSIGNEE } as const;

class ProjectIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId: string;
}

@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationsController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly financeKey: FinanceKeyService,
  ) {}

  @Authorize(Permission.EvaluationRead, { kind: 'list' })
  @Get()
  @ApiOperation({
    summary: '绩效评价列表 / List evaluations',
    description:
      '分页列出调用者数据范围内的绩效评价（单位自评、部门评价、财政重点评价），含得分、等级、状态和受托机构；year 为被评价的预算年度。第三方机构只看到委托给本机构的评价。 / Pages through the evaluations in the caller’s scope (self, department, finance key) with score, grade, status and the commissioned agency; `year` is the evaluated budget year. An agency sees only the evaluations commissioned to it.',
  })
  @ApiOkResponse({ type: PageOf(EvaluationDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: EvaluationListQueryDto) {
    return this.evaluations.list(caller, query);
  }

  @Authorize(Permission.EvaluationRead, { kind: 'list' })
  @Get('coverage')
  @ApiOperation({
    summary: '单位自评覆盖情况 / Self-evaluation coverage',
    description:
      'R11 自评全覆盖：被评价年度（默认工作年度的上一年）每个部门和镇（含下级单位）应自评的项目、政策和部门整体支出，未开始、填报中、待审核、已完成各多少，以及完成期限。 / R11 full coverage: for every department and town (units included), how many projects, policies and overall expenditures of the evaluated year (default: the year before the working year) have not started, are in progress, await review or are completed, with the deadline.',
  })
  @ApiOkResponse({ type: EvaluationCoverageDto })
  @ApiProblems(400)
  coverage(@Caller() caller: Principal, @Query() query: EvaluationCoverageQueryDto): Promise<EvaluationCoverageDto> {
    return this.evaluations.coverage(caller, query);
  }

  // District-only (evaluation:review is the bureau's): the ranking is of the whole district, so it is
  // declared `global`; the district-only suite walks it with a key of narrower reach (403).
  @Authorize(Permission.EvaluationReview, { kind: 'global' })
  @Get('finance-key/candidates')
  @ApiOperation({
    summary: '财政重点评价候选排名 / Finance key evaluation candidates',
    description:
      'R14：被评价年度（默认工作年度的上一年）目标已批复的项目、政策和部门整体支出，按政策参数的标准（该年执行率（最近一次跟踪）、管理链条、民生、百姓关注度）打分排名，列出每项标准的贡献；附应选数量和已作出的选定。 / R14: the evaluated year’s projects, policies and overall expenditures with an approved target, scored and ranked on the profile’s criteria (the year’s execution rate from the last tracking, management chain, livelihood, public attention) with each criterion’s contribution; with the number to select and the selection made.',
  })
  @ApiOkResponse({ type: FinanceKeyCandidatesDto })
  @ApiProblems(400, 403, 404)
  financeKeyCandidates(@Caller() caller: Principal, @Query() query: FinanceKeyQueryDto): Promise<FinanceKeyCandidatesDto> {
    return this.financeKey.candidates(caller, query);
  }

  @Authorize(Permission.EvaluationReview, { kind: 'global' })
  @Post('finance-key/selection')
  @ApiOperation({
    summary: '选定财政重点评价 / Select the finance key evaluations',
    description:
      'R14：财政局按排名选定政策参数规定的数量（2022 年 10 个），可加入或移出个别项目，每项调整须说明理由；选定后为每个项目开展财政重点评价。每个年度只选定一次。 / R14: the bureau selects the profile’s number (10 in 2022) by the ranking, adding or removing candidates each with a recorded reason; each selected one gets a finance key evaluation. Once per evaluated year.',
  })
  @ApiCreatedResponse({ type: FinanceKeySelectionDto })
  @ApiProblems(400, 403, 404, 409)
  selectFinanceKey(@Caller() caller: Principal, @Body() dto: SelectFinanceKeyDto): Promise<FinanceKeySelectionDto> {
    return this.financeKey.select(caller, dto);
  }

  @Authorize(Permission.EvaluationRead, ownedOrAssigned)
  @Get(':id')
  @ReadsOne()
  @ApiOperation({
    summary: '绩效评价详情 / An evaluation',
    description:
      '评价的全部内容：各指标的目标值、实际值和说明，得分 `score`（两位小数）、等级 `grade`，以及每一分由哪条规则给出的明细。 / The evaluation: each indicator’s target, actual value and explanation, `score` (two places), `grade` and the breakdown naming the rule that gave each point.',
  })
  @ApiOkResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<EvaluationDetailDto> {
    return this.evaluations.get(caller, id);
  }

  @Authorize(Permission.EvaluationWrite, { kind: 'owner', entity: ProjectEntity, param: 'projectId' })
  @Post('projects/:projectId')
  @ApiOperation({
    summary: '开展绩效评价 / Start an evaluation of a project',
    description:
      '对项目、政策或部门整体支出开展评价（kind：self 单位自评、department 部门评价（重点项目）、finance_key 财政重点评价（仅财政局））；以已批复目标和最近一次跟踪预填。目标未批复返回 409。 / Starts an evaluation of a project, policy or overall expenditure (kind: self, department — key-list projects —, finance_key — the bureau only), pre-filled from the approved target and the last tracking. A target not approved answers 409.',
  })
  @ApiCreatedResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 403, 404, 409)
  create(
    @Caller() caller: Principal,
    @Param() { projectId }: ProjectIdParam,
    @Body() dto: CreateEvaluationDto,
  ): Promise<EvaluationDetailDto> {
    return this.evaluations.create(caller, projectId, dto);
  }

  @Authorize(Permission.EvaluationWrite, ownedOrAssigned)
  @Put(':id')
  @ApiOperation({
    summary: '保存绩效评价 / Save an evaluation',
    description:
      '保存实际值、说明、执行金额、指标体系得分和发现的问题，并重新计算得分和等级（只改所列内容；须带读取时的 version）。已委托第三方的评价由受托机构填报（其他人返回 409 EVALUATION_COMMISSIONED_TO_AGENCY）。 / Saves actual values, explanations, the executed amount, indicator-system scores and findings and recomputes the score and grade (only what is listed changes; send the version read). A commissioned evaluation is entered by the agency (anyone else: 409 EVALUATION_COMMISSIONED_TO_AGENCY).',
  })
  @ApiOkResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 404, 409)
  save(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: SaveEvaluationDto): Promise<EvaluationDetailDto> {
    return this.evaluations.save(caller, id, dto);
  }

  @Authorize(Permission.EvaluationWrite, ownedOrAssigned)
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: '提交绩效评价 / Submit an evaluation',
    description:
      '提交完整的评价；缺少实际值或未完全实现指标的说明时返回 400 并列出。单位的自评提交后由主管部门（镇）审核，其余评价提交即完成。 / Submits a complete evaluation; missing values or explanations answer 400 listing them. A unit’s self-evaluation then awaits its department’s (town’s) review; the others are completed at once.',
  })
  @ApiOkResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 404, 409)
  submit(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: VersionDto): Promise<EvaluationDetailDto> {
    return this.evaluations.submit(caller, id, dto);
  }

  @Authorize(Permission.EvaluationPreReview, { kind: 'owner', entity: EvaluationEntity })
  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({
    summary: '审核单位自评 / Review a unit’s self-evaluation',
    description:
      '主管部门（镇）确认单位提交的自评（确认后计入）或退回修改（须填意见）；提交人不能审核。 / The department (town) confirms a unit’s submitted self-evaluation (it then counts) or returns it with a comment; never whoever submitted it.',
  })
  @ApiOkResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 403, 404, 409)
  review(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ReviewEvaluationDto): Promise<EvaluationDetailDto> {
    return this.evaluations.review(caller, id, dto);
  }
}
