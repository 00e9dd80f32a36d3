import { Module } from '@nestjs/common';
import { EvaluationSpotChecksController } from './evaluation-spot-checks.controller';
import { EvaluationSpotChecksService } from './evaluation-spot-checks.service';

/** The bureau's spot-check of self-evaluation quality (质量管理, R11): a recorded random sample, verdicts with findings, a conclusion. */
@Module({
  controllers: [EvaluationSpotChecksController],
  providers: [EvaluationSpotChecksService],
})
export class EvaluationSpotChecksModule {}
