import { Module } from '@nestjs/common';
import { TargetsModule } from '../targets/targets.module';
import { ExpertsController, TargetReviewsController } from './target-reviews.controller';
import { TargetReviewsBulkController } from './target-reviews-bulk.controller';
import { ExpertsDemoSeeder } from './experts.demo-seeder';
import { TargetReviewsService } from './target-reviews.service';
import { TargetReviewsWorkbench } from './target-reviews.workbench';

@Module({
  imports: [TargetsModule],
  controllers: [TargetReviewsBulkController, TargetReviewsController, ExpertsController],
  providers: [TargetReviewsService, ExpertsDemoSeeder, TargetReviewsWorkbench],
})
export class TargetReviewsModule {}
