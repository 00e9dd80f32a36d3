import type { RefusedRequestAction } from '@jixiao/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgumentsHost, Catch, ExceptionFilter, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@jixiao/contracts';
import { toAppError, toProblem } from './problem';
import { AuditService } from '../audit/audit.service';
import { AuditErrors } from '../audit/audit.errors';
import type { AppError } from './app-error';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one filter: every error leaves the API as application/problem+json with a stable code, and
 * every refused or failed write and every refused read (401, 403, and 404 from the data scope) is
 * written to the audit log before the answer is sent. Refusals are counted per actor; past the
 * configured limit the actor is answered 429 RATE_LIMITED (see AuditService.recordRefusal).
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
    if (request && isAuditedRefusal(request, error)) {
      // The refusal is in the audit log before the caller hears of it.
      void this.audit.recordRefusal(failureEntry(request, error), error.status < 500).then((outcome) => {
        if (!outcome.limited) return sendProblem(reply, error, request.url);
        if (!reply.sent) void reply.header('retry-after', String(outcome.retryAfterSeconds));
        sendProblem(reply, AuditErrors.RATE_LIMITED(), request.url);
      });
      return;
    }
    sendProblem(reply, error, request?.url);
  }
}

/**
 * Writes: every refusal and failure, except the sign-in routes' (the auth service records those
 * itself, with the account tried). Reads: the security refusals — not signed in (401), not allowed
 * (403), and not found, which is also what a row outside the caller's scope answers.
 */
function isAuditedRefusal(request: FastifyRequest, error: AppError): boolean {
  if (!READ_METHODS.has(request.method)) return !request.url.startsWith('/api/v1/auth/');
  if (request.method === 'OPTIONS' || !request.url.startsWith('/api/')) return false;
  return error.status === 401 || error.status === 403 || error.code === 'NOT_FOUND';
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
    action: `${request.method} ${path}`.slice(0, 64) as RefusedRequestAction,
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
