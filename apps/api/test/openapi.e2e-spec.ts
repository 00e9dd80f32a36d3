import { isDistrictOnly } from '@jixiao/contracts';
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

  it('describes every operation: what it does, then who may call it and the data scope applied', () => {
    const bad = operations.filter(({ op }) => {
      const d: unknown = op.description;
      if (typeof d !== 'string') return true;
      const [what] = d.split('**权限 / Permission**');
      return !what.trim() || !d.includes('**权限 / Permission**') || !d.includes(`**数据范围 / Scope**（\`${op['x-scope']?.kind}\`）`);
    });
    expect(bad.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('names the permission, its reach and the roles holding it on every authorized route', () => {
    const bad = operations.filter(({ op }) => {
      const perm = op['x-permission'];
      if (!perm || perm === 'authenticated') return false;
      return !op.description.includes(`\`${perm}\``) || !/角色 \/ Roles/.test(op.description);
    });
    expect(bad.map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const review = operations.find((o) => o.op['x-permission'] === 'target_review:review');
    expect(review?.op.description).toContain('district-wide scope only');
  });

  it('says only district-wide API keys may call a district-only route, and names rows for people, not classes', () => {
    const districtOnly = operations.filter(({ op }) => op['x-permission'] && isDistrictOnly(op['x-permission']));
    expect(districtOnly.length).toBeGreaterThan(5);
    const bad = districtOnly.filter(({ op }) => !op.description.includes('only district-wide API keys') || / and API keys granted it/.test(op.description));
    expect(bad.map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const scoped = operations.find(({ op }) => op['x-permission'] === 'target:write');
    expect(scoped?.op.description).toContain('API keys granted it (within their scope)');
    const classNames = operations.filter(({ op }) => /[A-Z][A-Za-z]+Entity\b/.test(op.description));
    expect(classNames.map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const target = operations.find(({ op }) => op['x-scope']?.entity === 'TargetEntity' && op['x-scope']?.kind === 'owner');
    expect(target?.op.description).toContain('The performance target named by path parameter');
  });

  it('gives every success response a description', () => {
    const bad: string[] = [];
    for (const { method, path, op } of operations) {
      for (const [code, r] of Object.entries<any>(op.responses ?? {})) {
        if (/^2/.test(code) && !(typeof r.description === 'string' && r.description.trim())) bad.push(`${method} ${path} ${code}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('declares every tag an operation uses, with a Chinese and English purpose', () => {
    const declared = new Map<string, string>((doc.tags ?? []).map((t: any) => [t.name, t.description]));
    const used = new Set(operations.flatMap(({ op }) => op.tags ?? []));
    expect(operations.filter(({ op }) => !(op.tags ?? []).length).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const bad = [...used].filter((tag) => {
      const d = declared.get(tag);
      return !(typeof d === 'string' && CJK.test(d) && /\/\s*[A-Za-z]/.test(d));
    });
    expect(bad).toEqual([]);
  });

  it('declares the multipart body of every upload route: a binary file part and its fields, and the JSON alternative', () => {
    // The routes that read multipart/form-data (files, the pre-assessment report, evaluation files, the spreadsheet imports).
    const uploads = [
      'post /api/v1/files',
      'put /api/v1/pre-assessments/{id}/report',
      'post /api/v1/projects/import',
      'post /api/v1/trackings/import',
      'post /api/v1/evaluation-records/import',
      'post /api/v1/evaluations/{id}/files',
    ];
    const multipart = operations.filter(({ op }) => op.requestBody?.content?.['multipart/form-data']).map((o) => `${o.method} ${o.path}`);
    expect(multipart.sort()).toEqual([...uploads].sort());
    const bad: string[] = [];
    for (const { method, path, op } of operations) {
      const content = op.requestBody?.content ?? {};
      const schema = content['multipart/form-data']?.schema;
      if (!schema) continue;
      const key = `${method} ${path}`;
      if (schema.type !== 'object' || schema.properties?.file?.format !== 'binary' || !schema.required?.includes('file'))
        bad.push(`${key}: no binary file part`);
      const json = content['application/json']?.schema;
      if (json) {
        const ref = json.$ref ? doc.components.schemas[json.$ref.split('/').pop()] : json;
        if (!ref?.properties?.contentBase64) bad.push(`${key}: JSON alternative without contentBase64`);
        // Every field besides the file content travels as a form field too.
        const fields = Object.keys(ref?.properties ?? {}).filter((f) => !['filename', 'contentBase64'].includes(f));
        for (const f of fields) if (!schema.properties?.[f]) bad.push(`${key}: form field ${f} undeclared`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('offers bearer and API-key security schemes', () => {
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['bearer', 'api-key']));
  });
});
