import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { PageOf } from '../../common/list/page.dto';
import type { JsonText } from '../../common/list/json-items';
import { IdParam } from '../../common/http/id-param';
import { OrganizationEntity } from './entities/organization.entity';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationListQueryDto,
  OrganizationNodeDto,
  OrganizationOptionDto,
  OrganizationOptionsQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

const owned = { kind: 'owner', entity: OrganizationEntity, column: 'id' } as const;

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Authorize(Permission.OrganizationRead, { kind: 'list', field: 'id' })
  @Get()
  @ApiOperation({
    summary: '机构列表 / List organizations',
    description:
      '分页列出调用者可见的机构，可按类型和名称筛选。 / Pages through the organizations the caller sees, filterable by type and name.',
  })
  @ApiOkResponse({ type: PageOf(OrganizationDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: OrganizationListQueryDto) {
    return this.organizations.list(caller, query);
  }

  @Authorize(Permission.OrganizationRead, { kind: 'list', field: 'id' })
  @Get('tree')
  @ApiOperation({
    summary: '机构树 / Organization tree',
    description: '以树形返回调用者可见的机构。 / Returns the organizations the caller sees as a tree.',
  })
  @ApiOkResponse({ type: [OrganizationNodeDto] })
  tree(@Caller() caller: Principal): Promise<OrganizationNodeDto[]> {
    return this.organizations.tree(caller);
  }

  @Authorize(Permission.OrganizationRead, { kind: 'list', field: 'id' })
  @Get('options')
  @ApiOperation({
    summary: '机构选择（逐级） / Organizations for a picker, a level at a time',
    description:
      '返回调用者可见的某机构的下级（省略 parentId 时为最上层），或按名称、编码搜索的结果，每项标明其下是否还有可见机构。 / Returns the children the caller sees of an organization (the top level without parentId), or a search by name or code; each says whether anything the caller sees is below it.',
  })
  @ApiOkResponse({ type: [OrganizationOptionDto] })
  @ApiProblems(400)
  options(@Caller() caller: Principal, @Query() query: OrganizationOptionsQueryDto): Promise<JsonText> {
    return this.organizations.options(caller, query);
  }

  @Authorize(Permission.OrganizationRead, owned)
  @Get(':id')
  @ReadsOne()
  @ApiOperation({ summary: '机构详情 / Get an organization', description: '返回一个机构。 / Returns one organization.' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<OrganizationDto> {
    return this.organizations.get(caller, id);
  }

  @Authorize(Permission.OrganizationManage, { kind: 'create', field: 'parentId' })
  @Post()
  @ApiOperation({
    summary: '新建机构 / Create an organization',
    description: '在上级机构下新建机构。 / Creates an organization under its parent.',
  })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiProblems(400, 409)
  create(@Caller() caller: Principal, @Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(caller, dto);
  }

  @Authorize(Permission.OrganizationManage, owned)
  @Patch(':id')
  @ApiOperation({ summary: '修改机构 / Update an organization', description: '修改机构信息。 / Updates an organization’s details.' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.update(caller, id, dto);
  }
}
