/**
 * Bad input on every route (issue 2, "API core"): malformed JSON, arrays for objects, unknown
 * fields, wrong types, over-long strings, huge bodies, bad ids and wrong content types answer a
 * 4xx application/problem+json with a code and both messages (field errors for validation), never
 * a 5xx, and change nothing. Hostile input (issue 6): a NUL character in any string of a body, a
 * query or a path, JSON nested thousands of levels deep, and form-encoded or multipart bodies
 * sent to a JSON route are refused the same way, before anything reaches the database. Generated from the OpenAPI document the running app serves; every
 * request is made as the finance user, so permission and scope are not what refuses it.
 */
import { DataSource } from 'typeorm';
import { MAX_PAGE_SIZE } from '@jixiao/contracts';
import { startTestApp, TestApp, type Answer } from './support/test-app';
import { declaredRoutes } from './support/route-walk';
import {
  exampleParam,
  fillPath,
  isListOperation,
  Json,
  OpenApiDoc,
  Operation,
  operationsOf,
  propertiesOf,
  synthesize,
  withSiblings,
  wrongTypeFor,
} from './support/openapi';
import { checksum, orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';
import { createVictimFixtures } from './support/scope-fixtures';

const ROUTES = declaredRoutes();
const WRITE_ROUTES = ROUTES.filter((r) => !/^(GET|HEAD|OPTIONS) /.test(r.title));
const READ_ROUTES = ROUTES.filter((r) => /^GET /.test(r.title));
const BODY_LIMIT = 1024 * 1024;
/** Deeper than any form (the default JSON_MAX_DEPTH is 32); 5,000 levels overflowed class-transformer's stack. */
const DEEP = 5000;
const BOUNDARY = 'jixiao-bad-input-boundary';

/** A multipart/form-data body with the given text fields, written by hand so the helper can send it raw. */
const multipartOf = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('') + `--${BOUNDARY}--\r\n`;

/** The top-level scalar values of a body as text (what a form would send). */
const formFieldsOf = (body: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body)) if (v !== null && typeof v !== 'object') out[k] = String(v);
  }
  return Object.keys(out).length ? out : { a: '1' };
};

/** Whether the document declares a multipart/form-data body for the operation (upload routes). */
const acceptsMultipart = (op: Operation): boolean => Boolean(op.op.requestBody?.content?.['multipart/form-data']);

/** Routes whose path names an existing row the guard looks up before validation: `owner` and `registry`. */
const namesRow = (op: Operation): boolean => op.scope?.kind === 'owner' || op.scope?.kind === 'registry';

type Case = { name: string; raw?: string; body?: unknown; contentType?: string; path?: string; expect: (res: Answer) => void };

describe('bad input never reaches the data, on every route', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let byId: Map<string, Operation>;
  let financeToken: string;
  let signedInAt = 0;
  /** A long run (the suite sends thousands of requests) outlives the 15-minute access token: sign in again well before. */
  const freshSession = async () => {
    if (Date.now() - signedInAt < 10 * 60_000) return;
    financeToken = await t.login('finance');
    signedInAt = Date.now();
    signedInAt = Date.now();
  };
  let departmentId: string;
  /** For each owner (or registry) route: an existing row (so a request that slipped through would really change it). */
  const rowFor = new Map<string, { id: string; version?: number }>();
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.request('GET', '/api/docs-json')).body;
    byId = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
    financeToken = await t.login('finance');
    departmentId = await orgIdByName(t, '区教育局');
    // More rows than the page-size cap, so the cap is really exercised.
    await t.sql(
      `INSERT INTO organizations (code, name, kind, parent_id)
       SELECT 'BULK-' || g, '批量测试单位 ' || g, 'unit', $1 FROM generate_series(1, $2::int) g`,
      [departmentId, MAX_PAGE_SIZE + 50],
    );
    const key = await t.request('POST', '/api/v1/api-keys', {
      token: financeToken,
      body: { name: '坏输入测试密钥', permissions: ['organization:read'] },
    });
    expect(key.status).toBe(201);

    // The rows the scope test's fixtures make for entities without demo rows serve this suite too.
    const victimOrgId = await orgIdByName(t, '区卫生健康委员会');
    const victimUnitIds = (await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE parent_id = $1`, [victimOrgId])).map(
      (r) => r.id,
    );
    await createVictimFixtures({ t, finance: financeToken, victimOrgId, victimUnitIds });

    const dataSource = t.running.app.get(DataSource);
    for (const op of byId.values()) {
      if (!namesRow(op) || !op.scope?.entity || !dataSource.hasMetadata(op.scope.entity)) continue;
      const meta = dataSource.getMetadata(op.scope.entity);
      const hasVersion = meta.columns.some((c) => c.databaseName === 'version');
      const hasCreated = meta.columns.some((c) => c.databaseName === 'created_at');
      const [row] = await t.sql<{ id: string; version?: number }>(
        `SELECT id::text AS id${hasVersion ? ', version' : ''} FROM "${meta.tableName}" ORDER BY ${hasCreated ? 'created_at DESC, ' : ''}id LIMIT 1`,
      );
      if (row) rowFor.set(op.operationId, row);
    }
  });

  afterAll(async () => t?.close());

  const opOf = (operationId: string): Operation => {
    const op = byId.get(operationId);
    if (!op) throw new Error(`${operationId} is routed but missing from the OpenAPI document`);
    return op;
  };

  const pathFor = (op: Operation): string => {
    const values: Record<string, string> = {};
    if (op.scope && namesRow(op)) {
      const row = rowFor.get(op.operationId);
      if (!row) throw new Error(`no ${op.scope.entity} row to aim ${op.key} at`);
      values[op.scope.param ?? 'id'] = row.id;
    }
    return fillPath(doc, op, values);
  };

  /** A body that would be valid (real organization ids, the row's current version) but for the one bad part. */
  const validBody = (op: Operation): Json => {
    if (!op.requestSchema) return undefined;
    return synthesize(doc, op.requestSchema, {
      unique: op.scope?.kind === 'create' ? `b${++counter}` : undefined,
      override: (name, schema) => {
        if (name === 'version' && rowFor.get(op.operationId)?.version !== undefined) return rowFor.get(op.operationId)!.version;
        if (schema.format === 'uuid' && /organizationId$|parentId$/.test(name)) return departmentId;
        if (op.scope?.kind === 'public' && name === 'username') return 'finance';
        return undefined;
      },
    });
  };

  const token = async (op: Operation): Promise<string | undefined> => {
    if (op.scope?.kind === 'public') return undefined;
    // Self routes (log out, change password) get a session of their own, so one slip does not end the suite's.
    return op.scope?.kind === 'self' ? t.login('finance') : financeToken;
  };

  const fieldErrorOn = (field: string) => (res: Answer) => {
    expectProblem(res, 400, 'VALIDATION_FAILED');
    const fields: string[] = (res.body.errors ?? []).map((e: { field: string }) => e.field);
    const ok = fields.some((f) => f === field || f.startsWith(`${field}.`));
    if (!ok) throw new Error(`expected a field error on "${field}", got ${JSON.stringify(res.body.errors)}`);
    for (const e of res.body.errors) {
      for (const k of ['field', 'code', 'message', 'messageEn']) expect(typeof e[k]).toBe('string');
    }
  };

  /** Refused by the hostile-input check: a VALIDATION_FAILED naming the field, with the code nulCharacter. */
  const nulOn = (field: string) => (res: Answer) => {
    expectProblem(res, 400, 'VALIDATION_FAILED');
    const hit = (res.body.errors ?? []).some((e: { field: string; code: string }) => e.field === field && e.code === 'nulCharacter');
    if (!hit) throw new Error(`expected a nulCharacter error on "${field}", got ${JSON.stringify(res.body.errors)}`);
  };

  const casesFor = (op: Operation): Case[] => {
    const cases: Case[] = [];
    const body = validBody(op);
    const hasBody = Boolean(op.requestSchema);
    cases.push({
      name: 'malformed JSON',
      raw: '{"a":',
      contentType: 'application/json',
      expect: (res) => expectProblem(res, 400, 'MALFORMED_JSON'),
    });
    cases.push({
      name: 'a body over 1 MiB',
      raw: JSON.stringify({ ...(body && typeof body === 'object' ? body : {}), padding: 'x'.repeat(BODY_LIMIT + 1024) }),
      contentType: 'application/json',
      expect: (res) => expectProblem(res, 413, 'PAYLOAD_TOO_LARGE'),
    });
    cases.push({
      name: 'an XML content type',
      raw: '<a>1</a>',
      contentType: 'application/xml',
      expect: (res) => expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE'),
    });
    cases.push({
      name: `JSON nested ${DEEP} levels deep`,
      raw: `{"deep":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`,
      contentType: 'application/json',
      expect: (res) => expectProblem(res, 400, 'JSON_TOO_DEEP'),
    });
    cases.push({
      name: 'a form-encoded body',
      raw: new URLSearchParams(formFieldsOf(body)).toString(),
      contentType: 'application/x-www-form-urlencoded',
      expect: (res) => expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE'),
    });
    if (!acceptsMultipart(op)) {
      cases.push({
        name: 'a multipart body on a JSON route',
        raw: multipartOf(formFieldsOf(body)),
        contentType: `multipart/form-data; boundary=${BOUNDARY}`,
        expect: (res) => expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE'),
      });
    }
    for (const param of op.pathParams) {
      const path = fillPath(doc, op, { ...pathValues(op), [param.name]: 'not-a-uuid' });
      cases.push({
        name: `a bad path parameter ${param.name}`,
        path,
        body,
        expect: (res) => expectProblem(res, 400, ['INVALID_ID', 'VALIDATION_FAILED']),
      });
      cases.push({
        name: `a NUL character (%00) in the path parameter ${param.name}`,
        path: fillPath(doc, op, { ...pathValues(op), [param.name]: '\u0000' }),
        body,
        expect: nulOn(param.name),
      });
    }
    if (!hasBody) return cases;

    // NUL in every string field at once (each must be named), and nested in an object.
    const stringProps = Object.entries(propertiesOf(doc, op.requestSchema))
      .filter(([, schema]) => withSiblings(doc, schema).type === 'string')
      .map(([prop]) => prop);
    const withNul = Object.fromEntries(stringProps.map((p) => [p, 'a\u0000b']));
    cases.push({
      name: `a NUL character in ${[...stringProps, 'a nested field'].join(', ')}`,
      body: { ...body, ...withNul, unexpected: { deep: ['a\u0000b'] } },
      expect: (res) => {
        for (const field of [...stringProps, 'unexpected.deep.0']) nulOn(field)(res);
      },
    });

    cases.push({ name: 'a JSON array instead of an object', body: [body], expect: (res) => expectProblem(res, 400, 'VALIDATION_FAILED') });
    cases.push({
      name: 'a plain-text body',
      raw: JSON.stringify(body),
      contentType: 'text/plain',
      expect: (res) => expectProblem(res, [400, 415]),
    });
    cases.push({ name: 'an unknown field', body: { ...body, unexpectedField: 'x' }, expect: fieldErrorOn('unexpectedField') });
    for (const [prop, schema] of Object.entries(propertiesOf(doc, op.requestSchema))) {
      cases.push({ name: `a wrong type for ${prop}`, body: { ...body, [prop]: wrongTypeFor(doc, schema) }, expect: fieldErrorOn(prop) });
      const s = withSiblings(doc, schema);
      if (s.type === 'string') {
        const long = 'x'.repeat(s.maxLength !== undefined ? s.maxLength + 1 : 10_000);
        cases.push({
          name: `an over-long ${prop} (${long.length} characters)`,
          body: { ...body, [prop]: long },
          expect: fieldErrorOn(prop),
        });
      }
      if (s.type === 'array' && withSiblings(doc, s.items ?? {}).type !== 'object') {
        cases.push({ name: `an over-long item of ${prop}`, body: { ...body, [prop]: ['x'.repeat(10_000)] }, expect: fieldErrorOn(prop) });
      }
    }
    return cases;
  };

  const pathValues = (op: Operation): Record<string, string> => {
    const row = rowFor.get(op.operationId);
    return op.scope && namesRow(op) && row ? { [op.scope.param ?? 'id']: row.id } : {};
  };

  it('tests every write route the app has', () => {
    expect(WRITE_ROUTES.length).toBeGreaterThan(0);
    for (const r of WRITE_ROUTES) expect(byId.has(r.operationId)).toBe(true);
  });

  describe.each(WRITE_ROUTES.map((r) => [`${r.title} [${r.operationId}]`, r.operationId]))('%s', (_title, operationId) => {
    it('answers every kind of bad input with a 4xx problem and changes nothing', async () => {
      await freshSession();
      const op = opOf(operationId);
      const failures: string[] = [];
      for (const c of casesFor(op)) {
        const auth = await token(op);
        const before = await checksum(t);
        const headers: Record<string, string> = c.contentType ? { 'content-type': c.contentType } : {};
        const res = await t.request(op.method, c.path ?? pathFor(op), {
          token: auth,
          headers,
          ...(c.raw !== undefined ? { raw: c.raw } : c.body !== undefined ? { body: c.body } : {}),
        });
        try {
          if (res.status >= 500) throw new Error(`5xx: ${res.status} ${res.text.slice(0, 300)}`);
          c.expect(res);
          const after = await checksum(t);
          const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
          if (changed.length) throw new Error(`changed table(s) ${changed.join(', ')}`);
        } catch (error) {
          failures.push(`${op.key} with ${c.name}: ${(error as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe.each(READ_ROUTES.map((r) => [`${r.title} [${r.operationId}]`, r.operationId]))('%s', (_title, operationId) => {
    it('caps the page size, refuses bad paging, sorting, filters and ids', async () => {
      await freshSession();
      const op = opOf(operationId);
      const base = pathFor(op);
      // the route's required query parameters always go along (by example), unless the query sets them itself
      const required = op.queryParams.filter((p) => p.required).map((p) => [p.name as string, exampleParam(doc, p)] as const);
      const get = (query: string) => {
        const given = query.replace(/^\?/, '');
        const names = new Set(given ? given.split('&').map((part) => decodeURIComponent(part.split('=')[0])) : []);
        const parts = [
          ...required.filter(([name]) => !names.has(name)).map(([name, v]) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`),
        ];
        if (given) parts.push(given);
        return t.request('GET', parts.length ? `${base}?${parts.join('&')}` : base, {
          token: op.scope?.kind === 'public' ? undefined : financeToken,
        });
      };
      for (const param of op.pathParams) {
        const res = await t.request('GET', fillPath(doc, op, { ...pathValues(op), [param.name]: 'not-a-uuid' }), { token: financeToken });
        expectProblem(res, 400, ['INVALID_ID', 'VALIDATION_FAILED']);
        nulOn(param.name)(
          await t.request('GET', fillPath(doc, op, { ...pathValues(op), [param.name]: '\u0000' }), { token: financeToken }),
        );
      }
      // A NUL character in any query parameter (a search q, a filter) is refused before the database sees it.
      for (const p of op.queryParams) nulOn(p.name)(await get(`?${encodeURIComponent(p.name)}=a%00b`));
      const paged = isListOperation(doc, op) && op.queryParams.some((p) => p.name === 'pageSize');
      if (!paged) {
        // Not a list under the list contract (a single record, a tree, the health check).
        expect(op.queryParams.some((p) => p.name === 'pageSize')).toBe(false);
        return;
      }
      const all = await get('?pageSize=100000');
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBeLessThanOrEqual(MAX_PAGE_SIZE);
      expect(all.body.items.length).toBe(Math.min(all.body.total, MAX_PAGE_SIZE));

      if (op.queryParams.some((p) => p.name === 'sort')) {
        for (const sort of ['noSuchField', '-passwordHash', 'name;DROP TABLE users', 'code,,name']) {
          const res = await get(`?sort=${encodeURIComponent(sort)}`);
          fieldErrorOn('sort')(res);
        }
      }
      fieldErrorOn('pageSize')(await get('?pageSize=abc'));
      fieldErrorOn('pageSize')(await get('?pageSize=0'));
      fieldErrorOn('page')(await get('?page=0'));
      fieldErrorOn('page')(await get('?page=-1'));
      fieldErrorOn('unexpectedFilter')(await get('?unexpectedFilter=1'));
      for (const p of op.queryParams.filter((q) => (q.schema ?? {}).format === 'uuid')) {
        fieldErrorOn(p.name)(await get(`?${p.name}=not-a-uuid`));
      }
      for (const p of op.queryParams.filter((q) => withSiblings(doc, q.schema ?? {}).maxLength !== undefined)) {
        fieldErrorOn(p.name)(await get(`?${p.name}=${'x'.repeat(withSiblings(doc, p.schema).maxLength + 1)}`));
      }
    });
  });

  it('has a checksum that sees a one-character change of any row (so "changes nothing" is not vacuous)', async () => {
    const before = await checksum(t);
    const [org] = await t.sql<{ id: string; name: string }>(`SELECT id, name FROM organizations ORDER BY code LIMIT 1`);
    await t.sql(`UPDATE organizations SET name = name || 'x' WHERE id = $1`, [org.id]);
    const changed = await checksum(t);
    await t.sql(`UPDATE organizations SET name = $2 WHERE id = $1`, [org.id, org.name]);
    const restored = await checksum(t);
    expect(Object.keys(changed).filter((k) => changed[k] !== before[k])).toEqual(['organizations']);
    expect(restored).toEqual(before);
  });

  it('has at least one list with more rows than the cap, so the cap was really tested', async () => {
    const res = await t.request('GET', '/api/v1/organizations?pageSize=100000', { token: financeToken });
    expect(res.body.total).toBeGreaterThan(MAX_PAGE_SIZE);
    expect(res.body.items).toHaveLength(MAX_PAGE_SIZE);
  });
});
