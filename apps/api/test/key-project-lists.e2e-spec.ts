/**
 * Key project lists (R1–R4, R27): inclusion by amount at the threshold's boundary, the
 * draft → submitted → filed | returned → submitted workflow with every illegal step refused,
 * the snapshot at submission, scope, the five-year coverage planner and the attachment-2 export,
 * and a filed list that shows what changed since filing and is amended and refiled as revision 2.
 * Works in 2023 (a copy of the 2022 profile) so the demo's 2022 lists stay out of the way.
 */
import { Workbook } from 'exceljs';
import {
  coverageCycleStart,
  coveragePlanSql,
  coverageCycleStartSql,
  DEFAULT_POLICY_PROFILE,
  evaluationDueYear,
  evaluationDueYearSql,
  planCoverage,
} from '@jixiao/domain';
import { startTestApp, TestApp } from './support/test-app';
import { expectProblem } from './support/http';
import { orgIdByName } from './support/db-state';

const YEAR = 2023;
const BASE = '/api/v1/key-project-lists';

describe('key project lists', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  let edu: string;
  let zhujiajiao: string;
  let healthOrg: string;
  let hospitalOrg: string;
  let healthListId: string;
  const ids: Record<string, string> = {};

  const project = async (
    key: string,
    organizationId: string,
    amount: string,
    extra: { kind?: string; start?: number | null; manual?: string | null; reason?: string | null; evaluated?: number | null } = {},
  ) => {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, start_year, manual_key_basis, manual_key_reason, last_key_evaluation_year)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        YEAR,
        `KPL-${key}`,
        `${key} 测试项目`,
        extra.kind ?? 'project',
        organizationId,
        amount,
        extra.start ?? null,
        extra.manual ?? null,
        extra.reason ?? null,
        extra.evaluated ?? null,
      ],
    );
    ids[key] = row.id;
  };
  const setAmount = (key: string, amount: string) => t.sql('UPDATE projects SET budget_amount = $1 WHERE id = $2', [amount, ids[key]]);
  const codes = (items: { code: string }[]) => items.map((i) => i.code).sort();
  const download = async (path: string, token: string) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    [finance, health, edu, zhujiajiao] = await Promise.all(['finance', 'health', 'edu', 'zhujiajiao'].map((u) => t.login(u)));
    const copy = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: YEAR, copyFromYear: 2022 } });
    expect(copy.status).toBe(201);
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    hospitalOrg = await orgIdByName(t, '青浦区中心医院');
    await project('H1-threshold', healthOrg, '6000000.00', { start: YEAR });
    await project('H2-below', healthOrg, '5999999.99');
    await project('H3-core', healthOrg, '5999999.99', { manual: 'CORE_FUNCTION', reason: '体现卫生健康部门核心职能' });
    await project('H4-covered', hospitalOrg, '8000000.00', { start: 2020, evaluated: 2022 });
    await project('H5-overdue', healthOrg, '7000000.00', { start: 2015, evaluated: 2016 });
    await project('H6-due', healthOrg, '6500000.00', { start: 2017, evaluated: 2018 });
    await project('H7-overall', healthOrg, '9000000.00', { kind: 'department_overall' });
    await project('H8-odd', hospitalOrg, '12345678.91');
  });

  afterAll(async () => t?.close());

  it('opens the department’s draft on first access, once, with the live key projects of its subtree', async () => {
    const res = await t.request('GET', `${BASE}/current?year=${YEAR}`, { token: health });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: YEAR,
      organizationId: healthOrg,
      status: 'draft',
      live: true,
      actions: ['submit'],
      threshold: '6000000.00',
    });
    expect(codes(res.body.items)).toEqual([
      'KPL-H1-threshold',
      'KPL-H3-core',
      'KPL-H4-covered',
      'KPL-H5-overdue',
      'KPL-H6-due',
      'KPL-H8-odd',
    ]);
    const byCode = Object.fromEntries(res.body.items.map((i: any) => [i.code, i]));
    expect(byCode['KPL-H1-threshold']).toMatchObject({ basis: 'AMOUNT', reason: null, budgetAmount: '6000000.00' });
    expect(byCode['KPL-H3-core']).toMatchObject({ basis: 'CORE_FUNCTION', reason: '体现卫生健康部门核心职能' });
    expect(byCode['KPL-H4-covered'].projectOrganizationName).toBe('青浦区中心医院');
    healthListId = res.body.id;

    const again = await t.request('GET', `${BASE}/current?year=${YEAR}`, { token: health });
    expect(again.body.id).toBe(healthListId);
    const opened = await t.sql(`SELECT 1 FROM audit_logs WHERE action = 'key_project_list.open' AND entity_id = $1`, [healthListId]);
    expect(opened).toHaveLength(1);
  });

  it('agrees with the project library: a department overall expenditure is key nowhere, whatever its amount or hand-set basis', async () => {
    // A hand-set basis on an overall expenditure written before the rule (the key-basis route now refuses it).
    await t.sql(`UPDATE projects SET manual_key_basis = 'CORE_FUNCTION', manual_key_reason = '旧数据' WHERE code = 'KPL-H7-overall'`);
    const list = await t.request('GET', `${BASE}/current?year=${YEAR}`, { token: health });
    const library = await t.request('GET', `/api/v1/projects?year=${YEAR}&keyOnly=true&pageSize=200`, { token: health });
    expect(library.status).toBe(200);
    expect(codes(library.body.items)).toEqual(codes(list.body.items));
    const all = await t.request('GET', `/api/v1/projects?year=${YEAR}&q=KPL-H7&pageSize=200`, { token: health });
    expect(all.body.items).toEqual([expect.objectContaining({ code: 'KPL-H7-overall', kind: 'department_overall', keyBasis: null })]);
    await t.sql(`UPDATE projects SET manual_key_basis = NULL, manual_key_reason = NULL WHERE code = 'KPL-H7-overall'`);
  });

  it('refuses to open a list for a unit, the bureau, or a year without a profile', async () => {
    expectProblem(await t.request('GET', `${BASE}/current?year=${YEAR}`, { token: finance }), 403, 'KEY_LIST_ORGANIZATION_KIND');
    expectProblem(
      await t.request('GET', `${BASE}/current?year=${YEAR}`, { token: await t.login('edu-unit') }),
      403,
      'KEY_LIST_ORGANIZATION_KIND',
    );
    const before = await t.sql('SELECT count(*)::int AS n FROM key_project_lists');
    expectProblem(await t.request('GET', `${BASE}/current?year=2031`, { token: health }), 404);
    expectProblem(await t.request('GET', `${BASE}/current?year=abc`, { token: health }), 400, 'VALIDATION_FAILED');
    expect(await t.sql('SELECT count(*)::int AS n FROM key_project_lists')).toEqual(before);
  });

  it('applies the threshold at read time: 6,000,000.00 in, 5,999,999.99 out, never stale', async () => {
    const live = async () => codes((await t.request('GET', `${BASE}/${healthListId}`, { token: health })).body.items);
    expect(await live()).not.toContain('KPL-H2-below');
    await setAmount('H2-below', '6000000.00');
    expect(await live()).toContain('KPL-H2-below');
    await setAmount('H1-threshold', '5999999.99');
    expect(await live()).not.toContain('KPL-H1-threshold');
    await setAmount('H2-below', '5999999.99');
    await setAmount('H1-threshold', '6000000.00');
    expect(await live()).toEqual(['KPL-H1-threshold', 'KPL-H3-core', 'KPL-H4-covered', 'KPL-H5-overdue', 'KPL-H6-due', 'KPL-H8-odd']);
  });

  it('refuses illegal transitions and the wrong people before submission', async () => {
    const { version } = (await t.request('GET', `${BASE}/${healthListId}`, { token: health })).body;
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/file`, { token: finance, body: { version } }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/return`, { token: finance, body: { version, comment: '退回' } }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/submit`, { token: finance, body: { version } }),
      403,
      'KEY_LIST_NOT_OWN',
    );
    expectProblem(await t.request('POST', `${BASE}/${healthListId}/submit`, { token: edu, body: { version } }), 404);
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/submit`, { token: health, body: { version: version + 5 } }),
      409,
      'VERSION_CONFLICT',
    );
    const after = (await t.request('GET', `${BASE}/${healthListId}`, { token: health })).body;
    expect(after).toMatchObject({ status: 'draft', version });
  });

  it('submits a snapshot that no later change of a project alters, while drafts follow the library', async () => {
    const { version } = (await t.request('GET', `${BASE}/${healthListId}`, { token: health })).body;
    const res = await t.request('POST', `${BASE}/${healthListId}/submit`, { token: health, body: { version } });
    expect(res.status).toBe(200);
    // Filing and returning are the bureau's: the department that submitted is offered neither, finance both.
    expect(res.body).toMatchObject({ status: 'submitted', live: false, actions: [], totalAmount: '45845678.90' });
    expect((await t.request('GET', `${BASE}/${healthListId}`, { token: finance })).body.actions).toEqual(['file', 'return']);
    expect(await t.sql('SELECT count(*)::int AS n FROM key_project_list_items WHERE list_id = $1', [healthListId])).toEqual([{ n: 6 }]);

    await setAmount('H1-threshold', '7000000.00');
    await setAmount('H4-covered', '100.00');
    const snap = (await t.request('GET', `${BASE}/${healthListId}`, { token: finance })).body;
    const byCode = Object.fromEntries(snap.items.map((i: any) => [i.code, i]));
    expect(byCode['KPL-H1-threshold'].budgetAmount).toBe('6000000.00');
    expect(byCode['KPL-H4-covered']).toMatchObject({ budgetAmount: '8000000.00', basis: 'AMOUNT' });
    await setAmount('H4-covered', '8000000.00');

    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/submit`, { token: health, body: { version: snap.version } }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/file`, { token: health, body: { version: snap.version } }),
      403,
      'FORBIDDEN',
    );
    const audit = await t.sql<{ after: any }>(`SELECT after FROM audit_logs WHERE action = 'key_project_list.submit' AND entity_id = $1`, [
      healthListId,
    ]);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ status: 'submitted', itemCount: 6 });
  });

  it('returns with a required comment; the returned list is live again, is resubmitted and filed', async () => {
    let list = (await t.request('GET', `${BASE}/${healthListId}`, { token: finance })).body;
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/return`, { token: finance, body: { version: list.version } }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/return`, { token: finance, body: { version: list.version, comment: '   ' } }),
      400,
    );
    const returned = await t.request('POST', `${BASE}/${healthListId}/return`, {
      token: finance,
      body: { version: list.version, comment: '请核对H1项目金额' },
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      live: true,
      reviewComment: '请核对H1项目金额',
      reviewedByName: '财政局绩效科（演示）',
    });
    expect(returned.body.items.find((i: any) => i.code === 'KPL-H1-threshold').budgetAmount).toBe('7000000.00');

    list = returned.body;
    const resubmitted = await t.request('POST', `${BASE}/${healthListId}/submit`, { token: health, body: { version: list.version } });
    expect(resubmitted.body).toMatchObject({ status: 'submitted', totalAmount: '46845678.90' });
    const filed = await t.request('POST', `${BASE}/${healthListId}/file`, {
      token: finance,
      body: { version: resubmitted.body.version, comment: '同意备案' },
    });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ status: 'filed', actions: [], reviewComment: '同意备案' });
    expect(filed.body.history.map((h: any) => [h.action, h.toStatus])).toEqual([
      ['key_project_list.open', 'draft'],
      ['key_project_list.submit', 'submitted'],
      ['key_project_list.return', 'returned'],
      ['key_project_list.submit', 'submitted'],
      ['key_project_list.file', 'filed'],
    ]);
    expect(filed.body.history[2].comment).toBe('请核对H1项目金额');

    const v = filed.body.version;
    for (const [action, body] of [
      ['return', { version: v, comment: '再退回' }],
      ['submit', { version: v }],
      ['file', { version: v }],
    ] as const) {
      const token = action === 'submit' ? health : finance;
      expectProblem(await t.request('POST', `${BASE}/${healthListId}/${action}`, { token, body }), 409, 'ILLEGAL_TRANSITION');
    }
  });

  it('keeps other departments out of the health department’s list', async () => {
    expectProblem(await t.request('GET', `${BASE}/${healthListId}`, { token: edu }), 404);
    expectProblem(await t.request('GET', `${BASE}/${healthListId}`, { token: zhujiajiao }), 404);
    const listed = await t.request('GET', `${BASE}?pageSize=200&organizationId=${healthOrg}`, { token: edu });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ items: [], total: 0, totalExact: true });
    const own = await t.request('GET', `${BASE}?year=${YEAR}`, { token: health });
    expect(own.body.items.map((l: any) => l.id)).toEqual([healthListId]);
    const byFinance = await t.request('GET', `${BASE}?status=filed&year=${YEAR}`, { token: finance });
    expect(byFinance.body.items.map((l: any) => l.id)).toEqual([healthListId]);
    expect((await download(`${BASE}/${healthListId}/export`, edu)).status).toBe(404);
  });

  it('needs a note to submit an empty list', async () => {
    const list = (await t.request('GET', `${BASE}/current?year=${YEAR}`, { token: zhujiajiao })).body;
    expect(list).toMatchObject({ status: 'draft', items: [] });
    const refused = await t.request('POST', `${BASE}/${list.id}/submit`, { token: zhujiajiao, body: { version: list.version } });
    expectProblem(refused, 400, 'KEY_LIST_EMPTY_NEEDS_NOTE');
    expect(refused.body.errors[0].field).toBe('note');
    const ok = await t.request('POST', `${BASE}/${list.id}/submit`, {
      token: zhujiajiao,
      body: { version: list.version, note: '本镇2023年无重点项目' },
    });
    expect(ok.body).toMatchObject({ status: 'submitted', items: [], submitNote: '本镇2023年无重点项目' });
  });

  it('plans five-year coverage on a known fixture', async () => {
    const res = await t.request('GET', `${BASE}/coverage-plan?year=${YEAR}&organizationId=${healthOrg}`, { token: health });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: YEAR,
      cycleYears: 5,
      cycleStartYear: 2022,
      cycleEndYear: 2026,
      summary: { organizations: 1, total: 6, covered: 1, coverage: '16.67', dueThisYear: 1, overdue: 1 },
      total: 1,
      totalExact: true,
      hasMore: false,
    });
    expect(res.body.summary.plan).toEqual([
      { year: 2023, count: 2 },
      { year: 2024, count: 1 },
      { year: 2025, count: 1 },
      { year: 2026, count: 1 },
    ]);
    expect(res.body.items).toHaveLength(1);
    const org = res.body.items[0];
    expect(org).toMatchObject({ organizationId: healthOrg, total: 6, covered: 1, coverage: '16.67' });
    expect(org.plan).toEqual(res.body.summary.plan);
    const projects = await t.request('GET', `${BASE}/coverage-plan/projects?year=${YEAR}&organizationId=${healthOrg}&pageSize=100`, {
      token: health,
    });
    expect(projects.status).toBe(200);
    expect(projects.body).toMatchObject({ total: 6, totalExact: true, hasMore: false });
    const byCode = Object.fromEntries(projects.body.items.map((p: any) => [p.code, p]));
    expect(byCode['KPL-H4-covered']).toMatchObject({ covered: true, plannedYear: null, dueYear: 2027, overdue: false });
    expect(byCode['KPL-H5-overdue']).toMatchObject({ covered: false, overdue: true, dueYear: 2021, plannedYear: 2023 });
    expect(byCode['KPL-H6-due']).toMatchObject({ dueThisYear: true, overdue: false, dueYear: 2023, plannedYear: 2023 });
    expect(byCode['KPL-H8-odd']).toMatchObject({ dueYear: 2027, plannedYear: 2024 });
    expect(byCode['KPL-H1-threshold']).toMatchObject({ dueYear: 2027, plannedYear: 2025 });
    expect(byCode['KPL-H3-core']).toMatchObject({ basis: 'CORE_FUNCTION', plannedYear: 2026 });

    const outsider = await t.request('GET', `${BASE}/coverage-plan?year=${YEAR}&organizationId=${healthOrg}`, { token: edu });
    expect(outsider.status).toBe(200);
    expect(outsider.body).toMatchObject({ summary: { total: 0, organizations: 0 }, total: 0, items: [] });
    const outsiderProjects = await t.request('GET', `${BASE}/coverage-plan/projects?year=${YEAR}&organizationId=${healthOrg}`, {
      token: edu,
    });
    expect(outsiderProjects.body).toMatchObject({ total: 0, items: [] });
    // paged by cursor in the plan's order, every project once
    const seen: string[] = [];
    let page = await t.request(
      'GET',
      `${BASE}/coverage-plan/projects?year=${YEAR}&organizationId=${healthOrg}&sort=plannedYear&pageSize=4`,
      { token: health },
    );
    for (;;) {
      seen.push(...page.body.items.map((p: any) => p.code));
      if (!page.body.hasMore) break;
      page = await t.request(
        'GET',
        `${BASE}/coverage-plan/projects?year=${YEAR}&organizationId=${healthOrg}&sort=plannedYear&pageSize=4&cursor=${page.body.nextCursor}`,
        {
          token: health,
        },
      );
    }
    expect(seen.sort()).toEqual(Object.keys(byCode).sort());
    expectProblem(await t.request('GET', `${BASE}/coverage-plan/projects?year=${YEAR}`, { token: health }), 400, 'VALIDATION_FAILED');
    const district = await t.request('GET', `${BASE}/coverage-plan?year=${YEAR}&pageSize=200`, { token: finance });
    expect(district.body.items.map((o: any) => o.organizationName)).toEqual(expect.arrayContaining(['区卫生健康委员会', '朱家角镇']));
    // the summary sums the rows of every page; the rows come by code, each department or town once
    expect(district.body.hasMore).toBe(false);
    expect(district.body.total).toBe(district.body.summary.organizations);
    expect(district.body.items.reduce((s: number, o: any) => s + o.total, 0)).toBe(district.body.summary.total);
    expect(district.body.items.reduce((s: number, o: any) => s + o.overdue, 0)).toBe(district.body.summary.overdue);
    const codes = district.body.items.map((o: any) => o.organizationCode);
    expect(codes).toEqual([...codes].sort());
    const byOverdue = await t.request('GET', `${BASE}/coverage-plan?year=${YEAR}&sort=-overdue&pageSize=2`, { token: finance });
    expect(byOverdue.body.items.map((o: any) => o.overdue)).toEqual(
      district.body.items
        .map((o: any) => o.overdue)
        .sort((a: number, b: number) => b - a)
        .slice(0, 2),
    );
    expectProblem(await t.request('GET', `${BASE}/coverage-plan?year=${YEAR}&sort=plan`, { token: finance }), 400, 'VALIDATION_FAILED');
    // a page past the last one answers no rows and the same summary and total
    const past = await t.request('GET', `${BASE}/coverage-plan?year=${YEAR}&page=99&pageSize=2`, { token: finance });
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ items: [], total: district.body.total, summary: district.body.summary, cycleStartYear: 2022 });
  });

  it('plans in SQL (coveragePlanSql, also over counted rows) exactly as planCoverage does, on random departments, cycles and years', async () => {
    let seed = 20261201;
    const next = () => {
      seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = (n: number) => Math.floor(next() * n);
    for (let round = 0; round < 40; round++) {
      const cycleYears = 1 + pick(6);
      const profile = {
        ...DEFAULT_POLICY_PROFILE,
        keyProjects: { ...DEFAULT_POLICY_PROFILE.keyProjects, evaluationCycleYears: cycleYears },
      };
      const cycleStart = 2020;
      const year = cycleStart + pick(cycleYears);
      // the first year lists were kept: this cycle's start or whole cycles before it
      const anchor = cycleStart - cycleYears * pick(3);
      expect(coverageCycleStart(year, anchor, profile)).toBe(cycleStart);
      // coverageCycleStartSql is coverageCycleStart, for anchors before, in and after the year, and none
      for (const a of [null, anchor, anchor + 1 + pick(cycleYears), year, year + 1 + pick(3)]) {
        const [{ start }] = await t.sql<{ start: number }>(
          `SELECT ${coverageCycleStartSql(year, `(SELECT ${a ?? 'NULL'}::int)`, profile)} AS start`,
        );
        expect([year, a, start]).toEqual([year, a, coverageCycleStart(year, a ?? year, profile)]);
      }
      const groups = ['g1', 'g2', 'g3'].slice(0, 1 + pick(3));
      const rows: { grp: string; id: string; last: number | null; firstListed: number; ord: number }[] = [];
      for (const grp of groups) {
        const n = pick(round % 5 === 0 ? 40 : 14);
        for (let i = 0; i < n; i++) {
          rows.push({
            grp,
            id: `${grp}-${i}`,
            last: next() < 0.4 ? null : 2012 + pick(year - 2012 + 1),
            firstListed: year - pick(8),
            ord: pick(5),
          });
        }
      }
      const dueOf = (r: (typeof rows)[number]) => evaluationDueYear(r.last, r.firstListed, profile);
      // TypeScript: the plan of each group, its input in the tie order (ord, then id)
      const expected = new Map<string, number | null>();
      const expectedCounts = new Map<string, number>();
      for (const grp of groups) {
        const input = rows.filter((r) => r.grp === grp).sort((a, b) => a.ord - b.ord || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const plan = planCoverage(
          input.map((r) => ({ id: r.id, lastEvaluatedYear: r.last, dueYear: dueOf(r) })),
          year,
          cycleStart,
          profile,
        );
        for (const r of input) expected.set(r.id, null);
        for (const y of plan.years) {
          for (const id of y.projectIds) expected.set(id, y.year);
          if (input.length) expectedCounts.set(`${grp}:${y.year}`, y.projectIds.length);
        }
      }
      // SQL: the same rows as a VALUES relation
      const values = rows.length
        ? rows.map((r) => `('${r.grp}', '${r.id}', ${r.last ?? 'NULL::int'}, ${r.firstListed}, ${r.ord})`).join(', ')
        : `(NULL, NULL, NULL::int, NULL::int, NULL::int)`;
      const source = `SELECT v.grp, v.id, v.last, ${evaluationDueYearSql('v.last', 'v.first_listed', profile)} AS due, v.ord
                        FROM (VALUES ${values}) AS v(grp, id, last, first_listed, ord) WHERE v.id IS NOT NULL`;
      // the cycle's start as a number, and as SQL (the anchor read in the statement): the same plan
      const sql = coveragePlanSql(year, cycleStart, profile);
      const atAnchor = coveragePlanSql(year, coverageCycleStartSql(year, `(SELECT ${anchor})`, profile), profile);
      const planned = await t.sql<{ id: string; due: number; planned_year: number | null }>(
        `SELECT r.id, r.due, r.planned_year FROM (${sql.rows(source, 's.ord, s.id')}) r`,
      );
      expect(await t.sql(`SELECT r.id, r.due, r.planned_year FROM (${atAnchor.rows(source, 's.ord, s.id')}) r ORDER BY r.id`)).toEqual(
        await t.sql(`SELECT r.id, r.due, r.planned_year FROM (${sql.rows(source, 's.ord, s.id')}) r ORDER BY r.id`),
      );
      expect(planned).toHaveLength(rows.length);
      for (const r of planned) {
        expect({ id: r.id, due: r.due, planned: r.planned_year }).toEqual({
          id: r.id,
          due: dueOf(rows.find((x) => x.id === r.id)!),
          planned: expected.get(r.id),
        });
      }
      // The same rows grouped as the stored counts are (grp, last, due, n).
      const grouped = `SELECT s.grp, s.last, s.due, count(*)::int AS n FROM (${source}) s GROUP BY 1, 2, 3`;
      // The plan per group and year (yearColumns: a row per group, c0 the current year, 0 past the cycle's end)
      // over the rows, over the grouped counts and with the cycle's start as SQL
      expect(sql.planColumns).toEqual(Array.from({ length: cycleYears }, (_, i) => `c${i}`));
      const columns = await t.sql<Record<string, string | number>>(`SELECT * FROM (${sql.yearColumns(source)}) c ORDER BY 1`);
      expect(await t.sql(`SELECT * FROM (${sql.yearColumns(grouped, 'n')}) c ORDER BY 1`)).toEqual(columns);
      expect(await t.sql(`SELECT * FROM (${atAnchor.yearColumns(grouped, 'n')}) c ORDER BY 1`)).toEqual(columns);
      const byColumns = new Map<string, number>();
      for (const c of columns) {
        sql.planColumns.forEach((name, i) => {
          if (year + i > cycleStart + cycleYears - 1) expect([c.grp, name, c[name]]).toEqual([c.grp, name, 0]);
          else byColumns.set(`${c.grp}:${year + i}`, c[name] as number);
        });
      }
      for (const [key, n] of expectedCounts) expect([key, byColumns.get(key) ?? 0]).toEqual([key, n]);
      for (const [key, n] of byColumns) expect([key, n]).toEqual([key, expectedCounts.get(key) ?? 0]);
      // a row for each group with open projects, none for the others
      const open = new Set(rows.filter((r) => expected.get(r.id) !== null).map((r) => r.grp));
      expect(columns.map((c) => c.grp)).toEqual([...open].sort());
    }
  });

  it('exports a list in the layout of attachment 2 with exact 万元 amounts', async () => {
    const file = await download(`${BASE}/${healthListId}/export`, health);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const wb = new Workbook();
    await wb.xlsx.load(file.body as never);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toBe('青浦区2023年区级预算主管部门、镇重点项目清单');
    expect(String(ws.getCell('A2').value)).toContain('2023');
    expect(String(ws.getCell('A2').value)).toContain('万元');
    expect((ws.getRow(3).values as unknown[]).slice(1, 6)).toEqual(['序号', '部门/镇', '项目编号', '项目名称', '实施单位']);
    expect(ws.getCell('F3').value).toBe('预算金额（万元）');
    expect(ws.getCell('G3').value).toBe('纳入依据');
    const rows = new Map<string, any[]>();
    for (let r = 4; r <= ws.rowCount; r++) rows.set(String(ws.getCell(r, 3).value || ws.getCell(r, 1).value), ws.getRow(r).values as any[]);
    expect(rows.get('KPL-H8-odd')![6]).toBe(1234.57);
    expect(rows.get('KPL-H1-threshold')![6]).toBe(700);
    expect(rows.get('KPL-H3-core')![6]).toBe(600);
    expect(rows.get('KPL-H3-core')![8]).toBe('体现卫生健康部门核心职能');
    expect(rows.get('KPL-H1-threshold')![2]).toBe('区卫生健康委员会');
    expect(rows.get('合计')![6]).toBe(4684.57);
    expect(ws.getCell(4, 6).numFmt).toBe('#,##0.00');
  });

  it('exports the district’s lists for the finance bureau only', async () => {
    expect((await download(`${BASE}/export?year=${YEAR}`, health)).status).toBe(403);
    const file = await download(`${BASE}/export?year=${YEAR}`, finance);
    expect(file.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(file.body as never);
    const ws = wb.worksheets[0];
    const orgs = new Set<string>();
    for (let r = 4; r < ws.rowCount; r++) orgs.add(String(ws.getCell(r, 2).value));
    expect([...orgs].sort()).toEqual(['区卫生健康委员会', '朱家角镇'].sort());
    expect(ws.getCell(ws.rowCount, 1).value).toBe('合计');
    expect(ws.getCell(ws.rowCount, 6).value).toBe(4684.57);
  });

  it('shows on a filed list the projects that became key after filing, and offers the department to amend', async () => {
    const filed = (await t.request('GET', `${BASE}/${healthListId}`, { token: health })).body;
    expect(filed).toMatchObject({ status: 'filed', actions: ['amend'], changesSinceFiling: { revision: 1, any: false } });
    expect(filed.revisions).toHaveLength(1);
    expect(filed.revisions[0]).toMatchObject({ revision: 1, itemCount: 6, totalAmount: '46845678.90', amendedAt: null });
    expect((await t.request('GET', `${BASE}/${healthListId}`, { token: finance })).body.actions).toEqual([]);

    await project('H9-late', hospitalOrg, '8000000.00');
    await setAmount('H2-below', '6500000.00');
    await setAmount('H8-odd', '12000000.00');
    await setAmount('H6-due', '100.00');
    for (const token of [health, finance]) {
      const list = (await t.request('GET', `${BASE}/${healthListId}`, { token })).body;
      expect(list.status).toBe('filed');
      expect(codes(list.items)).not.toContain('KPL-H9-late');
      const c = list.changesSinceFiling;
      expect(c).toMatchObject({ revision: 1, any: true });
      expect(codes(c.added)).toEqual(['KPL-H2-below', 'KPL-H9-late']);
      expect(codes(c.removed)).toEqual(['KPL-H6-due']);
      expect(c.changed).toHaveLength(1);
      expect(c.changed[0]).toMatchObject({
        filed: { code: 'KPL-H8-odd', budgetAmount: '12345678.91' },
        now: { code: 'KPL-H8-odd', budgetAmount: '12000000.00' },
        amountChanged: true,
        basisChanged: false,
      });
    }
  });

  it('amends only by the list’s own department, with a reason and the current version', async () => {
    const { version } = (await t.request('GET', `${BASE}/${healthListId}`, { token: health })).body;
    expectProblem(await t.request('POST', `${BASE}/${healthListId}/amend`, { token: health, body: { version } }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.request('POST', `${BASE}/${healthListId}/amend`, { token: health, body: { version, reason: '  ' } }), 400);
    expectProblem(await t.request('POST', `${BASE}/${healthListId}/amend`, { token: edu, body: { version, reason: '修订' } }), 404);
    const byFinance = await t.request('POST', `${BASE}/${healthListId}/amend`, { token: finance, body: { version, reason: '修订' } });
    expect(byFinance.status).toBe(403);
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/amend`, { token: health, body: { version: version + 3, reason: '修订' } }),
      409,
      'VERSION_CONFLICT',
    );
    expect((await t.request('GET', `${BASE}/${healthListId}`, { token: health })).body).toMatchObject({ status: 'filed', version });
  });

  it('amends, resubmits and refiles: revision 1 is kept as filed, revision 2 has the new projects', async () => {
    const filed = (await t.request('GET', `${BASE}/${healthListId}`, { token: health })).body;
    const amended = await t.request('POST', `${BASE}/${healthListId}/amend`, {
      token: health,
      body: { version: filed.version, reason: '备案后新增重点项目' },
    });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ status: 'amending', live: true, actions: ['submit'] });
    expect(codes(amended.body.items)).toContain('KPL-H9-late');
    expect(amended.body.revisions[0]).toMatchObject({ revision: 1, amendReason: '备案后新增重点项目' });
    expect(amended.body.revisions[0].amendedAt).not.toBeNull();
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/file`, { token: finance, body: { version: amended.body.version } }),
      409,
      'ILLEGAL_TRANSITION',
    );

    const submitted = await t.request('POST', `${BASE}/${healthListId}/submit`, { token: health, body: { version: amended.body.version } });
    expect(submitted.body).toMatchObject({ status: 'submitted', actions: [] });
    // The department cannot file its own list.
    expectProblem(
      await t.request('POST', `${BASE}/${healthListId}/file`, { token: health, body: { version: submitted.body.version } }),
      403,
      'FORBIDDEN',
    );
    const refiled = await t.request('POST', `${BASE}/${healthListId}/file`, {
      token: finance,
      body: { version: submitted.body.version, comment: '同意修订备案' },
    });
    expect(refiled.status).toBe(200);
    expect(refiled.body).toMatchObject({ status: 'filed', changesSinceFiling: { revision: 2, any: false } });
    expect(refiled.body.revisions.map((r: any) => r.revision)).toEqual([2, 1]);
    const [r2, r1] = refiled.body.revisions;
    expect(codes(r2.items)).toEqual(codes(refiled.body.items));
    expect(codes(r2.items)).toEqual(expect.arrayContaining(['KPL-H2-below', 'KPL-H9-late']));
    expect(codes(r2.items)).not.toContain('KPL-H6-due');
    expect(r2).toMatchObject({ reviewComment: '同意修订备案', amendedAt: null, filedByName: '财政局绩效科（演示）' });
    expect(r1).toMatchObject({ itemCount: 6, totalAmount: '46845678.90', reviewComment: '同意备案', amendReason: '备案后新增重点项目' });
    expect(codes(r1.items)).not.toContain('KPL-H9-late');
    expect(refiled.body.history.slice(-4).map((h: any) => [h.action, h.toStatus])).toEqual([
      ['key_project_list.file', 'filed'],
      ['key_project_list.amend', 'amending'],
      ['key_project_list.submit', 'submitted'],
      ['key_project_list.file', 'filed'],
    ]);
    expect(await t.sql('SELECT revision FROM key_project_list_revisions WHERE list_id = $1 ORDER BY revision', [healthListId])).toEqual([
      { revision: 1 },
      { revision: 2 },
    ]);
  });
});
