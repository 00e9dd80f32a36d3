/**
 * THE generated scope test (issue 2, "Tests and CI"): for every operation of the OpenAPI document
 * the running app serves (GET /api/docs-json), the route's declared scope (`x-scope`) and
 * permission (`x-permission`) are checked against callers outside the victim's subtree. Nothing
 * here lists routes: a new route is covered the moment it exists, and a new `owner` route whose
 * entity has no row in the victim's subtree fails until the module adds demo or fixture data
 * (test/support/scope-fixtures.ts).
 *
 * Victim: the department 区卫生健康委员会 (demo user `health`) and its units.
 * Outsiders: `edu` (another department), `zhujiajiao` (a town), `agency` (a third-party agency),
 * and an API key that holds EVERY permission but is limited to 区教育局's subtree — the one
 * outsider that permissions do not stop, so its refusals prove the data scope itself.
 *
 * `registry` routes (a district-wide register no department owns: the third-party agencies) are read
 * by everyone with a scope of its own, so there the victim is another agency: the demo agency must
 * reach only its own entry (404 for every other), the others read every entry without a single
 * row of the victim department's subtree in it, and nobody below district scope writes.
 */
import { DataSource } from 'typeorm';
import { ALL_PERMISSIONS, dataScopeOf, DISTRICT_ONLY_PERMISSIONS, Permission, permissionsOf, Role } from '@jixiao/contracts';

/** Everything an organization-limited key may hold: all but the district-wide permissions. */
const LIMITED_KEY_PERMISSIONS = ALL_PERMISSIONS.filter((p) => !DISTRICT_ONLY_PERMISSIONS.includes(p));
import { startTestApp, TestApp } from './support/test-app';
import { declaredRoutes } from './support/route-walk';
import {
  collectByKey,
  containsValue,
  exampleParam,
  fillPath,
  isListOperation,
  Json,
  OpenApiDoc,
  Operation,
  operationsOf,
  propertiesOf,
  enumOf,
  synthesize,
  withSiblings,
} from './support/openapi';
import { auditSuccessCount, orgIdByName, rowCounts, subtreeIds, userIdByName } from './support/db-state';
import { createVictimFixtures } from './support/scope-fixtures';
import { expectProblem } from './support/http';
import type { Answer } from './support/test-app';

/** The only routes anyone may call without credentials. */
const PUBLIC_ALLOWLIST = ['POST /api/v1/auth/login', 'POST /api/v1/auth/login/mfa', 'POST /api/v1/auth/refresh', 'GET /api/health'];
const SCOPE_KINDS = ['public', 'self', 'global', 'list', 'create', 'owner', 'bulk', 'registry'];
const VICTIM_DEPARTMENT = '区卫生健康委员会';

interface Caller {
  label: string;
  /** Demo username for user callers; fresh sessions are opened for self/global writes. */
  username?: string;
  token?: string;
  apiKey?: string;
  permissions: Set<string>;
  /** The caller's own subtree (what it may legitimately see), for checks of rows it creates. */
  ownOrgIds: string[];
  /** For a caller with `assigned` scope (an agency): its organization, to which register entries may be assigned. */
  assignedTo?: string;
}

const ROUTES = declaredRoutes();
const OUTSIDER_LABELS = [
  'edu (another department)',
  'zhujiajiao (a town)',
  'agency (third-party agency)',
  'API key with every permission, limited to 区教育局',
];

describe('data scope of every route, generated from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let ops: Operation[];
  let byId: Map<string, Operation>;
  let finance: string;
  let healthToken: string;
  let auditor: Caller;
  let victimOrgId: string;
  let healthUserId: string;
  const outsiders = new Map<string, Caller>();
  /** For each owner operation: the id of a victim-owned row, or why there is none. */
  const victimRow = new Map<string, { id?: string; problem?: string }>();
  /**
   * For each registry operation: every entry of the register (up to 50) with its assignee, the one the
   * outsiders are aimed at (`foreign`: not assigned to the demo agency) and the demo agency's own; or why not.
   */
  const registry = new Map<string, { rows: { id: string; assignee: string | null }[]; foreign?: string; own?: string; problem?: string }>();
  let counter = 0;

  const victimSubtree = () => subtreeIds(t, victimOrgId);
  const credentials = (c: Caller) => (c.apiKey ? { apiKey: c.apiKey } : { token: c.token });

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    ops = operationsOf(doc);
    byId = new Map(ops.map((o) => [o.operationId, o]));

    finance = await t.login('finance');
    healthToken = await t.login('health');
    victimOrgId = await orgIdByName(t, VICTIM_DEPARTMENT);
    healthUserId = await userIdByName(t, 'health');
    const eduOrgId = await orgIdByName(t, '区教育局');
    const victimUnitIds = (await victimSubtree()).filter((id) => id !== victimOrgId);
    await createVictimFixtures({ t, finance, victimOrgId, victimUnitIds });

    const userCaller = async (label: string, username: string, roles: Role[]): Promise<Caller> => {
      const token = await t.login(username);
      const me = await t.request('GET', '/api/v1/auth/me', { token });
      return {
        label,
        username,
        token,
        permissions: new Set(permissionsOf(roles)),
        ownOrgIds: await subtreeIds(t, me.body.organizationId),
        ...(dataScopeOf(roles) === 'assigned' ? { assignedTo: me.body.organizationId } : {}),
      };
    };
    outsiders.set(OUTSIDER_LABELS[0], await userCaller(OUTSIDER_LABELS[0], 'edu', ['department']));
    outsiders.set(OUTSIDER_LABELS[1], await userCaller(OUTSIDER_LABELS[1], 'zhujiajiao', ['town']));
    outsiders.set(OUTSIDER_LABELS[2], await userCaller(OUTSIDER_LABELS[2], 'agency', ['agency']));
    const key = await t.request('POST', '/api/v1/api-keys', {
      token: finance,
      body: { name: '教育局全权限接口（范围测试）', permissions: LIMITED_KEY_PERMISSIONS, organizationId: eduOrgId },
    });
    expect(key.status).toBe(201);
    outsiders.set(OUTSIDER_LABELS[3], {
      label: OUTSIDER_LABELS[3],
      apiKey: key.body.key,
      permissions: new Set(LIMITED_KEY_PERMISSIONS),
      ownOrgIds: await subtreeIds(t, eduOrgId),
    });
    auditor = await userCaller('auditor', 'auditor', ['auditor']);

    // A victim-owned row for every owner route, looked up through the app's own entity metadata.
    const dataSource = t.running.app.get(DataSource);
    const subtree = await victimSubtree();
    for (const op of ops.filter((o) => o.scope?.kind === 'owner' || o.scope?.kind === 'bulk')) {
      const entity = op.scope!.entity ?? '';
      if (!dataSource.hasMetadata(entity)) {
        victimRow.set(op.operationId, { problem: `x-scope.entity "${entity}" is not an entity the app's DataSource knows` });
        continue;
      }
      const meta = dataSource.getMetadata(entity);
      const column = meta.findColumnWithPropertyName(op.scope!.column ?? 'organizationId');
      if (!column) {
        victimRow.set(op.operationId, { problem: `${entity} has no column "${op.scope!.column}"` });
        continue;
      }
      const pk = meta.primaryColumns[0].databaseName;
      const rows = await t.sql<{ id: string }>(
        `SELECT "${pk}"::text AS id FROM "${meta.tableName}" WHERE "${column.databaseName}"::text = ANY($1::text[])
          ORDER BY ("${column.databaseName}"::text = $2) DESC, "${pk}" LIMIT 1`,
        [subtree, victimOrgId],
      );
      victimRow.set(
        op.operationId,
        rows.length
          ? { id: rows[0].id }
          : {
              problem:
                `no ${entity} row is owned (through ${op.scope!.column}) by ${VICTIM_DEPARTMENT} or its units. ` +
                `The module must add demo data there, or a fixture in test/support/scope-fixtures.ts, so that ${op.key} is scope-tested.`,
            },
      );
    }

    // The entries of every register a registry route names, with the entry assigned to the demo agency.
    const agencyOrgId = outsiders.get(OUTSIDER_LABELS[2])!.assignedTo;
    for (const op of ops.filter((o) => o.scope?.kind === 'registry')) {
      const entity = op.scope!.entity ?? '';
      const assigneeProp = op.scope!.assignee?.column ?? '';
      if (!dataSource.hasMetadata(entity)) {
        registry.set(op.operationId, { rows: [], problem: `x-scope.entity "${entity}" is not an entity the app's DataSource knows` });
        continue;
      }
      const meta = dataSource.getMetadata(entity);
      const column = meta.findColumnWithPropertyName(assigneeProp);
      if (!column) {
        registry.set(op.operationId, { rows: [], problem: `${entity} has no assignee column "${assigneeProp}"` });
        continue;
      }
      const pk = meta.primaryColumns[0].databaseName;
      const rows = await t.sql<{ id: string; assignee: string | null }>(
        `SELECT "${pk}"::text AS id, "${column.databaseName}"::text AS assignee FROM "${meta.tableName}" ORDER BY "${pk}" LIMIT 50`,
      );
      const foreign = rows.find((r) => r.assignee !== agencyOrgId)?.id;
      const own = rows.find((r) => r.assignee === agencyOrgId)?.id;
      registry.set(op.operationId, {
        rows,
        foreign,
        own,
        problem:
          foreign && own
            ? undefined
            : `${entity} needs an entry assigned to the demo agency and one assigned to another (demo data) so that ${op.key} is scope-tested`,
      });
    }
  });

  afterAll(async () => t?.close());

  const opOf = (operationId: string): Operation => {
    const op = byId.get(operationId);
    if (!op)
      throw new Error(`${operationId} is a route of the app but not an operation of the OpenAPI document, so nothing can check its scope`);
    return op;
  };

  /** Path with the owner param set to the victim's row (a registry's: another agency's entry) and other params set to their examples. */
  const pathFor = (op: Operation): string => {
    const values: Record<string, string> = {};
    if (op.scope?.kind === 'owner') {
      const row = victimRow.get(op.operationId);
      if (!row?.id) throw new Error(row?.problem ?? `no victim row for ${op.key}`);
      values[op.scope.param ?? 'id'] = row.id;
    }
    if (op.scope?.kind === 'registry') values[op.scope.param ?? 'id'] = registryEntry(op, 'foreign');
    // A required query parameter is always sent: an organization (uuid) pointed at the victim, others by example.
    const required = op.queryParams
      .filter((p) => p.required)
      .map((p) => {
        const isUuid = (p.schema ?? {}).format === 'uuid' || p.format === 'uuid';
        return `${encodeURIComponent(p.name)}=${encodeURIComponent(isUuid ? victimOrgId : String(exampleParam(doc, p)))}`;
      });
    const path = fillPath(doc, op, values);
    return required.length ? `${path}?${required.join('&')}` : path;
  };

  /** `pathFor(op)` with `query` ('?a=b&…' or '') added to its required parameters. */
  const pathWith = (op: Operation, query: string): string => {
    const path = pathFor(op);
    if (!query) return path;
    return path.includes('?') ? `${path}&${query.replace(/^\?/, '')}` : query.startsWith('?') ? `${path}${query}` : `${path}?${query}`;
  };

  const registryEntry = (op: Operation, which: 'foreign' | 'own'): string => {
    const reg = registry.get(op.operationId);
    const id = reg?.[which];
    if (!id) throw new Error(reg?.problem ?? `no register entry for ${op.key}`);
    return id;
  };

  const bodyFor = (op: Operation, extra: Record<string, unknown> = {}): Json => {
    if (!op.requestSchema) return undefined;
    const body = synthesize(doc, op.requestSchema, { unique: op.scope?.kind === 'create' ? `s${++counter}` : undefined }) as Json;
    return body && typeof body === 'object' && !Array.isArray(body) ? { ...body, ...extra } : body;
  };

  const send = (op: Operation, caller: Caller | null, options: { path?: string; body?: Json; token?: string } = {}): Promise<Answer> => {
    const auth = caller ? (options.token ? { token: options.token } : credentials(caller)) : {};
    const body = options.body !== undefined ? options.body : bodyFor(op);
    return t.request(op.method, options.path ?? pathFor(op), { ...auth, ...(body !== undefined ? { body } : {}) });
  };

  /** Every page of a list route (at the page-size cap, at most 10 pages), for the given filter. */
  const allPages = async (op: Operation, filter: string, caller: Caller): Promise<(Answer & { query: string })[]> => {
    if (!op.queryParams.some((p) => p.name === 'pageSize') || !isListOperation(doc, op)) {
      const query = filter ? `?${filter}` : '';
      return [{ ...(await t.request('GET', pathWith(op, query), credentials(caller))), query }];
    }
    const out: (Answer & { query: string })[] = [];
    for (let page = 1; page <= 10; page++) {
      const query = `?${filter ? `${filter}&` : ''}pageSize=200&page=${page}`;
      const res = await t.request('GET', pathWith(op, query), credentials(caller));
      out.push({ ...res, query });
      if (res.status !== 200 || !Array.isArray(res.body?.items) || res.body.items.length < 200) break;
    }
    return out;
  };

  /** Victim organization ids found under the list's field or any *organizationId key. */
  const leakedVictimIds = async (body: unknown, field?: string): Promise<string[]> => {
    const subtree = new Set(await victimSubtree());
    const values = collectByKey(body, (k) => k === field || /organizationId$/i.test(k));
    return [...new Set(values.filter((v): v is string => typeof v === 'string' && subtree.has(v)))];
  };

  const expectRefusedWithoutSideEffects = async (
    op: Operation,
    caller: Caller,
    run: () => Promise<Answer>,
    statuses: number[] | 'any4xx',
  ): Promise<Answer> => {
    const auditBefore = await auditSuccessCount(t);
    const rowsBefore = await rowCounts(t);
    const res = await run();
    if (statuses === 'any4xx') {
      if (res.status < 400 || res.status >= 500)
        throw new Error(`${caller.label} on ${op.key}: expected a 4xx refusal, got ${res.status} ${res.text.slice(0, 300)}`);
      expectProblem(res);
    } else expectProblem(res, statuses);
    expect({ route: op.key, successfulAuditEntries: await auditSuccessCount(t) }).toEqual({
      route: op.key,
      successfulAuditEntries: auditBefore,
    });
    expect({ route: op.key, rows: await rowCounts(t) }).toEqual({ route: op.key, rows: rowsBefore });
    return res;
  };

  /** A bulk body naming the victim's row (with a version no row has, so even a caller who reaches it writes nothing). */
  const bulkBodyFor = (op: Operation): Json => {
    const field = op.scope!.field ?? 'items';
    const id = victimRow.get(op.operationId)?.id;
    if (!id) throw new Error(victimRow.get(op.operationId)?.problem ?? `no victim row for ${op.key}`);
    const body = synthesize(doc, op.requestSchema, { override: (name) => (name === 'version' ? 2_147_483_647 : undefined) }) as Json;
    const items = withSiblings(doc, propertiesOf(doc, op.requestSchema)[field] ?? {}).items ?? {};
    body[field] =
      withSiblings(doc, items).type === 'object'
        ? [{ ...(synthesize(doc, items, { override: (name) => (name === 'version' ? 2_147_483_647 : undefined) }) as object), id }]
        : [id];
    return body;
  };

  it('has the victim, its units and outsiders that really are outside it', async () => {
    const subtree = await victimSubtree();
    expect(subtree.length).toBeGreaterThanOrEqual(3);
    for (const caller of outsiders.values()) expect(caller.ownOrgIds.filter((id) => subtree.includes(id))).toEqual([]);
  });

  it('knows every route of the app, and the document has no operation the app does not route', () => {
    expect(ROUTES.length).toBeGreaterThan(0);
    const declared = new Set(ROUTES.map((r) => r.operationId));
    expect(ROUTES.map((r) => r.operationId).filter((id) => !byId.has(id))).toEqual([]);
    expect(ops.map((o) => o.operationId).filter((id) => !declared.has(id))).toEqual([]);
  });

  it('lets the victim department read its own user row, and finance read it too (positive controls)', async () => {
    const op = ops.find((o) => o.method === 'GET' && o.scope?.kind === 'owner' && o.scope.entity === 'UserEntity');
    if (!op) throw new Error('no owner GET route for UserEntity in the document');
    const path = fillPath(doc, op, { [op.scope!.param ?? 'id']: healthUserId });
    const own = await t.request('GET', path, { token: healthToken });
    expect(own.status).toBe(200);
    expect(own.body.id).toBe(healthUserId);
    const byFinance = await t.request('GET', path, { token: finance });
    expect(byFinance.status).toBe(200);
    expect(byFinance.body.id).toBe(healthUserId);
  });

  describe.each(ROUTES.map((r) => [`${r.title} [${r.operationId}]`, r.operationId]))('%s', (_title, operationId) => {
    it('declares its scope (x-scope) and permission (x-permission)', () => {
      const op = opOf(operationId);
      if (!op.scope) throw new Error(`${op.key} has no x-scope: every route must declare its data scope with @Authorize(...) or @Public()`);
      expect(SCOPE_KINDS).toContain(op.scope.kind);
      if (op.scope.kind === 'public') {
        if (!PUBLIC_ALLOWLIST.includes(op.key)) throw new Error(`${op.key} is public but not one of ${PUBLIC_ALLOWLIST.join(', ')}`);
        return;
      }
      expect(typeof op.permission).toBe('string');
      if (op.permission !== 'authenticated') expect(ALL_PERMISSIONS).toContain(op.permission);
      if (op.scope.kind === 'owner') {
        expect(op.scope.entity).toBeTruthy();
        expect(op.pathParams.map((p) => p.name)).toContain(op.scope.param ?? 'id');
        const row = victimRow.get(op.operationId);
        if (!row?.id) throw new Error(row?.problem ?? 'no victim row');
      }
      if (op.scope.kind === 'create') {
        expect(op.scope.field).toBeTruthy();
        expect(Object.keys(propertiesOf(doc, op.requestSchema ?? {}))).toContain(op.scope.field);
      }
      if (op.scope.kind === 'list') expect(op.scope.field).toBeTruthy();
      if (op.scope.kind === 'registry') {
        expect(op.scope.entity).toBeTruthy();
        expect(op.scope.assignee?.column).toBeTruthy();
        expect(op.pathParams.map((p) => p.name)).toContain(op.scope.param ?? 'id');
        const reg = registry.get(op.operationId);
        if (reg?.problem) throw new Error(reg.problem);
      }
      if (op.scope.kind === 'bulk') {
        expect(op.scope.entity).toBeTruthy();
        expect(Object.keys(propertiesOf(doc, op.requestSchema ?? {}))).toContain(op.scope.field);
        const row = victimRow.get(op.operationId);
        if (!row?.id) throw new Error(row?.problem ?? 'no victim row');
      }
    });

    it('answers 401 AUTH_REQUIRED without credentials', async () => {
      const op = opOf(operationId);
      if (op.scope?.kind === 'public') {
        expect(PUBLIC_ALLOWLIST).toContain(op.key);
        return;
      }
      const path = fillPath(doc, op, Object.fromEntries(op.pathParams.map((p) => [p.name, exampleParam(doc, p)])));
      const res = await send(op, null, { path });
      expectProblem(res, 401, 'AUTH_REQUIRED');
    });

    it.each(OUTSIDER_LABELS)('refuses outsider: %s', async (label) => {
      const op = opOf(operationId);
      const caller = outsiders.get(label)!;
      const kind = op.scope?.kind;
      if (!kind) throw new Error(`${op.key} has no x-scope`);
      switch (kind) {
        case 'public':
          expect(PUBLIC_ALLOWLIST).toContain(op.key);
          return;

        case 'owner': {
          const res = await expectRefusedWithoutSideEffects(op, caller, () => send(op, caller), [403, 404]);
          expect(containsValue(res.body, victimRow.get(op.operationId)!.id!)).toBe(false);
          return;
        }

        case 'create': {
          const field = op.scope!.field ?? 'organizationId';
          await expectRefusedWithoutSideEffects(
            op,
            caller,
            () => send(op, caller, { body: bodyFor(op, { [field]: victimOrgId }) }),
            'any4xx',
          );
          // Leaving the organization out (or trying each enumerated variant) must not create a row outside the caller's own subtree.
          for (const body of variantsWithout(doc, op, field, () => `s${++counter}`)) {
            const res = await send(op, caller, { body });
            expect(res.status).toBeLessThan(500);
            if (res.status < 300) {
              const owner = res.body?.[field];
              if (!(typeof owner === 'string' && caller.ownOrgIds.includes(owner))) {
                throw new Error(
                  `${caller.label} created a row through ${op.key} without naming an organization, and it belongs to ${String(owner)}, ` +
                    `outside the caller's subtree. Body: ${JSON.stringify(body)}`,
                );
              }
            }
          }
          return;
        }

        case 'registry': {
          const param = op.scope!.param ?? 'id';
          const foreign = registryEntry(op, 'foreign');
          if (caller.assignedTo) {
            // An agency reaches its own entry only: every other is as if it did not exist (and writes are refused).
            const res = await expectRefusedWithoutSideEffects(op, caller, () => send(op, caller), op.isWrite ? [403, 404] : [404]);
            expect(containsValue(res.body, foreign)).toBe(false);
            return;
          }
          if (op.isWrite) {
            // Keeping a district-wide register needs district-wide scope (or the permission stops it first).
            await expectRefusedWithoutSideEffects(op, caller, () => send(op, caller), [403]);
            return;
          }
          // Everyone else reads every entry (with the permission), and never a row of the victim's subtree through it.
          for (const row of registry.get(op.operationId)!.rows) {
            const res = await send(op, caller, { path: fillPath(doc, op, { [param]: row.id }) });
            if (!caller.permissions.has(op.permission as Permission)) {
              expectProblem(res, 403);
              continue;
            }
            expect({ route: op.key, entry: row.id, status: res.status }).toEqual({ route: op.key, entry: row.id, status: 200 });
            expect({ route: op.key, entry: row.id, leaked: await leakedVictimIds(res.body) }).toEqual({
              route: op.key,
              entry: row.id,
              leaked: [],
            });
          }
          return;
        }

        case 'bulk': {
          // Refused by the guard (permission), or answered row by row: the victim's row as if it did not exist.
          const auditBefore = await auditSuccessCount(t);
          const rowsBefore = await rowCounts(t);
          const res = await send(op, caller, { body: bulkBodyFor(op) });
          if (res.status === 403) expectProblem(res, 403);
          else {
            expect({ route: op.key, status: res.status }).toEqual({ route: op.key, status: 200 });
            expect({ route: op.key, results: res.body.results.map((r: { ok: boolean; code: string }) => [r.ok, r.code]) }).toEqual({
              route: op.key,
              results: [[false, 'NOT_FOUND']],
            });
          }
          expect({ route: op.key, successfulAuditEntries: await auditSuccessCount(t) }).toEqual({
            route: op.key,
            successfulAuditEntries: auditBefore,
          });
          expect({ route: op.key, rows: await rowCounts(t) }).toEqual({ route: op.key, rows: rowsBefore });
          return;
        }

        case 'list': {
          const field = op.scope!.field ?? 'organizationId';
          const answers: (Answer & { query?: string })[] = [await t.request('GET', pathFor(op), credentials(caller))];
          for (const query of ['', ...uuidFilters(op, victimOrgId)]) answers.push(...(await allPages(op, query, caller)));
          for (const res of answers) {
            const query = res.query ?? '';
            if (res.status === 403) {
              expectProblem(res, 403);
              continue;
            }
            expect({ route: `${op.key}${query}`, status: res.status }).toEqual({ route: `${op.key}${query}`, status: 200 });
            expect({ route: `${op.key}${query}`, leaked: await leakedVictimIds(res.body, field) }).toEqual({
              route: `${op.key}${query}`,
              leaked: [],
            });
          }
          return;
        }

        case 'self':
        case 'global': {
          // A fresh session for user callers: a self write may be "log out".
          const token = caller.username ? await t.login(caller.username) : undefined;
          const res = await send(op, caller, { token });
          expect(res.status).toBeLessThan(500);
          if (op.isWrite) {
            const held = op.permission === 'authenticated' || caller.permissions.has(op.permission as Permission);
            if (!held && res.status < 400) {
              throw new Error(`${caller.label} lacks ${op.permission} but ${op.key} answered ${res.status}`);
            }
            if (!held) expectProblem(res, 403);
          } else if (res.status === 200) {
            // District-wide data must still not hand an outsider the victim's organization-owned rows.
            expect({ route: op.key, leaked: await leakedVictimIds(res.body) }).toEqual({ route: op.key, leaked: [] });
            for (const page of isListOperation(doc, op) ? await allPages(op, '', caller) : []) {
              expect({ route: op.key, leaked: await leakedVictimIds(page.body) }).toEqual({ route: op.key, leaked: [] });
            }
          }
          return;
        }
      }
    });

    it('keeps the read-only auditor from writing, and lets it read', async () => {
      const op = opOf(operationId);
      const kind = op.scope?.kind;
      if (kind === 'public' || kind === 'self') {
        // Signing in and out, and changing one's own password, are not data writes.
        expect(['public', 'self']).toContain(kind);
        return;
      }
      if (op.isWrite) {
        await expectRefusedWithoutSideEffects(
          op,
          auditor,
          async () => {
            const res = await send(op, auditor);
            expectProblem(res, 403, ['READ_ONLY_ROLE', 'FORBIDDEN']);
            return res;
          },
          [403],
        );
        return;
      }
      const res = await send(op, auditor);
      if (op.permission === 'authenticated' || auditor.permissions.has(op.permission as Permission)) {
        expect({ route: op.key, status: res.status }).toEqual({ route: op.key, status: 200 });
      } else expectProblem(res, 403);
    });

    it('reaches the victim rows as finance and as the victim itself (positive control)', async () => {
      const op = opOf(operationId);
      const kind = op.scope?.kind;
      if (kind === 'owner' && !op.isWrite) {
        const id = victimRow.get(op.operationId)!.id!;
        // A JSON answer must name the row; a file (an .xlsx export, a download) must not be empty.
        const reaches = (res: { headers: Headers; body: unknown; text: string }) =>
          (res.headers.get('content-type') ?? '').includes('json') ? containsValue(res.body, id) : res.text.length > 0;
        const byFinance = await send(op, { label: 'finance', token: finance, permissions: new Set(), ownOrgIds: [] });
        expect({ route: op.key, status: byFinance.status }).toEqual({ route: op.key, status: 200 });
        expect({ route: op.key, reaches: reaches(byFinance) }).toEqual({ route: op.key, reaches: true });
        if (permissionsOf(['department']).includes(op.permission as Permission)) {
          const byVictim = await send(op, { label: 'health', token: healthToken, permissions: new Set(), ownOrgIds: [] });
          expect({ route: op.key, status: byVictim.status }).toEqual({ route: op.key, status: 200 });
          expect({ route: op.key, reaches: reaches(byVictim) }).toEqual({ route: op.key, reaches: true });
        }
      } else if (kind === 'list') {
        const query = op.queryParams.some((p) => p.name === 'pageSize') ? '?pageSize=200' : '';
        const res = await t.request('GET', pathWith(op, query), { token: finance });
        expect({ route: op.key, status: res.status }).toEqual({ route: op.key, status: 200 });
        if (!(await leakedVictimIds(res.body, op.scope!.field)).length) {
          throw new Error(
            `finance sees no row of ${VICTIM_DEPARTMENT}'s subtree through ${op.key}, so the outsiders' empty answers prove nothing: ` +
              'add demo data or a fixture (test/support/scope-fixtures.ts) owned by the victim.',
          );
        }
      } else if (kind === 'create') {
        // The body the outsiders were refused is valid: finance (district scope) creates with it.
        const field = op.scope!.field ?? 'organizationId';
        const res = await send(
          op,
          { label: 'finance', token: finance, permissions: new Set(), ownOrgIds: [] },
          { body: bodyFor(op, { [field]: victimOrgId }) },
        );
        if (res.status >= 300) {
          throw new Error(
            `finance could not create through ${op.key} with the synthesized body (${res.status} ${res.text.slice(0, 300)}), ` +
              "so the outsiders' refusals may be validation, not scope: give the request schema examples that make a valid body.",
          );
        }
        expect(res.body?.[field]).toBe(victimOrgId);
      } else if (kind === 'registry' && !op.isWrite) {
        // Finance reads another agency's entry, the demo agency its own, and a department (holding the permission) any.
        const param = op.scope!.param ?? 'id';
        const foreign = registryEntry(op, 'foreign');
        const own = registryEntry(op, 'own');
        const byFinance = await send(op, { label: 'finance', token: finance, permissions: new Set(), ownOrgIds: [] });
        expect({ route: op.key, status: byFinance.status, reaches: containsValue(byFinance.body, foreign) }).toEqual({
          route: op.key,
          status: 200,
          reaches: true,
        });
        const agency = outsiders.get(OUTSIDER_LABELS[2])!;
        if (agency.permissions.has(op.permission as Permission)) {
          const byAgency = await send(op, agency, { path: fillPath(doc, op, { [param]: own }) });
          expect({ route: op.key, status: byAgency.status, reaches: containsValue(byAgency.body, own) }).toEqual({
            route: op.key,
            status: 200,
            reaches: true,
          });
        }
        if (permissionsOf(['department']).includes(op.permission as Permission)) {
          const byVictim = await send(op, { label: 'health', token: healthToken, permissions: new Set(), ownOrgIds: [] });
          expect({ route: op.key, status: byVictim.status }).toEqual({ route: op.key, status: 200 });
        }
      } else if (kind === 'bulk') {
        // Finance reaches the victim's row: it is answered by the workflow (a stale version, a state), not as missing.
        const res = await send(op, { label: 'finance', token: finance, permissions: new Set(), ownOrgIds: [] }, { body: bulkBodyFor(op) });
        expect({ route: op.key, status: res.status }).toEqual({ route: op.key, status: 200 });
        expect({ route: op.key, ok: res.body.results[0].ok, notFound: res.body.results[0].code === 'NOT_FOUND' }).toEqual({
          route: op.key,
          ok: false,
          notFound: false,
        });
      } else {
        expect(['owner', 'public', 'self', 'global', 'registry']).toContain(kind);
      }
    });
  });
});

/** Filters that point a list at the victim: every optional uuid query parameter set to the victim's id (pathFor sends the required ones). */
function uuidFilters(op: Operation, victimOrgId: string): string[] {
  return op.queryParams
    .filter((p) => !p.required && ((p.schema ?? {}).format === 'uuid' || p.format === 'uuid'))
    .map((p) => `${encodeURIComponent(p.name)}=${victimOrgId}`);
}

/** Create bodies without the owning field: as synthesized, and with each alternative of every enumerated property. */
function variantsWithout(doc: OpenApiDoc, op: Operation, field: string, unique: () => string): Json[] {
  if (!op.requestSchema) return [];
  const make = () => {
    const body = synthesize(doc, op.requestSchema, { unique: unique() }) as Json;
    delete body[field];
    return body;
  };
  const variants: Json[] = [make()];
  for (const [name, schema] of Object.entries(propertiesOf(doc, op.requestSchema))) {
    if (name === field) continue;
    const values: unknown[] = enumOf(doc, schema);
    for (const value of values.slice(0, 12)) {
      const body = make();
      if (body[name] === value) continue;
      body[name] = value;
      variants.push(body);
    }
  }
  return variants;
}
