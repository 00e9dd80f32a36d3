/**
 * Project library (issue 3): CRUD with the key-list basis derived at read time from the year's
 * threshold (R1: 6,000,000.00 is in, 5,999,999.99 is out), manual bases (2)/(3) with a reason (R2),
 * scope, and the Excel import (whole file validated, every bad cell reported, all or nothing,
 * idempotent upsert by year + code, scope per row) and export (a real .xlsx of the filtered list).
 */
import ExcelJS from 'exceljs';
import { PROJECT_IMPORT_COLUMNS } from '@jixiao/contracts';
import { DEFAULT_POLICY_PROFILE, keyBasisOf } from '@jixiao/domain';
import { startTestApp, TestApp } from './support/test-app';
import { expectProblem } from './support/http';
import { checksum, maxAuditId, orgIdByName } from './support/db-state';

const YEAR = 2022;
const HEADERS = PROJECT_IMPORT_COLUMNS.map((c) => c.zh);
type Cells = Partial<Record<(typeof PROJECT_IMPORT_COLUMNS)[number]['key'], string | number>>;

async function workbook(rows: Cells[], sheetName = '项目'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(PROJECT_IMPORT_COLUMNS.map((c) => r[c.key] ?? null));
  wb.addWorksheet('填写说明').addRow(['说明']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('project library', () => {
  let t: TestApp;
  let finance: string;
  let edu: string;
  let health: string;
  let healthOrg: string;
  let eduOrg: string;
  let eduUnitCode: string;
  let eduCode: string;
  let healthCode: string;
  let n = 0;

  const upload = async (token: string, file: Buffer, name = 'projects.xlsx') => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(file)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      name,
    );
    const res = await fetch(`${t.baseUrl}/api/v1/projects/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
  };
  const download = async (token: string, path: string) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), buffer: Buffer.from(await res.arrayBuffer()) };
  };
  const readBack = async (buffer: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    return wb;
  };
  const create = (token: string, body: Record<string, unknown>) =>
    t.request('POST', '/api/v1/projects', {
      token,
      body: {
        year: YEAR,
        code: `T-${++n}`,
        name: `测试项目${n}`,
        kind: 'project',
        organizationId: healthOrg,
        budgetAmount: '1000000.00',
        isNew: false,
        isMajor: false,
        isCapitalConstruction: false,
        ...body,
      },
    });

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.login('finance');
    edu = await t.login('edu');
    health = await t.login('health');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    eduOrg = await orgIdByName(t, '区教育局');
    [{ code: eduCode }] = await t.sql<{ code: string }>(`SELECT code FROM organizations WHERE id = $1`, [eduOrg]);
    [{ code: healthCode }] = await t.sql<{ code: string }>(`SELECT code FROM organizations WHERE id = $1`, [healthOrg]);
    eduUnitCode = `${eduCode}-U01`;
  });
  afterAll(async () => t?.close());

  describe('create, read, update, delete', () => {
    it('creates a project with fund sources and reads it back with keyBasis and gate', async () => {
      const res = await create(health, {
        budgetAmount: '6000000.00',
        fundSources: [
          { source: 'general_budget', amount: '4000000' },
          { source: 'government_bonds', amount: '2000000.00' },
        ],
        startYear: 2022,
        endYear: 2024,
        isLivelihood: true,
        lastYearExecutionRate: '88.5',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        budgetAmount: '6000000.00',
        keyBasis: 'AMOUNT',
        organizationId: healthOrg,
        organizationName: '区卫生健康委员会',
        lastYearExecutionRate: '88.50',
        gate: { status: 'blocked', reasons: [{ code: 'NO_TARGET', message: '未填报绩效目标', messageEn: 'No performance target' }] },
        fundSources: [
          { source: 'general_budget', amount: '4000000.00' },
          { source: 'government_bonds', amount: '2000000.00' },
        ],
      });
      const got = await t.request('GET', `/api/v1/projects/${res.body.id}`, { token: health });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
      const [audit] = await t.sql(`SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success'`, [res.body.id]);
      expect(audit.action).toBe('project.create');
    });

    it('puts 6,000,000.00 on the key list and 5,999,999.99 not, and follows amount changes', async () => {
      const out = await create(health, { budgetAmount: '5999999.99' });
      expect(out.status).toBe(201);
      expect(out.body.keyBasis).toBeNull();
      const up = await t.request('PATCH', `/api/v1/projects/${out.body.id}`, {
        token: health,
        body: { version: out.body.version, budgetAmount: '6000000' },
      });
      expect(up.status).toBe(200);
      expect(up.body).toMatchObject({ budgetAmount: '6000000.00', keyBasis: 'AMOUNT', version: out.body.version + 1 });
      const down = await t.request('PATCH', `/api/v1/projects/${out.body.id}`, {
        token: health,
        body: { version: up.body.version, budgetAmount: '5999999.99' },
      });
      expect(down.body.keyBasis).toBeNull();
      const stale = await t.request('PATCH', `/api/v1/projects/${out.body.id}`, {
        token: health,
        body: { version: up.body.version, name: '过期' },
      });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
    });

    it("follows the year's profile threshold when the bureau changes it", async () => {
      const p = await create(health, { budgetAmount: '5500000.00' });
      expect(p.body.keyBasis).toBeNull();
      const profile = await t.request('GET', `/api/v1/policy-profiles/${YEAR}`, { token: finance });
      const values = structuredClone(profile.body.values);
      values.keyProjects.amountThreshold = '5500000.00';
      const put = await t.request('PUT', `/api/v1/policy-profiles/${YEAR}`, {
        token: finance,
        body: { version: profile.body.version, values },
      });
      expect(put.status).toBe(200);
      expect((await t.request('GET', `/api/v1/projects/${p.body.id}`, { token: health })).body.keyBasis).toBe('AMOUNT');
      const keyOnly = await t.request('GET', `/api/v1/projects?year=${YEAR}&keyOnly=true&q=${encodeURIComponent(p.body.code)}`, {
        token: health,
      });
      expect(keyOnly.body.items.map((i: { id: string }) => i.id)).toEqual([p.body.id]);
      values.keyProjects.amountThreshold = '6000000.00';
      const back = await t.request('PUT', `/api/v1/policy-profiles/${YEAR}`, {
        token: finance,
        body: { version: put.body.version, values },
      });
      expect(back.status).toBe(200);
      expect((await t.request('GET', `/api/v1/projects/${p.body.id}`, { token: health })).body.keyBasis).toBeNull();
    });

    it('sets basis (2)/(3) by hand only with a reason, through its own route', async () => {
      const p = await create(health, { budgetAmount: '800000.00' });
      const noReason = await t.request('PUT', `/api/v1/projects/${p.body.id}/key-basis`, {
        token: health,
        body: { basis: 'CORE_FUNCTION', version: p.body.version },
      });
      expectProblem(noReason, 400, 'VALIDATION_FAILED');
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      const set = await t.request('PUT', `/api/v1/projects/${p.body.id}/key-basis`, {
        token: health,
        body: { basis: 'DISTRICT_PRIORITY', reason: '区重点民生任务，社会关注度高', version: p.body.version },
      });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({
        keyBasis: 'DISTRICT_PRIORITY',
        manualKeyBasis: 'DISTRICT_PRIORITY',
        manualKeyReason: '区重点民生任务，社会关注度高',
      });
      const patchKey = await t.request('PATCH', `/api/v1/projects/${p.body.id}`, {
        token: health,
        body: { version: set.body.version, manualKeyBasis: 'CORE_FUNCTION' },
      });
      expectProblem(patchKey, 400, 'VALIDATION_FAILED');
      const cleared = await t.request('PUT', `/api/v1/projects/${p.body.id}/key-basis`, {
        token: health,
        body: { basis: null, reason: '不再列入', version: set.body.version },
      });
      expect(cleared.body).toMatchObject({ keyBasis: null, manualKeyBasis: null, manualKeyReason: null });
    });

    it('never makes a department overall expenditure key: refuses a hand-set basis for it', async () => {
      const overall = await create(health, { kind: 'department_overall', budgetAmount: '6000000.00' });
      expect(overall.status).toBe(201);
      expect(overall.body.keyBasis).toBeNull();
      const refused = await t.request('PUT', `/api/v1/projects/${overall.body.id}/key-basis`, {
        token: health,
        body: { basis: 'CORE_FUNCTION', reason: '部门核心职能', version: overall.body.version },
      });
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'basis', code: 'notKeyEligible' })]);
      const keyOnly = await t.request('GET', `/api/v1/projects?year=${YEAR}&keyOnly=true&q=${encodeURIComponent(overall.body.code)}`, {
        token: health,
      });
      expect(keyOnly.body.total).toBe(0);
    });

    it('the key-only SQL filter and keyBasisOf agree over every kind, amount and hand-set basis', async () => {
      const year = 2040;
      const copy = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year, copyFromYear: 2022 } });
      expect(copy.status).toBe(201);
      const expected = new Map<string, string | null>();
      let i = 0;
      for (const kind of ['project', 'policy', 'department_overall']) {
        for (const amount of ['5999999.99', '6000000.00', '90000000.00']) {
          for (const manual of [null, 'CORE_FUNCTION', 'DISTRICT_PRIORITY']) {
            const [row] = await t.sql<{ id: string }>(
              `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, manual_key_basis, manual_key_reason)
               VALUES ($1, $2, $2, $3, $4, $5, $6, $7) RETURNING id`,
              [year, `KEYPROP-${++i}`, kind, healthOrg, amount, manual, manual ? '理由' : null],
            );
            expected.set(row.id, keyBasisOf({ kind, budgetAmount: amount, manualKeyBasis: manual as never }, DEFAULT_POLICY_PROFILE));
          }
        }
      }
      const all = await t.request('GET', `/api/v1/projects?year=${year}&pageSize=200`, { token: finance });
      const keyOnly = await t.request('GET', `/api/v1/projects?year=${year}&keyOnly=true&pageSize=200`, { token: finance });
      expect(all.body.total).toBe(expected.size);
      const keyIds = new Set(keyOnly.body.items.map((p: { id: string }) => p.id));
      for (const p of all.body.items as { id: string; keyBasis: string | null }[]) {
        expect({ id: p.id, keyBasis: p.keyBasis, inFilter: keyIds.has(p.id) }).toEqual({
          id: p.id,
          keyBasis: expected.get(p.id),
          inFilter: expected.get(p.id) !== null,
        });
      }
      expect(keyIds.size).toBe(16); // 2 eligible kinds × (9 combinations − 1 below the threshold without a basis)
    });

    it('refuses fund sources above the budget, a start after the end, float money and a duplicate code', async () => {
      const over = await create(health, {
        budgetAmount: '100.00',
        fundSources: [
          { source: 'general_budget', amount: '60' },
          { source: 'direct_funds', amount: '40.01' },
        ],
      });
      expectProblem(over, 400, 'VALIDATION_FAILED');
      expect(over.body.errors[0]).toMatchObject({ field: 'fundSources', code: 'fundSourcesExceedBudget' });
      const years = await create(health, { startYear: 2024, endYear: 2023 });
      expect(years.body.errors[0]).toMatchObject({ field: 'endYear', code: 'endBeforeStart' });
      const float = await create(health, { budgetAmount: 1000.5 });
      expect(float.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['budgetAmount:isMoney']);
      const three = await create(health, { budgetAmount: '10.123' });
      expectProblem(three, 400, 'VALIDATION_FAILED');
      const first = await create(health, { code: 'DUP-1' });
      expect(first.status).toBe(201);
      const again = await create(health, { code: 'DUP-1' });
      expectProblem(again, 409, 'PROJECT_CODE_TAKEN');
      const otherYear = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: 2023, copyFromYear: YEAR } });
      expect(otherYear.status).toBeLessThan(300);
      expect((await create(health, { code: 'DUP-1', year: 2023 })).status).toBe(201);
    });

    it('keeps departments to their own subtree', async () => {
      const refused = await create(edu, { organizationId: healthOrg });
      expectProblem(refused, 403, 'OUT_OF_SCOPE');
      const unit = (await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE code = $1`, [eduUnitCode]))[0].id;
      const own = await create(edu, { organizationId: unit });
      expect(own.status).toBe(201);
      const healthRow = await create(health, {});
      expectProblem(await t.request('GET', `/api/v1/projects/${healthRow.body.id}`, { token: edu }), 404);
      expectProblem(
        await t.request('PATCH', `/api/v1/projects/${healthRow.body.id}`, { token: edu, body: { version: 1, name: 'x' } }),
        [403, 404],
      );
      const list = await t.request('GET', `/api/v1/projects?pageSize=200&year=${YEAR}`, { token: edu });
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.every((i: { organizationId: string }) => i.organizationId !== healthOrg)).toBe(true);
      const filtered = await t.request('GET', `/api/v1/projects?organizationId=${eduOrg}&pageSize=200`, { token: finance });
      expect(filtered.body.items.map((i: { organizationId: string }) => i.organizationId)).toContain(unit);
    });

    it('deletes a project only while it has no target', async () => {
      const a = await create(health, {});
      const b = await create(health, {});
      await t.sql(`INSERT INTO targets (project_id, organization_id, year, status) VALUES ($1, $2, $3, 'draft')`, [
        b.body.id,
        healthOrg,
        YEAR,
      ]);
      expect((await t.request('DELETE', `/api/v1/projects/${a.body.id}`, { token: health })).status).toBe(204);
      expectProblem(await t.request('GET', `/api/v1/projects/${a.body.id}`, { token: health }), 404);
      expectProblem(await t.request('DELETE', `/api/v1/projects/${b.body.id}`, { token: health }), 409, 'PROJECT_HAS_TARGET');
      expect((await t.request('GET', `/api/v1/projects/${b.body.id}`, { token: health })).status).toBe(200);
    });
  });

  describe('Excel import and export', () => {
    const good = (code: string, extra: Cells = {}): Cells => ({
      year: YEAR,
      code,
      name: `导入项目 ${code}`,
      kind: '项目',
      organizationCode: eduUnitCode,
      budgetAmount: '6000000.00',
      general_budget: 5000000,
      direct_funds: '1000000.00',
      isNew: '是',
      isMajor: '否',
      isCapitalConstruction: '是',
      isLivelihood: '是',
      publicAttention: '中',
      startYear: 2022,
      endYear: 2023,
      ...extra,
    });

    it('offers a template with a Chinese header, an instructions sheet and dropdowns', async () => {
      const res = await download(edu, '/api/v1/projects/import-template');
      expect(res.status).toBe(200);
      expect(res.type).toContain('spreadsheetml');
      const wb = await readBack(res.buffer);
      const sheet = wb.getWorksheet('项目')!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
      expect(wb.getWorksheet('填写说明')).toBeDefined();
      const kindCol = HEADERS.indexOf('类型') + 1;
      expect(sheet.getRow(2).getCell(kindCol).dataValidation).toMatchObject({ type: 'list' });
      const orgCodes = (wb.getWorksheet('单位编码')!.getColumn(1).values as unknown[]).slice(2);
      expect(orgCodes).toContain(eduUnitCode);
      expect(orgCodes).not.toContain(healthCode);
    });

    it('imports all rows in one go, and re-importing the same file changes nothing', async () => {
      const file = await workbook([
        good('IMP-1'),
        good('IMP-2', { kind: '政策', organizationCode: eduCode }),
        good('IMP-3', { budgetAmount: '5999999.99', general_budget: '' }),
      ]);
      const first = await upload(edu, file);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0 });
      const list = await t.request('GET', `/api/v1/projects?q=IMP-&sort=code`, { token: edu });
      expect(list.body.items.map((i: { code: string; keyBasis: string | null }) => [i.code, i.keyBasis])).toEqual([
        ['IMP-1', 'AMOUNT'],
        ['IMP-2', 'AMOUNT'],
        ['IMP-3', null],
      ]);
      expect(list.body.items[0].fundSources).toEqual([
        { source: 'direct_funds', amount: '1000000.00' },
        { source: 'general_budget', amount: '5000000.00' },
      ]);
      const before = await checksum(t);
      const auditBefore = await maxAuditId(t);
      const again = await upload(edu, file);
      expect(again.body).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3 });
      const after = await checksum(t);
      expect(Object.keys(after).filter((k) => k !== 'audit_logs' && after[k] !== before[k])).toEqual([]);
      expect(await maxAuditId(t)).toBeGreaterThan(auditBefore);
      const changed = await upload(
        edu,
        await workbook([
          good('IMP-1', { name: '导入项目（更名）' }),
          good('IMP-2', { kind: '政策', organizationCode: eduCode }),
          good('IMP-3', { budgetAmount: '5999999.99', general_budget: '' }),
        ]),
      );
      expect(changed.body).toEqual({ rows: 3, created: 0, updated: 1, unchanged: 2 });
    });

    it('reports every bad cell with sheet, row and column, and writes nothing', async () => {
      const before = await checksum(t);
      const res = await upload(
        edu,
        await workbook([
          good('BAD-1'),
          good('BAD-2', { budgetAmount: '12.345', isNew: '也许' }),
          good('BAD-3', { kind: '工程', organizationCode: 'NO-SUCH' }),
          good('BAD-1'),
          good('BAD 5', { general_budget: 7000000, endYear: 2020 }),
        ]),
      );
      expectProblem(res, 400, 'PROJECT_IMPORT_INVALID');
      const col = (key: string) => String.fromCharCode(65 + PROJECT_IMPORT_COLUMNS.findIndex((c) => c.key === key));
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          `项目!${col('budgetAmount')}3`,
          `项目!${col('isNew')}3`,
          `项目!${col('kind')}4`,
          `项目!${col('organizationCode')}4`,
          `项目!${col('code')}5`,
          `项目!${col('code')}6`,
          `项目!${col('budgetAmount')}6`,
          `项目!${col('endYear')}6`,
        ]),
      );
      expect(fields).toHaveLength(8);
      for (const e of res.body.errors) {
        expect(e).toMatchObject({ sheet: '项目', row: expect.any(Number), column: expect.stringMatching(/^[A-Z]+$/) });
        expect(e.message.length).toBeGreaterThan(0);
        expect(e.messageEn.length).toBeGreaterThan(0);
      }
      const after = await checksum(t);
      expect(Object.keys(after).filter((k) => k !== 'audit_logs' && after[k] !== before[k])).toEqual([]);
      expect(await t.sql(`SELECT id FROM projects WHERE code = 'BAD-1'`)).toEqual([]);
    });

    it("refuses rows for organizations outside the caller's scope", async () => {
      const before = await checksum(t);
      const res = await upload(edu, await workbook([good('SCOPE-1'), good('SCOPE-2', { organizationCode: healthCode })]));
      expectProblem(res, 400, 'PROJECT_IMPORT_INVALID');
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0]).toMatchObject({ row: 3, code: 'outOfScope' });
      const after = await checksum(t);
      expect(Object.keys(after).filter((k) => k !== 'audit_logs' && after[k] !== before[k])).toEqual([]);
    });

    it('answers a coded 4xx for no file and for a file that is not a workbook', async () => {
      expectProblem(await t.request('POST', '/api/v1/projects/import', { token: edu, body: { file: 'x' } }), 400, 'IMPORT_NO_FILE');
      expectProblem(await upload(edu, Buffer.from('not a zip at all')), 400, 'IMPORT_NOT_XLSX');
      expectProblem(await upload(await t.login('auditor'), await workbook([good('AUD-1')])), 403);
    });

    it('exports the filtered list, scope applied, as an .xlsx that reads back', async () => {
      const list = await t.request('GET', `/api/v1/projects?year=${YEAR}&keyOnly=true&pageSize=200`, { token: edu });
      expect(list.body.total).toBeGreaterThan(1);
      const res = await download(edu, `/api/v1/projects/export?year=${YEAR}&keyOnly=true`);
      expect(res.status).toBe(200);
      const sheet = (await readBack(res.buffer)).getWorksheet('项目')!;
      const codeCol = HEADERS.indexOf('项目编码') + 1;
      const codes: string[] = [];
      sheet.eachRow((row, i) => {
        if (i > 1) codes.push(String(row.getCell(codeCol).value));
      });
      expect(codes.sort()).toEqual(list.body.items.map((i: { code: string }) => i.code).sort());
      const all = await download(finance, `/api/v1/projects/export?organizationId=${healthOrg}`);
      const rows = (await readBack(all.buffer)).getWorksheet('项目')!.rowCount - 1;
      const healthList = await t.request('GET', `/api/v1/projects?organizationId=${healthOrg}&pageSize=1`, { token: finance });
      expect(rows).toBe(healthList.body.total);
      // An exported file imports back unchanged.
      const back = await upload(edu, res.buffer);
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ created: 0, updated: 0, unchanged: codes.length });
    });
  });

  it('answers each list row as the project itself is answered (names, fund sources, gate read in the page statement)', async () => {
    // the demo's projects and one with fund sources: every row of the list equals GET /projects/{id}
    await create(health, {
      budgetAmount: '3000000.00',
      fundSources: [
        { source: 'general_budget', amount: '1000000' },
        { source: 'direct_funds', amount: '2000000.00' },
      ],
    });
    const list = await t.request('GET', `/api/v1/projects?pageSize=200&organizationId=${healthOrg}`, { token: finance });
    expect(list.status).toBe(200);
    expect(list.body.items.some((p: any) => p.fundSources.length === 2)).toBe(true);
    for (const row of list.body.items) {
      const one = await t.request('GET', `/api/v1/projects/${row.id}`, { token: finance });
      expect(row).toEqual(one.body);
    }
  });
});
