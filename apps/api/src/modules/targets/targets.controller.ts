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
import { TargetChangeRequestEntity } from './entities/target-change-request.entity';
import { TargetEntity } from './entities/target.entity';
import {
  CommentedStepDto,
  ConcludeReviewDto,
  CreateTargetDto,
  PassTargetDto,
  PickForExpertReviewDto,
  QualityCheckDto,
  ReturnTargetDto,
  TargetDetailDto,
  TargetDto,
  TargetListQueryDto,
  UpdateTargetDto,
  VersionDto,
} from './dto/target.dto';
import {
  ChangeRequestDto,
  ChangeRequestListQueryDto,
  CreateChangeRequestDto,
  RejectChangeRequestDto,
  ReviewChangeRequestDto,
} from './dto/change-request.dto';
import { TargetsService } from './targets.service';

class ProjectIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId: string;
}

const target = { kind: 'owner', entity: TargetEntity } as const;
const changeRequest = { kind: 'owner', entity: TargetChangeRequestEntity } as const;

@ApiTags('targets')
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Authorize(Permission.TargetRead, { kind: 'list' })
  @Get()
  @ApiOperation({
    summary: '绩效目标列表 / List performance targets',
    description: '分页列出调用者数据范围内的绩效目标。 / Pages through the performance targets in the caller’s scope.',
  })
  @ApiOkResponse({ type: PageOf(TargetDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: TargetListQueryDto) {
    return this.targets.list(caller, query);
  }

  @Authorize(Permission.TargetRead, { kind: 'list' })
  @Get('change-requests')
  @ApiOperation({
    summary: '绩效目标调整申请列表 / List target change requests',
    description: '分页列出已批复目标的调整申请。 / Pages through change requests of approved targets.',
  })
  @ApiOkResponse({ type: PageOf(ChangeRequestDto) })
  @ApiProblems(400)
  listChangeRequests(@Caller() caller: Principal, @Query() query: ChangeRequestListQueryDto) {
    return this.targets.listChangeRequests(caller, query);
  }

  @Authorize(Permission.TargetRead, changeRequest)
  @Get('change-requests/:id')
  @ReadsOne()
  @ApiOperation({
    summary: '调整申请详情 / Get a change request',
    description: '返回一条调整申请及其拟修改内容。 / Returns one change request with its proposed changes.',
  })
  @ApiOkResponse({ type: ChangeRequestDto })
  @ApiProblems(400, 404)
  getChangeRequest(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<ChangeRequestDto> {
    return this.targets.getChangeRequest(caller, id);
  }

  @Authorize(Permission.TargetReview, changeRequest)
  @Post('change-requests/:id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: '同意调整申请 / Approve a change request',
    description:
      '财政局同意调整申请：拟修改内容替换目标，修订号加一；申请人不能同意自己的申请。 / The bureau approves a change request: the proposal replaces the target, revision + 1; whoever asked cannot approve it.',
  })
  @ApiOkResponse({ type: ChangeRequestDto })
  @ApiProblems(400, 404, 409)
  approveChangeRequest(
    @Caller() caller: Principal,
    @Param() { id }: IdParam,
    @Body() dto: ReviewChangeRequestDto,
  ): Promise<ChangeRequestDto> {
    return this.targets.approveChangeRequest(caller, id, dto);
  }

  @Authorize(Permission.TargetReview, changeRequest)
  @Post('change-requests/:id/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: '驳回调整申请 / Reject a change request',
    description: '财政局附意见驳回调整申请，原目标不变。 / The bureau rejects a change request with a comment; the target stays as it was.',
  })
  @ApiOkResponse({ type: ChangeRequestDto })
  @ApiProblems(400, 404, 409)
  rejectChangeRequest(
    @Caller() caller: Principal,
    @Param() { id }: IdParam,
    @Body() dto: RejectChangeRequestDto,
  ): Promise<ChangeRequestDto> {
    return this.targets.rejectChangeRequest(caller, id, dto);
  }

  @Authorize(Permission.TargetRead, target)
  @Get(':id')
  @ReadsOne()
  @ApiOperation({
    summary: '绩效目标详情 / Get a performance target',
    description:
      '返回绩效目标及其指标、流转记录和调用者现在可执行的操作。 / Returns the target with its indicators, history and the actions the caller may take now.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<TargetDetailDto> {
    return this.targets.get(caller, id);
  }

  @Authorize(Permission.TargetRead, target)
  @Get(':id/quality-check')
  @ApiOperation({
    summary: '绩效目标质量检查 / Quality check of a target',
    description:
      '按年度政策参数检查目标及其指标并列出问题。 / Checks the target and its indicators under the year’s policy profile and lists the findings.',
  })
  @ApiOkResponse({ type: QualityCheckDto })
  @ApiProblems(400, 404)
  qualityCheck(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<QualityCheckDto> {
    return this.targets.qualityCheck(caller, id);
  }

  @Authorize(Permission.TargetWrite, { kind: 'owner', entity: ProjectEntity, param: 'projectId' })
  @Post('projects/:projectId')
  @ApiOperation({
    summary: '为项目编制绩效目标 / Create the target of a project',
    description: '为项目编制绩效目标（每个项目一个）。 / Creates the performance target of a project (one per project).',
  })
  @ApiCreatedResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  create(@Caller() caller: Principal, @Param() { projectId }: ProjectIdParam, @Body() dto: CreateTargetDto): Promise<TargetDetailDto> {
    return this.targets.create(caller, projectId, dto);
  }

  @Authorize(Permission.TargetWrite, target)
  @Put(':id')
  @ApiOperation({
    summary: '修改绩效目标（草稿或已退回）/ Edit a draft or returned target',
    description:
      '修改草稿、已退回或协商中的目标；指标整体替换。 / Updates a draft, returned or in-consultation target; the indicators are replaced as a whole set.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: UpdateTargetDto): Promise<TargetDetailDto> {
    return this.targets.update(caller, id, dto);
  }

  @Authorize(Permission.TargetWrite, target)
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: '提交绩效目标审核 / Submit a target for review',
    description:
      '提交目标：单位的目标先报主管部门预审，其他报财政局；未通过阻断性质量检查时拒绝。 / Submits the target — a unit’s to its department first, others to the bureau; refused while a blocking quality check fails.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  submit(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: VersionDto): Promise<TargetDetailDto> {
    return this.targets.submit(caller, id, dto);
  }

  @Authorize(Permission.TargetReview, target)
  @Post(':id/pass')
  @HttpCode(200)
  @ApiOperation({
    summary: '审核通过 / Pass the review',
    description:
      '财政局审核通过目标：重点项目或被选取的目标转入专家评审，其他直接批复；提交人不能审核自己提交的目标。 / The bureau passes the target: key-list or picked targets go to expert review, others are approved; whoever submitted it cannot pass it.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  pass(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: PassTargetDto): Promise<TargetDetailDto> {
    return this.targets.pass(caller, id, dto);
  }

  @Authorize(Permission.TargetReview, target)
  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({
    summary: '退回修改（附逐项意见）/ Return with comments per indicator',
    description: '财政局附逐项意见退回目标修改。 / The bureau returns the target with comments per indicator.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  returnTarget(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ReturnTargetDto): Promise<TargetDetailDto> {
    return this.targets.returnTarget(caller, id, dto);
  }

  @Authorize(Permission.TargetReview, target)
  @Put(':id/expert-review-pick')
  @ApiOperation({
    summary: '选取专家评审 / Pick a target for expert review',
    description: '财政局选取或取消选取目标进入专家评审。 / The bureau picks (or unpicks) the target for expert review.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  pick(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: PickForExpertReviewDto): Promise<TargetDetailDto> {
    return this.targets.pick(caller, id, dto);
  }

  @Authorize(Permission.TargetReview, target)
  @Post(':id/conclude-review')
  @HttpCode(200)
  @ApiOperation({
    summary: '形成专家评审结论 / Conclude the expert review',
    description:
      '专家全部评分后形成评审结论：平均分定等级（优/良/中/差），据此批复、协商、退回或不予通过；提交人和评分专家不能形成结论。 / Once every expert has scored, concludes the review: the average gives the grade (excellent/good/fair/poor), which approves, consults, returns or rejects; neither the submitter nor a scoring expert may conclude.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  conclude(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ConcludeReviewDto): Promise<TargetDetailDto> {
    return this.targets.concludeReview(caller, id, dto);
  }

  @Authorize(Permission.TargetPreReview, target)
  @Post(':id/department-review/pass')
  @HttpCode(200)
  @ApiOperation({
    summary: '主管部门预审通过，报送财政局 / The department passes its unit’s target on to the bureau',
    description:
      '主管部门预审通过所属单位的目标，报送财政局（谁批预算谁批目标：仅该单位的主管部门或镇/街道；提交人不能预审通过）。 / The department passes its unit’s target on to the bureau (only the unit’s own department or town; never whoever submitted it).',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  departmentPass(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: PassTargetDto): Promise<TargetDetailDto> {
    return this.targets.departmentPass(caller, id, dto);
  }

  @Authorize(Permission.TargetPreReview, target)
  @Post(':id/department-review/return')
  @HttpCode(200)
  @ApiOperation({
    summary: '主管部门预审退回（附逐项意见）/ The department returns its unit’s target with comments',
    description: '主管部门附逐项意见将所属单位的目标退回修改。 / The department returns its unit’s target with comments per indicator.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  departmentReturn(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ReturnTargetDto): Promise<TargetDetailDto> {
    return this.targets.departmentReturn(caller, id, dto);
  }

  @Authorize(Permission.TargetWrite, target)
  @Post(':id/consultation/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: '提交协商修改（评审为良）/ Submit the revision made in consultation (graded 良)',
    description:
      '部门按协商意见修改后提交财政局确认；须通过阻断性质量检查。 / The department submits the revision made with the bureau’s comments for confirmation; refused while a blocking quality check fails.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  consultationSubmit(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: PassTargetDto): Promise<TargetDetailDto> {
    return this.targets.consultationSubmit(caller, id, dto);
  }

  @Authorize(Permission.TargetReview, target)
  @Post(':id/consultation/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: '确认协商结果，批复目标 / Confirm the consultation: the target is approved',
    description:
      '财政局确认协商修改，目标批复，无需再次专家评审；提交修改的人不能确认。 / The bureau confirms the revision and the target is approved, with no second expert round; whoever submitted the revision cannot confirm it.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  consultationConfirm(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: PassTargetDto): Promise<TargetDetailDto> {
    return this.targets.consultationConfirm(caller, id, dto);
  }

  @Authorize(Permission.TargetReview, target)
  @Post(':id/consultation/return')
  @HttpCode(200)
  @ApiOperation({
    summary: '协商修改退回（附意见，仍在协商中）/ Send the revision back with comments (consultation continues)',
    description: '财政局在协商中附意见退回修改稿，协商继续。 / The bureau sends the revision back with comments; consultation continues.',
  })
  @ApiOkResponse({ type: TargetDetailDto })
  @ApiProblems(400, 404, 409)
  consultationReturn(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: CommentedStepDto): Promise<TargetDetailDto> {
    return this.targets.consultationReturn(caller, id, dto);
  }

  @Authorize(Permission.TargetWrite, target)
  @Post(':id/change-requests')
  @ApiOperation({
    summary: '提交绩效目标调整申请 / Request a change to an approved target',
    description:
      '对已批复的目标提出调整申请，附理由和拟修改内容。 / Requests a change to an approved target with a reason and the proposed changes.',
  })
  @ApiCreatedResponse({ type: ChangeRequestDto })
  @ApiProblems(400, 404, 409)
  createChangeRequest(
    @Caller() caller: Principal,
    @Param() { id }: IdParam,
    @Body() dto: CreateChangeRequestDto,
  ): Promise<ChangeRequestDto> {
    return this.targets.createChangeRequest(caller, id, dto);
  }
}
