import { Module } from '@nestjs/common';
import { TargetsController } from './targets.controller';
import { TargetsDemoSeeder } from './targets.demo-seeder';
import { TargetsService } from './targets.service';

@Module({ controllers: [TargetsController], providers: [TargetsService, TargetsDemoSeeder], exports: [TargetsService] })
export class TargetsModule {}
