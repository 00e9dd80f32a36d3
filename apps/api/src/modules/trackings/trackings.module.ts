import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { TrackingsController } from './trackings.controller';
import { TrackingsDemoSeeder } from './trackings.demo-seeder';
import { TrackingImportService } from './tracking-import.service';
import { TrackingsService } from './trackings.service';
import { TrackingsWorkbench } from './trackings.workbench';

/** Dual monitoring (双监控): trackings, warnings and their answers (R9, R10, R25, N7). */
@Module({
  imports: [SettingsModule],
  controllers: [TrackingsController],
  providers: [TrackingsService, TrackingImportService, TrackingsDemoSeeder, TrackingsWorkbench],
  exports: [TrackingsService],
})
export class TrackingsModule {}
