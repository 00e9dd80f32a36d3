import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize } from '../../common/auth/authorize.decorator';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { PageOf } from '../../common/list/page.dto';
import { AuditLogDto, AuditLogListQueryDto } from './dto/audit-log.dto';
import { AuditLogsService } from './audit-logs.service';

@ApiTags('audit-logs')
@Controller('audit-logs')
export class AuditLogsController {
  constructor(private readonly auditLogs: AuditLogsService) {}

  /** Only district-wide readers (finance bureau, auditors) hold audit_log:read. */
  @Authorize(Permission.AuditLogRead, { kind: 'global' })
  @Get()
  @ApiOperation({ summary: '审计日志 / Audit log', description: '只增不改 / append-only' })
  @ApiOkResponse({ type: PageOf(AuditLogDto) })
  @ApiProblems(400)
  list(@Query() query: AuditLogListQueryDto) {
    return this.auditLogs.list(query);
  }
}
