/**
 * The audit log, optimistic locking and the policy profile (issue 2): every successful write is
 * audited with actor, action, entity, before/after and result; the database refuses to change or
 * delete audit rows; auditors read the log through the API; a stale `version` answers 409 and
 * loses nothing; the 2022 profile is the default, copied and edited only by the finance bureau,
 * validated as a whole; the calendar has the education sector's later dates.
 */
import { DataSource } from 'typeorm';
import { DEFAULT_POLICY_PROFILE } from '@jixiao/domain';
import { startTestApp, TestApp } from './support/test-app';
import { declaredRoutes } from './support/route-walk';
import { fillPath, Json, OpenApiDoc, Operation, operationsOf, synthesize } from './support/openapi';
import { maxAuditId, orgIdByName, userIdByName } from './support/db-state';
import { expectProblem } from './support/http';

const WRITE_ROUTES = declaredRoutes().filter((r) => !/^(GET|HEAD|OPTIONS) /.test(r.title));

/** Waits for a side effect written after the answer was sent (refusals are audited off the request path). */
async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await probe();
  for (let i = 0; i < 100 && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 20));
    value = await probe();
  }
  return value;
}

describe('audit log, optimistic locking, policy profile', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let byId: Map<string, Operation>;
  let finance: string;
  let financeId: string;
  let eduOrgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.request('GET', '/api/docs-json')).body;
    byId = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
    finance = await t.login('finance');
    financeId = await userIdByName(t, 'finance');
    eduOrgId = await orgIdByName(t, '区教育局');
    const target = await t.request('POST', '/api/v1/users', {
      token: finance,
      body: {
        username: 'audit-target',
        displayName: '审计测试对象',
        organizationId: eduOrgId,
        roles: ['department'],
        initialPassword: 'Target#2022ab',
      },
    });
    expect(target.status).toBe(201);
  });
  afterAll(async () => t?.close());

  const auditRowsSince = (id: number) =>
    t.sql<Record<string, any>>(
      `SELECT id, actor_id, actor_name, actor_kind, action, entity_type, entity_id, before, after, result, error_code, request_id
         FROM audit_logs WHERE id > $1 ORDER BY id`,
      [id],
    );

  describe('every successful write is audited (generated from the OpenAPI document)', () => {
    const succeeded: Operation[] = [];
    let counter = 0;

    /** Routes whose path names an existing row: `owner`, and `registry` (an entry of a district-wide register). */
    const namesRow = (op: Operation) => op.scope?.kind === 'owner' || op.scope?.kind === 'registry';

    /** An existing row for an owner or registry route, and its version; a user row made for the purpose, so finance may change it freely. */
    const targetFor = async (op: Operation): Promise<{ id: string; version?: number } | undefined> => {
      if (!namesRow(op) || !op.scope?.entity) return undefined;
      const dataSource = t.running.app.get(DataSource);
      const meta = dataSource.getMetadata(op.scope.entity);
      const hasVersion = meta.columns.some((c) => c.databaseName === 'version');
      const where =
        meta.tableName === 'users' ? `WHERE username = 'audit-target'` : meta.tableName === 'organizations' ? `WHERE kind = 'unit'` : '';
      const [row] = await t.sql<{ id: string; version?: number }>(
        `SELECT id::text AS id${hasVersion ? ', version' : ''} FROM "${meta.tableName}" ${where} ORDER BY id LIMIT 1`,
      );
      return row;
    };

    it.each(WRITE_ROUTES.map((r) => [`${r.title} [${r.operationId}]`, r.operationId]))('%s', async (_title, operationId) => {
      const op = byId.get(operationId);
      if (!op) throw new Error(`${operationId} is missing from the OpenAPI document`);
      const target = await targetFor(op);
      const isCreate = op.scope?.kind === 'create';
      const body: Json = op.requestSchema
        ? synthesize(doc, op.requestSchema, {
            requiredOnly: namesRow(op),
            unique: isCreate ? `a${++counter}` : undefined,
            override: (name, schema) => {
              if (name === 'version' && target?.version !== undefined) return target.version;
              if (schema.format === 'uuid' && /organizationId$|parentId$/.test(name)) return eduOrgId;
              if (op.scope?.kind === 'public' && name === 'username') return 'finance';
              return undefined;
            },
          })
        : undefined;
      const token = op.scope?.kind === 'public' ? undefined : op.scope?.kind === 'self' ? await t.login('finance') : finance;
      const path = fillPath(doc, op, target && op.scope && namesRow(op) ? { [op.scope.param ?? 'id']: target.id } : {});
      const since = await maxAuditId(t);
      const res = await t.request(op.method, path, { token, ...(body !== undefined ? { body } : {}) });
      expect(res.status).toBeLessThan(500);
      const rows = await auditRowsSince(since);
      const successes = rows.filter((r) => r.result === 'success');
      if (res.status >= 300) {
        // A refused write leaves no success entry (entries are written in the write's own transaction).
        expect({ route: op.key, status: res.status, successes }).toEqual({ route: op.key, status: res.status, successes: [] });
        if (isCreate)
          throw new Error(`finance could not create through ${op.key} with the synthesized body: ${res.status} ${res.text.slice(0, 300)}`);
        return;
      }
      // A bulk action answers 200 with a result per row: rows it refused (the synthesized ids name
      // nothing) leave a failure entry each and no success entry, like a refused single write.
      if (Array.isArray(res.body?.results) && typeof res.body?.succeeded === 'number' && res.body.succeeded === 0) {
        expect({ route: op.key, successes }).toEqual({ route: op.key, successes: [] });
        expect(rows.filter((r) => r.result === 'failure').length).toBe(res.body.results.length);
        return;
      }
      succeeded.push(op);
      expect({ route: op.key, successes: successes.length }).not.toEqual({ route: op.key, successes: 0 });
      const entry = successes[successes.length - 1];
      expect(entry.actor_id).toBe(financeId);
      expect(entry.actor_kind).toBe('user');
      expect(entry.action).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(entry.entity_type).toMatch(/^[a-z_]+$/);
      expect(entry.request_id).toBe(res.headers.get('x-request-id'));
      if (target && namesRow(op)) {
        // A POST under a parent (e.g. a target for a project) creates a child: its entry names the child.
        const createdChild = op.method === 'POST' && res.status === 201 && typeof res.body?.id === 'string' && res.body.id !== target.id;
        expect(successes.map((r) => r.entity_id)).toContain(createdChild ? res.body.id : target.id);
      }
      if (isCreate) {
        expect(entry.entity_id).toBe(res.body.id);
        expect(entry.after).toMatchObject({ id: res.body.id });
      }
    });

    it('really performed writes of every kind (so the checks above were not vacuous)', () => {
      const kinds = new Set(succeeded.map((op) => op.scope?.kind));
      expect([...kinds]).toEqual(expect.arrayContaining(['create', 'owner', 'public', 'self']));
      // Workflow steps (submit, file, accept …) sent against demo rows in whatever state they are
      // in are refused by design (409 ILLEGAL_TRANSITION), so not every write route can succeed here;
      // the owner routes are aimed at the first row by id (random uuids, so a different row each run),
      // whose state decides. A quarter of them must succeed, besides one of every scope kind above.
      expect(succeeded.length).toBeGreaterThanOrEqual(Math.ceil(WRITE_ROUTES.length / 4));
    });
  });

  describe('before and after, actor and result', () => {
    it('records an organization update with its before and after, and a refused one as a failure', async () => {
      const [unit] = await t.sql<{ id: string; name: string; version: number }>(
        `SELECT id, name, version FROM organizations WHERE code LIKE 'QP-D02-U0%' ORDER BY code LIMIT 1`,
      );
      const since = await maxAuditId(t);
      const res = await t.request('PATCH', `/api/v1/organizations/${unit.id}`, {
        token: finance,
        body: { version: unit.version, name: '青浦区实验中学（更名）' },
      });
      expect(res.status).toBe(200);
      const [entry] = await auditRowsSince(since);
      expect(entry).toMatchObject({
        actor_id: financeId,
        actor_name: 'finance',
        actor_kind: 'user',
        action: 'organization.update',
        entity_type: 'organization',
        entity_id: unit.id,
        result: 'success',
        error_code: null,
      });
      expect(entry.before).toMatchObject({ id: unit.id, name: unit.name, version: unit.version });
      expect(entry.after).toMatchObject({ id: unit.id, name: '青浦区实验中学（更名）', version: unit.version + 1 });

      const since2 = await maxAuditId(t);
      const stale = await t.request('PATCH', `/api/v1/organizations/${unit.id}`, {
        token: finance,
        body: { version: unit.version, name: '过期修改' },
      });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
      const rows = await eventually(
        () => auditRowsSince(since2),
        (r) => r.length > 0,
      );
      expect(rows).toEqual([
        expect.objectContaining({
          actor_id: financeId,
          result: 'failure',
          error_code: 'VERSION_CONFLICT',
          entity_id: unit.id,
          before: null,
          after: null,
        }),
      ]);
    });

    it('records a refused write by an outsider as a failure with the refusing code', async () => {
      const edu = await t.login('edu');
      const since = await maxAuditId(t);
      const res = await t.request('POST', '/api/v1/organizations', {
        token: edu,
        body: { code: 'EDU-TRY', name: '越权机构', kind: 'department' },
      });
      expectProblem(res, 403, 'FORBIDDEN');
      const rows = await eventually(
        () => auditRowsSince(since),
        (r) => r.length > 0,
      );
      expect(rows).toEqual([expect.objectContaining({ actor_name: 'edu', result: 'failure', error_code: 'FORBIDDEN' })]);
    });

    it('never writes secrets into the audit log', async () => {
      const since = await maxAuditId(t);
      const created = await t.request('POST', '/api/v1/users', {
        token: finance,
        body: {
          username: 'audit-secret',
          displayName: '保密测试',
          organizationId: eduOrgId,
          roles: ['department'],
          initialPassword: 'Secret#2022xyz',
        },
      });
      expect(created.status).toBe(201);
      const reset = await t.request('POST', `/api/v1/users/${created.body.id}/reset-password`, {
        token: finance,
        body: { newPassword: 'Other#2022xyz' },
      });
      expect(reset.status).toBe(204);
      const text = JSON.stringify(await auditRowsSince(since));
      expect(text).not.toContain('Secret#2022xyz');
      expect(text).not.toContain('Other#2022xyz');
      expect(text).not.toContain('$argon2');
    });
  });

  describe('the audit log is append-only in the database', () => {
    it.each([
      ['UPDATE', `UPDATE audit_logs SET result = 'success' WHERE result = 'failure'`],
      ['UPDATE of one row', `UPDATE audit_logs SET actor_name = 'someone else' WHERE id = (SELECT min(id) FROM audit_logs)`],
      ['DELETE', `DELETE FROM audit_logs`],
      ['DELETE of one row', `DELETE FROM audit_logs WHERE id = (SELECT max(id) FROM audit_logs)`],
      ['TRUNCATE', `TRUNCATE audit_logs`],
    ])('refuses %s', async (_name, statement) => {
      const before = await t.sql(`SELECT id, actor_name, result FROM audit_logs ORDER BY id`);
      expect(before.length).toBeGreaterThan(0);
      // TypeORM logs every failed query; the refusal is the expected outcome here.
      const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        await expect(t.sql(statement)).rejects.toThrow(/append-only/);
      } finally {
        quiet.mockRestore();
      }
      expect(await t.sql(`SELECT id, actor_name, result FROM audit_logs ORDER BY id`)).toEqual(before);
    });

    it('still accepts new rows', async () => {
      const since = await maxAuditId(t);
      await t.login('edu');
      expect((await auditRowsSince(since)).map((r) => r.action)).toContain('auth.login');
    });
  });

  describe('reading the audit log', () => {
    it('lets the auditor page through it and filter by action and result', async () => {
      const auditor = await t.login('auditor');
      const count = async () => Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_logs`))[0].n);
      const countBefore = await count();
      const page1 = await t.request('GET', '/api/v1/audit-logs?pageSize=5', { token: auditor });
      expect(page1.status).toBe(200);
      expect(page1.body.items).toHaveLength(5);
      // Refusals are audited off the request path, so a late one may land while we read.
      expect(page1.body.total).toBeGreaterThanOrEqual(countBefore);
      expect(page1.body.total).toBeLessThanOrEqual(await count());
      const page2 = await t.request('GET', '/api/v1/audit-logs?pageSize=5&page=2', { token: auditor });
      expect(page2.body.items).toHaveLength(5);
      const ids1 = page1.body.items.map((i: { id: string }) => i.id);
      expect(page2.body.items.filter((i: { id: string }) => ids1.includes(i.id))).toEqual([]);
      // Newest first by default.
      const times = page1.body.items.map((i: { occurredAt: string }) => i.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);

      const logins = await t.request('GET', '/api/v1/audit-logs?action=auth.login&pageSize=200', { token: auditor });
      expect(logins.status).toBe(200);
      expect(logins.body.items.length).toBeGreaterThan(0);
      expect(new Set(logins.body.items.map((i: { action: string }) => i.action))).toEqual(new Set(['auth.login']));
      const [{ n: loginCount }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_logs WHERE action = 'auth.login'`);
      expect(logins.body.total).toBe(Number(loginCount));

      const failures = await t.request('GET', '/api/v1/audit-logs?result=failure&pageSize=200', { token: auditor });
      expect(failures.body.items.length).toBeGreaterThan(0);
      expect(new Set(failures.body.items.map((i: { result: string }) => i.result))).toEqual(new Set(['failure']));
      const both = await t.request('GET', '/api/v1/audit-logs?action=organization.update&result=success', { token: auditor });
      expect(both.body.total).toBeGreaterThan(0);
      for (const item of both.body.items) expect(item).toMatchObject({ action: 'organization.update', result: 'success' });
    });

    it('refuses department users and the auditor’s writes', async () => {
      const edu = await t.login('edu');
      expectProblem(await t.request('GET', '/api/v1/audit-logs', { token: edu }), 403, 'FORBIDDEN');
      const auditor = await t.login('auditor');
      expectProblem(
        await t.request('POST', '/api/v1/policy-profiles', { token: auditor, body: { year: 2030, copyFromYear: 2022 } }),
        403,
        'READ_ONLY_ROLE',
      );
    });
  });

  describe('optimistic locking', () => {
    it('answers 409 to a stale organization update and keeps the row; the right version increments it', async () => {
      const id = await orgIdByName(t, '区水务局');
      const current = await t.request('GET', `/api/v1/organizations/${id}`, { token: finance });
      const v = current.body.version;
      const ok = await t.request('PATCH', `/api/v1/organizations/${id}`, { token: finance, body: { version: v, name: '区水务局（一）' } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ name: '区水务局（一）', version: v + 1 });
      const stale = await t.request('PATCH', `/api/v1/organizations/${id}`, {
        token: finance,
        body: { version: v, name: '区水务局（二）' },
      });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
      expect(await t.sql(`SELECT name, version FROM organizations WHERE id = $1`, [id])).toEqual([
        { name: '区水务局（一）', version: v + 1 },
      ]);
      const next = await t.request('PATCH', `/api/v1/organizations/${id}`, { token: finance, body: { version: v + 1, name: '区水务局' } });
      expect(next.body.version).toBe(v + 2);
    });

    it('answers 409 to a stale user update and keeps the row; the right version increments it', async () => {
      const id = await userIdByName(t, 'edu-unit');
      const current = await t.request('GET', `/api/v1/users/${id}`, { token: finance });
      const v = current.body.version;
      const ok = await t.request('PATCH', `/api/v1/users/${id}`, { token: finance, body: { version: v, displayName: '实验中学（一）' } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ displayName: '实验中学（一）', version: v + 1 });
      const stale = await t.request('PATCH', `/api/v1/users/${id}`, {
        token: finance,
        body: { version: v, displayName: '实验中学（二）', active: false },
      });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
      expect(await t.sql(`SELECT display_name, version, active FROM users WHERE id = $1`, [id])).toEqual([
        { display_name: '实验中学（一）', version: v + 1, active: true },
      ]);
      // A stale deactivation ended no session either.
      expect((await t.request('GET', '/api/v1/auth/me', { token: await t.login('edu-unit') })).status).toBe(200);
    });
  });

  describe('policy profile and calendar', () => {
    it('has the 2022 default profile, equal to DEFAULT_POLICY_PROFILE, readable by every role', async () => {
      const res = await t.request('GET', '/api/v1/policy-profiles/2022', { token: finance });
      expect(res.status).toBe(200);
      expect(res.body.year).toBe(2022);
      expect(res.body.values).toEqual(DEFAULT_POLICY_PROFILE);
      for (const user of ['edu', 'zhujiajiao', 'agency', 'expert', 'auditor']) {
        expect((await t.request('GET', '/api/v1/policy-profiles/2022', { token: await t.login(user) })).status).toBe(200);
      }
      expectProblem(await t.request('GET', '/api/v1/policy-profiles/2031', { token: finance }), 404, 'POLICY_PROFILE_NOT_FOUND');
    });

    it('lets finance copy 2022 to 2025 once, and audits it', async () => {
      // 2025, not the schema's example 2023, which the generated write test above may have used.
      const since = await maxAuditId(t);
      const res = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: 2025, copyFromYear: 2022 } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ year: 2025, version: 1 });
      // The numbers are copied; the working calendar is the new year's own (none published for 2025 in this release).
      expect(res.body.values).toEqual({ ...DEFAULT_POLICY_PROFILE, workingCalendar: { holidays: [], makeUpWorkingDays: [] } });
      expect((await auditRowsSince(since)).map((r) => [r.action, r.entity_id, r.result])).toEqual([
        ['policy_profile.copy', '2025', 'success'],
      ]);
      expectProblem(
        await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: 2025, copyFromYear: 2022 } }),
        409,
        'POLICY_PROFILE_EXISTS',
      );
      // A year without a profile (the demo's history years 2017–2021 have theirs).
      expectProblem(
        await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: 2024, copyFromYear: 2012 } }),
        404,
        'POLICY_PROFILE_NOT_FOUND',
      );
      const list = await t.request('GET', '/api/v1/policy-profiles', { token: finance });
      const years = list.body.items.map((p: { year: number }) => p.year);
      expect(years).toEqual(expect.arrayContaining([2025, 2022]));
      expect([...years].sort((a: number, b: number) => b - a)).toEqual(years);
    });

    it('lets finance edit a number of 2025, leaving 2022 as it was', async () => {
      const current = await t.request('GET', '/api/v1/policy-profiles/2025', { token: finance });
      const values = structuredClone(current.body.values);
      values.keyProjects.amountThreshold = '5000000.00';
      values.evaluation.financeKeyEvaluationCount = 12;
      const since = await maxAuditId(t);
      const res = await t.request('PUT', '/api/v1/policy-profiles/2025', {
        token: finance,
        body: { version: current.body.version, values },
      });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(current.body.version + 1);
      const again = await t.request('GET', '/api/v1/policy-profiles/2025', { token: finance });
      expect(again.body.values.keyProjects.amountThreshold).toBe('5000000.00');
      expect(again.body.values.evaluation.financeKeyEvaluationCount).toBe(12);
      expect((await t.request('GET', '/api/v1/policy-profiles/2022', { token: finance })).body.values).toEqual(DEFAULT_POLICY_PROFILE);
      const [entry] = await auditRowsSince(since);
      expect(entry).toMatchObject({ action: 'policy_profile.update', entity_id: '2025', result: 'success', actor_id: financeId });
      expect(entry.before.keyProjects.amountThreshold).toBe('6000000.00');
      expect(entry.after.keyProjects.amountThreshold).toBe('5000000.00');
      const stale = await t.request('PUT', '/api/v1/policy-profiles/2025', {
        token: finance,
        body: { version: current.body.version, values: current.body.values },
      });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
    });

    it.each([
      ['grades not descending', (v: Json) => (v.evaluation.grades.good = 95), 'values.evaluation.grades.good'],
      ['a threshold that is not money', (v: Json) => (v.keyProjects.amountThreshold = 'abc'), 'values.keyProjects.amountThreshold'],
      ['a negative count', (v: Json) => (v.disclosure.fiscalPolicyTargets = -1), 'values.disclosure.fiscalPolicyTargets'],
      ['an impossible deadline', (v: Json) => (v.deadlines[0].date = '02-30'), 'values.deadlines[0].date'],
      ['an unknown key', (v: Json) => (v.keyProjects.extra = 1), 'values.keyProjects.extra'],
      ['a missing section', (v: Json) => delete v.monitoring, 'values.monitoring'],
    ])('refuses %s with a field error, saving nothing', async (_name, mutate, field) => {
      const current = await t.request('GET', '/api/v1/policy-profiles/2025', { token: finance });
      const values = structuredClone(current.body.values);
      mutate(values);
      const res = await t.request('PUT', '/api/v1/policy-profiles/2025', {
        token: finance,
        body: { version: current.body.version, values },
      });
      expectProblem(res, 400, 'POLICY_PROFILE_INVALID');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toContain(field);
      const after = await t.request('GET', '/api/v1/policy-profiles/2025', { token: finance });
      expect(after.body).toEqual(current.body);
    });

    it('refuses a department user editing or copying the profile', async () => {
      const edu = await t.login('edu');
      const current = await t.request('GET', '/api/v1/policy-profiles/2025', { token: edu });
      expect(current.status).toBe(200);
      expectProblem(
        await t.request('PUT', '/api/v1/policy-profiles/2025', {
          token: edu,
          body: { version: current.body.version, values: current.body.values },
        }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await t.request('POST', '/api/v1/policy-profiles', { token: edu, body: { year: 2024, copyFromYear: 2022 } }),
        403,
        'FORBIDDEN',
      );
      expect((await t.request('GET', '/api/v1/policy-profiles/2025', { token: edu })).body).toEqual(current.body);
    });

    it.each([
      ['edu', '2022-09-30'],
      ['edu-unit', '2022-09-30'],
      ['health', '2022-08-31'],
      ['zhujiajiao', '2022-08-31'],
    ])('gives %s the first tracking on %s', async (user, date) => {
      const res = await t.request('GET', '/api/v1/policy-profiles/2022/calendar', { token: await t.login(user) });
      expect(res.status).toBe(200);
      const first = res.body.find((e: { code: string }) => e.code === 'first_tracking');
      expect(first).toMatchObject({ rule: 'R9', date });
      expect(res.body.find((e: { code: string }) => e.code === 'later_tracking').date).toBe('2022-11-30');
    });

    it('follows the edited profile in the calendar of that year', async () => {
      const current = await t.request('GET', '/api/v1/policy-profiles/2025', { token: finance });
      const values = structuredClone(current.body.values);
      values.deadlines.find((d: { code: string }) => d.code === 'first_tracking').sectorDates.education = '10-15';
      expect(
        (await t.request('PUT', '/api/v1/policy-profiles/2025', { token: finance, body: { version: current.body.version, values } }))
          .status,
      ).toBe(200);
      const edu = await t.request('GET', '/api/v1/policy-profiles/2025/calendar', { token: await t.login('edu') });
      expect(edu.body.find((e: { code: string }) => e.code === 'first_tracking').date).toBe('2025-10-15');
      const asked = await t.request('GET', '/api/v1/policy-profiles/2025/calendar?sector=health', { token: await t.login('edu') });
      expect(asked.body.find((e: { code: string }) => e.code === 'first_tracking').date).toBe('2025-08-31');
    });
  });
});
