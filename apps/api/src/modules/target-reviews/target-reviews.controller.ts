import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import { TargetEntity } from '../targets/entities/target.entity';
import { ExpertReviewEntity } from './entities/expert-review.entity';
import {
  AssignExpertsDto,
  CreateExpertDto,
  ExpertDto,
  ExpertListQueryDto,
  ExpertReviewDetailDto,
  ExpertReviewDto,
  ExpertReviewListQueryDto,
  SubmitExpertReviewDto,
  UpdateExpertDto,
} from './dto/target-review.dto';
import { TargetReviewsService } from './target-reviews.service';

class TargetIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  targetId: string;
}

/** An expert reaches a review through the assignment; everyone else through the target's organization. */
const review = { kind: 'owner', entity: ExpertReviewEntity, assignee: { column: 'expertUserId', match: 'user' } } as const;

@ApiTags('target-reviews')
@Controller('target-reviews')
export class TargetReviewsController {
  constructor(private readonly reviews: TargetReviewsService) {}

  @Authorize(Permission.TargetReviewRead, { kind: 'self' })
  @Get('mine')
  @ApiOperation({
    summary: '我的评审任务 / My assigned reviews',
    description: '分页列出指派给调用者本人的评审任务。 / Pages through the reviews assigned to the caller.',
  })
  @ApiOkResponse({ type: PageOf(ExpertReviewDto) })
  @ApiProblems(400)
  mine(@Caller() caller: Principal, @Query() query: ExpertReviewListQueryDto) {
    return this.reviews.mine(caller, query);
  }

  @Authorize(Permission.TargetReviewRead, review)
  @Get(':id')
  @ReadsOne()
  @ApiOperation({
    summary: '评审任务详情 / Get an expert review',
    description: '返回一项评审任务及被评审的目标内容。 / Returns one review with the target under review.',
  })
  @ApiOkResponse({ type: ExpertReviewDetailDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<ExpertReviewDetailDto> {
    return this.reviews.get(caller, id);
  }

  @Authorize(Permission.TargetReviewWrite, review)
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: '提交评分和意见 / Submit a score and an opinion',
    description: '被指派的专家提交评分和意见。 / The assigned expert submits a score and an opinion.',
  })
  @ApiOkResponse({ type: ExpertReviewDetailDto })
  @ApiProblems(400, 404, 409)
  submit(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: SubmitExpertReviewDto): Promise<ExpertReviewDetailDto> {
    return this.reviews.submit(caller, id, dto);
  }

  @Authorize(Permission.TargetReview, { kind: 'owner', entity: TargetEntity, param: 'targetId' })
  @Post(':targetId/assignments')
  @ApiOperation({
    summary: '指派评审专家（利益冲突回避）/ Assign experts, with conflict-of-interest recusal',
    description:
      '为目标指派评审专家；与项目单位有利益关系的专家被回避。 / Assigns experts to a target; experts with a conflict of interest with its organization are refused.',
  })
  @ApiCreatedResponse({ type: [ExpertReviewDto] })
  @ApiProblems(400, 404, 409)
  assign(@Caller() caller: Principal, @Param() { targetId }: TargetIdParam, @Body() dto: AssignExpertsDto): Promise<ExpertReviewDto[]> {
    return this.reviews.assign(caller, targetId, dto);
  }
}

@ApiTags('experts')
@Controller('experts')
export class ExpertsController {
  constructor(private readonly reviews: TargetReviewsService) {}

  @Authorize(Permission.TargetReview, { kind: 'global' })
  @Get()
  @ApiOperation({ summary: '评审专家库 / The expert pool', description: '分页列出专家库中的专家。 / Pages through the expert pool.' })
  @ApiOkResponse({ type: PageOf(ExpertDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: ExpertListQueryDto) {
    return this.reviews.listExperts(caller, query);
  }

  @Authorize(Permission.TargetReview, { kind: 'global' })
  @Post()
  @ApiOperation({ summary: '专家入库 / Add an expert to the pool', description: '将专家加入专家库。 / Adds an expert to the pool.' })
  @ApiCreatedResponse({ type: ExpertDto })
  @ApiProblems(400, 409)
  create(@Caller() caller: Principal, @Body() dto: CreateExpertDto): Promise<ExpertDto> {
    return this.reviews.createExpert(caller, dto);
  }

  @Authorize(Permission.TargetReview, { kind: 'global' })
  @Patch(':id')
  @ApiOperation({ summary: '修改专家信息 / Update an expert', description: '修改专家信息。 / Updates an expert’s details.' })
  @ApiOkResponse({ type: ExpertDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: UpdateExpertDto): Promise<ExpertDto> {
    return this.reviews.updateExpert(caller, id, dto);
  }
}
