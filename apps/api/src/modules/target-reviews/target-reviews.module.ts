import { Module } from '@nestjs/common';
import { TargetsModule } from '../targets/targets.module';
import { ExpertsController, TargetReviewsController } from './target-reviews.controller';
import { ExpertsDemoSeeder } from './experts.demo-seeder';
import { TargetReviewsService } from './target-reviews.service';

@Module({
  imports: [TargetsModule],
  controllers: [TargetReviewsController, ExpertsController],
  providers: [TargetReviewsService, ExpertsDemoSeeder],
})
export class TargetReviewsModule {}
