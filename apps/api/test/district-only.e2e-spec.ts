/**
 * Issue 6, "Insiders and API keys": a key limited to one organization may hold only the permissions
 * that act within a data scope (PERMISSION_REACH in libs/contracts). Generated like the scope test:
 *
 * - every route whose `@Authorize` permission is district-only is called with a key limited to
 *   区卫生健康委员会 whose stored permissions were FORCED (by SQL, past the creation check) to every
 *   permission, on that department's own rows — it must answer 403 and change nothing;
 * - every district-only permission is refused at key creation (400 API_KEY_DISTRICT_PERMISSION,
 *   field error on `permissions`) for an organization-limited key;
 * - the hand-written migration strips such permissions from keys stored before the rule;
 * - `actions` on resources are what the caller may do: no `file` / `return` for a department, the
 *   auditor or such a key; finance gets them.
 */
import { DataSource } from 'typeorm';
import { ALL_PERMISSIONS, DISTRICT_ONLY_PERMISSIONS, isDistrictOnly, Permission } from '@jixiao/contracts';
import {
  DISTRICT_ONLY_AT_THIS_MIGRATION,
  OrganizationKeysDropDistrictPermissions1796019733501,
} from '../src/database/migrations/1796019733501-OrganizationKeysDropDistrictPermissions';
import { startTestApp, TestApp } from './support/test-app';
import { declaredRoutes } from './support/route-walk';
import { fillPath, OpenApiDoc, Operation, operationsOf, synthesize, type Json } from './support/openapi';
import { auditSuccessCount, orgIdByName, rowCounts, subtreeIds } from './support/db-state';
import { createVictimFixtures } from './support/scope-fixtures';
import { expectProblem } from './support/http';

const DEPARTMENT = '区卫生健康委员会';
const DISTRICT_ROUTES = declaredRoutes().filter((r) => r.permission !== null && isDistrictOnly(r.permission));

describe('district-only permissions and API keys limited to one organization', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let byId: Map<string, Operation>;
  let finance: string;
  let departmentOrgId: string;
  let subtree: string[];
  /** The forced key: limited to the department, every permission written straight into the table. */
  let forcedKey: string;
  let forcedKeyId: string;

  /** A key made through the API (valid), then given `permissions` by SQL, bypassing the creation check. */
  const forceKey = async (name: string, organizationId: string | null, permissions: string[]): Promise<{ id: string; key: string }> => {
    const res = await t.request('POST', '/api/v1/api-keys', {
      token: finance,
      body: { name, permissions: ['organization:read'], ...(organizationId ? { organizationId } : {}) },
    });
    expect(res.status).toBe(201);
    await t.sql(`UPDATE api_keys SET permissions = $2::text[] WHERE id = $1`, [res.body.id, permissions]);
    return { id: res.body.id, key: res.body.key };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    byId = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
    finance = await t.login('finance');
    departmentOrgId = await orgIdByName(t, DEPARTMENT);
    subtree = await subtreeIds(t, departmentOrgId);
    await createVictimFixtures({ t, finance, victimOrgId: departmentOrgId, victimUnitIds: subtree.filter((id) => id !== departmentOrgId) });
    const forced = await forceKey('卫健委全权限密钥（强制写入）', departmentOrgId, [...ALL_PERMISSIONS]);
    forcedKey = forced.key;
    forcedKeyId = forced.id;
  });

  afterAll(async () => t?.close());

  /** A row of the route's entity owned inside the department's subtree, the department's own first. */
  const ownRow = async (op: Operation): Promise<string> => {
    const dataSource = t.running.app.get(DataSource);
    const meta = dataSource.getMetadata(op.scope!.entity!);
    const column = meta.findColumnWithPropertyName(op.scope!.column ?? 'organizationId')!;
    const rows = await t.sql<{ id: string }>(
      `SELECT id::text AS id FROM "${meta.tableName}" WHERE "${column.databaseName}"::text = ANY($1::text[])
        ORDER BY ("${column.databaseName}"::text = $2) DESC, id LIMIT 1`,
      [subtree, departmentOrgId],
    );
    if (!rows.length) throw new Error(`no ${meta.name} row in ${DEPARTMENT}'s subtree for ${op.key}`);
    return rows[0].id;
  };

  it('finds the bureau’s acts among the district-only routes (the ones the issue names)', () => {
    const titles = DISTRICT_ROUTES.map((r) => r.title);
    for (const title of [
      'POST targets/:id/pass',
      'POST targets/:id/return',
      'POST target-reviews/:targetId/assignments',
      'POST targets/change-requests/:id/approve',
      'POST users',
      'POST users/:id/reset-password',
      'POST key-project-lists/:id/file',
      'GET audit-logs',
    ])
      expect(titles).toContain(title);
  });

  it('agrees with the document: x-permission of every route is the permission the walk found', () => {
    for (const route of declaredRoutes()) {
      const op = byId.get(route.operationId);
      if (!op) throw new Error(`${route.title} is not in the OpenAPI document`);
      expect({ route: route.title, permission: op.permission }).toEqual({
        route: route.title,
        permission: route.permission ?? (op.scope?.kind === 'public' ? undefined : 'authenticated'),
      });
    }
  });

  it('lets the forced key do what its scope allows (positive control: the key works, on its own rows)', async () => {
    const targets = await t.request('GET', '/api/v1/targets?pageSize=5', { apiKey: forcedKey });
    expect(targets.status).toBe(200);
    expect(targets.body.total).toBeGreaterThan(0);
    expect(targets.body.items.every((i: { organizationId: string }) => subtree.includes(i.organizationId))).toBe(true);
  });

  describe.each(DISTRICT_ROUTES.map((r) => [`${r.title} (${r.permission})`, r.operationId]))('%s', (_title, operationId) => {
    it('refuses the organization-limited key that holds the permission in the table (403), changing nothing', async () => {
      const op = byId.get(operationId)!;
      expect(isDistrictOnly(op.permission!)).toBe(true);
      const values: Record<string, string> = {};
      if (op.scope?.kind === 'owner') values[op.scope.param ?? 'id'] = await ownRow(op);
      let body: Json = op.requestSchema ? synthesize(doc, op.requestSchema, { unique: `d${operationId}` }) : undefined;
      if (op.scope?.kind === 'create' && body && typeof body === 'object') body = { ...body, [op.scope.field ?? 'organizationId']: departmentOrgId };
      const auditBefore = await auditSuccessCount(t);
      const rowsBefore = await rowCounts(t);
      const res = await t.request(op.method, fillPath(doc, op, values), { apiKey: forcedKey, ...(body !== undefined ? { body } : {}) });
      expectProblem(res, 403, 'FORBIDDEN');
      expect(res.body.messageEn).toContain(op.permission);
      expect({ route: op.key, audit: await auditSuccessCount(t) }).toEqual({ route: op.key, audit: auditBefore });
      expect({ route: op.key, rows: await rowCounts(t) }).toEqual({ route: op.key, rows: rowsBefore });
    });
  });

  describe('key creation', () => {
    it.each(DISTRICT_ONLY_PERMISSIONS)('refuses %s on a key limited to one organization (400, field error on permissions)', async (perm) => {
      const name = `限定机构密钥 ${perm}`;
      const res = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name, permissions: ['organization:read', perm], organizationId: departmentOrgId },
      });
      expectProblem(res, 400, 'API_KEY_DISTRICT_PERMISSION');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'permissions' })]);
      expect(res.body.errors[0].messageEn).toContain(perm);
      expect(await t.sql(`SELECT id FROM api_keys WHERE name = $1`, [name])).toEqual([]);
    });

    it('grants every permission that is not district-only to such a key, and district-only ones to a district key', async () => {
      const scoped = ALL_PERMISSIONS.filter((p) => !isDistrictOnly(p));
      const limited = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '卫健委范围内全部权限', permissions: scoped, organizationId: departmentOrgId },
      });
      expect(limited.status).toBe(201);
      expect([...limited.body.permissions].sort()).toEqual([...scoped].sort());
      const district = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '全区审核密钥', permissions: [Permission.TargetReview, Permission.TargetRead] },
      });
      expect(district.status).toBe(201);
    });
  });

  describe('actions: what this caller may do', () => {
    const listId = async (orgName: string) => {
      const [row] = await t.sql<{ id: string }>(
        `SELECT l.id FROM key_project_lists l JOIN organizations o ON o.id = l.organization_id WHERE o.name = $1 ORDER BY l.year DESC LIMIT 1`,
        [orgName],
      );
      return row.id;
    };
    const targetId = async (orgName: string, status: string) => {
      const [row] = await t.sql<{ id: string }>(
        `SELECT t.id FROM targets t JOIN organizations o ON o.id = t.organization_id WHERE o.name = $1 AND t.status = $2 LIMIT 1`,
        [orgName, status],
      );
      if (!row) throw new Error(`no ${status} target of ${orgName} in the demo data`);
      return row.id;
    };

    it('offers file and return on a submitted key project list to finance only', async () => {
      const id = await listId(DEPARTMENT);
      const path = `/api/v1/key-project-lists/${id}`;
      const asFinance = await t.request('GET', path, { token: finance });
      expect(asFinance.body.status).toBe('submitted');
      expect(asFinance.body.actions).toEqual(['file', 'return']);
      for (const [who, auth] of [
        ['department', { token: await t.login('health') }],
        ['auditor', { token: await t.login('auditor') }],
        ['forced key', { apiKey: forcedKey }],
      ] as const) {
        const res = await t.request('GET', path, auth);
        expect({ who, status: res.status, actions: res.body.actions }).toEqual({ who, status: 200, actions: [] });
      }
      // The list route answers the same, row by row.
      const listed = await t.request('GET', '/api/v1/key-project-lists?pageSize=200', { token: await t.login('health') });
      expect(listed.status).toBe(200);
      for (const item of listed.body.items) expect(item.actions).not.toEqual(expect.arrayContaining(['file']));
      const listedByFinance = await t.request('GET', '/api/v1/key-project-lists?pageSize=200', { token: finance });
      expect(listedByFinance.body.items.find((i: { id: string }) => i.id === id).actions).toEqual(['file', 'return']);
    });

    it('offers submit on a draft list to its own organization only, not to the bureau or the auditor', async () => {
      const id = await listId('朱家角镇');
      const path = `/api/v1/key-project-lists/${id}`;
      const own = await t.request('GET', path, { token: await t.login('zhujiajiao') });
      expect(own.body.status).toBe('draft');
      expect(own.body.actions).toEqual(['submit']);
      expect((await t.request('GET', path, { token: finance })).body.actions).toEqual([]);
      expect((await t.request('GET', path, { token: await t.login('auditor') })).body.actions).toEqual([]);
    });

    it('offers the review of a submitted target to finance, not to its department, the auditor or the forced key', async () => {
      const id = await targetId('区教育局', 'submitted');
      const path = `/api/v1/targets/${id}`;
      const asFinance = await t.request('GET', path, { token: finance });
      expect(asFinance.body.actions).toEqual(expect.arrayContaining(['return', 'pick_for_expert_review']));
      expect(asFinance.body.actions.some((a: string) => a === 'pass' || a === 'pass_to_expert_review')).toBe(true);
      expect((await t.request('GET', path, { token: await t.login('edu') })).body.actions).toEqual([]);
      expect((await t.request('GET', path, { token: await t.login('auditor') })).body.actions).toEqual([]);
      const draft = await targetId(DEPARTMENT, 'draft');
      const byKey = await t.request('GET', `/api/v1/targets/${draft}`, { apiKey: forcedKey });
      expect(byKey.status).toBe(200);
      expect(byKey.body.actions).toEqual(['edit', 'submit']);
      expect((await t.request('GET', `/api/v1/targets/${draft}`, { token: await t.login('auditor') })).body.actions).toEqual([]);
    });
  });

  describe('the hand-written migration', () => {
    it('strips district-only permissions from organization-limited keys stored before the rule, and leaves district keys alone', async () => {
      const limited = await forceKey('迁移前的限定机构密钥', departmentOrgId, ['target:read', 'target_review:review', 'user:manage']);
      const district = await forceKey('迁移前的全区密钥', null, ['target:read', 'target_review:review']);
      const runner = t.running.app.get(DataSource).createQueryRunner();
      try {
        await new OrganizationKeysDropDistrictPermissions1796019733501().up(runner);
      } finally {
        await runner.release();
      }
      const rows = await t.sql<{ id: string; permissions: string[] }>(`SELECT id, permissions FROM api_keys WHERE id = ANY($1::uuid[])`, [
        [limited.id, district.id, forcedKeyId],
      ]);
      const of = (id: string) => rows.find((r) => r.id === id)!.permissions;
      expect(of(limited.id)).toEqual(['target:read']);
      expect(of(district.id)).toEqual(['target:read', 'target_review:review']);
      // The migration strips what was district-only when it was written (a snapshot); a district-only
      // permission added later could never be stored on such a key, and the guard drops it anyway.
      expect(of(forcedKeyId).filter((p) => DISTRICT_ONLY_AT_THIS_MIGRATION.includes(p))).toEqual([]);
      expect(of(forcedKeyId).length).toBe(ALL_PERMISSIONS.length - DISTRICT_ONLY_AT_THIS_MIGRATION.length);
      expect(DISTRICT_ONLY_AT_THIS_MIGRATION.every((p) => isDistrictOnly(p))).toBe(true);
    });
  });
});
