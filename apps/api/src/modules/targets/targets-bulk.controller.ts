import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { BulkAnswerDto } from '../../common/bulk/bulk.dto';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { TargetEntity } from './entities/target.entity';
import { BulkPassTargetsDto, BulkReturnTargetsDto } from './dto/target-bulk.dto';
import { TargetsBulkService } from './targets-bulk.service';

const rows = { kind: 'bulk', entity: TargetEntity } as const;
const EACH =
  '每条记录按单条操作执行（各自事务、流程检查和审计记录），逐条返回结果；部分失败不影响其他记录。 / Each row is the single action (its own transaction, workflow check and audit entry) and is answered on its own; a refused row does not stop the others.';

@ApiTags('targets')
@Controller('targets/bulk')
export class TargetsBulkController {
  constructor(private readonly bulk: TargetsBulkService) {}

  @Authorize(Permission.TargetReview, rows)
  @Post('pass')
  @HttpCode(200)
  @ApiOperation({ summary: '批量审核通过 / Pass many targets', description: `财政局批量审核通过（重点项目转专家评审）。${EACH}` })
  @ApiOkResponse({ type: BulkAnswerDto })
  @ApiProblems(400, 413)
  pass(@Caller() caller: Principal, @Body() dto: BulkPassTargetsDto): Promise<BulkAnswerDto> {
    return this.bulk.pass(caller, dto);
  }

  @Authorize(Permission.TargetReview, rows)
  @Post('return')
  @HttpCode(200)
  @ApiOperation({ summary: '批量退回修改 / Return many targets', description: `财政局以同一意见批量退回目标。${EACH}` })
  @ApiOkResponse({ type: BulkAnswerDto })
  @ApiProblems(400, 413)
  returnTargets(@Caller() caller: Principal, @Body() dto: BulkReturnTargetsDto): Promise<BulkAnswerDto> {
    return this.bulk.returnTargets(caller, dto);
  }

  @Authorize(Permission.TargetPreReview, rows)
  @Post('department-review/pass')
  @HttpCode(200)
  @ApiOperation({
    summary: '批量预审通过，报送财政局 / The department passes many of its units’ targets on to the bureau',
    description: `仅该单位的主管部门（或镇/街道）。${EACH}`,
  })
  @ApiOkResponse({ type: BulkAnswerDto })
  @ApiProblems(400, 413)
  departmentPass(@Caller() caller: Principal, @Body() dto: BulkPassTargetsDto): Promise<BulkAnswerDto> {
    return this.bulk.departmentPass(caller, dto);
  }

  @Authorize(Permission.TargetPreReview, rows)
  @Post('department-review/return')
  @HttpCode(200)
  @ApiOperation({
    summary: '批量预审退回 / The department returns many of its units’ targets',
    description: `主管部门以同一意见批量退回所属单位的目标。${EACH}`,
  })
  @ApiOkResponse({ type: BulkAnswerDto })
  @ApiProblems(400, 413)
  departmentReturn(@Caller() caller: Principal, @Body() dto: BulkReturnTargetsDto): Promise<BulkAnswerDto> {
    return this.bulk.departmentReturn(caller, dto);
  }
}
