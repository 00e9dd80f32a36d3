import { Module } from '@nestjs/common';
import { TargetsController } from './targets.controller';
import { TargetsDemoSeeder } from './targets.demo-seeder';
import { TargetsService } from './targets.service';
import { TargetsWorkbench } from './targets.workbench';

@Module({ controllers: [TargetsController], providers: [TargetsService, TargetsDemoSeeder, TargetsWorkbench], exports: [TargetsService] })
export class TargetsModule {}
