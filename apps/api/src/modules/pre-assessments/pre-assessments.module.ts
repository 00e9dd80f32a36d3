import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { PreAssessmentsController } from './pre-assessments.controller';
import { PreAssessmentsService } from './pre-assessments.service';
import { PreAssessmentsDemoSeeder } from './pre-assessments.demo-seeder';
import { PreAssessmentsWorkbench } from './pre-assessments.workbench';

@Module({
  imports: [FilesModule],
  controllers: [PreAssessmentsController],
  providers: [PreAssessmentsService, PreAssessmentsDemoSeeder, PreAssessmentsWorkbench],
  exports: [PreAssessmentsService],
})
export class PreAssessmentsModule {}
