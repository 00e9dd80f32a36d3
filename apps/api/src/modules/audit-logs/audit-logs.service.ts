import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListResult } from '@jixiao/contracts';
import type { JsonFields } from '../../common/list/json-items';
import { paginate } from '../../common/list/paginate';
import type { Principal } from '../../common/auth/principal';
import { DataScope } from '../../common/scope/data-scope.service';
import { AuditLogEntity } from './entities/audit-log.entity';
import { AuditLogDto, AuditLogListQueryDto, AuditVerificationDto } from './dto/audit-log.dto';
import { AuditSealer } from '../../common/audit/audit-sealer.service';
import { actorNameSql, namesFromColumns } from '../../common/audit/actor-names';

function toDto(a: AuditLogEntity, names: Map<string, string>): AuditLogDto {
  return {
    id: String(a.id),
    occurredAt: a.occurredAt.toISOString(),
    actorId: a.actorId,
    actorName: a.actorName,
    actorDisplayName: (a.actorId ? names.get(a.actorId) : undefined) ?? null,
    actorKind: a.actorKind,
    actorOrganizationId: a.actorOrganizationId,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId,
    before: a.before,
    after: a.after,
    result: a.result,
    errorCode: a.errorCode,
    ip: a.ip,
    requestId: a.requestId,
    seq: a.seq,
    sealedAt: a.sealedAt ? a.sealedAt.toISOString() : null,
  };
}

/** `toDto` as SQL over the list's alias `a` (json-items.ts): the ids and seqs as text, the actor's name beside its stored one. */
const AUDIT_LOG_JSON: JsonFields = {
  id: { sql: 'a.id::text' },
  occurredAt: 'a.occurredAt',
  actorId: 'a.actorId',
  actorName: 'a.actorName',
  actorDisplayName: { sql: actorNameSql('a.actor_id') },
  actorKind: 'a.actorKind',
  actorOrganizationId: 'a.actorOrganizationId',
  // as SQL: the shape `action: '…', entityType` is how audit-actions.spec finds the actions the API writes
  action: { sql: 'a.action' },
  entityType: 'a.entityType',
  entityId: 'a.entityId',
  before: 'a.before',
  after: 'a.after',
  result: 'a.result',
  errorCode: 'a.errorCode',
  ip: 'a.ip',
  requestId: 'a.requestId',
  seq: { sql: 'a.seq::text' },
  sealedAt: 'a.sealedAt',
};

/** Read-only access to the append-only audit log, for the finance bureau and auditors. */
@Injectable()
export class AuditLogsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly sealer: AuditSealer,
  ) {}

  /** Recomputes the whole chain and checks it against the signed checkpoints. */
  async verification(caller: Principal): Promise<AuditVerificationDto> {
    await this.scope.assertDistrictWide(caller);
    return this.sealer.verify();
  }

  /** The log spans the district, so only district-wide readers (finance bureau, auditors) may read it. */
  async list(caller: Principal, query: AuditLogListQueryDto): Promise<ListResult<AuditLogDto>> {
    await this.scope.assertDistrictWide(caller);
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.entityType) qb.andWhere('a.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entityId = :entityId', { entityId: query.entityId });
    if (query.result) qb.andWhere('a.result = :result', { result: query.result });
    if (query.from) qb.andWhere('a.occurredAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.occurredAt < :to', { to: query.to });
    return paginate(qb, query, {
      sortable: { occurredAt: 'a.occurredAt', action: 'a.action', actorName: 'a.actorName' },
      defaultSort: '-occurredAt',
      columns: { actorDisplayName: actorNameSql('a.actor_id') },
      map: (row, columns) => toDto(row, namesFromColumns([[row.actorId, columns.actorDisplayName]])),
      json: AUDIT_LOG_JSON,
    });
  }
}
