import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import {
  ConcludeSpotCheckDto,
  DrawSpotCheckDto,
  SetSpotCheckVerdictDto,
  SpotCheckDetailDto,
  SpotCheckDto,
  SpotCheckListQueryDto,
} from './dto/evaluation-spot-check.dto';
import { EvaluationSpotChecksService } from './evaluation-spot-checks.service';

class ItemParams extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  itemId: string;
}

/**
 * The bureau's spot-checks of self-evaluation quality. Spot-checks span the district (or a
 * department's subtree) and belong to no one organization, so every route is declared `global` and
 * the service requires district-wide scope; every route takes evaluation:review (the bureau's,
 * district-only). Auditors follow each draw, verdict and conclusion in the audit log, which records
 * the population, the sampled evaluations and who acted when.
 */
@ApiTags('evaluation-spot-checks')
@Controller('evaluation-spot-checks')
export class EvaluationSpotChecksController {
  constructor(private readonly spotChecks: EvaluationSpotChecksService) {}

  @Authorize(Permission.EvaluationReview, { kind: 'global' })
  @Get()
  @ApiOperation({
    summary: '自评质量抽查列表 / List self-evaluation spot checks',
    description:
      '分页列出财政局对单位自评质量的抽查：被评价年度、抽取范围、抽查数量与抽取时的总数、抽取人和时间、已给出结论和不合格的数量、状态。仅限财政局。 / Pages through the bureau’s spot checks of self-evaluation quality: evaluated year, range drawn from, sample size and the population at the draw, who drew it and when, how many have a verdict and how many are deficient, status. The bureau only.',
  })
  @ApiOkResponse({ type: PageOf(SpotCheckDto) })
  @ApiProblems(400, 403)
  list(@Caller() caller: Principal, @Query() query: SpotCheckListQueryDto) {
    return this.spotChecks.list(caller, query);
  }

  @Authorize(Permission.EvaluationReview, { kind: 'global' })
  @Get(':id')
  @ApiOperation({
    summary: '自评质量抽查详情 / A self-evaluation spot check',
    description:
      '抽查的记录与抽中的每份自评（项目编码和名称、单位、得分、等级、评价 id），按抽取顺序，附结论和发现的问题。 / The spot check and each sampled self-evaluation (project code and name, organization, score, grade, evaluation id) in the order drawn, with verdicts and findings.',
  })
  @ApiOkResponse({ type: SpotCheckDetailDto })
  @ApiProblems(400, 403, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<SpotCheckDetailDto> {
    return this.spotChecks.get(caller, id);
  }

  @Authorize(Permission.EvaluationReview, { kind: 'global' })
  @Post()
  @ApiOperation({
    summary: '抽取自评质量抽查样本 / Draw a spot-check sample',
    description:
      '从被评价年度已完成、且本年度此前抽查未抽中的单位自评中（可限定某部门或镇及其下级单位）随机抽取指定数量，记录抽取人、时间和抽取时的总数。数量超过可抽取数返回 400。办结后，被抽中单位在评价详情（spotCheck）中看到结论。 / Draws the given number at random from the evaluated year’s completed self-evaluations not sampled by an earlier spot check of that year (optionally within one department or town and its units), recording who drew it, when and the population at the draw. A size above the population answers 400. Once concluded, the sampled organization sees the verdict in the evaluation’s detail (`spotCheck`).',
  })
  @ApiCreatedResponse({ type: SpotCheckDetailDto })
  @ApiProblems(400, 403)
  draw(@Caller() caller: Principal, @Body() dto: DrawSpotCheckDto): Promise<SpotCheckDetailDto> {
    return this.spotChecks.draw(caller, dto);
  }

  @Authorize(Permission.EvaluationReview, { kind: 'global' })
  @Put(':id/items/:itemId')
  @ApiOperation({
    summary: '记录抽查结论 / Record a verdict on a sampled evaluation',
    description:
      '对抽中的一份自评给出结论：adequate 质量合格，deficient 质量不合格（须写明发现的问题，否则 400）；抽查完成后 409。须带该条读取时的 version。 / Records the verdict on one sampled self-evaluation: adequate, or deficient (findings required, else 400); 409 once the spot check is concluded. Send the item’s version read.',
  })
  @ApiOkResponse({ type: SpotCheckDetailDto })
  @ApiProblems(400, 403, 404, 409)
  setVerdict(
    @Caller() caller: Principal,
    @Param() { id, itemId }: ItemParams,
    @Body() dto: SetSpotCheckVerdictDto,
  ): Promise<SpotCheckDetailDto> {
    return this.spotChecks.setVerdict(caller, id, itemId, dto);
  }

  @Authorize(Permission.EvaluationReview, { kind: 'global' })
  @Post(':id/conclude')
  @HttpCode(200)
  @ApiOperation({
    summary: '完成自评质量抽查 / Conclude a spot check',
    description:
      '每份抽中的自评都已给出结论后，填写抽查结论并完成抽查；尚有未给结论的返回 409。须带抽查读取时的 version。 / Concludes the spot check with its conclusion once every sampled self-evaluation has a verdict; 409 while any is pending. Send the spot check’s version read.',
  })
  @ApiOkResponse({ type: SpotCheckDetailDto })
  @ApiProblems(400, 403, 404, 409)
  conclude(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ConcludeSpotCheckDto): Promise<SpotCheckDetailDto> {
    return this.spotChecks.conclude(caller, id, dto);
  }
}
