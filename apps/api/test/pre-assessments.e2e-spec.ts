/**
 * Pre-assessment (事前绩效评估, R5, N6): required for new major / capital-construction projects,
 * scored on the profile's five dimensions within their weights, the report attached and
 * downloaded under the data scope (and by the commissioned agency), reviewed by the bureau
 * through draft → submitted → accepted | returned → submitted.
 */
import { createHash } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';
import { orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';

const PDF = Buffer.from('%PDF-1.4\n% 测试报告\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'utf8');
const FULL = { necessity: 18, economy: 16.5, target_reasonableness: 17, feasibility: 18, funding_compliance: 19 };

describe('pre-assessments', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  let edu: string;
  let agency: string;
  let healthOrg: string;
  let eduOrg: string;
  let agencyOrg: string;

  const upload = async (path: string, token: string, fields: Record<string, string>, bytes: Buffer, filename: string, method = 'PUT') => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), filename);
    const res = await fetch(`${t.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` }, body: form });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, text, headers: res.headers };
  };
  const download = async (path: string, token: string) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  };
  const projectId = async (name: string) => (await t.sql<{ id: string }>(`SELECT id FROM projects WHERE name = $1`, [name]))[0].id;
  const paOf = async (name: string) =>
    (
      await t.sql<{ id: string; version: number }>(
        `SELECT pa.id, pa.version FROM pre_assessments pa JOIN projects p ON p.id = pa.project_id WHERE p.name = $1`,
        [name],
      )
    )[0];
  const get = async (id: string, token = finance) => (await t.request('GET', `/api/v1/pre-assessments/${id}`, { token })).body;

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.login('finance');
    health = await t.login('health');
    edu = await t.login('edu');
    agency = await t.login('agency');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    eduOrg = await orgIdByName(t, '区教育局');
    [{ id: agencyOrg }] = await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE code = 'QP-A01'`);
  });
  afterAll(async () => t?.close());

  describe('lists and scope', () => {
    it('shows a department its own and its units’, with the R5 required flag and the profile’s dimensions', async () => {
      const res = await t.request('GET', '/api/v1/pre-assessments?pageSize=100', { token: health });
      expect(res.status).toBe(200);
      const names = res.body.items.map((i: any) => i.projectName).sort();
      expect(names).toEqual(['区中心医院医疗设备购置', '区中心医院改扩建工程', '社区卫生服务中心标准化建设']);
      const main = res.body.items.find((i: any) => i.projectName === '区中心医院改扩建工程');
      expect(main).toMatchObject({ required: true, status: 'accepted', conclusion: 'support', totalScore: '91.50' });
      expect(main.dimensions.map((d: any) => [d.code, d.weight])).toEqual([
        ['necessity', 20],
        ['economy', 20],
        ['target_reasonableness', 20],
        ['feasibility', 20],
        ['funding_compliance', 20],
      ]);
      const filtered = await t.request('GET', `/api/v1/pre-assessments?status=submitted&year=2022&organizationId=${healthOrg}`, {
        token: health,
      });
      expect(filtered.body.items.map((i: any) => i.projectName)).toEqual(['社区卫生服务中心标准化建设']);
      const otherYear = await t.request('GET', '/api/v1/pre-assessments?year=2021', { token: finance });
      expect(otherYear.body.total).toBe(0);
      const outsider = await t.request('GET', `/api/v1/pre-assessments?organizationId=${healthOrg}`, { token: edu });
      expect(outsider.body).toMatchObject({ items: [], total: 0, totalExact: true });
    });

    it('lets the agency see only the one commissioned to it', async () => {
      const res = await t.request('GET', '/api/v1/pre-assessments?pageSize=100', { token: agency });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: any) => i.projectName)).toEqual(['青浦新城九年一贯制学校新建工程']);
      expect(res.body.items[0]).toMatchObject({ performedBy: 'agency', agencyOrganizationId: agencyOrg, organizationId: eduOrg });
      const other = await paOf('区中心医院改扩建工程');
      expectProblem(await t.request('GET', `/api/v1/pre-assessments/${other.id}`, { token: agency }), 404);
      expectProblem(await t.request('GET', `/api/v1/pre-assessments/${other.id}`, { token: edu }), 404);
    });
  });

  describe('creation', () => {
    it('starts one per project, flags whether it is required, and refuses a second (409)', async () => {
      const voluntary = await t.request('POST', `/api/v1/pre-assessments/projects/${await projectId('老年人健康体检项目')}`, {
        token: health,
        body: { performedBy: 'department' },
      });
      expect(voluntary.status).toBe(201);
      expect(voluntary.body).toMatchObject({ required: false, status: 'draft', organizationId: healthOrg, scores: {}, totalScore: null });
      expectProblem(
        await t.request('POST', `/api/v1/pre-assessments/projects/${await projectId('老年人健康体检项目')}`, {
          token: health,
          body: { performedBy: 'department' },
        }),
        409,
        'PRE_ASSESSMENT_EXISTS',
      );
      const required = await t.request('POST', `/api/v1/pre-assessments/projects/${await projectId('智慧教育平台建设')}`, {
        token: edu,
        body: { performedBy: 'agency', agencyOrganizationId: agencyOrg },
      });
      expect(required.body).toMatchObject({ required: true, agencyOrganizationId: agencyOrg });
      // R5 as the seed reads it: a continuing capital-construction project needs one too.
      const continuing = await t.request('POST', `/api/v1/pre-assessments/projects/${await projectId('青浦区实验中学实验室改造')}`, {
        token: edu,
        body: { performedBy: 'department' },
      });
      expect(continuing.body).toMatchObject({ required: true });
      const audit = await t.sql<{ action: string }>(`SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success'`, [
        voluntary.body.id,
      ]);
      expect(audit.map((a) => a.action)).toEqual(['pre_assessment.create']);
    });

    it('stores its project’s year on its own row, follows a project moved to another year, and is listed by it', async () => {
      const [{ id: project }] = await t.sql<{ id: string }>(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
         VALUES (2022, 'PAY-001', '事前评估年度测试', 'project', $1, 1000) RETURNING id`,
        [healthOrg],
      );
      const created = await t.request('POST', `/api/v1/pre-assessments/projects/${project}`, {
        token: health,
        body: { performedBy: 'department' },
      });
      expect(created.status).toBe(201);
      const yearOf = async () =>
        (await t.sql<{ year: number }>(`SELECT year FROM pre_assessments WHERE id = $1`, [created.body.id]))[0].year;
      const listed = async (year: number) =>
        (await t.request('GET', `/api/v1/pre-assessments?year=${year}&q=PAY-001`, { token: health })).body.items.map(
          (i: { id: string }) => i.id,
        );
      expect(await yearOf()).toBe(2022);
      expect({ 2022: await listed(2022), 2023: await listed(2023) }).toEqual({ 2022: [created.body.id], 2023: [] });
      // a project's year is not changed through the API; written in the database, the pre-assessment follows in the same statement
      await t.sql(`UPDATE projects SET year = 2023 WHERE id = $1`, [project]);
      expect(await yearOf()).toBe(2023);
      expect({ 2022: await listed(2022), 2023: await listed(2023) }).toEqual({ 2022: [], 2023: [created.body.id] });
      // nor can the row's own copy be written apart from its project
      await t.sql(`UPDATE pre_assessments SET year = 1999 WHERE id = $1`, [created.body.id]);
      expect(await yearOf()).toBe(2023);
      await t.sql(`UPDATE projects SET year = 2022 WHERE id = $1`, [project]);
    });

    it('offers the district’s agencies to commission', async () => {
      const res = await t.request('GET', '/api/v1/pre-assessments/agencies', { token: health });
      expect(res.status).toBe(200);
      // The agency registry's demo data adds QP-A04 and QP-A05 (issue 9).
      expect(res.body.map((a: any) => a.code)).toEqual(['QP-A01', 'QP-A02', 'QP-A03', 'QP-A04', 'QP-A05']);
      expectProblem(await t.request('GET', '/api/v1/pre-assessments/agencies', { token: await t.login('auditor') }), 403, 'FORBIDDEN');
    });

    it('refuses another department’s project (404) and a commission to a non-agency (400)', async () => {
      const [before] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pre_assessments`);
      expectProblem(
        await t.request('POST', `/api/v1/pre-assessments/projects/${await projectId('家庭医生签约服务经费')}`, {
          token: edu,
          body: { performedBy: 'department' },
        }),
        404,
      );
      expectProblem(
        await t.request('POST', `/api/v1/pre-assessments/projects/${await projectId('家庭医生签约服务经费')}`, {
          token: health,
          body: { performedBy: 'agency', agencyOrganizationId: eduOrg },
        }),
        400,
        'AGENCY_INVALID',
      );
      expect(await t.sql(`SELECT count(*)::int AS n FROM pre_assessments`)).toEqual([before]);
    });
  });

  describe('scores', () => {
    it('refuses a score above its dimension’s weight with field errors, and changes nothing', async () => {
      const pa = await paOf('区中心医院医疗设备购置');
      const res = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: pa.version, scores: { necessity: 20.5, economy: 21, feasibility: 10.123, beauty: 5 } },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: any) => `${e.field}:${e.code}`).sort()).toEqual([
        'scores.beauty:UNKNOWN_ITEM',
        'scores.economy:OUT_OF_RANGE',
        'scores.feasibility:TOO_MANY_DECIMALS',
        'scores.necessity:OUT_OF_RANGE',
      ]);
      const after = await get(pa.id);
      expect(after.version).toBe(pa.version);
      expect(after.scores).toEqual({});
    });

    it('keeps a partial total while drafting and the exact total when complete', async () => {
      const pa = await paOf('区中心医院医疗设备购置');
      const partial = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: pa.version, scores: { necessity: 20, economy: 15.25 }, opinions: { necessity: '设备更新必要' } },
      });
      expect(partial.status).toBe(200);
      expect(partial.body.totalScore).toBe('35.25');
      // 88.50 supports 支持 (N6 bands 80 / 60): 调整后支持 needs a reason to depart and the adjustment required.
      const departs = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: partial.body.version, scores: FULL, conclusion: 'support_after_adjustment' },
      });
      expectProblem(departs, 400, 'PRE_ASSESSMENT_CONCLUSION_INVALID');
      expect(departs.body.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual([
        'departureReason:DEPARTS_FROM_SCORE',
        'adjustmentRequired:REQUIRED',
      ]);
      expect((await get(pa.id)).version).toBe(partial.body.version);
      const full = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: {
          version: partial.body.version,
          scores: FULL,
          conclusion: 'support_after_adjustment',
          departureReason: '设备询价尚未完成',
          adjustmentRequired: '补充三家以上设备询价',
        },
      });
      expect(full.body).toMatchObject({
        totalScore: '88.50',
        conclusion: 'support_after_adjustment',
        suggestedConclusion: 'support',
        conclusionBands: { support: 80, adjustThenSupport: 60 },
        conclusionDepartureReason: '设备询价尚未完成',
        adjustmentRequired: '补充三家以上设备询价',
      });
      expect(full.body.opinions).toEqual({ necessity: '设备更新必要' });
      expectProblem(
        await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
          token: health,
          body: { version: pa.version, conclusion: 'reject' },
        }),
        409,
        'VERSION_CONFLICT',
      );
    });
  });

  describe('report upload and download', () => {
    it('round-trips the same bytes with a UTF-8 file name, for the owner and the bureau', async () => {
      const pa = await paOf('区中心医院医疗设备购置');
      const res = await upload(
        `/api/v1/pre-assessments/${pa.id}/report`,
        health,
        { version: String(pa.version) },
        PDF,
        '设备购置事前评估报告.pdf',
      );
      expect(res.status).toBe(200);
      expect(res.body.report).toMatchObject({
        filename: '设备购置事前评估报告.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        organizationId: res.body.organizationId,
      });
      expect(res.body.report.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
      for (const token of [health, finance]) {
        const got = await download(`/api/v1/pre-assessments/${pa.id}/report?alt=media`, token);
        expect(got.status).toBe(200);
        expect(got.bytes.equals(PDF)).toBe(true);
        expect(got.headers.get('content-type')).toBe('application/pdf');
        expect(got.headers.get('content-disposition')).toBe(
          `attachment; filename="__________.pdf"; filename*=UTF-8''${encodeURIComponent('设备购置事前评估报告.pdf')}`,
        );
      }
      const meta = await t.request('GET', `/api/v1/pre-assessments/${pa.id}/report`, { token: health });
      expect(meta.body).toMatchObject({ preAssessmentId: pa.id, file: { id: res.body.report.id } });
      const viaFiles = await download(`/api/v1/files/${res.body.report.id}?alt=media`, health);
      expect(viaFiles.bytes.equals(PDF)).toBe(true);
    });

    it('answers 404 for downloads outside the scope', async () => {
      const pa = await paOf('区中心医院改扩建工程');
      const { file } = (await t.request('GET', `/api/v1/pre-assessments/${pa.id}/report`, { token: health })).body;
      for (const token of [edu, agency]) {
        expect((await download(`/api/v1/pre-assessments/${pa.id}/report?alt=media`, token)).status).toBe(404);
        expect((await download(`/api/v1/files/${file.id}?alt=media`, token)).status).toBe(404);
        expect((await download(`/api/v1/files/${file.id}`, token)).status).toBe(404);
      }
    });

    it('refuses types that are not allowed, content that does not match, and a missing file', async () => {
      const pa = await paOf('区中心医院医疗设备购置');
      const current = await get(pa.id);
      const exe = await upload(
        `/api/v1/pre-assessments/${pa.id}/report`,
        health,
        { version: String(current.version) },
        Buffer.from('MZ\x90\x00'),
        '报告.pdf',
      );
      expectProblem(exe as any, 400, 'FILE_CONTENT_MISMATCH');
      const txt = await upload(
        `/api/v1/pre-assessments/${pa.id}/report`,
        health,
        { version: String(current.version) },
        Buffer.from('hello'),
        '报告.txt',
      );
      expectProblem(txt as any, 400, 'FILE_TYPE_NOT_ALLOWED');
      const form = new FormData();
      form.append('version', String(current.version));
      const none = await fetch(`${t.baseUrl}/api/v1/pre-assessments/${pa.id}/report`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${health}` },
        body: form,
      });
      expect(none.status).toBe(400);
      expect(((await none.json()) as { code: string }).code).toBe('FILE_REQUIRED');
      expect((await get(pa.id)).version).toBe(current.version);
    });

    it('stores a file through POST /files (multipart and JSON) only for organizations in scope', async () => {
      const ok = await upload('/api/v1/files', health, { organizationId: healthOrg }, PDF, '附件.pdf', 'POST');
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ organizationId: healthOrg, filename: '附件.pdf', size: PDF.length });
      const json = await t.request('POST', '/api/v1/files', {
        token: health,
        body: { organizationId: healthOrg, filename: '附件二.pdf', contentBase64: PDF.toString('base64') },
      });
      expect(json.status).toBe(201);
      expect(json.body.sha256).toBe(ok.body.sha256);
      const [before] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM stored_files`);
      const outside = await upload('/api/v1/files', health, { organizationId: eduOrg }, PDF, '附件.pdf', 'POST');
      expectProblem(outside as any, 403, 'OUT_OF_SCOPE');
      expect(await t.sql(`SELECT count(*)::int AS n FROM stored_files`)).toEqual([before]);
    });
  });

  describe('workflow', () => {
    const act = (id: string, action: string, token: string, body: Record<string, unknown>) =>
      t.request('POST', `/api/v1/pre-assessments/${id}/${action}`, { token, body });

    it('refuses to submit an incomplete assessment, naming what is missing', async () => {
      const pa = await paOf('老年人健康体检项目');
      const res = await act(pa.id, 'submit', health, { version: pa.version });
      expectProblem(res, 400, 'PRE_ASSESSMENT_INCOMPLETE');
      expect(res.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['scores.necessity', 'conclusion', 'report']));
    });

    it('goes draft → submitted → returned → submitted → accepted, refusing every illegal step', async () => {
      const pa = await paOf('区中心医院医疗设备购置');
      let cur = await get(pa.id);
      expect(cur.status).toBe('draft');
      for (const action of ['accept', 'return']) {
        expectProblem(await act(pa.id, action, finance, { version: cur.version, comment: '意见' }), 409, 'ILLEGAL_TRANSITION');
      }
      const submitted = await act(pa.id, 'submit', health, { version: cur.version });
      expect(submitted.body.status).toBe('submitted');
      cur = submitted.body;
      expectProblem(await act(pa.id, 'submit', health, { version: cur.version }), 409, 'ILLEGAL_TRANSITION');
      expectProblem(
        await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
          token: health,
          body: { version: cur.version, conclusion: 'support' },
        }),
        409,
        'PRE_ASSESSMENT_LOCKED',
      );
      expectProblem(await act(pa.id, 'accept', health, { version: cur.version }), 403, 'FORBIDDEN');
      expectProblem(await act(pa.id, 'return', finance, { version: cur.version }), 400, 'VALIDATION_FAILED');

      const returned = await act(pa.id, 'return', finance, { version: cur.version, comment: '请补充设备询价材料' });
      expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '请补充设备询价材料' });
      cur = returned.body;
      for (const action of ['accept', 'return']) {
        expectProblem(await act(pa.id, action, finance, { version: cur.version, comment: '意见' }), 409, 'ILLEGAL_TRANSITION');
      }
      const fixed = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: cur.version, conclusion: 'support' },
      });
      expect(fixed.status).toBe(200);
      // Back in the score's band: the reason to depart and the adjustment are no longer kept.
      expect(fixed.body).toMatchObject({ conclusion: 'support', conclusionDepartureReason: null, adjustmentRequired: null });
      const again = await act(pa.id, 'submit', health, { version: fixed.body.version });
      expect(again.body.status).toBe('submitted');
      const accepted = await act(pa.id, 'accept', finance, { version: again.body.version, comment: '同意' });
      expect(accepted.body).toMatchObject({ status: 'accepted', reviewComment: '同意' });
      cur = accepted.body;
      for (const action of ['submit', 'accept', 'return']) {
        const body = action === 'submit' ? { version: cur.version } : { version: cur.version, comment: '意见' };
        expectProblem(await act(pa.id, action, action === 'submit' ? health : finance, body), 409, 'ILLEGAL_TRANSITION');
      }
      const audit = await t.sql<{ action: string }>(
        `SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success' ORDER BY id`,
        [pa.id],
      );
      expect(audit.map((a) => a.action)).toEqual([
        'pre_assessment.update',
        'pre_assessment.update',
        'pre_assessment.attach_report',
        'pre_assessment.submit',
        'pre_assessment.return',
        'pre_assessment.update',
        'pre_assessment.submit',
        'pre_assessment.accept',
      ]);
    });
  });

  describe('conclusion and the score (N6 bands in the profile)', () => {
    const SCORES_30 = { necessity: 6, economy: 6, target_reasonableness: 6, feasibility: 6, funding_compliance: 6 };
    const SCORES_70 = { necessity: 14, economy: 14, target_reasonableness: 14, feasibility: 14, funding_compliance: 14 };
    const newProject = async (code: string) => {
      const res = await t.request('POST', '/api/v1/projects', {
        token: finance,
        body: {
          year: 2022,
          code,
          name: `结论测试 ${code}`,
          kind: 'project',
          organizationId: healthOrg,
          budgetAmount: '3000000.00',
          isNew: true,
          isMajor: true,
          isCapitalConstruction: false,
        },
      });
      expect(res.status).toBe(201);
      const pa = await t.request('POST', `/api/v1/pre-assessments/projects/${res.body.id}`, {
        token: health,
        body: { performedBy: 'department' },
      });
      expect(pa.status).toBe(201);
      return { projectId: res.body.id as string, pa: pa.body };
    };

    it('refuses 支持 for a total of 30 unless a reason to depart is recorded, audited and shown', async () => {
      const { pa } = await newProject('PA-BAND-1');
      const refused = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: pa.version, scores: SCORES_30, conclusion: 'support' },
      });
      expectProblem(refused, 400, 'PRE_ASSESSMENT_CONCLUSION_INVALID');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'departureReason', code: 'DEPARTS_FROM_SCORE' })]);
      expect(refused.body.errors[0].message).toContain('不予支持');
      const scored = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: pa.version, scores: SCORES_30 },
      });
      expect(scored.body).toMatchObject({ totalScore: '30.00', conclusion: null, suggestedConclusion: 'reject' });
      const departed = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: scored.body.version, conclusion: 'support', departureReason: '区政府专题会议决定实施' },
      });
      expect(departed.status).toBe(200);
      expect(departed.body).toMatchObject({
        conclusion: 'support',
        suggestedConclusion: 'reject',
        conclusionDepartureReason: '区政府专题会议决定实施',
      });
      const [audit] = await t.sql<{ after: any }>(
        `SELECT after FROM audit_logs WHERE entity_id = $1 AND action = 'pre_assessment.update' AND result = 'success' ORDER BY id DESC LIMIT 1`,
        [pa.id],
      );
      expect(audit.after).toMatchObject({ conclusion: 'support', conclusionDepartureReason: '区政府专题会议决定实施' });
      // Changing the scores keeps the check: a total of 70 with 支持 still departs, and the reason recorded still covers it.
      const rescored = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: departed.body.version, scores: SCORES_70, departureReason: null },
      });
      expectProblem(rescored, 400, 'PRE_ASSESSMENT_CONCLUSION_INVALID');
    });

    it('requires the adjustment for 调整后支持; the gate waits until the department records it as done', async () => {
      const { projectId, pa } = await newProject('PA-ADJ-1');
      const noText = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: pa.version, scores: SCORES_70, conclusion: 'support_after_adjustment' },
      });
      expectProblem(noText, 400, 'PRE_ASSESSMENT_CONCLUSION_INVALID');
      expect(noText.body.errors).toEqual([expect.objectContaining({ field: 'adjustmentRequired', code: 'REQUIRED' })]);
      const concluded = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: pa.version, scores: SCORES_70, conclusion: 'support_after_adjustment', adjustmentRequired: '压减培训费 20 万元' },
      });
      expect(concluded.body).toMatchObject({ suggestedConclusion: 'support_after_adjustment', adjustmentRequired: '压减培训费 20 万元' });
      const uploaded = await upload(
        `/api/v1/pre-assessments/${pa.id}/report`,
        health,
        { version: String(concluded.body.version) },
        PDF,
        '报告.pdf',
      );
      const submitted = await t.request('POST', `/api/v1/pre-assessments/${pa.id}/submit`, {
        token: health,
        body: { version: uploaded.body.version },
      });
      expect(submitted.body.status).toBe('submitted');
      expectProblem(
        await t.request('POST', `/api/v1/pre-assessments/${pa.id}/adjustment-complete`, {
          token: health,
          body: { version: submitted.body.version, note: '已压减' },
        }),
        409,
        'ADJUSTMENT_NOT_PENDING',
      );
      const accepted = await t.request('POST', `/api/v1/pre-assessments/${pa.id}/accept`, {
        token: finance,
        body: { version: submitted.body.version },
      });
      expect(accepted.body).toMatchObject({ status: 'accepted', adjustmentCompletedAt: null });
      const gate = async () =>
        (await t.request('GET', `/api/v1/projects/${projectId}`, { token: health })).body.gate.reasons.map((r: { code: string }) => r.code);
      expect(await gate()).toEqual(['NO_TARGET', 'PRE_ASSESSMENT_ADJUSTMENT_PENDING']);

      expectProblem(
        await t.request('POST', `/api/v1/pre-assessments/${pa.id}/adjustment-complete`, {
          token: health,
          body: { version: accepted.body.version },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.request('POST', `/api/v1/pre-assessments/${pa.id}/adjustment-complete`, {
          token: edu,
          body: { version: accepted.body.version, note: 'x' },
        }),
        404,
      );
      const done = await t.request('POST', `/api/v1/pre-assessments/${pa.id}/adjustment-complete`, {
        token: health,
        body: { version: accepted.body.version, note: '已按意见压减培训费 20 万元并重新报送预算' },
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        adjustmentNote: '已按意见压减培训费 20 万元并重新报送预算',
        adjustmentCompletedAt: expect.any(String),
      });
      expect(await gate()).toEqual(['NO_TARGET']);
      expectProblem(
        await t.request('POST', `/api/v1/pre-assessments/${pa.id}/adjustment-complete`, {
          token: health,
          body: { version: done.body.version, note: '再次' },
        }),
        409,
        'ADJUSTMENT_NOT_PENDING',
      );
      const audit = await t.sql<{ action: string }>(
        `SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success' ORDER BY id`,
        [pa.id],
      );
      expect(audit.map((a) => a.action).slice(-2)).toEqual(['pre_assessment.accept', 'pre_assessment.adjustment_complete']);
    });

    it('refuses to submit a conclusion that departs from the score without a reason (data written before the rule)', async () => {
      const { pa } = await newProject('PA-BAND-2');
      const scored = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: health,
        body: { version: pa.version, scores: SCORES_30 },
      });
      const uploaded = await upload(
        `/api/v1/pre-assessments/${pa.id}/report`,
        health,
        { version: String(scored.body.version) },
        PDF,
        '报告.pdf',
      );
      await t.sql(`UPDATE pre_assessments SET conclusion = 'support' WHERE id = $1`, [pa.id]);
      const res = await t.request('POST', `/api/v1/pre-assessments/${pa.id}/submit`, {
        token: health,
        body: { version: uploaded.body.version },
      });
      expectProblem(res, 400, 'PRE_ASSESSMENT_INCOMPLETE');
      expect(res.body.errors.map((e: any) => e.field)).toEqual(['departureReason']);
    });
  });

  describe('the commissioned agency', () => {
    it('sees, edits, uploads and downloads the commissioned one, but cannot reassign it', async () => {
      const pa = await paOf('青浦新城九年一贯制学校新建工程');
      const seen = await t.request('GET', `/api/v1/pre-assessments/${pa.id}`, { token: agency });
      expect(seen.status).toBe(200);
      const report = await download(`/api/v1/pre-assessments/${pa.id}/report?alt=media`, agency);
      expect(report.status).toBe(200);
      expect(report.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const edited = await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
        token: agency,
        body: { version: seen.body.version, scores: FULL, opinions: { feasibility: '施工组织设计可行' }, conclusion: 'support' },
      });
      expect(edited.status).toBe(200);
      expect(edited.body.totalScore).toBe('88.50');
      expectProblem(
        await t.request('PATCH', `/api/v1/pre-assessments/${pa.id}`, {
          token: agency,
          body: { version: edited.body.version, performedBy: 'department' },
        }),
        403,
        'AGENCY_CANNOT_REASSIGN',
      );
      const uploaded = await upload(
        `/api/v1/pre-assessments/${pa.id}/report`,
        agency,
        { version: String(edited.body.version) },
        PDF,
        '受托评估报告.pdf',
      );
      expect(uploaded.status).toBe(200);
      expect(uploaded.body.report.organizationId).toBe(eduOrg);
      expect((await download(`/api/v1/pre-assessments/${pa.id}/report?alt=media`, edu)).bytes.equals(PDF)).toBe(true);
      const submitted = await t.request('POST', `/api/v1/pre-assessments/${pa.id}/submit`, {
        token: agency,
        body: { version: uploaded.body.version },
      });
      expect(submitted.body.status).toBe('submitted');
      expectProblem(
        await t.request('POST', `/api/v1/pre-assessments/${pa.id}/accept`, { token: agency, body: { version: submitted.body.version } }),
        403,
      );
    });

    it('cannot write to pre-assessments not commissioned to it', async () => {
      const other = await paOf('校园安全技防系统升级');
      expectProblem(
        await t.request('PATCH', `/api/v1/pre-assessments/${other.id}`, {
          token: agency,
          body: { version: other.version, conclusion: 'reject' },
        }),
        404,
      );
      expectProblem(
        await t.request('POST', `/api/v1/pre-assessments/projects/${await projectId('教师培训与专业发展项目')}`, {
          token: agency,
          body: { performedBy: 'department' },
        }),
        404,
      );
    });
  });
});
