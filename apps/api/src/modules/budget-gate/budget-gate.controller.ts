import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListResult, Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { PageOf } from '../../common/list/page.dto';
import {
  BudgetGateItemDto,
  BudgetGateQueryDto,
  TargetCoverageDto,
  TargetCoverageMissingDto,
  TargetCoverageMissingQueryDto,
  TargetCoverageQueryDto,
} from './dto/budget-gate.dto';
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
    summary: '绩效目标覆盖率 / Performance target coverage',
    description:
      '调用者数据范围内项目、政策和部门整体支出的绩效目标覆盖率（部门和镇街数、缺失项数），及各部门、镇街（含下级单位）的覆盖率，分页，可按覆盖率排序。 / Performance target coverage of projects, policies and overall expenditures in the caller’s scope (with the number of departments and towns and of entries missing), and each department’s and town’s (its units included), paged, sortable by share.',
  })
  @ApiOkResponse({ type: TargetCoverageDto })
  @ApiProblems(400)
  coverage(@Caller() caller: Principal, @Query() query: TargetCoverageQueryDto): Promise<TargetCoverageDto> {
    return this.gate.coverage(caller, query);
  }

  @Authorize(Permission.ProjectRead, { kind: 'list', field: 'organizationId' })
  @Get('coverage/missing')
  @ApiOperation({
    summary: '缺少绩效目标的项目和未报部门整体支出的单位 / What target coverage is missing',
    description:
      '先列未审核通过绩效目标的项目、政策和部门整体支出（按编码），再列未填报部门整体支出的部门、镇街和镇属单位，分页。 / The projects, policies and overall expenditures without an approved target (by code), then the departments, towns and town units without an overall expenditure, paged.',
  })
  @ApiOkResponse({ type: PageOf(TargetCoverageMissingDto) })
  @ApiProblems(400)
  coverageMissing(
    @Caller() caller: Principal,
    @Query() query: TargetCoverageMissingQueryDto,
  ): Promise<ListResult<TargetCoverageMissingDto>> {
    return this.gate.coverageMissing(caller, query);
  }
}
