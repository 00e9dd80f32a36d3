import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ListResult, Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import { AgencyEntity } from './entities/agency.entity';
import {
  AgencyDetailDto,
  AgencyDto,
  AgencyListQueryDto,
  ChangeAgencyStateDto,
  CreateAgencyDto,
  CreateAgencyTieDto,
  CreateAgencyViolationDto,
  TieParam,
  UpdateAgencyDto,
  ViolationParam,
} from './dto/agency.dto';
import { AGENCY_ASSIGNEE, AgenciesService } from './agencies.service';

/**
 * The registry is district-wide: no department owns an agency. Every caller with a scope of its own
 * reads an entry; an agency reaches only its own (the entry's id is its organization's id); only the
 * bureau (district-wide scope, `agency:manage`) writes.
 */
const entry = { kind: 'registry', entity: AgencyEntity, assignee: AGENCY_ASSIGNEE } as const;
/**
 * The list answers the whole registry, or an agency its own entry (filtered in the service with
 * `applyToRegistry`); registering a new agency names no existing row.
 */
const registry = { kind: 'global' } as const;

@ApiTags('agencies')
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Authorize(Permission.AgencyRead, registry)
  @Get()
  @ApiOperation({
    summary: '第三方机构名录 / List third-party agencies',
    description:
      '分页列出第三方机构，可按状态筛选、按名称、编码或统一社会信用代码搜索；机构用户只见本机构。 / Pages through the agencies, filterable by state and searchable by name, code or credit code; an agency user sees its own entry only.',
  })
  @ApiOkResponse({ type: PageOf(AgencyDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: AgencyListQueryDto): Promise<ListResult<AgencyDto>> {
    return this.agencies.list(caller, query);
  }

  @Authorize(Permission.AgencyRead, entry)
  @ReadsOne()
  @Get(':id')
  @ApiOperation({
    summary: '第三方机构详情 / Get an agency',
    description:
      '返回机构的资质、联系人、状态、违规记录（标明是否在回溯年限内）、申报的关联关系和委托业务质量评定。 / Returns the agency’s qualifications, contacts, state, violations (marked when within the look-back years), declared ties and commission grades.',
  })
  @ApiOkResponse({ type: AgencyDetailDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<AgencyDetailDto> {
    return this.agencies.get(caller, id);
  }

  @Authorize(Permission.AgencyManage, registry)
  @Post()
  @ApiOperation({
    summary: '登记第三方机构 / Register an agency',
    description:
      '新建类型为第三方机构的组织机构及其名录信息（统一社会信用代码须校验通过）。 / Creates the organization (kind agency) and its registry entry (the credit code must pass its check).',
  })
  @ApiCreatedResponse({ type: AgencyDetailDto })
  @ApiProblems(400, 409)
  create(@Caller() caller: Principal, @Body() dto: CreateAgencyDto): Promise<AgencyDetailDto> {
    return this.agencies.create(caller, dto);
  }

  @Authorize(Permission.AgencyManage, entry)
  @Patch(':id')
  @ApiOperation({
    summary: '修改第三方机构信息 / Update an agency',
    description: '修改名称、统一社会信用代码、资质和联系人。 / Updates the name, credit code, qualifications and contacts.',
  })
  @ApiOkResponse({ type: AgencyDetailDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: UpdateAgencyDto): Promise<AgencyDetailDto> {
    return this.agencies.update(caller, id, dto);
  }

  @Authorize(Permission.AgencyManage, entry)
  @Post(':id/state')
  @HttpCode(200)
  @ApiOperation({
    summary: '变更机构状态 / Change an agency’s state',
    description:
      '暂停委托、列入黑名单或恢复正常，须说明理由；暂停或列入黑名单的人不能恢复。 / Suspend, blacklist or reinstate, with a reason; whoever suspended or blacklisted does not reinstate.',
  })
  @ApiOkResponse({ type: AgencyDetailDto })
  @ApiProblems(400, 404, 409)
  changeState(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ChangeAgencyStateDto): Promise<AgencyDetailDto> {
    return this.agencies.changeState(caller, id, dto);
  }

  @Authorize(Permission.AgencyManage, entry)
  @Post(':id/violations')
  @ApiOperation({
    summary: '登记违规记录 / Record a violation',
    description: '登记机构的违规记录：日期、情况和认定机关。 / Records a violation: date, description and the authority.',
  })
  @ApiCreatedResponse({ type: AgencyDetailDto })
  @ApiProblems(400, 404)
  addViolation(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: CreateAgencyViolationDto): Promise<AgencyDetailDto> {
    return this.agencies.addViolation(caller, id, dto);
  }

  @Authorize(Permission.AgencyManage, entry)
  @Delete(':id/violations/:violationId')
  @ApiOperation({
    summary: '删除违规记录 / Remove a violation',
    description: '删除错登的违规记录（审计日志保留原记录）。 / Removes a violation recorded in error (the audit log keeps it).',
  })
  @ApiOkResponse({ type: AgencyDetailDto })
  @ApiProblems(400, 404)
  removeViolation(@Caller() caller: Principal, @Param() { id, violationId }: ViolationParam): Promise<AgencyDetailDto> {
    return this.agencies.removeViolation(caller, id, violationId);
  }

  @Authorize(Permission.AgencyManage, entry)
  @Post(':id/ties')
  @ApiOperation({
    summary: '登记关联关系 / Record a declared tie',
    description:
      '登记机构申报的与财政局、部门、单位或镇街的关联关系（股权、人员、曾参与项目设计或实施、其他），可注明项目编码（N8）。 / Records a tie the agency declared with the bureau, a department, a unit or a town (ownership, staff, earlier work on the project, other), optionally naming a project code (N8).',
  })
  @ApiCreatedResponse({ type: AgencyDetailDto })
  @ApiProblems(400, 404)
  addTie(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: CreateAgencyTieDto): Promise<AgencyDetailDto> {
    return this.agencies.addTie(caller, id, dto);
  }

  @Authorize(Permission.AgencyManage, entry)
  @Delete(':id/ties/:tieId')
  @ApiOperation({
    summary: '删除关联关系 / Remove a declared tie',
    description:
      '删除已不存在或错登的关联关系（审计日志保留原记录）。 / Removes a tie that ended or was recorded in error (the audit log keeps it).',
  })
  @ApiOkResponse({ type: AgencyDetailDto })
  @ApiProblems(400, 404)
  removeTie(@Caller() caller: Principal, @Param() { id, tieId }: TieParam): Promise<AgencyDetailDto> {
    return this.agencies.removeTie(caller, id, tieId);
  }
}
