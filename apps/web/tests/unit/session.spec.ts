import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { authApi } from '@/api/auth';
import { usersApi } from '@/api/users';
import { setupRouterGuard } from '@/router/guard';
import { routes } from '@/router/routes';
import { installSessionHandlers } from '@/session';
import { useAuthStore } from '@/stores/auth';
import { tokenStorage } from '@/utils/token-storage';
import { meWith } from './helpers';

function tokens(access: string) {
  return {
    accessToken: access,
    refreshToken: `${access}-refresh`,
    tokenType: 'Bearer' as const,
    expiresIn: 900,
    mustChangePassword: false,
    user: meWith(['finance']),
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const problem = (status: number, code: string) =>
  json(status, { type: 'about:blank', title: code, status, code, message: `${code} 中文`, messageEn: code });

/** A fake server: one handler per "METHOD path" that sees the bearer token. */
function serve(routes: Record<string, (token: string | null, body: unknown) => Response>) {
  const calls: string[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const token = request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? null;
    calls.push(`${key} ${token ?? '-'}`);
    const handler = routes[key];
    const text = await request.text();
    return handler ? handler(token, text ? JSON.parse(text) : undefined) : problem(404, 'NOT_FOUND');
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

describe('session handling', () => {
  let router: Router;

  beforeEach(async () => {
    setActivePinia(createPinia());
    tokenStorage.clear();
    router = createRouter({ history: createMemoryHistory(), routes });
    setupRouterGuard(router);
    installSessionHandlers(router);
    serve({ 'POST /api/v1/auth/login': () => json(200, tokens('a1')) });
    await useAuthStore().login('finance', 'Demo#2022');
    await router.push('/system/users');
    expect(router.currentRoute.value.name).toBe('users');
  });

  afterEach(() => vi.unstubAllGlobals());

  it('keeps tokens in memory and sessionStorage, never in localStorage', () => {
    expect(tokenStorage.accessToken).toBe('a1');
    expect(sessionStorage.getItem('jixiao.accessToken')).toBe('a1');
    expect(sessionStorage.getItem('jixiao.refreshToken')).toBe('a1-refresh');
    expect(Object.keys(localStorage).some((k) => k.toLowerCase().includes('token'))).toBe(false);
  });

  it('renews an expired access token with the refresh token and sends the request again', async () => {
    const calls = serve({
      'GET /api/v1/users': (token) => (token === 'a2' ? json(200, { items: [], total: 0 }) : problem(401, 'AUTH_TOKEN_EXPIRED')),
      'POST /api/v1/auth/refresh': (_token, body) =>
        (body as { refreshToken: string }).refreshToken === 'a1-refresh' ? json(200, tokens('a2')) : problem(401, 'AUTH_REFRESH_INVALID'),
    });
    await expect(usersApi.list({ page: 1 })).resolves.toEqual({ items: [], total: 0 });
    expect(calls).toEqual(['GET /api/v1/users a1', 'POST /api/v1/auth/refresh a1', 'GET /api/v1/users a2']);
    expect(tokenStorage.accessToken).toBe('a2');
    expect(router.currentRoute.value.name).toBe('users');
  });

  it('asks for one renewal however many requests hit the expiry together', async () => {
    const calls = serve({
      'GET /api/v1/users': (token) => (token === 'a2' ? json(200, { items: [], total: 0 }) : problem(401, 'AUTH_TOKEN_EXPIRED')),
      'POST /api/v1/auth/refresh': () => json(200, tokens('a2')),
    });
    await Promise.all([usersApi.list({}), usersApi.list({}), usersApi.list({})]);
    expect(calls.filter((c) => c.startsWith('POST /api/v1/auth/refresh'))).toHaveLength(1);
  });

  it('goes to the login page when the refresh token is refused', async () => {
    serve({
      'GET /api/v1/users': () => problem(401, 'AUTH_TOKEN_EXPIRED'),
      'POST /api/v1/auth/refresh': () => problem(401, 'AUTH_REFRESH_INVALID'),
    });
    await expect(usersApi.list({})).rejects.toMatchObject({ code: 'AUTH_TOKEN_EXPIRED' });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(router.currentRoute.value.query).toEqual({ redirect: '/system/users', reason: 'session_expired' });
    expect(useAuthStore().isAuthenticated).toBe(false);
    expect(sessionStorage.getItem('jixiao.refreshToken')).toBeNull();
  });

  it('goes to the login page, saying why, when the session ended after inactivity', async () => {
    const calls = serve({ 'GET /api/v1/users': () => problem(401, 'AUTH_SESSION_EXPIRED') });
    await expect(usersApi.list({})).rejects.toMatchObject({ code: 'AUTH_SESSION_EXPIRED', messageEn: 'AUTH_SESSION_EXPIRED' });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(router.currentRoute.value.query.reason).toBe('session_expired');
    expect(calls).toEqual(['GET /api/v1/users a1']);
  });

  it('does not try to renew on a wrong password at login', async () => {
    const calls = serve({ 'POST /api/v1/auth/login': () => problem(401, 'AUTH_INVALID_CREDENTIALS') });
    await expect(authApi.login({ username: 'finance', password: 'nope' })).rejects.toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
      status: 401,
    });
    expect(calls).toEqual(['POST /api/v1/auth/login a1']);
    expect(useAuthStore().isAuthenticated).toBe(true);
  });

  it('sends a user who must change the password to the change-password page', async () => {
    serve({ 'GET /api/v1/users': () => problem(403, 'AUTH_PASSWORD_CHANGE_REQUIRED') });
    await expect(usersApi.list({})).rejects.toMatchObject({ status: 403 });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('change-password'));
    expect(useAuthStore().mustChangePassword).toBe(true);
  });

  it('forgets the session on sign-out', async () => {
    serve({ 'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }) });
    await useAuthStore().logout();
    expect(useAuthStore().isAuthenticated).toBe(false);
    expect(useAuthStore().endReason).toBe('signed_out');
    expect(tokenStorage.accessToken).toBeNull();
  });
});
