import { Module } from '@nestjs/common';
import { BudgetGateController } from './budget-gate.controller';
import { BudgetGateService } from './budget-gate.service';

/** The budget gate (R5, R7) and the target coverage dashboard (R6). */
@Module({ controllers: [BudgetGateController], providers: [BudgetGateService], exports: [BudgetGateService] })
export class BudgetGateModule {}
