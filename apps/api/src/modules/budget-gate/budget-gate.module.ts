import { Module } from '@nestjs/common';
import { BudgetGateController } from './budget-gate.controller';
import { BudgetGateService } from './budget-gate.service';
import { BudgetGateWorkbench } from './budget-gate.workbench';

/** The budget gate (R5, R7) and the target coverage dashboard (R6). */
@Module({ controllers: [BudgetGateController], providers: [BudgetGateService, BudgetGateWorkbench], exports: [BudgetGateService] })
export class BudgetGateModule {}
