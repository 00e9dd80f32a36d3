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
  @ApiProperty({ nullable: true, type: String, example: 'finance' })
  actorName: string | null;
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
