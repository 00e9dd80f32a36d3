import { DynamicModule, Global, Module, ValidationPipe } from '@nestjs/common';
import { QueryValidationPipe } from './common/validation/query-validation-cache';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { NamedStatements } from './database/named-statement';
import { MetadataMisses } from './database/metadata-misses';
import { AuditService } from './common/audit/audit.service';
import { AuditSealer } from './common/audit/audit-sealer.service';
import { AuthGuard } from './common/auth/auth.guard';
import { CommonErrors } from './common/errors/common.errors';
import { ProblemFilter } from './common/errors/problem.filter';
import { flattenValidationErrors } from './common/errors/validation-messages';
import { cacheRuleLookups } from './common/validation/rule-lookup-cache';
import { DataScope } from './common/scope/data-scope.service';
import { ExcelImportService } from './common/excel/excel-import.service';
import { BulkRunner } from './common/bulk/bulk-runner.service';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuditLogsModule } from './modules/audit-logs/audit-logs.module';
import { AuthModule } from './modules/auth/auth.module';
import { BootstrapService } from './modules/demo/bootstrap.service';
import { HealthModule } from './modules/health/health.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { PolicyProfilesModule } from './modules/policy-profiles/policy-profiles.module';
import { UsersModule } from './modules/users/users.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { KeyProjectListsModule } from './modules/key-project-lists/key-project-lists.module';
import { IndicatorsModule } from './modules/indicators/indicators.module';
import { PreAssessmentsModule } from './modules/pre-assessments/pre-assessments.module';
import { TargetsModule } from './modules/targets/targets.module';
import { TargetReviewsModule } from './modules/target-reviews/target-reviews.module';
import { FilesModule } from './modules/files/files.module';
import { BudgetGateModule } from './modules/budget-gate/budget-gate.module';
import { SettingsModule } from './modules/settings/settings.module';
import { WorkbenchModule } from './modules/workbench/workbench.module';
import { AgenciesModule } from './modules/agencies/agencies.module';
import { TrackingsModule } from './modules/trackings/trackings.module';
import { EvaluationSpotChecksModule } from './modules/evaluation-spot-checks/evaluation-spot-checks.module';
import { EvaluationsModule } from './modules/evaluations/evaluations.module';
import { EvaluationRecordsModule } from './modules/evaluation-records/evaluation-records.module';

/** The domain modules, one folder each under src/modules. A new module is added here. */
const DOMAIN_MODULES = [
  AuthModule,
  OrganizationsModule,
  UsersModule,
  ApiKeysModule,
  PolicyProfilesModule,
  SettingsModule,
  AuditLogsModule,
  HealthModule,
  // Before the budget (issue 3): project library → key lists → indicators → pre-assessment → targets → review → gate
  FilesModule,
  ProjectsModule,
  KeyProjectListsModule,
  IndicatorsModule,
  PreAssessmentsModule,
  TargetsModule,
  TargetReviewsModule,
  BudgetGateModule,
  // Each role's landing page: items registered by the modules above (@AsWorkbenchProvider).
  WorkbenchModule,
  TrackingsModule,
  EvaluationsModule,
  // Evaluations (issue 9): the records of past and finished evaluations that feed the R4 planner.
  EvaluationRecordsModule,
  // Third-party agencies (issue 9): the registry the evaluations module commissions from.
  AgenciesModule,
  // Evaluations (issue 9): the bureau's spot-check of self-evaluation quality (质量管理).
  EvaluationSpotChecksModule,
];

/** Cross-cutting services every module may inject: scope, audit (and its sealer), spreadsheet imports, bulk actions; named statements on PostgreSQL. */
@Global()
@Module({
  providers: [NamedStatements, MetadataMisses, DataScope, AuditService, AuditSealer, ExcelImportService, BulkRunner],
  exports: [DataScope, AuditService, AuditSealer, ExcelImportService, BulkRunner],
})
class CoreModule {}

export function validationPipe(): ValidationPipe {
  cacheRuleLookups();
  return new QueryValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => CommonErrors.VALIDATION_FAILED({ errors: flattenValidationErrors(errors) }),
  });
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, poolMax: number): DynamicModule {
    return {
      module: AppModule,
      imports: [
        { module: ConfigHolder, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        // Pending migrations run when the connection opens, one transaction each; never synchronize.
        // With DATABASE_MIGRATION_URL the owner has run them already (app.factory) and this role may not.
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl, poolMax, Boolean(config.databaseUrl)),
          migrationsRun: !config.databaseMigrationUrl,
          migrationsTransactionMode: 'each',
          retryAttempts: 2,
        }),
        CoreModule,
        DiscoveryModule,
        ...DOMAIN_MODULES,
      ],
      providers: [
        BootstrapService,
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: validationPipe },
      ],
    };
  }
}

@Global()
@Module({})
class ConfigHolder {}
