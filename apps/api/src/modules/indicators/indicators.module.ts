import { Module } from '@nestjs/common';
import { IndicatorCategoriesController, IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';
import { IndicatorsDemoSeeder } from './indicators.demo-seeder';

@Module({
  controllers: [IndicatorCategoriesController, IndicatorsController],
  providers: [IndicatorsService, IndicatorsDemoSeeder],
  exports: [IndicatorsService],
})
export class IndicatorsModule {}
