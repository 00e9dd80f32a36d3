import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { EvaluationEntity } from './entities/evaluation.entity';
import { CommissionEvaluationDto, GradeCommissionDto } from './dto/commission.dto';
import { EvaluationDetailDto } from './dto/evaluation.dto';
import { EvaluationCommissionsService } from './evaluation-commissions.service';

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
      'R13、N8：将部门评价（主管部门、镇或财政局）或财政重点评价（财政局）委托给机构名录中的第三方机构：须说明必要性、逐项确认本年度政策参数的委托标准、机构已签署独立性声明（以 kind=declaration 上传到本评价的文件或声明内容，及签署日期），部门评价和财政重点评价须填上海市预算绩效综合服务平台编号（缺项返回 400 COMMISSION_INCOMPLETE 并列出）。机构非正常状态返回 409 AGENCY_NOT_ACTIVE，与委托方、被评价单位或项目有关联返回 409 AGENCY_NOT_INDEPENDENT，近年有违规返回 409 AGENCY_RECENT_VIOLATION。委托后该评价的附件（含声明）受托机构可读，由受托机构填报评分和问题并提交。 / ' +
      'R13, N8: commissions a department evaluation (by the department, town or bureau) or a finance key evaluation (by the bureau) to an agency of the registry: a justification, each item of the year’s commissioning checklist confirmed, the agency’s signed independence declaration (a file attached to this evaluation with kind=declaration, or its text, with the day signed) and, for department and finance key evaluations, the reference number of the Shanghai budget performance service platform (what is missing answers 400 COMMISSION_INCOMPLETE listing it). An agency not active answers 409 AGENCY_NOT_ACTIVE, one tied to the commissioning party, the evaluated organization or project 409 AGENCY_NOT_INDEPENDENT, one with a recent violation 409 AGENCY_RECENT_VIOLATION. Once commissioned, the agency reads the evaluation’s files (the declaration included), enters the scores and findings and submits.',
  })
  @ApiOkResponse({ type: EvaluationDetailDto })
  @ApiProblems(400, 403, 404, 409)
  commission(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: CommissionEvaluationDto): Promise<EvaluationDetailDto> {
    return this.commissions.commission(caller, id, dto);
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
