import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { BulkAnswerDto } from '../../common/bulk/bulk.dto';
import { BulkRunner } from '../../common/bulk/bulk-runner.service';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { TargetEntity } from '../targets/entities/target.entity';
import { BulkAssignExpertsDto } from './dto/bulk-assign.dto';
import { TargetReviewsService } from './target-reviews.service';

@ApiTags('target-reviews')
@Controller('target-reviews/bulk')
export class TargetReviewsBulkController {
  constructor(
    private readonly bulk: BulkRunner,
    private readonly reviews: TargetReviewsService,
  ) {}

  @Authorize(Permission.TargetReview, { kind: 'bulk', entity: TargetEntity, field: 'targetIds' })
  @Post('assignments')
  @HttpCode(200)
  @ApiOperation({
    summary: '批量指派评审专家 / Assign experts to many targets',
    description:
      '为多个专家评审中的目标指派同一组专家；每个目标按单条指派执行（利益冲突回避、各自事务和审计记录），逐条返回结果。 / ' +
      'Assigns the same experts to many targets in expert review; each target is the single assignment (conflict-of-interest recusal, its own transaction and audit entry) and is answered on its own.',
  })
  @ApiOkResponse({ type: BulkAnswerDto })
  @ApiProblems(400, 413)
  assign(@Caller() caller: Principal, @Body() dto: BulkAssignExpertsDto): Promise<BulkAnswerDto> {
    return this.bulk.run(
      caller,
      dto.targetIds.map((id) => ({ id })),
      { entity: TargetEntity, action: 'target.bulk.assign_experts', entityType: 'target' },
      (row) => this.reviews.assign(caller, row.id, { expertUserIds: dto.expertUserIds }),
    );
  }
}
