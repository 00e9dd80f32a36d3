import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { WorkbenchDto } from './dto/workbench.dto';
import { WorkbenchService } from './workbench.service';

@ApiTags('workbench')
@Controller('workbench')
export class WorkbenchController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Authorize(null, { kind: 'self' })
  @Get()
  @ApiOperation({
    summary: '我的工作台 / My workbench',
    description:
      '调用者的待办事项（待审核、待报送、被退回待修改、指派给本人的评审等）、工作年度的截止日期（即将到期、已逾期）和数据范围内的覆盖情况；每项附条数和打开对应列表的链接（路由名与筛选条件）。仅列出调用者有权打开其列表的事项，条数按调用者的数据范围计算。 / ' +
      'What waits for the caller (to review, to file, returned to fix, reviews assigned …), the working year’s deadlines (due soon, overdue) and the coverage of the caller’s scope; each with a count and a link (route name and filters) to the list behind it. Only items whose list the caller may open are listed, counted within the caller’s data scope.',
  })
  @ApiOkResponse({ type: WorkbenchDto })
  get(@Caller() caller: Principal): Promise<WorkbenchDto> {
    return this.workbench.forCaller(caller);
  }
}
