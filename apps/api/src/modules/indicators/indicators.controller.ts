import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import { IndicatorEntity } from './entities/indicator.entity';
import {
  AcceptProposalDto,
  CreateIndicatorCategoryDto,
  CreateIndicatorDto,
  IndicatorCategoryDto,
  IndicatorDto,
  IndicatorListQueryDto,
  IndicatorSuggestionsDto,
  ProposalListQueryDto,
  ProposeIndicatorDto,
  RejectProposalDto,
  SuggestionQueryDto,
  UpdateIndicatorCategoryDto,
  UpdateIndicatorDto,
} from './dto/indicator.dto';
import { IndicatorsService } from './indicators.service';

/** The library is district-wide reference data; the bureau's writes need district scope. */
const district = { kind: 'global' } as const;
/** A proposal belongs to the department that made it until the bureau decides. */
const proposal = { kind: 'owner', entity: IndicatorEntity, column: 'proposedByOrganizationId' } as const;

@ApiTags('indicators')
@Controller('indicator-categories')
export class IndicatorCategoriesController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Authorize(Permission.IndicatorRead, district)
  @Get('tree')
  @ApiOperation({
    summary: '指标库分类树（行业/领域/层级）/ The indicator category tree (sector, domain, level)',
    description: '返回指标库分类树。 / Returns the indicator category tree.',
  })
  @ApiOkResponse({ type: [IndicatorCategoryDto] })
  @ApiProblems(400)
  tree(): Promise<IndicatorCategoryDto[]> {
    return this.indicators.tree();
  }

  @Authorize(Permission.IndicatorManage, district)
  @Post()
  @ApiOperation({ summary: '新建指标分类 / Create a category', description: '在分类树中新建分类。 / Adds a category to the tree.' })
  @ApiCreatedResponse({ type: IndicatorCategoryDto })
  @ApiProblems(400, 409)
  create(@Caller() caller: Principal, @Body() dto: CreateIndicatorCategoryDto): Promise<IndicatorCategoryDto> {
    return this.indicators.createCategory(caller, dto);
  }

  @Authorize(Permission.IndicatorManage, district)
  @Patch(':id')
  @ApiOperation({ summary: '修改指标分类 / Rename a category', description: '修改分类名称。 / Renames a category.' })
  @ApiOkResponse({ type: IndicatorCategoryDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: UpdateIndicatorCategoryDto): Promise<IndicatorCategoryDto> {
    return this.indicators.updateCategory(caller, id, dto);
  }

  @Authorize(Permission.IndicatorManage, district)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: '删除空的指标分类 / Delete an empty category',
    description: '删除没有子分类和指标的分类。 / Deletes a category with no children and no indicators.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  remove(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<void> {
    return this.indicators.removeCategory(caller, id);
  }
}

@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Authorize(Permission.IndicatorRead, district)
  @Get()
  @ApiOperation({
    summary: '检索指标库 / Search the indicator library',
    description:
      '默认只含已入库指标；待审核和未采纳的只含本单位范围内提出的。 / Active indicators by default; proposed and rejected ones only within your scope.',
  })
  @ApiOkResponse({ type: PageOf(IndicatorDto) })
  @ApiProblems(400)
  search(@Caller() caller: Principal, @Query() query: IndicatorListQueryDto) {
    return this.indicators.search(caller, query);
  }

  @Authorize(Permission.IndicatorRead, district)
  @Get('suggestions')
  @ApiOperation({
    summary: '编写目标时的指标推荐 / Indicator suggestions while writing a target',
    description:
      '项目所属行业（单位取上级部门行业）及综合类指标，按引用次数排序，附同行业其他项目使用的指标值。 / Indicators of the project’s sector, by usage, with the values other projects of the sector used.',
  })
  @ApiOkResponse({ type: IndicatorSuggestionsDto })
  @ApiProblems(400, 404)
  suggestions(@Caller() caller: Principal, @Query() { projectId }: SuggestionQueryDto): Promise<IndicatorSuggestionsDto> {
    return this.indicators.suggestions(caller, projectId);
  }

  @Authorize(Permission.IndicatorRead, { kind: 'list' })
  @Get('proposals')
  @ApiOperation({
    summary: '部门建议指标列表 / Proposed indicators of departments',
    description: '分页列出部门、单位建议新增的指标。 / Pages through indicators proposed by departments and units.',
  })
  @ApiOkResponse({ type: PageOf(IndicatorDto) })
  @ApiProblems(400)
  proposals(@Caller() caller: Principal, @Query() query: ProposalListQueryDto) {
    return this.indicators.proposals(caller, query);
  }

  @Authorize(Permission.IndicatorWrite, { kind: 'create' })
  @Post('proposals')
  @ApiOperation({
    summary: '部门建议新增指标 / Propose an indicator',
    description:
      '部门或单位建议向指标库新增一个指标，待财政局采纳。 / A department or unit proposes a library indicator for the bureau to accept.',
  })
  @ApiCreatedResponse({ type: IndicatorDto })
  @ApiProblems(400, 409)
  propose(@Caller() caller: Principal, @Body() dto: ProposeIndicatorDto): Promise<IndicatorDto> {
    return this.indicators.propose(caller, dto);
  }

  @Authorize(Permission.IndicatorRead, proposal)
  @Get('proposals/:id')
  @ReadsOne()
  @ApiOperation({
    summary: '建议指标详情 / Get a proposal',
    description: '返回一条建议指标及其处理状态。 / Returns one proposal and its state.',
  })
  @ApiOkResponse({ type: IndicatorDto })
  @ApiProblems(400, 404)
  proposal(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<IndicatorDto> {
    return this.indicators.proposal(caller, id);
  }

  @Authorize(Permission.IndicatorManage, proposal)
  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: '采纳建议指标入库 / Accept a proposal into the library',
    description:
      '财政局采纳建议指标，将其加入指标库；建议人不能采纳自己的建议。 / The bureau accepts a proposal into the library; whoever proposed it cannot accept it.',
  })
  @ApiOkResponse({ type: IndicatorDto })
  @ApiProblems(400, 404, 409)
  accept(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: AcceptProposalDto): Promise<IndicatorDto> {
    return this.indicators.accept(caller, id, dto);
  }

  @Authorize(Permission.IndicatorManage, proposal)
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: '不予采纳建议指标 / Reject a proposal with a comment',
    description: '财政局附意见不予采纳建议指标。 / The bureau rejects a proposal with a comment.',
  })
  @ApiOkResponse({ type: IndicatorDto })
  @ApiProblems(400, 404, 409)
  reject(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: RejectProposalDto): Promise<IndicatorDto> {
    return this.indicators.reject(caller, id, dto);
  }

  @Authorize(Permission.IndicatorManage, district)
  @Post()
  @ApiOperation({
    summary: '新建库内指标 / Create a library indicator',
    description: '在指标库中新建指标。 / Adds an indicator to the library.',
  })
  @ApiCreatedResponse({ type: IndicatorDto })
  @ApiProblems(400, 409)
  create(@Caller() caller: Principal, @Body() dto: CreateIndicatorDto): Promise<IndicatorDto> {
    return this.indicators.create(caller, dto);
  }

  @Authorize(Permission.IndicatorManage, district)
  @Patch(':id')
  @ApiOperation({
    summary: '修改库内指标 / Update a library indicator',
    description: '修改库内指标（带版本号）。 / Updates a library indicator (versioned).',
  })
  @ApiOkResponse({ type: IndicatorDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: UpdateIndicatorDto): Promise<IndicatorDto> {
    return this.indicators.update(caller, id, dto);
  }

  @Authorize(Permission.IndicatorManage, district)
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: '删除未被引用的指标 / Delete an unused indicator',
    description: '删除未被任何绩效目标引用的指标。 / Deletes an indicator no target uses.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  remove(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<void> {
    return this.indicators.remove(caller, id);
  }
}
