import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListResult, Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { PageOf } from '../../common/list/page.dto';
import { BudgetGateItemDto, BudgetGateQueryDto, TargetCoverageDto, TargetCoverageQueryDto } from './dto/budget-gate.dto';
import { BudgetGateService } from './budget-gate.service';

@ApiTags('budget-gate')
@Controller('budget-gate')
export class BudgetGateController {
  constructor(private readonly gate: BudgetGateService) {}

  @Authorize(Permission.ProjectRead, { kind: 'list', field: 'organizationId' })
  @Get()
  @ApiOperation({
    summary: '预算安排状态（供预算系统）/ Budget gate status of each project (for the budget system)',
    description:
      '列出调用者数据范围内各项目能否安排预算及原因（事前评估、绩效目标）。 / Lists whether each project in the caller’s scope may get a budget, and why (pre-assessment, target).',
  })
  @ApiOkResponse({ type: PageOf(BudgetGateItemDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: BudgetGateQueryDto): Promise<ListResult<BudgetGateItemDto>> {
    return this.gate.list(caller, query);
  }

  @Authorize(Permission.ProjectRead, { kind: 'list', field: 'organizationId' })
  @Get('coverage')
  @ApiOperation({
    summary: '绩效目标覆盖率 / Performance target coverage by department and town',
    description: '按部门和镇街统计绩效目标覆盖率。 / Performance target coverage per department and town.',
  })
  @ApiOkResponse({ type: TargetCoverageDto })
  @ApiProblems(400)
  coverage(@Caller() caller: Principal, @Query() query: TargetCoverageQueryDto): Promise<TargetCoverageDto> {
    return this.gate.coverage(caller, query);
  }
}
