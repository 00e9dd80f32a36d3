import { startTestApp, TestApp } from './support/test-app';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const CJK = /[\u4e00-\u9fff]/;

/** The OpenAPI document is a contract other systems and auditors rely on: every route is documented. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: any;
  const operations: { method: string; path: string; op: any }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.request('GET', '/api/docs-json')).body;
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of METHODS) if (item[method]) operations.push({ method, path, op: item[method] });
    }
  });
  afterAll(async () => t?.close());

  it('lists the platform routes under /api/v1 and health under /api', () => {
    const paths = operations.map((o) => o.path);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/auth/me', '/api/health', '/api/v1/audit-logs']));
    expect(paths.filter((p) => p !== '/api/health').every((p) => p.startsWith('/api/v1/'))).toBe(true);
  });

  it('gives every route a Chinese and an English summary', () => {
    const missing = operations.filter(
      ({ op }) => !(typeof op.summary === 'string' && CJK.test(op.summary) && /\/\s*[A-Za-z]/.test(op.summary)),
    );
    expect(missing.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('documents a success response with a schema (or 204) for every route', () => {
    const bad = operations.filter(({ op }) => {
      const ok = Object.entries<any>(op.responses ?? {}).filter(([code]) => /^2/.test(code));
      return ok.length === 0 || ok.some(([code, r]) => code !== '204' && !r.content);
    });
    expect(bad.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('documents error responses: 401/403 on authorized routes, 400 on routes that take input', () => {
    const bad: string[] = [];
    for (const { method, path, op } of operations) {
      const codes = Object.keys(op.responses ?? {});
      const isPublic = op['x-scope']?.kind === 'public';
      if (!isPublic && !(codes.includes('401') && codes.includes('403'))) bad.push(`${method} ${path}: no 401/403`);
      const takesInput = Boolean(op.requestBody) || (op.parameters ?? []).length > 0;
      if (takesInput && !codes.some((c) => c === '400')) bad.push(`${method} ${path}: no 400`);
    }
    expect(bad).toEqual([]);
  });

  it('declares a request schema for every write route that takes a body (JSON, or multipart/form-data for uploads)', () => {
    const bad = operations.filter(({ method, op }) => {
      if (!['post', 'put', 'patch'].includes(method) || !op.requestBody) return false;
      const content: Record<string, { schema?: unknown }> = op.requestBody.content ?? {};
      const types = Object.keys(content);
      return !types.length || types.some((t) => !['application/json', 'multipart/form-data'].includes(t) || !content[t].schema);
    });
    expect(bad.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('offers bearer and API-key security schemes', () => {
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['bearer', 'api-key']));
  });
});
