import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { PageOf } from '../../common/list/page.dto';
import {
  CalendarEntryDto,
  CalendarQueryDto,
  CopyPolicyProfileDto,
  PolicyProfileDto,
  PolicyProfileListQueryDto,
  PolicyProfileSummaryDto,
  UpdatePolicyProfileDto,
  YearParam,
} from './dto/policy-profile.dto';
import { PolicyProfilesService } from './policy-profiles.service';

/** District-wide reference data: every role reads it, the finance bureau edits it. */
const global = { kind: 'global' } as const;

@ApiTags('policy-profiles')
@Controller('policy-profiles')
export class PolicyProfilesController {
  constructor(private readonly profiles: PolicyProfilesService) {}

  @Authorize(Permission.PolicyProfileRead, global)
  @Get()
  @ApiOperation({
    summary: '政策参数年度列表 / List policy profiles by year',
    description: '列出已有政策参数的年度。 / Lists the years that have a policy profile.',
  })
  @ApiOkResponse({ type: PageOf(PolicyProfileSummaryDto) })
  @ApiProblems(400)
  list(@Query() query: PolicyProfileListQueryDto) {
    return this.profiles.list(query);
  }

  @Authorize(Permission.PolicyProfileManage, global)
  @Post()
  @ApiOperation({
    summary: '复制年度政策参数 / Copy a year’s profile to a new year',
    description: '把某一年度的政策参数复制为新年度，供修改。 / Copies one year’s policy profile to a new year for editing.',
  })
  @ApiCreatedResponse({ type: PolicyProfileDto })
  @ApiProblems(400, 404, 409)
  copy(@Caller() caller: Principal, @Body() dto: CopyPolicyProfileDto): Promise<PolicyProfileDto> {
    return this.profiles.copy(caller, dto);
  }

  @Authorize(Permission.PolicyProfileRead, global)
  @Get(':year')
  @ApiOperation({
    summary: '年度政策参数 / Get a year’s profile',
    description: '返回该年度全部规则参数。 / Returns every rule number of that year.',
  })
  @ApiOkResponse({ type: PolicyProfileDto })
  @ApiProblems(400, 404)
  get(@Param() { year }: YearParam): Promise<PolicyProfileDto> {
    return this.profiles.get(year);
  }

  @Authorize(Permission.PolicyProfileManage, global)
  @Put(':year')
  @ApiOperation({ summary: '修改年度政策参数 / Update a year’s profile', description: '整体替换该年度的政策参数；全部校验通过才保存，字段错误指向 values.*。 / Replaces the year’s policy profile; it is saved only if it validates as a whole (field errors point at values.*).' })
  @ApiOkResponse({ type: PolicyProfileDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { year }: YearParam, @Body() dto: UpdatePolicyProfileDto): Promise<PolicyProfileDto> {
    return this.profiles.update(caller, year, dto);
  }

  @Authorize(Permission.PolicyProfileRead, global)
  @Get(':year/calendar')
  @ApiOperation({ summary: '年度工作日历 / The year’s deadlines', description: '返回该年度预算编制、目标申报等工作日历（教育行业日期较晚）。 / Returns the year’s work calendar (budget and target deadlines); the education sector has later dates.' })
  @ApiOkResponse({ type: [CalendarEntryDto] })
  @ApiProblems(400, 404)
  calendar(@Caller() caller: Principal, @Param() { year }: YearParam, @Query() query: CalendarQueryDto): Promise<CalendarEntryDto[]> {
    return this.profiles.calendar(caller, year, query.sector);
  }
}
