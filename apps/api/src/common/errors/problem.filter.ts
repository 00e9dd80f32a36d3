import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgumentsHost, Catch, ExceptionFilter, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@jixiao/contracts';
import { toAppError, toProblem } from './problem';
import { AuditService } from '../audit/audit.service';
import type { AppError } from './app-error';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one filter: every error leaves the API as application/problem+json with a stable code,
 * and every refused or failed write is written to the audit log.
 */
@Catch()
@Injectable()
export class ProblemFilter implements ExceptionFilter {
  /** The SPA's index.html, served for unknown non-API GET paths (history-mode routing). */
  private readonly spaIndex: string | null;

  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const index = join(config.webDist, 'index.html');
    this.spaIndex = existsSync(index) ? readFileSync(index, 'utf8') : null;
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const error = toAppError(exception);
    if (error.code === 'ROUTE_NOT_FOUND' && this.spaIndex && isSpaPath(request)) {
      void reply.status(200).type('text/html; charset=utf-8').send(this.spaIndex);
      return;
    }
    if (request && !READ_METHODS.has(request.method) && !request.url.startsWith('/api/v1/auth/')) {
      // The refusal is in the audit log before the caller hears of it.
      void this.audit.recordFailure(failureEntry(request, error)).then(() => sendProblem(reply, error, request.url));
      return;
    }
    sendProblem(reply, error, request?.url);
  }
}

function isSpaPath(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  return request.method === 'GET' && !path.startsWith('/api') && !/\.[a-z0-9]{1,8}$/i.test(path);
}

function failureEntry(request: FastifyRequest, error: AppError) {
  const path = (request.routeOptions?.url ?? request.url.split('?')[0]).replace(/^\/api\/v1\//, '');
  const params = (request.params ?? {}) as Record<string, string>;
  // A refused id may hold a NUL character, which PostgreSQL cannot store: it is recorded as U+FFFD.
  const entityId = typeof params.id === 'string' ? params.id.replaceAll('\u0000', '\uFFFD').slice(0, 64) : null;
  return {
    action: `${request.method} ${path}`.slice(0, 64),
    entityType: path.split('/')[0]?.slice(0, 64) || 'unknown',
    entityId,
    errorCode: error.code,
  };
}

export function sendProblem(reply: FastifyReply, exception: unknown, url?: string): void {
  const error = toAppError(exception);
  if (reply.sent) return;
  void reply
    .status(error.status)
    .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(JSON.stringify(toProblem(error, url?.split('?')[0])));
}
