import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { BulkRowsDto } from '../../../common/bulk/bulk.dto';

/** Pass many targets: each row as `POST /targets/{id}/pass` (or the department's pre-review pass) with the same comment. */
export class BulkPassTargetsDto extends BulkRowsDto {
  @ApiPropertyOptional({ maxLength: 2000, example: '同意' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** Return many targets with one comment: each row as `POST /targets/{id}/return` (or the department's return). */
export class BulkReturnTargetsDto extends BulkRowsDto {
  @ApiProperty({ maxLength: 2000, example: '产出指标不完整，请补充' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}
