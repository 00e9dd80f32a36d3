/**
 * The third-party agency registry (issue 9, R13, N8): the bureau registers agencies (the organization
 * and its entry in one transaction), keeps their qualifications, contacts, state, violations and
 * declared ties, every write audited; departments and towns read the registry (ties only with their
 * own organizations), an agency only its own entry, the auditor everything without writing; the
 * evaluations module records commission grades through the service.
 */
import { DataSource } from 'typeorm';
import { addDays, creditCodeCheckCharacter, shanghaiDate } from '@jixiao/domain';
import { AgenciesService } from '../src/modules/agencies/agencies.service';
import { startTestApp, TestApp } from './support/test-app';
import { copyUser, orgIdByName, rowCounts } from './support/db-state';
import { expectProblem } from './support/http';

const BASE = '/api/v1/agencies';

describe('agency registry', () => {
  let t: TestApp;
  let finance: string;
  let finance2: string;
  let health: string;
  let edu: string;
  let agency: string;
  let auditor: string;
  let seq = 0;
  const ids: Record<string, string> = {};

  const today = shanghaiDate();
  /** A credit code with a fitting check character (the 17 characters before it vary with `n`). */
  const creditCode = (n: number) => {
    const body = `91310118MA1QP${String(n).padStart(4, '0')}`;
    return body + creditCodeCheckCharacter(body);
  };
  const newAgency = (extra: Record<string, unknown> = {}) => {
    seq += 1;
    return { code: `T-A${seq}`, name: `测试评价咨询有限公司 ${seq}`, creditCode: creditCode(seq), ...extra };
  };
  const get = async (id: string, token = finance) => t.request('GET', `${BASE}/${id}`, { token });
  const auditOf = (entityId: string, action: string) =>
    t.sql<{ action: string; before: any; after: any; actor_name: string }>(
      `SELECT action, before, after, actor_name FROM audit_logs WHERE entity_id = $1 AND action = $2 AND result = 'success' ORDER BY id`,
      [entityId, action],
    );

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.login('finance');
    finance2 = (await copyUser(t, 'finance', 'agency-finance-2', '财政局复核员（测试）')).token;
    health = await t.login('health');
    edu = await t.login('edu');
    agency = await t.login('agency');
    auditor = await t.login('auditor');
    for (const code of ['QP-A01', 'QP-A02', 'QP-A03', 'QP-A04', 'QP-A05']) {
      [{ id: ids[code] }] = await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE code = $1`, [code]);
    }
  });
  afterAll(async () => t?.close());

  describe('reading the registry', () => {
    it('lists the demo agencies for the bureau, filtered by state and searched by name, code or credit code', async () => {
      const all = await t.request('GET', `${BASE}?pageSize=100`, { token: finance });
      expect(all.status).toBe(200);
      expect(all.body.items.map((a: any) => a.code)).toEqual(['QP-A01', 'QP-A02', 'QP-A03', 'QP-A04', 'QP-A05']);
      const a05 = all.body.items.find((a: any) => a.code === 'QP-A05');
      expect(a05).toMatchObject({ state: 'suspended', violationCount: 1, qualificationCount: 1, validQualificationCount: 1 });
      expect(a05.stateReason).toContain('暂停委托');
      const a02 = all.body.items.find((a: any) => a.code === 'QP-A02');
      // One qualification expired last year; the tie with 区中心医院 counts for the bureau.
      expect(a02).toMatchObject({ qualificationCount: 2, validQualificationCount: 1, tieCount: 1, lastGrade: 'fair' });

      const suspended = await t.request('GET', `${BASE}?state=suspended`, { token: finance });
      expect(suspended.body.items.map((a: any) => a.code)).toEqual(['QP-A05']);
      expect(
        (await t.request('GET', `${BASE}?q=${encodeURIComponent('申衡')}`, { token: finance })).body.items.map((a: any) => a.code),
      ).toEqual(['QP-A04']);
      expect(
        (await t.request('GET', `${BASE}?q=${a05.creditCode.slice(-6)}`, { token: finance })).body.items.map((a: any) => a.code),
      ).toEqual(['QP-A05']);
      const sorted = await t.request('GET', `${BASE}?sort=-code`, { token: finance });
      expect(sorted.body.items[0].code).toBe('QP-A05');
    });

    it('shows an entry with its qualifications, contacts, violations, ties and grades', async () => {
      const res = await get(ids['QP-A01']);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: ids['QP-A01'], code: 'QP-A01', state: 'active', actions: ['suspend', 'blacklist'] });
      expect(res.body.qualifications[0]).toMatchObject({ name: '会计师事务所执业证书', validUntil: null, valid: true });
      expect(res.body.contacts.length).toBe(2);
      expect(res.body.grades.map((g: any) => [g.year, g.grade])).toEqual([
        [2021, 'excellent'],
        [2020, 'good'],
      ]);
      const a04 = (await get(ids['QP-A04'])).body;
      expect(a04.ties).toEqual([
        expect.objectContaining({
          kind: 'prior_work',
          tiedOrganizationName: '区水务局',
          projectCode: expect.stringMatching(/-2022-\d{3}$/),
        }),
      ]);
    });

    it('lets a department read the registry, with ties only to organizations in its own scope, and never write', async () => {
      const byHealth = await get(ids['QP-A02'], health);
      expect(byHealth.status).toBe(200);
      expect(byHealth.body.ties.map((x: any) => x.tiedOrganizationName)).toEqual(['青浦区中心医院']);
      expect(byHealth.body.actions).toEqual([]);
      const byEdu = await get(ids['QP-A02'], edu);
      expect(byEdu.status).toBe(200);
      expect(byEdu.body.ties).toEqual([]);
      const listed = await t.request('GET', `${BASE}?pageSize=100`, { token: edu });
      expect(listed.body.items.find((a: any) => a.code === 'QP-A02').tieCount).toBe(0);
      expect(listed.body.total).toBe(5);

      const before = await rowCounts(t);
      expectProblem(await t.request('POST', BASE, { token: health, body: newAgency() }), 403, 'FORBIDDEN');
      expectProblem(
        await t.request('POST', `${BASE}/${ids['QP-A01']}/state`, {
          token: health,
          body: { version: 1, action: 'suspend', reason: '部门无权' },
        }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await t.request('POST', `${BASE}/${ids['QP-A01']}/violations`, {
          token: edu,
          body: { date: '2022-01-01', description: '部门无权登记', authority: '区教育局' },
        }),
        403,
        'FORBIDDEN',
      );
      expect(await rowCounts(t)).toEqual(before);
    });

    it('shows an agency only its own entry: the list holds one row and any other entry is not found', async () => {
      const listed = await t.request('GET', `${BASE}?pageSize=100`, { token: agency });
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: ids['QP-A01'], code: 'QP-A01' })] });
      const filtered = await t.request('GET', `${BASE}?state=suspended`, { token: agency });
      expect(filtered.body).toMatchObject({ items: [], total: 0, totalExact: true });
      const own = await get(ids['QP-A01'], agency);
      expect(own.status).toBe(200);
      expect(own.body.grades.length).toBe(2);
      expect(own.body.actions).toEqual([]);
      for (const other of ['QP-A02', 'QP-A05']) expectProblem(await get(ids[other], agency), 404, 'NOT_FOUND');
      expectProblem(await get('00000000-0000-4000-8000-000000000000', agency), 404, 'NOT_FOUND');
      expectProblem(
        await t.request('PATCH', `${BASE}/${ids['QP-A01']}`, { token: agency, body: { version: 1, name: '自行改名' } }),
        403,
        'FORBIDDEN',
      );
    });

    it('refuses units and experts, who do not commission, and lets the auditor read but not write', async () => {
      expectProblem(await t.request('GET', BASE, { token: await t.login('edu-unit') }), 403, 'FORBIDDEN');
      expectProblem(await get(ids['QP-A01'], await t.login('expert')), 403, 'FORBIDDEN');
      expect((await get(ids['QP-A02'], auditor)).body.ties.length).toBe(1);
      expectProblem(await t.request('POST', BASE, { token: auditor, body: newAgency() }), 403, 'READ_ONLY_ROLE');
    });
  });

  describe('registering and editing', () => {
    it('creates the organization of kind agency and its entry in one transaction, audited twice', async () => {
      const body = newAgency({
        qualifications: [{ name: '工程咨询单位乙级资信证书', number: '乙2022-001', validUntil: addDays(today, -1) }],
        contacts: [{ name: '李测试', phone: '021-59000000', email: 'li@example.com' }],
      });
      const res = await t.request('POST', BASE, { token: finance, body: { ...body, creditCode: body.creditCode.toLowerCase() } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ code: body.code, name: body.name, creditCode: body.creditCode, state: 'active', version: 1 });
      expect(res.body.qualifications).toEqual([
        { name: '工程咨询单位乙级资信证书', number: '乙2022-001', validUntil: addDays(today, -1), valid: false },
      ]);
      const [org] = await t.sql<{ kind: string; parent_id: string | null }>(`SELECT kind, parent_id FROM organizations WHERE id = $1`, [
        res.body.id,
      ]);
      expect(org).toEqual({ kind: 'agency', parent_id: null });
      expect(await auditOf(res.body.id, 'organization.create')).toHaveLength(1);
      const [audit] = await auditOf(res.body.id, 'agency.create');
      expect(audit.after).toMatchObject({ code: body.code, creditCode: body.creditCode });
      expect(audit.actor_name).toBe('finance');
      const listed = await t.request('GET', `${BASE}?q=${encodeURIComponent(body.code)}`, { token: health });
      expect(listed.body.items.map((a: any) => a.id)).toEqual([res.body.id]);
    });

    it('refuses bad input with coded 4xx and field errors, writing nothing', async () => {
      const before = await rowCounts(t);
      const bad = async (body: unknown, status: number, code: string, field?: string) => {
        const res = await t.request('POST', BASE, { token: finance, body });
        expectProblem(res, status, code);
        if (field) expect(res.body.errors.map((e: any) => e.field)).toContain(field);
        return res;
      };
      const wrongCheck = newAgency();
      wrongCheck.creditCode = wrongCheck.creditCode.slice(0, 17) + (wrongCheck.creditCode[17] === '0' ? '1' : '0');
      const res = await bad(wrongCheck, 400, 'VALIDATION_FAILED', 'creditCode');
      expect(res.body.errors.find((e: any) => e.field === 'creditCode')).toMatchObject({
        code: 'isCreditCode',
        message: expect.stringContaining('统一社会信用代码'),
      });
      await bad(newAgency({ code: 'QP-A01' }), 409, 'AGENCY_CODE_TAKEN');
      await bad(newAgency({ creditCode: (await get(ids['QP-A01'])).body.creditCode }), 409, 'AGENCY_CREDIT_CODE_TAKEN', 'creditCode');
      await bad(
        newAgency({
          qualifications: [
            { name: 'A', number: 'X1' },
            { name: 'B', number: 'X1' },
          ],
        }),
        400,
        'AGENCY_QUALIFICATION_DUPLICATE',
        'qualifications.1.number',
      );
      await bad(
        newAgency({ qualifications: [{ name: 'A', number: 'X1', validUntil: '2022-02-30' }] }),
        400,
        'VALIDATION_FAILED',
        'qualifications.0.validUntil',
      );
      await bad(newAgency({ contacts: [{ name: '王', email: 'not-an-email' }] }), 400, 'VALIDATION_FAILED', 'contacts.0.email');
      await bad(
        newAgency({ contacts: Array.from({ length: 11 }, (_, i) => ({ name: `联系人${i}` })) }),
        400,
        'VALIDATION_FAILED',
        'contacts',
      );
      await bad(newAgency({ name: '名'.repeat(201) }), 400, 'VALIDATION_FAILED', 'name');
      await bad(newAgency({ name: '   ' }), 400, 'VALIDATION_FAILED', 'name');
      await bad({ ...newAgency(), kind: 'department' }, 400, 'VALIDATION_FAILED', 'kind');
      expect(await rowCounts(t)).toEqual(before);
    });

    it('updates the profile and the organization’s name under optimistic locking, audited with before and after', async () => {
      const created = (await t.request('POST', BASE, { token: finance, body: newAgency() })).body;
      const res = await t.request('PATCH', `${BASE}/${created.id}`, {
        token: finance,
        body: { version: created.version, name: '改名后的评价公司', contacts: [{ name: '新联系人', phone: '13800000000' }] },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: '改名后的评价公司',
        version: created.version + 1,
        contacts: [{ name: '新联系人', phone: '13800000000', email: null }],
      });
      const [org] = await t.sql<{ name: string }>(`SELECT name FROM organizations WHERE id = $1`, [created.id]);
      expect(org.name).toBe('改名后的评价公司');
      const [audit] = await auditOf(created.id, 'agency.update');
      expect(audit.before.name).toBe(created.name);
      expect(audit.after.name).toBe('改名后的评价公司');
      expectProblem(
        await t.request('PATCH', `${BASE}/${created.id}`, { token: finance, body: { version: created.version, name: '过期版本' } }),
        409,
        'VERSION_CONFLICT',
      );
      const other = (await get(ids['QP-A01'])).body.creditCode;
      expectProblem(
        await t.request('PATCH', `${BASE}/${created.id}`, { token: finance, body: { version: res.body.version, creditCode: other } }),
        409,
        'AGENCY_CREDIT_CODE_TAKEN',
      );
      expect((await get(created.id)).body.name).toBe('改名后的评价公司');
    });

    it('gives an agency made on the organizations page its (empty) registry entry', async () => {
      const res = await t.request('POST', '/api/v1/organizations', {
        token: finance,
        body: { code: 'T-ORG-AG', name: '机构管理中新建的机构', kind: 'agency' },
      });
      expect(res.status).toBe(201);
      const entry = await get(res.body.id);
      expect(entry.status).toBe(200);
      expect(entry.body).toMatchObject({ code: 'T-ORG-AG', creditCode: null, state: 'active', qualifications: [], contacts: [] });
    });
  });

  describe('state', () => {
    it('suspends with a reason and the day, audited; the one who suspended does not reinstate, someone else does', async () => {
      const created = (await t.request('POST', BASE, { token: finance, body: newAgency() })).body;
      expectProblem(
        await t.request('POST', `${BASE}/${created.id}/state`, {
          token: finance,
          body: { version: created.version, action: 'suspend', reason: '  ' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      const suspended = await t.request('POST', `${BASE}/${created.id}/state`, {
        token: finance,
        body: { version: created.version, action: 'suspend', reason: '报告质量问题，暂停委托' },
      });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({
        state: 'suspended',
        stateReason: '报告质量问题，暂停委托',
        stateChangedOn: today,
        stateChangedByName: '财政局绩效科（演示）',
      });
      expect(suspended.body.actions).toEqual(['blacklist']);
      const [audit] = await auditOf(created.id, 'agency.suspend');
      expect(audit.before).toMatchObject({ state: 'active' });
      expect(audit.after).toMatchObject({ state: 'suspended', stateReason: '报告质量问题，暂停委托' });

      expectProblem(
        await t.request('POST', `${BASE}/${created.id}/state`, {
          token: finance,
          body: { version: suspended.body.version, action: 'reinstate', reason: '自行恢复' },
        }),
        403,
        'SEGREGATION_OF_DUTIES',
      );
      expect((await get(created.id, finance2)).body.actions).toEqual(['blacklist', 'reinstate']);
      const reinstated = await t.request('POST', `${BASE}/${created.id}/state`, {
        token: finance2,
        body: { version: suspended.body.version, action: 'reinstate', reason: '整改已验收' },
      });
      expect(reinstated.status).toBe(200);
      expect(reinstated.body).toMatchObject({ state: 'active', stateReason: '整改已验收' });
      // After reinstatement the earlier sanction binds no one: either clerk may suspend or blacklist again.
      expect(reinstated.body.actions).toEqual(['suspend', 'blacklist']);
      expect((await get(created.id)).body.actions).toEqual(['suspend', 'blacklist']);
    });

    it('follows the workflow table: a blacklisted agency is not suspended (409), a stale version is refused', async () => {
      const created = (await t.request('POST', BASE, { token: finance, body: newAgency() })).body;
      const blacklisted = await t.request('POST', `${BASE}/${created.id}/state`, {
        token: finance,
        body: { version: created.version, action: 'blacklist', reason: '出具虚假评价报告' },
      });
      expect(blacklisted.body.state).toBe('blacklisted');
      const refused = await t.request('POST', `${BASE}/${created.id}/state`, {
        token: finance2,
        body: { version: blacklisted.body.version, action: 'suspend', reason: '重复' },
      });
      expectProblem(refused, 409, 'ILLEGAL_TRANSITION');
      expectProblem(
        await t.request('POST', `${BASE}/${created.id}/state`, {
          token: finance2,
          body: { version: created.version, action: 'reinstate', reason: '版本过期' },
        }),
        409,
        'VERSION_CONFLICT',
      );
      expectProblem(
        await t.request('POST', `${BASE}/${created.id}/state`, {
          token: finance2,
          body: { version: blacklisted.body.version, action: 'close', reason: 'x' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect((await get(created.id)).body.state).toBe('blacklisted');
    });
  });

  describe('violations and ties', () => {
    it('records and removes a violation, audited; a future date is refused; the look-back marks recent ones', async () => {
      const id = ids['QP-A03'];
      expectProblem(
        await t.request('POST', `${BASE}/${id}/violations`, {
          token: finance,
          body: { date: addDays(today, 1), description: '未来的违规', authority: '青浦区财政局' },
        }),
        400,
        'AGENCY_VIOLATION_IN_FUTURE',
      );
      const added = await t.request('POST', `${BASE}/${id}/violations`, {
        token: finance,
        body: { date: addDays(today, -30), description: '  评价底稿不完整  ', authority: '青浦区财政局' },
      });
      expect(added.status).toBe(201);
      expect(added.body.violations).toEqual([
        expect.objectContaining({
          date: addDays(today, -30),
          description: '评价底稿不完整',
          authority: '青浦区财政局',
          recordedByName: '财政局绩效科（演示）',
        }),
      ]);
      const old = await t.request('POST', `${BASE}/${id}/violations`, {
        token: finance,
        body: { date: addDays(today, -365 * 3), description: '三年前的违规', authority: '上海市财政局' },
      });
      // The working year's profile gives the look-back (evaluation.agencies.violationLookBackYears, 3 in 2022):
      // both lie within three years.
      expect(old.body.violationLookBackYears).toBe(3);
      expect(old.body.violations.map((v: any) => v.withinLookBack)).toEqual([true, true]);
      // Two years in the profile: the older one falls outside.
      await t.sql(
        `UPDATE policy_profiles SET values = values || jsonb_build_object('evaluation',
           COALESCE(values->'evaluation', '{}'::jsonb) || jsonb_build_object('agencies',
             COALESCE(values->'evaluation'->'agencies', '{}'::jsonb) || '{"violationLookBackYears": 2}'::jsonb))`,
      );
      const marked = (await get(id)).body;
      expect(marked.violationLookBackYears).toBe(2);
      expect(marked.violations.map((v: any) => [v.description, v.withinLookBack])).toEqual([
        ['评价底稿不完整', true],
        ['三年前的违规', false],
      ]);
      expect((await t.request('GET', `${BASE}?q=QP-A03`, { token: finance })).body.items[0]).toMatchObject({
        violationCount: 2,
        lastViolationOn: addDays(today, -30),
      });

      const violationId = marked.violations[0].id;
      const removed = await t.request('DELETE', `${BASE}/${id}/violations/${violationId}`, { token: finance });
      expect(removed.status).toBe(200);
      expect(removed.body.violations.map((v: any) => v.description)).toEqual(['三年前的违规']);
      const [audit] = await auditOf(id, 'agency.violation_remove');
      expect(audit.before).toMatchObject({ violationId, description: '评价底稿不完整' });
      expect(await auditOf(id, 'agency.violation_add')).toHaveLength(2);
      // A violation is removed only through its own agency.
      expectProblem(
        await t.request('DELETE', `${BASE}/${ids['QP-A05']}/violations/${marked.violations[1].id}`, { token: finance }),
        404,
        'NOT_FOUND',
      );
      expectProblem(await t.request('DELETE', `${BASE}/${id}/violations/${violationId}`, { token: finance }), 404, 'NOT_FOUND');
    });

    it('records a tie with the bureau, a department, a unit or a town only, seen by that organization’s scope', async () => {
      const id = ids['QP-A03'];
      const eduUnit = await orgIdByName(t, '青浦区第一中学');
      const auditorOrg = await orgIdByName(t, '区审计局');
      const tie = (tiedOrganizationId: string, extra: Record<string, unknown> = {}) => ({
        kind: 'ownership',
        tiedOrganizationId,
        description: '研究中心与该校共建实习基地',
        declaredOn: addDays(today, -10),
        ...extra,
      });
      expectProblem(
        await t.request('POST', `${BASE}/${id}/ties`, { token: finance, body: tie(auditorOrg) }),
        400,
        'AGENCY_TIE_ORGANIZATION_INVALID',
      );
      expectProblem(
        await t.request('POST', `${BASE}/${id}/ties`, { token: finance, body: tie(ids['QP-A01']) }),
        400,
        'AGENCY_TIE_ORGANIZATION_INVALID',
      );
      expectProblem(
        await t.request('POST', `${BASE}/${id}/ties`, { token: finance, body: tie('00000000-0000-4000-8000-000000000000') }),
        400,
        'REFERENCE_INVALID',
      );
      expectProblem(
        await t.request('POST', `${BASE}/${id}/ties`, { token: finance, body: tie(eduUnit, { declaredOn: addDays(today, 2) }) }),
        400,
        'AGENCY_TIE_IN_FUTURE',
      );
      expectProblem(
        await t.request('POST', `${BASE}/${id}/ties`, { token: finance, body: tie(eduUnit, { kind: 'friendship' }) }),
        400,
        'VALIDATION_FAILED',
      );

      const added = await t.request('POST', `${BASE}/${id}/ties`, {
        token: finance,
        body: tie(eduUnit, { kind: 'other', projectCode: '' }),
      });
      expect(added.status).toBe(201);
      const [row] = added.body.ties;
      expect(row).toMatchObject({ kind: 'other', tiedOrganizationId: eduUnit, tiedOrganizationName: '青浦区第一中学', projectCode: null });
      expect((await get(id, edu)).body.ties.map((x: any) => x.id)).toEqual([row.id]);
      expect((await get(id, health)).body.ties).toEqual([]);
      const [audit] = await auditOf(id, 'agency.tie_add');
      expect(audit.after).toMatchObject({ tieId: row.id, kind: 'other', tiedOrganizationName: '青浦区第一中学' });

      const removed = await t.request('DELETE', `${BASE}/${id}/ties/${row.id}`, { token: finance });
      expect(removed.status).toBe(200);
      expect(removed.body.ties).toEqual([]);
      expect((await auditOf(id, 'agency.tie_remove'))[0].before).toMatchObject({ tieId: row.id });
    });
  });

  describe('for the evaluations module', () => {
    it('records a commission grade in the caller’s transaction, replaces it on a regrade, and refuses bad values', async () => {
      const service = t.running.app.get(AgenciesService);
      const dataSource = t.running.app.get(DataSource);
      const id = ids['QP-A04'];
      const first = await dataSource.transaction((m) =>
        service.recordCommissionGrade(m, {
          agencyId: id,
          year: 2021,
          evaluationReference: 'QPCZ-PJ-2021-020',
          grade: 'good',
          comment: '按时完成',
        }),
      );
      expect(first).toMatchObject({ year: 2021, evaluationReference: 'QPCZ-PJ-2021-020', grade: 'good', comment: '按时完成' });
      await dataSource.transaction((m) =>
        service.recordCommissionGrade(m, { agencyId: id, year: 2021, evaluationReference: ' QPCZ-PJ-2021-020 ', grade: 'excellent' }),
      );
      const entry = (await get(id)).body;
      expect(entry.grades).toEqual([
        expect.objectContaining({ evaluationReference: 'QPCZ-PJ-2021-020', grade: 'excellent', comment: null }),
      ]);
      expect(entry.lastGrade).toBe('excellent');
      const audits = await auditOf(id, 'agency.grade');
      expect(audits.map((a) => [a.before?.grade ?? null, a.after.grade])).toEqual([
        [null, 'good'],
        ['good', 'excellent'],
      ]);

      await expect(
        dataSource.transaction((m) =>
          service.recordCommissionGrade(m, { agencyId: id, year: 2021, evaluationReference: '', grade: 'great' as never }),
        ),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fieldErrors: [expect.objectContaining({ field: 'evaluationReference' }), expect.objectContaining({ field: 'grade' })],
      });
      await expect(
        dataSource.transaction((m) =>
          service.recordCommissionGrade(m, {
            agencyId: ids['QP-A01'].replace(/.$/, (c) => (c === '0' ? '1' : '0')),
            year: 2021,
            evaluationReference: 'X',
            grade: 'good',
          }),
        ),
      ).rejects.toMatchObject({ code: 'REFERENCE_INVALID' });
      expect(await auditOf(id, 'agency.grade')).toHaveLength(2);
    });

    it('answers the agency as the N8 rule reads it: state, violations by date and every tie', async () => {
      const service = t.running.app.get(AgenciesService);
      const record = await service.independenceRecord(ids['QP-A02']);
      expect(record).toMatchObject({ state: 'active', ties: [expect.objectContaining({ kind: 'staff', projectCode: null })] });
      expect(record!.violations).toHaveLength(1);
      expect(record!.ties[0].organizationId).toBe(await orgIdByName(t, '青浦区中心医院'));
      expect(await service.independenceRecord('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    });
  });
});
