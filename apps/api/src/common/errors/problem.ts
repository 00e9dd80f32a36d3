import type { Socket } from 'node:net';
import { HttpException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { Problem } from '@jixiao/contracts';
import { AppError } from './app-error';
import { CommonErrors } from './common.errors';
import { SECURITY_HEADERS } from '../http/security-headers';

const logger = new Logger('Problem');

const PG_CODES: Record<string, () => AppError> = {
  '23505': () => CommonErrors.DUPLICATE(),
  '23503': () => CommonErrors.REFERENCE_INVALID(),
  '22P02': () => CommonErrors.VALIDATION_FAILED({ detail: 'malformed value' }),
  '22001': () => CommonErrors.VALIDATION_FAILED({ detail: 'value too long' }),
  '22003': () => CommonErrors.VALIDATION_FAILED({ detail: 'number out of range' }),
  '22007': () => CommonErrors.VALIDATION_FAILED({ detail: 'malformed date' }),
  '22008': () => CommonErrors.VALIDATION_FAILED({ detail: 'date out of range' }),
  // Text PostgreSQL cannot store (NUL, bad encoding): refused earlier, this is the safety net.
  '22021': () => CommonErrors.VALIDATION_FAILED({ detail: 'invalid character' }),
  '22P05': () => CommonErrors.VALIDATION_FAILED({ detail: 'invalid character' }),
  '40001': () => CommonErrors.VERSION_CONFLICT(),
  // Chosen as a deadlock's victim: rolled back, nothing written; the same request succeeds when retried.
  '40P01': () => CommonErrors.SERVICE_BUSY({ detail: 'deadlock' }),
  '57014': () => CommonErrors.SERVICE_BUSY({ detail: 'statement timeout' }),
  // The statement's backend was ended (by an administrator, a shutdown or a crash): its transaction is
  // rolled back, nothing written; its connection is closed (named-statement.ts) and a retry takes another.
  '57P01': () => CommonErrors.SERVICE_BUSY({ detail: 'database connection ended' }),
  '57P02': () => CommonErrors.SERVICE_BUSY({ detail: 'database connection ended' }),
  '57P03': () => CommonErrors.SERVICE_BUSY({ detail: 'database starting or shutting down' }),
};

const FASTIFY_CODES: Record<string, () => AppError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => CommonErrors.UNSUPPORTED_MEDIA_TYPE(),
  FST_ERR_CTP_BODY_TOO_LARGE: () => CommonErrors.PAYLOAD_TOO_LARGE(),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => CommonErrors.VALIDATION_FAILED({ detail: 'invalid content length' }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => CommonErrors.MALFORMED_JSON(),
  FST_ERR_CTP_INVALID_JSON_BODY: () => CommonErrors.MALFORMED_JSON(),
  FST_ERR_CTP_EMPTY_TYPE: () => CommonErrors.UNSUPPORTED_MEDIA_TYPE(),
  FST_ERR_CTP_INVALID_TYPE: () => CommonErrors.UNSUPPORTED_MEDIA_TYPE(),
  FST_ERR_BAD_URL: () => CommonErrors.ROUTE_NOT_FOUND(),
  // @fastify/multipart: counts are bad requests (400), sizes are 413.
  FST_FIELDS_LIMIT: () => CommonErrors.MULTIPART_TOO_MANY_FIELDS(),
  FST_FILES_LIMIT: () => CommonErrors.MULTIPART_TOO_MANY_FILES(),
  FST_PARTS_LIMIT: () => CommonErrors.MULTIPART_TOO_MANY_PARTS(),
  FST_REQ_FILE_TOO_LARGE: () => CommonErrors.PAYLOAD_TOO_LARGE({ detail: 'file size limit' }),
  FST_PROTO_VIOLATION: () => CommonErrors.VALIDATION_FAILED({ detail: 'forbidden field name' }),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () => CommonErrors.UNSUPPORTED_MEDIA_TYPE(),
  FST_INVALID_JSON_FIELD_ERROR: () => CommonErrors.MALFORMED_JSON(),
};

/** A database message with the values it quotes (`…: "the value"`) left out: values never reach the log. */
export function redactDatabaseMessage(message: string): string {
  return message.replace(/: "[^"]*"/g, ': "…"').replace(/\)=\([^)]*\)/g, ')=(…)');
}

/** Turns anything thrown into a coded AppError; unknown errors become INTERNAL and are logged. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string } | undefined)?.code ?? '';
    const known = PG_CODES[code];
    if (known) return known();
  }
  // the pool had no connection free within its wait (connectionTimeoutMillis): busy, not broken
  if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message)) return CommonErrors.SERVICE_BUSY();
  const fastifyCode = (error as { code?: string })?.code;
  if (fastifyCode && FASTIFY_CODES[fastifyCode]) return FASTIFY_CODES[fastifyCode]();
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return CommonErrors.MALFORMED_JSON();
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return CommonErrors.ROUTE_NOT_FOUND();
    if (status === 413) return CommonErrors.PAYLOAD_TOO_LARGE();
    if (status === 415) return CommonErrors.UNSUPPORTED_MEDIA_TYPE();
    if (status === 405) return CommonErrors.METHOD_NOT_ALLOWED();
    if (status === 403) return CommonErrors.FORBIDDEN();
    if (status === 400 && /JSON/.test(error.message)) return CommonErrors.MALFORMED_JSON();
    if (status === 400) return CommonErrors.VALIDATION_FAILED({ detail: error.message });
    if (status < 500) return new AppError('HTTP_' + status, status, error.message, error.message);
  }
  const statusCode = (error as { statusCode?: number })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    if (statusCode === 413) return CommonErrors.PAYLOAD_TOO_LARGE();
    if (statusCode === 415) return CommonErrors.UNSUPPORTED_MEDIA_TYPE();
    if (/JSON/.test((error as Error).message)) return CommonErrors.MALFORMED_JSON();
    return CommonErrors.VALIDATION_FAILED({ detail: (error as Error).message });
  }
  if (error instanceof QueryFailedError) {
    // Neither the parameters nor the values PostgreSQL quotes in its message: the SQLSTATE, the message, the statement.
    const code = (error.driverError as { code?: string } | undefined)?.code ?? '?';
    logger.error(`query failed (SQLSTATE ${code}): ${redactDatabaseMessage(error.message)} in: ${error.query.slice(0, 500)}`);
    return CommonErrors.INTERNAL();
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return CommonErrors.INTERNAL();
}

export function toProblem(error: AppError, instance?: string): Problem {
  return {
    type: `urn:jixiao:problem:${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: error.messageEn,
    status: error.status,
    code: error.code,
    message: error.messageZh,
    messageEn: error.messageEn,
    ...(instance ? { instance } : {}),
    ...(error.fieldErrors.length ? { errors: error.fieldErrors } : {}),
    ...error.extra,
  };
}

/**
 * What the HTTP server answers a request it could not parse (Node's `clientError`: a request line or
 * header that is not HTTP — characters beyond ASCII not percent-encoded in the URL, a header too
 * large, a request not sent in time), in place of Fastify's plain JSON: a problem+json with its code
 * and both messages, like every other refusal; then the connection is closed. Nothing reached a
 * route, so nothing was read or written. A connection already reset or closed gets nothing.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? CommonErrors.HEADERS_TOO_LARGE()
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? CommonErrors.REQUEST_TIMEOUT()
        : CommonErrors.MALFORMED_REQUEST();
  const body = JSON.stringify(toProblem(problem));
  const reason = problem.status === 431 ? 'Request Header Fields Too Large' : problem.status === 408 ? 'Request Timeout' : 'Bad Request';
  if (socket.writable) {
    // the headers every answer carries, and no-store as every API answer (security-headers.ts)
    const headers = Object.entries({
      ...SECURITY_HEADERS,
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      connection: 'close',
    }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${problem.status} ${reason}\r\n${headers.join('')}\r\n${body}`);
  }
  socket.destroy();
}
