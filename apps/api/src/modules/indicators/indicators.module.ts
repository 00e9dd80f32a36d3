import { Module } from '@nestjs/common';
import { IndicatorCategoriesController, IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';
import { IndicatorsDemoSeeder } from './indicators.demo-seeder';
import { IndicatorsWorkbench } from './indicators.workbench';

@Module({
  controllers: [IndicatorCategoriesController, IndicatorsController],
  providers: [IndicatorsService, IndicatorsDemoSeeder, IndicatorsWorkbench],
  exports: [IndicatorsService],
})
export class IndicatorsModule {}
