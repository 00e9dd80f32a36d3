import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { BulkAnswerDto } from '../../common/bulk/bulk.dto';
import { BulkRunner, BulkTarget } from '../../common/bulk/bulk-runner.service';
import { TargetEntity } from './entities/target.entity';
import { BulkPassTargetsDto, BulkReturnTargetsDto } from './dto/target-bulk.dto';
import { TargetsService } from './targets.service';

const target = (action: 'pass' | 'return' | 'department_pass' | 'department_return'): BulkTarget => ({ entity: TargetEntity, action: `target.bulk.${action}`, entityType: 'target' });

/**
 * The clerks' bulk steps on targets: each row is the single-row use case of TargetsService (its
 * transaction, workflow check, segregation and audit entry), run by the BulkRunner.
 */
@Injectable()
export class TargetsBulkService {
  constructor(
    private readonly bulk: BulkRunner,
    private readonly targets: TargetsService,
  ) {}

  pass(caller: Principal, dto: BulkPassTargetsDto): Promise<BulkAnswerDto> {
    return this.bulk.run(caller, dto.items, target('pass'), (row) =>
      this.targets.pass(caller, row.id, { version: row.version, comment: dto.comment }),
    );
  }

  returnTargets(caller: Principal, dto: BulkReturnTargetsDto): Promise<BulkAnswerDto> {
    return this.bulk.run(caller, dto.items, target('return'), (row) =>
      this.targets.returnTarget(caller, row.id, { version: row.version, comment: dto.comment }),
    );
  }

  departmentPass(caller: Principal, dto: BulkPassTargetsDto): Promise<BulkAnswerDto> {
    return this.bulk.run(caller, dto.items, target('department_pass'), (row) =>
      this.targets.departmentPass(caller, row.id, { version: row.version, comment: dto.comment }),
    );
  }

  departmentReturn(caller: Principal, dto: BulkReturnTargetsDto): Promise<BulkAnswerDto> {
    return this.bulk.run(caller, dto.items, target('department_return'), (row) =>
      this.targets.departmentReturn(caller, row.id, { version: row.version, comment: dto.comment }),
    );
  }
}
