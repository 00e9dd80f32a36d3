import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import { ApiUploadBody } from '../../common/http/api-upload-body';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import { sendFile } from '../files/file-response';
import { ProjectEntity } from '../projects/entities/project.entity';
import { PreAssessmentEntity } from './entities/pre-assessment.entity';
import {
  AcceptPreAssessmentDto,
  AgencyOptionDto,
  AttachReportDto,
  CompleteAdjustmentDto,
  CreatePreAssessmentDto,
  PreAssessmentDto,
  PreAssessmentListQueryDto,
  PreAssessmentReportDto,
  ProjectIdParam,
  ReportAltQueryDto,
  ReturnPreAssessmentDto,
  UpdatePreAssessmentDto,
  WorkflowStepDto,
} from './dto/pre-assessment.dto';
import { AGENCY_ASSIGNEE, PreAssessmentsService } from './pre-assessments.service';

/** The project's organization owns it; a commissioned agency reaches it through its assignment. */
const owned = { kind: 'owner', entity: PreAssessmentEntity, assignee: AGENCY_ASSIGNEE } as const;

@ApiTags('pre-assessments')
@Controller('pre-assessments')
export class PreAssessmentsController {
  constructor(private readonly preAssessments: PreAssessmentsService) {}

  @Authorize(Permission.PreAssessmentRead, { kind: 'list' })
  @Get()
  @ApiOperation({
    summary: '事前绩效评估列表 / List pre-assessments',
    description:
      '分页列出调用者可见的事前绩效评估（受托机构只见其受托评估）。 / Pages through the pre-assessments the caller sees (an agency only those commissioned to it).',
  })
  @ApiOkResponse({ type: PageOf(PreAssessmentDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: PreAssessmentListQueryDto) {
    return this.preAssessments.list(caller, query);
  }

  @Authorize(Permission.PreAssessmentWrite, { kind: 'global' })
  @Get('agencies')
  @ApiOperation({
    summary: '可委托的第三方机构 / Agencies that can be commissioned',
    description: '列出可委托开展评估的第三方机构。 / Lists the agencies that can be commissioned.',
  })
  @ApiOkResponse({ type: [AgencyOptionDto] })
  @ApiProblems(400)
  agencies(): Promise<AgencyOptionDto[]> {
    return this.preAssessments.agencies();
  }

  @Authorize(Permission.PreAssessmentWrite, { kind: 'owner', entity: ProjectEntity, param: 'projectId' })
  @Post('projects/:projectId')
  @ApiOperation({
    summary: '为项目开展事前绩效评估 / Start the pre-assessment of a project',
    description:
      '每个项目一份；新增重大项目或基建项目必须开展（required），其他项目可自愿开展。 / One per project; required for new major or capital-construction projects, voluntary otherwise.',
  })
  @ApiCreatedResponse({ type: PreAssessmentDto })
  @ApiProblems(400, 404, 409)
  create(
    @Caller() caller: Principal,
    @Param() { projectId }: ProjectIdParam,
    @Body() dto: CreatePreAssessmentDto,
  ): Promise<PreAssessmentDto> {
    return this.preAssessments.create(caller, projectId, dto);
  }

  @Authorize(Permission.PreAssessmentRead, owned)
  @Get(':id')
  @ReadsOne()
  @ApiOperation({
    summary: '事前绩效评估详情 / Get a pre-assessment',
    description: '返回评估的得分、意见、结论和状态。 / Returns the assessment’s scores, opinions, conclusion and state.',
  })
  @ApiOkResponse({ type: PreAssessmentDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<PreAssessmentDto> {
    return this.preAssessments.get(caller, id);
  }

  @Authorize(Permission.PreAssessmentWrite, owned)
  @Patch(':id')
  @ApiOperation({
    summary: '填写评估得分、意见和结论 / Update scores, opinions and conclusion',
    description:
      '填写或修改评估得分、意见和结论（草稿或退回状态，带版本号）。 / Fills in scores, opinions and conclusion while draft or returned (versioned).',
  })
  @ApiOkResponse({ type: PreAssessmentDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: UpdatePreAssessmentDto): Promise<PreAssessmentDto> {
    return this.preAssessments.update(caller, id, dto);
  }

  @Authorize(Permission.PreAssessmentWrite, owned)
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: '提交财政局审核 / Submit to the finance bureau',
    description:
      '将评估提交财政局审核；须已填写完整并附报告。 / Submits the assessment for bureau review; it must be complete with its report.',
  })
  @ApiOkResponse({ type: PreAssessmentDto })
  @ApiProblems(400, 404, 409)
  submit(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: WorkflowStepDto): Promise<PreAssessmentDto> {
    return this.preAssessments.submit(caller, id, dto);
  }

  @Authorize(Permission.PreAssessmentReview, owned)
  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: '审核通过 / Accept',
    description:
      '财政局审核通过评估；提交人不能审核通过自己提交的评估。 / The bureau accepts the assessment; whoever submitted it cannot accept it.',
  })
  @ApiOkResponse({ type: PreAssessmentDto })
  @ApiProblems(400, 404, 409)
  accept(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: AcceptPreAssessmentDto): Promise<PreAssessmentDto> {
    return this.preAssessments.accept(caller, id, dto);
  }

  @Authorize(Permission.PreAssessmentReview, owned)
  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({
    summary: '退回修改（附意见）/ Return with a comment',
    description: '财政局附意见退回评估修改。 / The bureau returns the assessment with a comment.',
  })
  @ApiOkResponse({ type: PreAssessmentDto })
  @ApiProblems(400, 404, 409)
  return(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ReturnPreAssessmentDto): Promise<PreAssessmentDto> {
    return this.preAssessments.return(caller, id, dto);
  }

  @Authorize(Permission.PreAssessmentWrite, { kind: 'owner', entity: PreAssessmentEntity })
  @Post(':id/adjustment-complete')
  @HttpCode(200)
  @ApiOperation({
    summary: '登记调整完成（调整后支持）/ Record the adjustment as done (support after adjustment)',
    description:
      '审核通过且结论为调整后支持的评估，由项目所属部门登记调整完成并说明情况；登记后预算闸门放行。 / ' +
      'For an accepted pre-assessment concluded support-after-adjustment: the project’s department records the adjustment as done, with a note; the budget gate opens then.',
  })
  @ApiOkResponse({ type: PreAssessmentDto })
  @ApiProblems(400, 404, 409)
  completeAdjustment(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: CompleteAdjustmentDto): Promise<PreAssessmentDto> {
    return this.preAssessments.completeAdjustment(caller, id, dto);
  }

  @Authorize(Permission.PreAssessmentWrite, owned)
  @Put(':id/report')
  @ApiOperation({
    summary: '上传评估报告 / Attach the report',
    description:
      'multipart/form-data：一个 file 文件和 version 字段；或 JSON（filename、contentBase64、version）。PDF、Word、Excel、JPG、PNG。 / ' +
      'multipart/form-data with one `file` part and a `version` field, or JSON with filename, contentBase64 and version.',
  })
  @ApiUploadBody(AttachReportDto, {
    version: { type: 'integer', minimum: 1, example: 1, description: '评估的当前版本号 / the assessment’s current version' },
  })
  @ApiOkResponse({ type: PreAssessmentDto })
  @ApiProblems(400, 404, 409, 413)
  attachReport(@Caller() caller: Principal, @Param() { id }: IdParam, @Req() request: FastifyRequest): Promise<PreAssessmentDto> {
    return this.preAssessments.attachReport(caller, id, request);
  }

  @Authorize(Permission.PreAssessmentRead, owned)
  @Get(':id/report')
  @ApiOperation({
    summary: '评估报告信息或下载 / The report’s metadata, or its content with ?alt=media',
    description: '受托机构也可下载其受托评估的报告。 / The commissioned agency may download it too.',
  })
  @ApiProduces('application/json', 'application/octet-stream')
  @ApiOkResponse({ type: PreAssessmentReportDto })
  @ApiProblems(400, 404)
  async report(
    @Caller() caller: Principal,
    @Param() { id }: IdParam,
    @Query() { alt }: ReportAltQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (alt === 'media') return sendFile(reply, await this.preAssessments.reportContent(caller, id));
    return this.preAssessments.report(caller, id);
  }
}
