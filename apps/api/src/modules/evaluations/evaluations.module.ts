import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { EvaluationRecordsModule } from '../evaluation-records/evaluation-records.module';
import { FilesModule } from '../files/files.module';
import { SettingsModule } from '../settings/settings.module';
import { EvaluationCommissionsController } from './evaluation-commissions.controller';
import { EvaluationCommissionsService } from './evaluation-commissions.service';
import { EvaluationFilesController } from './evaluation-files.controller';
import { EvaluationFilesService } from './evaluation-files.service';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationCommissionsDemoSeeder, EvaluationsDemoSeeder } from './evaluations.demo-seeder';
import { EvaluationsService } from './evaluations.service';
import { FinanceKeyService } from './finance-key.service';
import { EvaluationsWorkbench } from './evaluations.workbench';

/** Evaluations (绩效评价): unit self-evaluations reviewed by departments, department and finance key evaluations (R11–R14, N1–N3), commissioned to third-party agencies (R13, N8). */
@Module({
  imports: [SettingsModule, EvaluationRecordsModule, AgenciesModule, FilesModule],
  controllers: [EvaluationsController, EvaluationCommissionsController, EvaluationFilesController],
  providers: [
    EvaluationsService,
    EvaluationCommissionsService,
    EvaluationFilesService,
    FinanceKeyService,
    EvaluationsDemoSeeder,
    EvaluationCommissionsDemoSeeder,
    EvaluationsWorkbench,
  ],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
