import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { BULK_HARD_MAX } from '../../../common/bulk/bulk.dto';
import { AssignExpertsDto } from './target-review.dto';

/** Assign the same experts to many targets in expert review: each target as `POST /target-reviews/{targetId}/assignments`. */
export class BulkAssignExpertsDto extends AssignExpertsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: BULK_HARD_MAX,
    description: '目标标识，每个一次，最多 BULK_MAX_IDS 个 / target ids, each once, at most BULK_MAX_IDS',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_HARD_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  targetIds: string[];
}
