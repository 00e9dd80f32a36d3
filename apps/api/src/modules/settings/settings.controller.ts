import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { SetWorkingYearDto, WorkingYearDto } from './dto/working-year.dto';
import { SettingsService } from './settings.service';

/** District settings: not owned by an organization; everyone signed in reads them, the finance bureau sets them. */
const global = { kind: 'global' } as const;

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Authorize(null, global)
  @Get('working-year')
  @ApiOperation({
    summary: '工作年度 / The working year',
    description: '返回表单默认使用的工作年度：财政局设定的年度，未设定时为最近的政策参数年度。 / Returns the working year forms default to: the year the bureau set, else the latest year with a policy profile.',
  })
  @ApiOkResponse({ type: WorkingYearDto })
  @ApiProblems()
  workingYear(): Promise<WorkingYearDto> {
    return this.settings.workingYear();
  }

  @Authorize(Permission.PolicyProfileManage, global)
  @Put('working-year')
  @ApiOperation({
    summary: '设定工作年度 / Set the working year',
    description: '财政局设定工作年度；该年度须已有政策参数。 / The bureau sets the working year; the year must have a policy profile.',
  })
  @ApiOkResponse({ type: WorkingYearDto })
  @ApiProblems(400)
  setWorkingYear(@Caller() caller: Principal, @Body() dto: SetWorkingYearDto): Promise<WorkingYearDto> {
    return this.settings.setWorkingYear(caller, dto);
  }
}
