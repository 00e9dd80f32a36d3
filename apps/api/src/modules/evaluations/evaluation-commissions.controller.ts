import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { ApiUploadBody } from '../../common/http/api-upload-body';
import { IdParam } from '../../common/http/id-param';
import { FileAltQueryDto } from '../files/dto/file.dto';
import { sendFile } from '../files/file-response';
import { COMMISSION_FILE_KINDS } from './entities/evaluation-commission.entity';
import { EvaluationEntity } from './entities/evaluation.entity';
import { CommissionAttachmentDto, CommissionEvaluationDto, CommissionFileUploadDto, GradeCommissionDto } from './dto/commission.dto';
import { EvaluationCommissionFileEntity } from './entities/evaluation-commission-file.entity';
import { EvaluationDetailDto } from './dto/evaluation.dto';
import { EvaluationCommissionsService } from './evaluation-commissions.service';
import { EVALUATION_AGENCY_ASSIGNEE } from './evaluations.service';

/** The evaluated organization owns the evaluation; the agency it is commissioned to reaches it through its assignment. */
const ownedOrAssigned = { kind: 'owner', entity: EvaluationEntity, assignee: EVALUATION_AGENCY_ASSIGNEE } as const;

/** R13 / N8: commissioning a department or finance key evaluation to a third-party agency. */
@ApiTags('evaluations')
@Controller('evaluations')
export class EvaluationCommissionsController {
  constructor(private readonly commissions: EvaluationCommissionsService) {}

  @Authorize(Permission.EvaluationWrite, { kind: 'owner', entity: EvaluationEntity })
  @Post(':id/commission')
  @HttpCode(200)
  @ApiOperation({
    summary: '委托第三方机构 / Commission an agency',
    description:
      'R13、N8：将部门评价（主管部门、镇或财政局）或财政重点评价（财政局）委托给机构名录中的第三方机构：须说明必要性、逐项确认本年度政策参数的委托标准、机构已签署独立性声明（上传的文件或声明内容及签署日期），部门评价和财政重点评价须填上海市预算绩效综合服务平台编号（缺项返回 400 COMMISSION_INCOMPLETE 并列出）。机构非正常状态返回 409 AGENCY_NOT_ACTIVE，与委托方、被评价单位或项目有关联返回 409 AGENCY_NOT_INDEPENDENT，近年有违规返回 409 AGENCY_RECENT_VIOLATION。委托后由受托机构填报评分和问题并提交。 / ' +
      'R13, N8: commissions a department evaluation (by the department, town or bureau) or a finance key evaluation (by the bureau) to an agency of the registry: a justification, each item of the year’s commissioning checklist confirmed, the agency’s signed independence declaration (an uploaded file or its text, with the day signed) and, for department and finance key evaluations, the reference number of the Shanghai budget performance service platform (what is missing answers 400 COMMISSION_INCOMPLETE listing it). An agency not active answers 409 AGENCY_NOT_ACTIVE, one tied to the commissioning party, the evaluated organization or project 409 AGENCY_NOT_INDEPENDENT, one with a recent violation 409 AGENCY_RECENT_VIOLATION. The agency then enters the scores and findings and submits.',
  })
  @ApiOkResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 403, 404, 409)
  commission(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: CommissionEvaluationDto): Promise<EvaluationDetailDto> {
    return this.commissions.commission(caller, id, dto);
  }

  @Authorize(Permission.EvaluationWrite, ownedOrAssigned)
  @Post(':id/commission/files')
  @ApiOperation({
    summary: '上传工作底稿或评价报告 / Attach a work paper or the report',
    description:
      '受托机构（或被评价单位的填报人）在评价提交前上传工作底稿（kind=work_paper）或评价报告（kind=report）：multipart/form-data 的 file 和 kind 字段，或 JSON（filename、contentBase64、kind）。文件随评价的数据范围读取。 / ' +
      'The commissioned agency (or the evaluated organization’s editors) attaches a work paper (kind=work_paper) or the report (kind=report) before the evaluation is submitted: multipart/form-data with `file` and `kind`, or JSON with filename, contentBase64 and kind. The file is read through the evaluation’s scope.',
  })
  @ApiUploadBody(CommissionFileUploadDto, {
    kind: { type: 'string', enum: [...COMMISSION_FILE_KINDS], description: 'work_paper 工作底稿 / report 评价报告' },
  })
  @ApiOkResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 404, 409, 413)
  attach(@Caller() caller: Principal, @Param() { id }: IdParam, @Req() request: FastifyRequest): Promise<EvaluationDetailDto> {
    return this.commissions.attach(caller, id, request);
  }

  @Authorize(Permission.EvaluationRead, {
    kind: 'owner',
    entity: EvaluationCommissionFileEntity,
    assignee: { column: 'agencyOrganizationId', match: 'organization' },
  })
  @Get('commission-files/:id')
  @ApiOperation({
    summary: '受托评价附件信息或下载 / A commission attachment, or its content with ?alt=media',
    description:
      '受托机构上传的工作底稿或评价报告（评价详情 commission.attachments 的 id）；alt=media 时下载。受托机构和被评价单位的数据范围可读。 / A work paper or the report the agency attached (an id of the evaluation’s `commission.attachments`); `alt=media` downloads it. Readable by the agency and within the evaluated organization’s scope.',
  })
  @ApiProduces('application/json', 'application/octet-stream')
  @ApiOkResponse({ type: CommissionAttachmentDto })
  @ApiProblems(400, 404)
  async file(
    @Caller() caller: Principal,
    @Param() { id }: IdParam,
    @Query() { alt }: FileAltQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await this.commissions.file(caller, id);
    return alt === 'media' ? sendFile(reply, await found.content()) : found.attachment;
  }

  @Authorize(Permission.EvaluationWrite, { kind: 'owner', entity: EvaluationEntity })
  @Post(':id/commission/grade')
  @HttpCode(200)
  @ApiOperation({
    summary: '评定受托机构工作质量 / Grade the agency’s work',
    description:
      'R13：受托机构提交评价后，财政局或委托方评定其工作质量（优、良、中、差，可附评语），记入第三方机构名录的委托业务质量记录；再次评定替换原等级。 / R13: once the agency has submitted the evaluation, the bureau or the commissioning party grades its work (excellent, good, fair, poor, with a comment), recorded in the agency registry’s commission grades; grading again replaces the grade.',
  })
  @ApiOkResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 403, 404, 409)
  grade(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: GradeCommissionDto): Promise<EvaluationDetailDto> {
    return this.commissions.grade(caller, id, dto);
  }
}
