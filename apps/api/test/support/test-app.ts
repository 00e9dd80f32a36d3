import { loadConfig } from '../../src/config/app-config';
import { createApp, RunningApp } from '../../src/app.factory';
import { createScratchDatabase } from '../../src/database/scratch-database';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestApp {
  running: RunningApp;
  baseUrl: string;
  /** Runs SQL on the suite's own database (for assertions and fixtures, never for the code under test). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  request<T = any>(
    method: string,
    path: string,
    options?: { body?: unknown; raw?: string; token?: string; apiKey?: string; headers?: Record<string, string> },
  ): Promise<Answer<T>>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'Demo#2022';

/**
 * Starts the whole API on a fresh database: a new database on the PostgreSQL server in
 * DATABASE_URL, or an in-memory embedded PGlite when it is unset. Demo data is loaded.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const adminUrl = process.env.DATABASE_URL;
  const server = adminUrl ? await createScratchDatabase(adminUrl, `jixiao_t_${process.pid}`) : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: server?.url ?? '',
    DATA_DIR: 'memory://',
    DEMO_DATA: 'true',
    WEB_DIST: '/nonexistent',
    // The generated suites make hundreds of refused requests on purpose; the rate limit has its own suite.
    AUDIT_REFUSAL_LIMIT: '1000000',
    // The statistics of the search keys are read at start only: a suite that needs them again reads them
    // itself (SearchKeyStatistics.refresh), and no timer's statement is counted with a request's.
    SEARCH_STATISTICS_SECONDS: '0',
    ...env,
  });
  const running = await createApp(config);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const address = running.app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const dataSource = running.app.get((await import('typeorm')).DataSource);

  const request: TestApp['request'] = async (method, path, options = {}) => {
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

  return {
    running,
    baseUrl,
    sql: (text, params) => dataSource.query(text, params),
    request,
    async login(username, password = DEMO_PASSWORD) {
      const res = await request('POST', '/api/v1/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return res.body.accessToken as string;
    },
    async close() {
      await running.close();
      await server?.drop();
    },
  };
}
