import type { AuditAction } from '@jixiao/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Assignee } from '../auth/authorize.decorator';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../errors/common.errors';
import { toAppError } from '../errors/problem';
import { DataScope } from '../scope/data-scope.service';
import { BulkErrors } from './bulk.errors';
import type { BulkAnswerDto, BulkResultDto } from './bulk.dto';

export interface BulkTarget {
  /** The entity the ids name, and the column that owns it (as an `owner` route declares). */
  entity: new () => object;
  column?: string;
  assignee?: Assignee;
  /** Audit action and entity type of a refused row (the single action's own entry records a success). */
  action: AuditAction;
  entityType: string;
}

/**
 * Clerks act on many rows at once where they do the same thing to each. The runner takes each row
 * through what one request would meet: the row's scope as the auth guard checks an `owner` route
 * (404 outside the scope, 403 not writable), then the module's own single-row use case — its own
 * transaction, its own audit entry — so a refused row leaves nothing half-written and the others go
 * on. Each row is answered with the code and messages the single action would have answered; a
 * refused row is audited as a failure, like a refused request.
 */
@Injectable()
export class BulkRunner {
  private readonly logger = new Logger(BulkRunner.name);

  constructor(
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The configured cap on rows per request (BULK_MAX_IDS). */
  get maxRows(): number {
    return this.config.bulkMaxIds;
  }

  async run<R extends { id: string }>(
    caller: Principal,
    rows: readonly R[],
    target: BulkTarget,
    act: (row: R) => Promise<unknown>,
  ): Promise<BulkAnswerDto> {
    if (rows.length > this.maxRows) throw BulkErrors.BULK_TOO_MANY({ params: { max: this.maxRows } });
    const results: BulkResultDto[] = [];
    // One after another: each row is its own transaction, in the order the clerk listed them.
    for (const row of rows) {
      try {
        await this.assertReachable(caller, target, row.id);
        await act(row);
        results.push({ id: row.id, ok: true, status: 200, code: null, message: null, messageEn: null });
      } catch (error) {
        const problem = toAppError(error);
        if (problem.status >= 500) this.logger.error(`bulk ${target.action} ${row.id}: ${String((error as Error)?.stack ?? error)}`);
        await this.audit.recordFailure({ action: target.action, entityType: target.entityType, entityId: row.id, errorCode: problem.code });
        results.push({
          id: row.id,
          ok: false,
          status: problem.status,
          code: problem.code,
          message: problem.messageZh,
          messageEn: problem.messageEn,
        });
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    return { results, succeeded, failed: results.length - succeeded };
  }

  /** The auth guard's check of an `owner` write route, for one row of the batch. */
  private async assertReachable(caller: Principal, target: BulkTarget, id: string): Promise<void> {
    const row = await this.scope.ownerOf(target.entity, target.column ?? 'organizationId', id, target.assignee);
    if (row === undefined) throw CommonErrors.NOT_FOUND();
    if (target.assignee && this.scope.isAssignee(caller, target.assignee, row.assignee)) return;
    await this.scope.assertVisible(caller, row.owner);
    await this.scope.assertWritable(caller, row.owner);
  }
}
