/**
 * Evaluation records (issue 9): the old performance system's history imported from its .xlsx export,
 * validated first and written all-or-nothing under the importer's scope; a re-import changes nothing;
 * a differing score for a recorded key, a grade that disagrees with the score under the year's
 * profile and an organization outside the scope are refused on their cells. The department and
 * finance key records feed the five-year planner (R4), as does `recordFinished`, the call the
 * evaluations module makes when an evaluation finishes.
 */
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { EVALUATION_RECORD_IMPORT_COLUMNS, EVALUATION_RECORD_IMPORT_SHEET, type EvaluationRecordImportColumnKey } from '@jixiao/contracts';
import { EvaluationRecordsService } from '../src/modules/evaluation-records/evaluation-records.service';
import { startTestApp, TestApp } from './support/test-app';
import { checksum, orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';

type Cells = Partial<Record<EvaluationRecordImportColumnKey, string | number>>;
const BASE = '/api/v1/evaluation-records';
let seq = 0;

async function workbook(rows: Cells[], headers: string[] = EVALUATION_RECORD_IMPORT_COLUMNS.map((c) => c.zh)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(EVALUATION_RECORD_IMPORT_SHEET);
  sheet.addRow(headers);
  for (const cells of rows) sheet.addRow(EVALUATION_RECORD_IMPORT_COLUMNS.map((c) => cells[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('evaluation records (the old system’s history, R4)', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  let edu: string;
  let agency: string;
  let auditor: string;
  let healthOrg: string;
  let hospitalOrg: string;
  let eduOrg: string;
  let healthCode: string;
  let hospitalCode: string;
  let eduCode: string;

  beforeAll(async () => {
    t = await startTestApp();
    [finance, health, edu, agency, auditor] = await Promise.all(['finance', 'health', 'edu', 'agency', 'auditor'].map((u) => t.login(u)));
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    hospitalOrg = await orgIdByName(t, '青浦区中心医院');
    eduOrg = await orgIdByName(t, '区教育局');
    const codeOf = async (id: string) => (await t.sql<{ code: string }>(`SELECT code FROM organizations WHERE id = $1`, [id]))[0].code;
    [healthCode, hospitalCode, eduCode] = await Promise.all([healthOrg, hospitalOrg, eduOrg].map(codeOf));
  });
  afterAll(async () => t?.close());

  /** A 2022 project of 7,000,000 (key by amount), continuing since `start`, with a year typed by hand or none. */
  async function keyProject(orgId: string, start = 2010, typed: number | null = null) {
    const code = `EVR-${process.pid}-${++seq}`;
    const [p] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, start_year, last_key_evaluation_year)
       VALUES (2022, $1, $2, 'project', $3, '7000000.00', $4, $5) RETURNING id`,
      [code, `历史评价测试项目 ${seq}`, orgId, start, typed],
    );
    return { id: p.id, code };
  }

  const upload = async (token: string, file: Buffer, name = 'history.xlsx') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), name);
    const res = await fetch(`${t.baseUrl}${BASE}/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
  };
  const cellErrors = (res: { body: { errors: { column: string; row: number; code: string }[] } }) =>
    res.body.errors.map((e) => `${e.column}${e.row} ${e.code}`);
  const unchangedData = async (run: () => Promise<unknown>) => {
    const before = await checksum(t);
    await run();
    const after = await checksum(t);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual([]);
  };

  /** The planner's row of a project (R4), as the department sees it in the working year. */
  async function plannerRow(projectId: string) {
    const res = await t.request(
      'GET',
      `/api/v1/key-project-lists/coverage-plan/projects?year=2022&organizationId=${healthOrg}&pageSize=200`,
      {
        token: health,
      },
    );
    expect(res.status).toBe(200);
    const row = res.body.items.find((p: any) => p.projectId === projectId);
    expect(row).toBeDefined();
    return row as { lastKeyEvaluationYear: number | null; dueYear: number; overdue: boolean; dueThisYear: boolean };
  }

  it('imports the export by its labels and codes, lists it under scope, and a re-import changes nothing', async () => {
    const a = await keyProject(healthOrg);
    const ended = `OLD-${process.pid}-${++seq}`;
    const file = await workbook([
      {
        projectCode: a.code,
        organizationCode: healthCode,
        year: 2019,
        kind: '部门评价',
        score: 86.5,
        grade: '良',
        evaluator: '沪东绩效管理咨询有限公司',
      },
      { projectCode: a.code, organizationCode: healthCode, year: '2017', kind: '单位自评', score: '92', grade: 'excellent' },
      // A project that ended before the library began: recorded, counted as not in the library.
      {
        projectCode: ended,
        organizationCode: hospitalCode,
        year: 2018,
        kind: 'finance_key',
        score: '75.25',
        grade: 'Fair',
        evaluator: '上海青信会计师事务所',
      },
      // No grade: the score's under the 2020 profile.
      { projectCode: a.code, organizationCode: healthCode, year: 2020, kind: '财政重点评价', score: 59.99 },
    ]);
    const res = await upload(health, file);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 4, created: 4, unchanged: 0, notInLibrary: 1 });

    const list = await t.request('GET', `${BASE}?q=${a.code}&sort=year`, { token: health });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((r: any) => [r.year, r.kind, r.score, r.grade, r.countsForKeyCoverage])).toEqual([
      [2017, 'self', '92.00', 'excellent', false],
      [2019, 'department', '86.50', 'good', true],
      [2020, 'finance_key', '59.99', 'poor', true],
    ]);
    expect(list.body.items[1]).toMatchObject({
      projectCode: a.code,
      projectName: expect.stringContaining('历史评价测试项目'),
      organizationId: healthOrg,
      organizationCode: healthCode,
      organizationName: '区卫生健康委员会',
      evaluator: '沪东绩效管理咨询有限公司',
      source: 'history_import',
      evaluationId: null,
      sourceFile: 'history.xlsx',
      recordedByName: '区卫健委财务科（演示）',
    });
    const byKind = await t.request('GET', `${BASE}?kind=finance_key&year=2018&organizationId=${healthOrg}&q=${ended}`, { token: health });
    expect(byKind.body.items.map((r: any) => [r.projectCode, r.organizationCode, r.projectName, r.score])).toEqual([
      [ended, hospitalCode, null, '75.25'],
    ]);
    // Another department sees none of it; the auditor reads it.
    expect((await t.request('GET', `${BASE}?q=${a.code}`, { token: edu })).body).toMatchObject({ items: [], total: 0, totalExact: true });
    expect((await t.request('GET', `${BASE}?q=${a.code}`, { token: auditor })).body.total).toBe(3);
    expect((await t.request('GET', `${BASE}?q=${a.code}`, { token: agency })).body.total).toBe(0);

    await unchangedData(async () => {
      const again = await upload(health, file);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ rows: 4, created: 0, unchanged: 4, notInLibrary: 0 });
    });
    expect(
      await t.sql(
        `SELECT after FROM audit_logs WHERE action = 'evaluation_record.import' AND after->>'fileName' = 'history.xlsx' ORDER BY id`,
      ),
    ).toEqual([
      { after: { fileName: 'history.xlsx', rows: 4, created: 4, unchanged: 0, notInLibrary: 1 } },
      { after: { fileName: 'history.xlsx', rows: 4, created: 0, unchanged: 4, notInLibrary: 0 } },
    ]);
  });

  it('feeds the planner: a 2019 history row makes a key project due in 2024 instead of overdue', async () => {
    const p = await keyProject(healthOrg, 2010);
    const before = await plannerRow(p.id);
    expect(before).toMatchObject({ lastKeyEvaluationYear: null, dueYear: 2014, overdue: true });

    // A self-evaluation does not count for R4; a department one does, from whatever year's row it is read.
    const res = await upload(
      health,
      await workbook([
        { projectCode: p.code, organizationCode: healthCode, year: 2021, kind: '单位自评', score: 95, grade: '优' },
        { projectCode: p.code, organizationCode: healthCode, year: 2019, kind: '部门评价', score: 82, grade: '良' },
      ]),
    );
    expect(res.body).toMatchObject({ created: 2 });
    expect(await plannerRow(p.id)).toMatchObject({ lastKeyEvaluationYear: 2019, dueYear: 2024, overdue: false, dueThisYear: false });

    // The project library reads the same year, in its list and its detail.
    expect((await t.request('GET', `/api/v1/projects/${p.id}`, { token: health })).body.lastKeyEvaluationYear).toBe(2019);
    const listed = await t.request('GET', `/api/v1/projects?q=${p.code}`, { token: health });
    expect(listed.body.items.map((i: any) => i.lastKeyEvaluationYear)).toEqual([2019]);

    // A year typed by hand before records existed still counts when it is the later one.
    const typed = await keyProject(healthOrg, 2010, 2020);
    await upload(
      health,
      await workbook([{ projectCode: typed.code, organizationCode: healthCode, year: 2018, kind: '部门评价', score: 80 }]),
    );
    expect(await plannerRow(typed.id)).toMatchObject({ lastKeyEvaluationYear: 2020, dueYear: 2025 });
  });

  it('lists every bad cell with its reason and writes nothing', async () => {
    const mine = await keyProject(healthOrg);
    const eduProject = await keyProject(eduOrg);
    const file = await workbook([
      { projectCode: mine.code, organizationCode: healthCode, year: 2019, kind: '部门评价', score: 88, grade: '良' },
      { projectCode: mine.code, organizationCode: 'NO-SUCH-ORG', year: 2019, kind: '部门评价', score: 88 },
      { projectCode: mine.code, organizationCode: healthCode, year: 2010, kind: '部门评价', score: 88 },
      { projectCode: mine.code, organizationCode: healthCode, year: 2099, kind: '部门评价', score: 88 },
      { projectCode: mine.code, organizationCode: healthCode, year: '19', kind: '部门评价', score: 88 },
      { projectCode: mine.code, organizationCode: healthCode, year: 2018, kind: '其他评价', score: 88 },
      { projectCode: mine.code, organizationCode: healthCode, year: 2018, kind: '部门评价', score: 100.5 },
      { projectCode: mine.code, organizationCode: healthCode, year: 2018, kind: '部门评价', score: '85.123' },
      { projectCode: mine.code, organizationCode: healthCode, year: 2018, kind: '部门评价', score: 85, grade: '甲' },
      { projectCode: mine.code, organizationCode: healthCode, year: 2017, kind: '部门评价', score: 89.99, grade: '优' },
      { projectCode: mine.code, organizationCode: healthCode, year: 2019, kind: 'department', score: 88, grade: 'good' },
      { projectCode: eduProject.code, organizationCode: healthCode, year: 2019, kind: '部门评价', score: 88 },
      { projectCode: '项目 1', organizationCode: healthCode, year: 2019, kind: '部门评价', score: 88 },
      { projectCode: mine.code, year: 2019, kind: '部门评价' },
      { projectCode: mine.code, organizationCode: healthCode, year: 2016, kind: '部门评价', score: 88, evaluator: '评'.repeat(201) },
    ]);
    await unchangedData(async () => {
      const res = await upload(health, file);
      expectProblem(res, 400, 'EVALUATION_RECORD_IMPORT_INVALID');
      expect(cellErrors(res)).toEqual([
        'B3 organizationUnknown',
        'C4 noPolicyProfile',
        'C5 EVALUATION_RECORD_YEAR_FUTURE',
        'C6 year',
        'D7 kind',
        'E8 EVALUATION_RECORD_SCORE_INVALID',
        'E9 score',
        'F10 grade',
        'F11 EVALUATION_RECORD_GRADE_MISMATCH',
        'A12 duplicateInFile',
        'A13 EVALUATION_RECORD_CODE_ELSEWHERE',
        'A14 projectCode',
        'B15 required',
        'E15 required',
        'C16 noPolicyProfile',
        'G16 maxLength',
      ]);
      expect(res.body.errorCount).toBe(16);
      const mismatch = res.body.errors.find((e: any) => e.code === 'EVALUATION_RECORD_GRADE_MISMATCH');
      expect(mismatch.message).toBe('等级“优”与得分 89.99 不符：按 2017 年政策参数（优 ≥ 90，良 ≥ 80，中 ≥ 60）应为“良”');
      expect(mismatch.messageEn).toContain('"Excellent" does not agree with the score 89.99');
      expect(res.body.errors.find((e: any) => e.code === 'EVALUATION_RECORD_SCORE_INVALID').message).toContain('0 到 100');
      expect(res.body.errors.find((e: any) => e.code === 'duplicateInFile').messageEn).toBe(
        'Same project code, organization, year and kind as row 2',
      );
    });
    expect(await t.sql(`SELECT 1 FROM evaluation_records WHERE project_code = $1`, [mine.code])).toEqual([]);
  });

  it('refuses an organization outside the importer’s scope on its cell; the auditor may not import at all', async () => {
    const p = await keyProject(healthOrg);
    const file = await workbook([{ projectCode: p.code, organizationCode: healthCode, year: 2019, kind: '部门评价', score: 88 }]);
    await unchangedData(async () => {
      for (const token of [edu, agency]) {
        const res = await upload(token, file);
        expectProblem(res, 400, 'EVALUATION_RECORD_IMPORT_INVALID');
        expect(cellErrors(res)).toEqual(['B2 outOfScope']);
        expect(res.body.errors[0].message).toBe(`单位 ${healthCode} 不在本单位数据范围内`);
      }
      expectProblem(await upload(auditor, file), 403, 'READ_ONLY_ROLE');
    });
    // The department's own unit is within its scope.
    const unit = await upload(
      health,
      await workbook([{ projectCode: `U-${p.code}`, organizationCode: hospitalCode, year: 2019, kind: '部门评价', score: 88 }]),
    );
    expect(unit.body).toEqual({ rows: 1, created: 1, unchanged: 0, notInLibrary: 1 });
  });

  it('refuses a grade that disagrees with the score under the evaluated year’s own thresholds', async () => {
    const p = await keyProject(healthOrg);
    // The bureau set 2018's excellent line at 85: 86 is 优 in 2018 but 良 in 2019.
    const profile = await t.request('GET', '/api/v1/policy-profiles/2018', { token: finance });
    const values = {
      ...profile.body.values,
      evaluation: { ...profile.body.values.evaluation, grades: { excellent: 85, good: 75, pass: 60 } },
    };
    const put = await t.request('PUT', '/api/v1/policy-profiles/2018', { token: finance, body: { values, version: profile.body.version } });
    expect(put.status).toBe(200);
    const row = (year: number, grade: string): Cells => ({
      projectCode: p.code,
      organizationCode: healthCode,
      year,
      kind: '部门评价',
      score: 86,
      grade,
    });
    const refused = await upload(health, await workbook([row(2018, '优'), row(2019, '优')]));
    expectProblem(refused, 400, 'EVALUATION_RECORD_IMPORT_INVALID');
    expect(cellErrors(refused)).toEqual(['F3 EVALUATION_RECORD_GRADE_MISMATCH']);
    expect(refused.body.errors[0].message).toBe('等级“优”与得分 86.00 不符：按 2019 年政策参数（优 ≥ 90，良 ≥ 80，中 ≥ 60）应为“良”');
    const ok = await upload(health, await workbook([row(2018, '优'), row(2019, '良')]));
    expect(ok.body).toMatchObject({ created: 2 });
  });

  it('refuses a different score for a recorded key, naming both, and keeps the record', async () => {
    const p = await keyProject(healthOrg);
    const row: Cells = { projectCode: p.code, organizationCode: healthCode, year: 2020, kind: '部门评价', score: 86.5, grade: '良' };
    expect((await upload(health, await workbook([row]))).body).toMatchObject({ created: 1 });
    await unchangedData(async () => {
      const res = await upload(health, await workbook([{ ...row, score: 88 }]));
      expectProblem(res, 400, 'EVALUATION_RECORD_IMPORT_INVALID');
      expect(cellErrors(res)).toEqual(['E2 EVALUATION_RECORD_CONFLICT']);
      expect(res.body.errors[0].message).toContain('得分 86.50');
      expect(res.body.errors[0].message).toContain('得分 88.00');
      const evaluator = await upload(health, await workbook([{ ...row, evaluator: '另一家机构' }]));
      expect(cellErrors(evaluator)).toEqual(['G2 EVALUATION_RECORD_CONFLICT']);
    });
    expect(await t.sql(`SELECT score::text AS score FROM evaluation_records WHERE project_code = $1`, [p.code])).toEqual([
      { score: '86.50' },
    ]);
  });

  it('records a finished evaluation through recordFinished: the planner follows, imported history is replaced and audited', async () => {
    const p = await keyProject(healthOrg, 2012);
    await upload(
      health,
      await workbook([{ projectCode: p.code, organizationCode: healthCode, year: 2021, kind: '部门评价', score: 70, grade: '中' }]),
    );
    const service = t.running.app.get(EvaluationRecordsService);
    const dataSource = t.running.app.get(DataSource);
    const evaluationId = '6f1c3b36-2d6e-4c55-9a8c-0a0a0a0a0a01';
    const finish = (score: string, grade: 'excellent' | 'good' | 'fair' | 'poor', year = 2021) =>
      dataSource.transaction((manager) =>
        service.recordFinished(manager, {
          evaluationId,
          projectCode: p.code,
          organizationId: healthOrg,
          year,
          kind: 'department',
          score,
          grade,
          evaluator: '区卫生健康委员会',
        }),
      );
    const dto = await finish('91.5', 'excellent');
    expect(dto).toMatchObject({
      projectCode: p.code,
      year: 2021,
      kind: 'department',
      score: '91.50',
      grade: 'excellent',
      source: 'evaluation',
      evaluationId,
    });
    expect(await plannerRow(p.id)).toMatchObject({ lastKeyEvaluationYear: 2021, dueYear: 2026, overdue: false });
    const audit = await t.sql<{ before: any; after: any }>(
      `SELECT before, after FROM audit_logs WHERE action = 'evaluation_record.record' AND entity_id = $1`,
      [dto.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({ score: '70.00', grade: 'fair', source: 'history_import' });
    expect(audit[0].after).toMatchObject({ score: '91.50', grade: 'excellent', source: 'evaluation', evaluationId });

    // Finishing again with the same figures changes nothing; a grade that disagrees is refused, coded.
    await unchangedData(async () => {
      await finish('91.50', 'excellent');
      await expect(finish('89.99', 'excellent')).rejects.toMatchObject({ code: 'EVALUATION_RECORD_GRADE_MISMATCH', status: 400 });
      await expect(finish('101', 'excellent')).rejects.toMatchObject({ code: 'EVALUATION_RECORD_SCORE_INVALID' });
      await expect(finish('80', 'good', 2099)).rejects.toMatchObject({ code: 'EVALUATION_RECORD_YEAR_FUTURE' });
    });
    // The import does not overwrite it.
    const res = await upload(
      health,
      await workbook([{ projectCode: p.code, organizationCode: healthCode, year: 2021, kind: '部门评价', score: 70 }]),
    );
    expect(cellErrors(res)).toEqual(['E2 EVALUATION_RECORD_CONFLICT']);
    expect(res.body.errors[0].message).toContain('本系统评价');
  });

  it('gives a template whose data sheet imports as it is once filled, with the caller’s organizations and projects beside it', async () => {
    const p = await keyProject(hospitalOrg);
    const res = await fetch(`${t.baseUrl}${BASE}/import-template`, { headers: { authorization: `Bearer ${health}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const data = wb.getWorksheet(EVALUATION_RECORD_IMPORT_SHEET)!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(EVALUATION_RECORD_IMPORT_COLUMNS.map((c) => c.zh));
    expect(data.getRow(2).getCell(1).value).toBeNull();
    const column = (name: string, n: number) => {
      const out: string[] = [];
      wb.getWorksheet(name)!.eachRow((row, i) => i > 1 && out.push(String(row.getCell(n).value)));
      return out;
    };
    expect(column('单位编码', 1)).toEqual(expect.arrayContaining([healthCode, hospitalCode]));
    expect(column('单位编码', 1)).not.toContain(eduCode);
    expect(column('项目参考', 1)).toContain(p.code);
    expect(wb.getWorksheet('填写说明')).toBeDefined();

    data.getRow(2).getCell(1).value = p.code;
    data.getRow(2).getCell(2).value = hospitalCode;
    data.getRow(2).getCell(3).value = 2020;
    data.getRow(2).getCell(4).value = '财政重点评价';
    data.getRow(2).getCell(5).value = 90;
    data.getRow(2).getCell(6).value = '优';
    const filled = await upload(health, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(filled.status).toBe(200);
    expect(filled.body).toEqual({ rows: 1, created: 1, unchanged: 0, notInLibrary: 0 });
  });

  it('seeds demo history for the planner: due, not due and overdue, fed by records', async () => {
    const res = await t.request('GET', '/api/v1/key-project-lists/coverage-plan?year=2022&pageSize=200', { token: finance });
    expect(res.body.hasMore).toBe(false);
    const rows: any[] = [];
    for (const o of res.body.items) {
      const page = await t.request(
        'GET',
        `/api/v1/key-project-lists/coverage-plan/projects?year=2022&organizationId=${o.organizationId}&pageSize=200`,
        {
          token: finance,
        },
      );
      rows.push(...page.body.items.filter((r: any) => !r.code.startsWith('EVR-')));
    }
    expect(rows.some((r: any) => r.overdue)).toBe(true);
    expect(rows.some((r: any) => r.dueThisYear)).toBe(true);
    expect(rows.some((r: any) => !r.overdue && !r.dueThisYear && r.lastKeyEvaluationYear !== null)).toBe(true);
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM evaluation_records WHERE source = 'history_import' AND source_file LIKE '%演示%' AND year BETWEEN 2017 AND 2021`,
    );
    expect(n).toBeGreaterThan(0);
  });
});
