import { Module } from '@nestjs/common';
import { EvaluationRecordsModule } from '../evaluation-records/evaluation-records.module';
import { SettingsModule } from '../settings/settings.module';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsDemoSeeder } from './evaluations.demo-seeder';
import { EvaluationsService } from './evaluations.service';
import { FinanceKeyService } from './finance-key.service';
import { EvaluationsWorkbench } from './evaluations.workbench';

/** Evaluations (绩效评价): unit self-evaluations reviewed by departments, department and finance key evaluations (R11–R14, N1–N3). */
@Module({
  imports: [SettingsModule, EvaluationRecordsModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsService, FinanceKeyService, EvaluationsDemoSeeder, EvaluationsWorkbench],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
