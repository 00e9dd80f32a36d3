import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { AgenciesDemoSeeder } from './agencies.demo-seeder';
import { AgenciesService } from './agencies.service';

/**
 * The third-party agency registry (第三方机构, R13, N8). Exports AgenciesService for the evaluations
 * module: `recordCommissionGrade` (the bureau's grade of a commission) and `independenceRecord`
 * (what `agencyIndependenceIssues` reads).
 */
@Module({ controllers: [AgenciesController], providers: [AgenciesService, AgenciesDemoSeeder], exports: [AgenciesService] })
export class AgenciesModule {}
