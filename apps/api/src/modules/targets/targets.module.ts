import { Module } from '@nestjs/common';
import { TargetsBulkController } from './targets-bulk.controller';
import { TargetsBulkService } from './targets-bulk.service';
import { TargetsController } from './targets.controller';
import { TargetsDemoSeeder } from './targets.demo-seeder';
import { TargetsService } from './targets.service';
import { TargetsWorkbench } from './targets.workbench';

@Module({
  controllers: [TargetsBulkController, TargetsController],
  providers: [TargetsService, TargetsDemoSeeder, TargetsWorkbench, TargetsBulkService],
  exports: [TargetsService],
})
export class TargetsModule {}
