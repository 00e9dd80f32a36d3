import { Module } from '@nestjs/common';
import { ProjectExcelService } from './project-excel.service';
import { ProjectsController } from './projects.controller';
import { ProjectsDemoSeeder } from './projects-demo.seeder';
import { ProjectsService } from './projects.service';
import { SearchKeyStatistics } from './search-key-statistics.service';

/** The project library (项目库): projects, policies and overall expenditures, Excel import and export (R1, R2, R6). */
@Module({
  controllers: [ProjectsController],
  providers: [ProjectsService, ProjectExcelService, ProjectsDemoSeeder, SearchKeyStatistics],
  exports: [ProjectsService, SearchKeyStatistics],
})
export class ProjectsModule {}
