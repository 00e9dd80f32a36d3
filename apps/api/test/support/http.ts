import { loadConfig } from '../../src/config/app-config';
import { createApp, RunningApp } from '../../src/app.factory';
import { DEMO_PASSWORD, type Answer, type TestApp } from './test-app';

export type RequestOptions = { body?: unknown; raw?: string; token?: string; apiKey?: string; headers?: Record<string, string> };
export type Requester = <T = any>(method: string, path: string, options?: RequestOptions) => Promise<Answer<T>>;

/** The same request helper as the test app's, for any base URL (e.g. a second instance). */
export function requester(baseUrl: string): Requester {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed as any, text };
  };
}

export interface Instance {
  running: RunningApp;
  baseUrl: string;
  request: Requester;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A second API instance on the database of `t` (only possible on a PostgreSQL server: an embedded
 * PGlite lives inside one process). Same secret, so both instances hash tokens alike.
 */
export async function startSecondInstance(t: TestApp): Promise<Instance> {
  if (t.running.embedded) throw new Error('a second instance needs a PostgreSQL server (DATABASE_URL)');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: t.running.databaseUrl,
    DATA_DIR: 'memory://',
    DEMO_DATA: 'true',
    WEB_DIST: '/nonexistent',
  });
  const running = await createApp(config);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const address = running.app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const request = requester(baseUrl);
  return {
    running,
    baseUrl,
    request,
    async login(username, password = DEMO_PASSWORD) {
      const res = await request('POST', '/api/v1/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return res.body.accessToken as string;
    },
    close: () => running.close(),
  };
}

/** Asserts the shape every error answer has: problem+json with a code and both messages. */
export function expectProblem(res: Answer, status?: number | number[], code?: string | string[]): void {
  const where = `${res.status} ${res.text.slice(0, 400)}`;
  if (status !== undefined) {
    const allowed = Array.isArray(status) ? status : [status];
    if (!allowed.includes(res.status)) throw new Error(`expected status ${allowed.join(' or ')}, got ${where}`);
  }
  if (!String(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${res.headers.get('content-type')}: ${where}`);
  }
  const body = res.body as Record<string, unknown>;
  for (const key of ['code', 'message', 'messageEn']) {
    if (typeof body?.[key] !== 'string' || !(body[key] as string).length) throw new Error(`problem without ${key}: ${where}`);
  }
  if (body.status !== res.status) throw new Error(`problem status ${String(body.status)} differs from HTTP ${res.status}`);
  if (code !== undefined) {
    const codes = Array.isArray(code) ? code : [code];
    if (!codes.includes(body.code as string)) throw new Error(`expected code ${codes.join(' or ')}, got ${where}`);
  }
}
