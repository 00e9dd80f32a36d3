import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/list/list-query.dto';

export class AuditLogDto {
  @ApiProperty({ example: '42' })
  id: string;
  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'finance', description: '登录名（或 API 密钥名称）/ login name (or API key name) as recorded' })
  actorName: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '财政局绩效科（演示）',
    description: '用户姓名或 API 密钥名称（现值）/ the user’s display name or the API key’s name, as it is now',
  })
  actorDisplayName: string | null;
  @ApiProperty({ enum: ['user', 'api_key', 'anonymous', 'system'] })
  actorKind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorOrganizationId: string | null;
  @ApiProperty({ example: 'user.update' })
  action: string;
  @ApiProperty({ example: 'user' })
  entityType: string;
  @ApiProperty({ nullable: true, type: String })
  entityId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  before: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  after: unknown;
  @ApiProperty({ enum: ['success', 'failure'] })
  result: string;
  @ApiProperty({ nullable: true, type: String, example: 'AUTH_INVALID_CREDENTIALS' })
  errorCode: string | null;
  @ApiProperty({ nullable: true, type: String })
  ip: string | null;
  @ApiProperty({ nullable: true, type: String })
  requestId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: '哈希链序号（封存前为空）/ place in the hash chain, null until sealed',
    example: '42',
  })
  seq: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  sealedAt: string | null;
}

export class AuditLogListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'auth.login', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ example: 'user', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @IsOptional()
  @IsIn(['success', 'failure'])
  result?: 'success' | 'failure';

  @ApiPropertyOptional({ type: String, format: 'date-time', description: '起（含）/ from, inclusive' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: '止（不含）/ to, exclusive' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

const BREAK_REASONS = [
  'CHECKPOINT_SIGNATURE_INVALID',
  'SEQ_GAP',
  'HASH_MISMATCH',
  'CHECKPOINT_MISMATCH',
  'BACKDATED',
  'NOT_CHECKPOINTED',
  'TRUNCATED',
] as const;

/** The audit chain's verification: the first broken link, if any. */
export class AuditVerificationDto {
  @ApiProperty({ description: '链完好 / no broken link' })
  ok: boolean;
  @ApiProperty({ description: '已由签名检查点证实至此序号 / the last seq confirmed by a signed checkpoint', example: 1200 })
  verifiedThrough: number;
  @ApiProperty({ description: '已封存至此序号 / the last sealed seq', example: 1200 })
  sealedThrough: number;
  @ApiProperty({ description: '尚未封存的条目数 / entries not sealed yet', example: 3 })
  unsealed: number;
  @ApiProperty({ description: '签名检查点数 / signed checkpoints', example: 40 })
  checkpoints: number;
  @ApiProperty({ nullable: true, type: Number, description: '第一个断裂处的序号 / the first broken seq' })
  firstBrokenSeq: number | null;
  @ApiProperty({ nullable: true, enum: BREAK_REASONS, type: String })
  reason: string | null;
  @ApiProperty({ nullable: true, type: String })
  message: string | null;
  @ApiProperty({ nullable: true, type: String })
  messageEn: string | null;
}
