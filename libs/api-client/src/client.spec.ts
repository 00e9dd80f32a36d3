import { describe, expect, it, vi } from 'vitest';
import { createApiClient, unwrap } from './client';
import { ApiProblem } from './problem';

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, message: `中文 ${code}`, messageEn: code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('createApiClient', () => {
  it('sends the bearer token and the UI language', async () => {
    const fetch = vi.fn(async (_request: Request) => ok({ status: 'ok', database: 'up' }));
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => 't1', getLocale: () => 'en-US', fetch });
    await expect(unwrap(api.GET('/api/health'))).resolves.toEqual({ status: 'ok', database: 'up' });
    const request = fetch.mock.calls[0][0];
    expect(request.headers.get('Authorization')).toBe('Bearer t1');
    expect(request.headers.get('Accept-Language')).toBe('en-US');
  });

  it('asks onUnauthorized once on a 401 and repeats the request with the new token, body included', async () => {
    let token = 'old';
    const seen: string[] = [];
    const fetch = vi.fn(async (request: Request) => {
      seen.push(`${request.headers.get('Authorization')} ${await request.text()}`);
      return request.headers.get('Authorization') === 'Bearer new'
        ? new Response(null, { status: 204 })
        : problem(401, 'AUTH_TOKEN_EXPIRED');
    });
    const onUnauthorized = vi.fn(async (p: ApiProblem) => {
      expect(p.code).toBe('AUTH_TOKEN_EXPIRED');
      token = 'new';
      return true;
    });
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => token, onUnauthorized, fetch });
    await unwrap(api.POST('/api/v1/auth/change-password', { body: { currentPassword: 'a', newPassword: 'b' } }));
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    const body = JSON.stringify({ currentPassword: 'a', newPassword: 'b' });
    expect(seen).toEqual([`Bearer old ${body}`, `Bearer new ${body}`]);
  });

  it('passes the 401 on when the session cannot be renewed', async () => {
    const fetch = vi.fn(async () => problem(401, 'AUTH_SESSION_EXPIRED'));
    const onProblem = vi.fn();
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => 't', onUnauthorized: () => false, onProblem, fetch });
    await expect(unwrap(api.GET('/api/v1/auth/me'))).rejects.toMatchObject({ status: 401, code: 'AUTH_SESSION_EXPIRED' });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(onProblem).toHaveBeenCalledWith(expect.objectContaining({ code: 'AUTH_SESSION_EXPIRED' }));
  });

  it('never tries to renew on the login and refresh routes', async () => {
    const fetch = vi.fn(async () => problem(401, 'AUTH_INVALID_CREDENTIALS'));
    const onUnauthorized = vi.fn(() => true);
    const api = createApiClient({ baseUrl: 'http://api.test', onUnauthorized, fetch });
    const failure = await unwrap(api.POST('/api/v1/auth/login', { body: { username: 'u', password: 'p' } })).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiProblem);
    expect(failure.localizedMessage('zh-CN')).toBe('中文 AUTH_INVALID_CREDENTIALS');
    expect(failure.localizedMessage('en-US')).toBe('AUTH_INVALID_CREDENTIALS');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('turns an unreachable server into a NETWORK_ERROR problem', async () => {
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: async () => Promise.reject(new TypeError('fetch failed')) });
    await expect(unwrap(api.GET('/api/health'))).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});
