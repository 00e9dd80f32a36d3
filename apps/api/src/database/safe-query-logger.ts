import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { redactDatabaseMessage } from '../common/errors/problem';

/**
 * TypeORM's logger, through Nest's: a failed or slow query is logged with its SQLSTATE, the
 * database's message with the values it quotes left out, and the statement text (placeholders
 * only). Query parameters are never logged: they are user input (passwords, names, search text).
 */
export class SafeQueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    /* queries are not logged */
  }

  logQueryError(error: string | Error): void;
  logQueryError(error: string | Error, query: string): void;
  logQueryError(error: string | Error, query?: string): void {
    const code = typeof error === 'object' ? ((error as { code?: string }).code ?? '?') : '?';
    const message = redactDatabaseMessage(typeof error === 'string' ? error : error.message);
    this.logger.error(`query failed (SQLSTATE ${code}): ${message} in: ${(query ?? '').slice(0, 500)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query.slice(0, 500)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
