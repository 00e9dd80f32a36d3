import { Module } from '@nestjs/common';
import { EvaluationRecordImportService } from './evaluation-record-import.service';
import { EvaluationRecordsController } from './evaluation-records.controller';
import { EvaluationRecordsDemoSeeder } from './evaluation-records.demo-seeder';
import { EvaluationRecordsService } from './evaluation-records.service';

/**
 * Evaluation records (issue 9): the old performance system's history and every finished evaluation,
 * by project code — what feeds the five-year planner (R4). The evaluations module imports this
 * module and calls `EvaluationRecordsService.recordFinished` when an evaluation finishes.
 */
@Module({
  controllers: [EvaluationRecordsController],
  providers: [EvaluationRecordsService, EvaluationRecordImportService, EvaluationRecordsDemoSeeder],
  exports: [EvaluationRecordsService],
})
export class EvaluationRecordsModule {}
