import { startTestApp, TestApp } from './support/test-app';

describe('health and the fixed points other systems rely on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('reports the database as up, without a token', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('logs in with username and password and answers /auth/me with organization and roles', async () => {
    const token = await t.login('edu');
    const me = await t.request('GET', '/api/v1/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'edu', organizationName: '区教育局', roles: ['department'], sector: 'education' });
    expect(me.body.organizationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document and Swagger UI without loading anything from the internet', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const ui = await t.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).not.toMatch(/https?:\/\/(cdn|unpkg|fonts\.googleapis)/);
  });

  it('answers 401 problem+json on an /api/v1 route without a token', async () => {
    const res = await t.request('GET', '/api/v1/organizations');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('AUTH_REQUIRED');
  });
});
