import { Module } from '@nestjs/common';
import { KeyProjectListsController } from './key-project-lists.controller';
import { KeyProjectListsDemoSeeder } from './key-project-lists.demo-seeder';
import { KeyProjectListExporter } from './key-project-lists.export';
import { KeyProjectListsService } from './key-project-lists.service';
import { KeyProjectListsWorkbench } from './key-project-lists.workbench';

@Module({
  controllers: [KeyProjectListsController],
  providers: [KeyProjectListsService, KeyProjectListExporter, KeyProjectListsDemoSeeder, KeyProjectListsWorkbench],
  exports: [KeyProjectListsService],
})
export class KeyProjectListsModule {}
