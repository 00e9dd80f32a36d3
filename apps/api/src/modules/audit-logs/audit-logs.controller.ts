import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { PageOf } from '../../common/list/page.dto';
import { AuditLogDto, AuditLogListQueryDto, AuditVerificationDto } from './dto/audit-log.dto';
import { AuditLogsService } from './audit-logs.service';

@ApiTags('audit-logs')
@Controller('audit-logs')
export class AuditLogsController {
  constructor(private readonly auditLogs: AuditLogsService) {}

  @Authorize(Permission.AuditLogRead, { kind: 'global' })
  @Get()
  @ApiOperation({ summary: '审计日志 / Audit log', description: '分页查询只增不改的审计日志，可按操作人、操作、对象、结果和时间筛选。 / Pages through the append-only audit log, filterable by actor, action, entity, result and time.' })
  @ApiOkResponse({ type: PageOf(AuditLogDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: AuditLogListQueryDto) {
    return this.auditLogs.list(caller, query);
  }

  @Authorize(Permission.AuditLogRead, { kind: 'global' })
  @Get('verification')
  @ApiOperation({
    summary: '审计日志完整性校验 / Verify the audit log’s hash chain',
    description:
      '逐条重算 SM3 哈希链并核对签名检查点，报告第一个断裂处 / recomputes the SM3 chain, checks the signed checkpoints, reports the first broken link',
  })
  @ApiOkResponse({ type: AuditVerificationDto })
  verification(@Caller() caller: Principal): Promise<AuditVerificationDto> {
    return this.auditLogs.verification(caller);
  }
}
