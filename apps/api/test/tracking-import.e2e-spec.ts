/**
 * The execution import of dual monitoring (issue 8): executed amounts by project code, as-of date
 * and fund source from the budget system's .xlsx, validated first and written all-or-nothing
 * through the same computation as the form; a re-import of the same file changes nothing; a
 * project outside the importer's scope reads as unknown.
 */
import ExcelJS from 'exceljs';
import { TRACKING_IMPORT_COLUMNS, TRACKING_IMPORT_SHEET, type TrackingImportColumnKey } from '@jixiao/contracts';
import { startTestApp, TestApp } from './support/test-app';
import { checksum, orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';

type Cells = Partial<Record<TrackingImportColumnKey, string | number | Date>>;
let seq = 0;

async function workbook(rows: Cells[], headers = TRACKING_IMPORT_COLUMNS.map((c) => c.zh)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(TRACKING_IMPORT_SHEET);
  sheet.addRow(headers);
  for (const cells of rows) sheet.addRow(TRACKING_IMPORT_COLUMNS.map((c) => cells[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('execution import (trackings)', () => {
  let t: TestApp;
  let health: string;
  let eduUnit: string;
  let healthOrg: string;
  let eduUnitOrg: string;

  beforeAll(async () => {
    t = await startTestApp();
    [health, eduUnit] = await Promise.all([t.login('health'), t.login('edu-unit')]);
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    eduUnitOrg = await orgIdByName(t, '青浦区实验中学');
  });
  afterAll(async () => t?.close());

  /** A 2022 project funded 8,000,000 direct + 2,000,000 special transfer, with a target in `status`. */
  async function project(orgId: string, status = 'approved', kind = 'project') {
    const code = `IMP-${process.pid}-${++seq}`;
    const [p] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, created_at)
       VALUES (2022, $1, $2, $3, $4, '10000000.00', '2022-01-10T09:00:00+08:00') RETURNING id`,
      [code, `导入测试项目 ${seq}`, kind, orgId],
    );
    await t.sql(
      `INSERT INTO project_fund_sources (project_id, source, amount) VALUES ($1, 'direct_funds', '8000000.00'), ($1, 'special_transfer', '2000000.00')`,
      [p.id],
    );
    await t.sql(
      `INSERT INTO targets (project_id, organization_id, year, overall_goal, annual_goals, status, approved_at)
       VALUES ($1, $2, 2022, '目标', '[]'::jsonb, $3::varchar, CASE WHEN $3::varchar = 'approved' THEN '2022-03-01T09:00:00+08:00'::timestamptz END)`,
      [p.id, orgId, status],
    );
    return { id: p.id, code };
  }

  const upload = async (token: string, file: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'execution.xlsx');
    const res = await fetch(`${t.baseUrl}/api/v1/trackings/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
  };

  it('records a tracking per row with the form’s computation, reads dates as Excel writes them, and a re-import changes nothing', async () => {
    const a = await project(healthOrg);
    const b = await project(healthOrg);
    const file = await workbook([
      // Split by source; the total is left to the sources: 2,000,000 + 499,000 = 24.99 % at 30 April → a warning.
      { code: a.code, asOf: new Date(Date.UTC(2022, 3, 30)), direct_funds: '2000000', special_transfer: '499000.00' },
      { code: b.code, asOf: '2022/6/30', executedAmount: '4,500,000.00', note: '预算执行系统 6 月导出' },
    ]);
    const res = await upload(health, file);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 2, created: 2, unchanged: 0 });

    const list = await t.request('GET', `/api/v1/trackings?projectId=${a.id}`, { token: health });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      asOf: '2022-04-30',
      executedAmount: '2499000.00',
      executionRate: '24.99',
      fundSources: [
        { source: 'direct_funds', amount: '2000000.00' },
        { source: 'special_transfer', amount: '499000.00' },
      ],
    });
    expect(list.body.items[0].warnings.map((w: any) => w.code)).toEqual(['EXECUTION_BELOW_CHECKPOINT']);
    const second = await t.request('GET', `/api/v1/trackings?projectId=${b.id}`, { token: health });
    expect(second.body.items[0]).toMatchObject({ asOf: '2022-06-30', executionRate: '45.00', note: '预算执行系统 6 月导出', warnings: [] });
    expect(
      await t.sql(
        `SELECT 1 FROM audit_logs WHERE action = 'tracking.create' AND after->>'source' = 'import' AND after->>'projectId' = ANY($1)`,
        [[a.id, b.id]],
      ),
    ).toHaveLength(2);

    const before = await checksum(t);
    const again = await upload(health, file);
    expect(again.body).toEqual({ rows: 2, created: 0, unchanged: 2 });
    const after = await checksum(t);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual([]);
    // The audit log records both imports.
    expect(await t.sql(`SELECT after FROM audit_logs WHERE action = 'tracking.import' ORDER BY id`)).toEqual([
      { after: { fileName: 'execution.xlsx', rows: 2, created: 2, unchanged: 0 } },
      { after: { fileName: 'execution.xlsx', rows: 2, created: 0, unchanged: 2 } },
    ]);
  });

  it('lists every bad cell with its reason and writes nothing', async () => {
    const good = await project(healthOrg);
    const unapproved = await project(healthOrg, 'submitted');
    const overall = await project(healthOrg, 'approved', 'department_overall');
    const foreign = await project(eduUnitOrg);
    const file = await workbook([
      { code: good.code, asOf: '2022-05-31', executedAmount: '100.00' },
      { code: 'NO-SUCH-CODE', asOf: '2022-05-31', executedAmount: '1.00' },
      { code: foreign.code, asOf: '2022-05-31', executedAmount: '1.00' },
      { code: unapproved.code, asOf: '2022-05-31', executedAmount: '1.00' },
      { code: overall.code, asOf: '2022-05-31', executedAmount: '1.00' },
      { code: good.code, asOf: '2022-02-30', executedAmount: '1.00' },
      { code: good.code, asOf: '2022-05-31', executedAmount: '2.00' },
      { code: good.code, asOf: '2022-03-31', executedAmount: '10.00', direct_funds: '3.00', special_transfer: '4.00' },
      { code: good.code, asOf: '2022-01-31', government_bonds: '5.00' },
      { code: good.code, asOf: '2022-04-15', executedAmount: '-3' },
      { code: good.code, asOf: '2023-01-31', executedAmount: '1.00' },
      { code: good.code },
    ]);
    const before = await checksum(t);
    const res = await upload(health, file);
    expectProblem(res, 400, 'TRACKING_IMPORT_INVALID');
    const after = await checksum(t);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual([]);
    const found = res.body.errors.map((e: any) => `${e.column}${e.row} ${e.code}`);
    expect(found).toEqual([
      'A3 projectUnknown',
      // Another organization's project reads as unknown, not as "not yours".
      'A4 projectUnknown',
      'A5 TRACKING_TARGET_NOT_APPROVED',
      'A6 TRACKING_KIND_NOT_MONITORED',
      'C7 INVALID_DATE',
      'C8 duplicateInFile',
      'D9 SPLIT_NOT_EQUAL_TOTAL',
      'I10 NOT_A_PROJECT_SOURCE',
      'D11 isMoney',
      // The code is a 2022 project's: the date is outside its year.
      'C12 TRACKING_AS_OF_OUTSIDE_YEAR',
      'C13 required',
      'D13 required',
    ]);
    expect(res.body.errors[0].messageEn).toContain('NO-SUCH-CODE');
    expect(res.body.errorCount).toBe(12);
  });

  it('refuses a file without the data sheet or a required column, and what is not a workbook', async () => {
    const missing = await workbook([{ code: 'X', asOf: '2022-05-31' }], ['项目编码', '累计执行金额（元）']);
    const res = await upload(health, missing);
    expectProblem(res, 400, 'TRACKING_IMPORT_INVALID');
    expect(res.body.errors.map((e: any) => e.code)).toEqual(['missingColumn']);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('别的表').addRow(['x']);
    expectProblem(await upload(health, Buffer.from(await wb.xlsx.writeBuffer())), 400, 'IMPORT_SHEET_MISSING');
    expectProblem(await upload(health, Buffer.from('项目编码,截止日期\n')), 400, 'IMPORT_NOT_XLSX');
  });

  it('gives a template whose data sheet imports as it is once filled, with the caller’s trackable projects beside it', async () => {
    const mine = await project(eduUnitOrg);
    const res = await fetch(`${t.baseUrl}/api/v1/trackings/import-template`, { headers: { authorization: `Bearer ${eduUnit}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const data = wb.getWorksheet(TRACKING_IMPORT_SHEET)!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(TRACKING_IMPORT_COLUMNS.map((c) => c.zh));
    expect(data.getRow(2).getCell(1).value).toBeNull();
    const reference = wb.getWorksheet('可跟踪项目')!;
    const codes: unknown[] = [];
    reference.eachRow((row, n) => n > 1 && codes.push(row.getCell(1).value));
    expect((await t.request('GET', '/api/v1/settings/working-year', { token: eduUnit })).body.year).toBe(2022);
    expect(codes).toContain(mine.code);
    // Nothing of another organization is listed.
    const [healthCodes] = await t.sql<{ codes: string[] }>(`SELECT array_agg(code) AS codes FROM projects WHERE organization_id = $1`, [
      healthOrg,
    ]);
    expect(codes.filter((c) => (healthCodes.codes ?? []).includes(String(c)))).toEqual([]);

    data.getRow(2).getCell(1).value = mine.code;
    data.getRow(2).getCell(3).value = '2022-05-31';
    data.getRow(2).getCell(4).value = 3000000;
    const filled = await upload(eduUnit, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(filled.status).toBe(200);
    expect(filled.body).toEqual({ rows: 1, created: 1, unchanged: 0 });
  });
});
