import { BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError, defineErrors } from './app-error';
import { toAppError, toProblem } from './problem';

function pgError(code: string): QueryFailedError {
  const driverError = Object.assign(new Error('pg'), { code });
  return new QueryFailedError('SELECT 1', [], driverError);
}

describe('error mapping', () => {
  it('keeps coded errors as they are', () => {
    const Errors = defineErrors({ THING_BROKEN: { status: 409, zh: '坏了', en: 'Broken' } });
    const error = Errors.THING_BROKEN({ detail: 'twice' });
    expect(toAppError(error)).toBe(error);
    expect(error).toMatchObject({ code: 'THING_BROKEN', status: 409, messageZh: '坏了', messageEn: 'Broken: twice' });
  });

  it('maps database errors to 4xx codes instead of 500', () => {
    expect(toAppError(pgError('23505')).code).toBe('DUPLICATE');
    expect(toAppError(pgError('23503')).code).toBe('REFERENCE_INVALID');
    expect(toAppError(pgError('22P02')).status).toBe(400);
    expect(toAppError(pgError('22001')).status).toBe(400);
  });

  it('answers a pool with no free connection, or a statement cut off by its timeout, as busy (503), not as a failure', () => {
    // the message node-postgres's pool gives when no connection frees up within connectionTimeoutMillis
    expect(toAppError(new Error('timeout exceeded when trying to connect'))).toMatchObject({ code: 'SERVICE_BUSY', status: 503 });
    expect(toAppError(pgError('57014'))).toMatchObject({ code: 'SERVICE_BUSY', status: 503 });
    expect(toAppError(pgError('40P01'))).toMatchObject({ code: 'SERVICE_BUSY', status: 503 });
    // the statement's backend ended under it (pg_terminate_backend, a shutdown): rolled back, a retry takes another connection
    for (const code of ['57P01', '57P02', '57P03']) expect(toAppError(pgError(code))).toMatchObject({ code: 'SERVICE_BUSY', status: 503 });
    expect(toAppError(new Error('connection refused')).code).toBe('INTERNAL');
  });

  it('maps framework errors: unknown route, malformed JSON, oversized body', () => {
    expect(toAppError(new NotFoundException()).code).toBe('ROUTE_NOT_FOUND');
    expect(toAppError(new BadRequestException('Body is not valid JSON')).code).toBe('MALFORMED_JSON');
    expect(toAppError(Object.assign(new Error('too big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })).code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('turns anything unknown into INTERNAL without leaking its message', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const error = toAppError(new Error('secret connection string postgres://x'));
    expect(error.code).toBe('INTERNAL');
    expect(JSON.stringify(toProblem(error))).not.toContain('postgres://');
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it('renders a problem with both languages and field errors', () => {
    const problem = toProblem(
      new AppError('VALIDATION_FAILED', 400, '不合法', 'Invalid', [
        { field: 'name', code: 'isString', message: '必须是字符串', messageEn: 'must be a string' },
      ]),
      '/api/v1/x',
    );
    expect(problem).toEqual({
      type: 'urn:jixiao:problem:validation-failed',
      title: 'Invalid',
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '不合法',
      messageEn: 'Invalid',
      instance: '/api/v1/x',
      errors: [{ field: 'name', code: 'isString', message: '必须是字符串', messageEn: 'must be a string' }],
    });
  });
});
