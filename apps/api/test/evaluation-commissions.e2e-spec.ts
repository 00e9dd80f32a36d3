/**
 * Commissioning evaluations to third-party agencies (issue 9, R13, N8): a department (or the bureau)
 * commissions a department or finance key evaluation with a justification, the profile's checklist,
 * the agency's signed independence declaration and the city platform's reference number; a suspended
 * or tied agency is refused with its code. Agency users see and work on only what is commissioned
 * to their own agency (list and detail, 404 otherwise); the grade of their work goes to the registry.
 */
import { startTestApp, TestApp } from './support/test-app';
import { checksum, copyUser, orgIdByName, userIdByName } from './support/db-state';
import { expectProblem } from './support/http';

let seq = 0;

describe('evaluation commissions', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  let edu: string;
  let agencyA: string;
  let agencyB: string;
  let healthOrg: string;
  let hospitalOrg: string;
  let checklist: string[];
  const agency: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    [finance, health, edu, agencyA] = await Promise.all([t.login('finance'), t.login('health'), t.login('edu'), t.login('agency')]);
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    hospitalOrg = await orgIdByName(t, '青浦区中心医院');
    for (const code of ['QP-A01', 'QP-A02', 'QP-A03', 'QP-A05']) {
      [{ id: agency[code] }] = await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE code = $1`, [code]);
    }
    // Agency B: a user of QP-A03 (active, no ties).
    const b = await copyUser(t, 'agency', 'agency-b-commission', '华东财经（测试）');
    await t.sql(`UPDATE users SET organization_id = $1 WHERE id = $2`, [agency['QP-A03'], b.id]);
    agencyB = await t.login('agency-b-commission');
    const [profile] = await t.sql<{ codes: string[] }>(
      `SELECT ARRAY(SELECT jsonb_array_elements(values->'evaluation'->'agencies'->'commissioningChecklist')->>'code') AS codes
         FROM policy_profiles WHERE year = 2022`,
    );
    checklist = profile.codes;
    expect(checklist.length).toBeGreaterThan(0);
    const has2021 = await t.sql(`SELECT 1 FROM policy_profiles WHERE year = 2021`);
    if (!has2021.length) {
      const copied = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: 2021, copyFromYear: 2022 } });
      expect(copied.status).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  /** A 2021 key project of `orgId` with an approved target, and its department evaluation started by `token`. */
  async function departmentEvaluation(orgId: string, token = health) {
    const code = `EC-${process.pid}-${++seq}`;
    const [project] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, manual_key_basis, manual_key_reason)
       VALUES (2021, $1, $2, 'project', $3, '3000000.00', 'DISTRICT_PRIORITY', '区重点任务') RETURNING id`,
      [code, `委托评价测试项目 ${seq}`, orgId],
    );
    await t.sql(
      `INSERT INTO targets (project_id, organization_id, year, overall_goal, annual_goals, status, approved_at)
       VALUES ($1, $2, 2021, '完成年度任务', '[]'::jsonb, 'approved', '2021-03-01T09:00:00+08:00')`,
      [project.id, orgId],
    );
    const started = await t.request('POST', `/api/v1/evaluations/projects/${project.id}`, { token, body: { kind: 'department' } });
    expect(started.status).toBe(201);
    return started.body;
  }

  const form = (agencyId: string, version: number, extra: Record<string, unknown> = {}) => ({
    agencyId,
    justification: '项目专业性强，部门缺少评价力量',
    checklist,
    declarationSigned: true,
    declarationText: '本机构与委托方、被评价单位及项目无利害关系。',
    declaredOn: '2022-04-15',
    platformReference: `SHJX-2022-QP-${seq}`,
    version,
    ...extra,
  });
  const commission = (token: string, id: string, body: unknown) =>
    t.request('POST', `/api/v1/evaluations/${id}/commission`, { token, body });

  it('has the demo commission: 区教育局’s department evaluation commissioned to QP-A01 through the use case', async () => {
    const eduOrg = await orgIdByName(t, '区教育局');
    // The agency's demo user signs in and finds it in its list of the evaluated year.
    const list = await t.request('GET', '/api/v1/evaluations?year=2021&commission=commissioned&pageSize=100', { token: agencyA });
    expect(list.status).toBe(200);
    const demo = list.body.items.find((x: any) => x.projectName === '校园安全视频监控系统建设');
    expect(demo).toMatchObject({
      kind: 'department',
      organizationId: eduOrg,
      status: 'draft',
      agencyId: agency['QP-A01'],
      agencyName: '上海青信会计师事务所（演示）',
    });
    const detail = await t.request('GET', `/api/v1/evaluations/${demo.id}`, { token: agencyA });
    expect(detail.status).toBe(200);
    expect(detail.body.actions).toEqual(expect.arrayContaining(['save', 'submit']));
    expect(detail.body.commission).toMatchObject({
      commissioningOrganizationId: eduOrg,
      commissioningOrganizationName: '区教育局',
      status: 'commissioned',
      declarationSigned: true,
      declaredOn: '2022-04-15',
      platformReference: 'SHJX-2022-QP-0042',
      grade: null,
    });
    expect(detail.body.commission.justification).toContain('委托第三方机构');
    expect(detail.body.commission.declarationText).toContain('不存在');
    expect([...detail.body.commission.checklist].sort()).toEqual([...checklist].sort());
    // Through the use case: its audit entry, by the edu user, and the actor recorded on the evaluation.
    const [entry] = await t.sql<{ actor_name: string; after: any }>(
      `SELECT actor_name, after FROM audit_logs WHERE action = 'evaluation.commission' AND entity_id = $1 AND result = 'success'`,
      [demo.id],
    );
    expect(entry).toMatchObject({ actor_name: 'edu', after: { agencyId: agency['QP-A01'], platformReference: 'SHJX-2022-QP-0042' } });
    const [row] = await t.sql<{ actors: Record<string, string> }>(`SELECT actors FROM evaluations WHERE id = $1`, [demo.id]);
    expect(row.actors.commission).toBe(await userIdByName(t, 'edu'));
    // 区教育局 reads it and may no longer commission it; another agency does not reach it.
    const asEdu = await t.request('GET', `/api/v1/evaluations/${demo.id}`, { token: edu });
    expect(asEdu.body.actions).not.toContain('commission');
    expect((await t.request('GET', `/api/v1/evaluations/${demo.id}`, { token: agencyB })).status).toBe(404);
  });

  it('refuses an incomplete commission, listing what is missing, and changes nothing', async () => {
    const e = await departmentEvaluation(healthOrg);
    const before = await checksum(t);
    const missing = await commission(
      health,
      e.id,
      form(agency['QP-A01'], e.version, { platformReference: null, declarationSigned: false, justification: ' ', checklist: [] }),
    );
    expectProblem(missing, 400, 'COMMISSION_INCOMPLETE');
    const codes = missing.body.errors.map((x: any) => x.code);
    expect(codes).toEqual(
      expect.arrayContaining(['PLATFORM_REFERENCE_REQUIRED', 'DECLARATION_REQUIRED', 'JUSTIFICATION_REQUIRED', 'CHECKLIST_ITEM_MISSING']),
    );
    // A declaration said to be signed needs the file or its text.
    const noEvidence = await commission(health, e.id, form(agency['QP-A01'], e.version, { declarationText: null }));
    expectProblem(noEvidence, 400, 'COMMISSION_INCOMPLETE');
    expect(noEvidence.body.errors.map((x: any) => x.code)).toEqual(['DECLARATION_EVIDENCE_REQUIRED']);
    expect(await checksum(t)).toEqual(before);
    // Unknown agency; an organization that is not in the registry.
    expectProblem(await commission(health, e.id, form(healthOrg, e.version)), 400, 'REFERENCE_INVALID');
  });

  it('refuses a suspended agency and one tied to the evaluated organization, with their codes', async () => {
    const e = await departmentEvaluation(healthOrg);
    const suspended = await commission(health, e.id, form(agency['QP-A05'], e.version));
    expectProblem(suspended, 409, 'AGENCY_NOT_ACTIVE');
    expect(suspended.body.errors.map((x: any) => x.code)).toContain('AGENCY_NOT_ACTIVE');
    // QP-A02's project manager worked at 青浦区中心医院: not independent of an evaluation of its project.
    const hospital = await departmentEvaluation(hospitalOrg);
    const tied = await commission(health, hospital.id, form(agency['QP-A02'], hospital.version));
    expectProblem(tied, 409, 'AGENCY_NOT_INDEPENDENT');
    expect(tied.body.errors[0]).toMatchObject({ field: 'agencyId', code: 'AGENCY_NOT_INDEPENDENT' });
    const after = await t.request('GET', `/api/v1/evaluations/${hospital.id}`, { token: health });
    expect(after.body).toMatchObject({ agencyId: null, commission: null, version: hospital.version });
    // Not independent of 区卫健委's own projects? The tie is with the hospital only: QP-A02 may evaluate those.
    const own = await commission(health, e.id, form(agency['QP-A02'], e.version));
    expect(own.status).toBe(200);
  });

  it('keeps each agency to its own commissions, lets it do the work, and records the grade in the registry', async () => {
    const forA = await departmentEvaluation(healthOrg);
    const forB = await departmentEvaluation(healthOrg);
    expect(forA.actions).toContain('commission');
    // Another department does not reach the evaluation; an agency cannot commission.
    expect((await commission(edu, forA.id, form(agency['QP-A01'], forA.version))).status).toBe(404);
    expect((await commission(agencyA, forA.id, form(agency['QP-A01'], forA.version))).status).toBe(404);

    const a = await commission(health, forA.id, form(agency['QP-A01'], forA.version));
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ agencyId: agency['QP-A01'], agencyName: '上海青信会计师事务所（演示）' });
    expect(a.body.commission).toMatchObject({
      agencyId: agency['QP-A01'],
      commissioningOrganizationId: healthOrg,
      status: 'commissioned',
      declarationSigned: true,
      checklist: expect.arrayContaining(checklist),
      grade: null,
    });
    expect(a.body.commission.platformReference).toMatch(/^SHJX-2022-QP-/);
    expect(a.body.actions).not.toContain('save');
    expectProblem(await commission(health, forA.id, form(agency['QP-A03'], a.body.version)), 409, 'EVALUATION_ALREADY_COMMISSIONED');
    const b = await commission(health, forB.id, form(agency['QP-A03'], forB.version));
    expect(b.status).toBe(200);

    // Lists: each agency sees its own commission and nothing else.
    const listA = await t.request('GET', '/api/v1/evaluations?pageSize=100', { token: agencyA });
    expect(listA.status).toBe(200);
    const idsA = listA.body.items.map((x: any) => x.id);
    expect(idsA).toContain(forA.id);
    expect(idsA).not.toContain(forB.id);
    expect(listA.body.items.every((x: any) => x.agencyId === agency['QP-A01'])).toBe(true);
    const listB = await t.request('GET', '/api/v1/evaluations?pageSize=100', { token: agencyB });
    expect(listB.body.items.map((x: any) => x.id)).toEqual([forB.id]);
    // Details: the other's is not found, for reading and for writing.
    expect((await t.request('GET', `/api/v1/evaluations/${forB.id}`, { token: agencyA })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/evaluations/${forA.id}`, { token: agencyB })).status).toBe(404);
    expect(
      (await t.request('PUT', `/api/v1/evaluations/${forA.id}`, { token: agencyB, body: { version: a.body.version, summary: 'x' } }))
        .status,
    ).toBe(404);
    const seenByA = await t.request('GET', `/api/v1/evaluations/${forA.id}`, { token: agencyA });
    expect(seenByA.status).toBe(200);
    expect(seenByA.body.actions).toEqual(expect.arrayContaining(['save', 'submit', 'attach_file']));

    // Once commissioned, the agency enters the scores; the department reads.
    expectProblem(
      await t.request('PUT', `/api/v1/evaluations/${forA.id}`, { token: health, body: { version: a.body.version, summary: 'x' } }),
      409,
      'EVALUATION_COMMISSIONED_TO_AGENCY',
    );
    const items = seenByA.body.breakdown.dimensions.flatMap((d: any) => d.items);
    const saved = await t.request('PUT', `/api/v1/evaluations/${forA.id}`, {
      token: agencyA,
      body: {
        version: seenByA.body.version,
        templateScores: items.map((i: any) => ({ code: i.code, points: i.maxPoints })),
        findings: [{ finding: '部分合同未按时验收', suggestedMeasure: '建立验收台账' }],
        summary: '项目总体完成年度目标',
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.score).toBe('100.00');

    // Work papers and the report: JSON upload, read back through the evaluation's scope only.
    const attached = await t.request('POST', `/api/v1/evaluations/${forA.id}/files`, {
      token: agencyA,
      body: { filename: '现场核查底稿.pdf', contentBase64: 'JVBERi0xLjQKJSVFT0YK', kind: 'work_paper' },
    });
    expect(attached.status).toBe(201);
    expect(attached.body.attachments).toEqual([
      expect.objectContaining({ kind: 'work_paper', filename: '现场核查底稿.pdf', size: 15, attachedByName: expect.any(String) }),
    ]);
    const attachmentId = attached.body.attachments[0].id;
    const [stored] = await t.sql<{ organization_id: string }>(
      `SELECT f.organization_id FROM stored_files f JOIN evaluation_commission_files a ON a.file_id = f.id WHERE a.id = $1`,
      [attachmentId],
    );
    expect(stored.organization_id).toBe(healthOrg);
    const download = await t.request('GET', `/api/v1/evaluations/files/${attachmentId}?alt=media`, { token: agencyA });
    expect(download.status).toBe(200);
    expect(download.text).toContain('%PDF-1.4');
    const meta = await t.request('GET', `/api/v1/evaluations/files/${attachmentId}`, { token: health });
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({ id: attachmentId, kind: 'work_paper', filename: '现场核查底稿.pdf', evaluationId: forA.id });
    expect((await t.request('GET', `/api/v1/evaluations/files/${attachmentId}`, { token: agencyB })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/evaluations/files/${attachmentId}`, { token: edu })).status).toBe(404);
    // Agency B cannot attach to agency A's evaluation.
    expect(
      (
        await t.request('POST', `/api/v1/evaluations/${forA.id}/files`, {
          token: agencyB,
          body: { filename: 'x.pdf', contentBase64: 'JVBERi0xLjQKJSVFT0YK', kind: 'report' },
        })
      ).status,
    ).toBe(404);

    // Grading before the agency submits is refused; the agency submits; the agency cannot grade itself.
    const grade = (token: string, version: number, g = 'good') =>
      t.request('POST', `/api/v1/evaluations/${forA.id}/commission/grade`, { token, body: { grade: g, comment: '底稿完整', version } });
    expectProblem(await grade(health, attached.body.version), 409, 'COMMISSION_NOT_COMPLETED');
    const submitted = await t.request('POST', `/api/v1/evaluations/${forA.id}/submit`, {
      token: agencyA,
      body: { version: attached.body.version },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'completed', score: '100.00' });
    expect(submitted.body.commission.status).toBe('submitted');
    expect(submitted.body.actions).not.toContain('attach_file');
    // Submitted: no more files, from the agency or the owner (coded 409).
    for (const token of [agencyA, health]) {
      expectProblem(
        await t.request('POST', `/api/v1/evaluations/${forA.id}/files`, {
          token,
          body: { filename: '补充底稿.pdf', contentBase64: 'JVBERi0xLjQKJSVFT0YK', kind: 'work_paper' },
        }),
        409,
        'EVALUATION_NOT_EDITABLE',
      );
    }
    expect((await grade(agencyA, submitted.body.version)).status).toBe(404);
    expect((await grade(edu, submitted.body.version)).status).toBe(404);
    const asDept = await t.request('GET', `/api/v1/evaluations/${forA.id}`, { token: health });
    expect(asDept.body.actions).toContain('grade_commission');
    // Awaiting a grade, in the list filtered so: for the commissioning party and the bureau, not another department.
    const toGrade = async (token: string) =>
      (await t.request('GET', '/api/v1/evaluations?commission=to_grade&pageSize=100', { token })).body.items.map((x: any) => x.id);
    expect(await toGrade(health)).toContain(forA.id);
    expect(await toGrade(finance)).toContain(forA.id);
    expect(await toGrade(edu)).not.toContain(forA.id);
    expect(await toGrade(health)).not.toContain(forB.id);

    const graded = await grade(health, submitted.body.version);
    expect(graded.status).toBe(200);
    expect(graded.body.commission).toMatchObject({ status: 'graded', grade: 'good', gradeComment: '底稿完整' });
    expect(await toGrade(health)).not.toContain(forA.id);
    const rows = await t.sql<{ grade: string; evaluation_reference: string; year: number }>(
      `SELECT grade, evaluation_reference, year FROM agency_commission_grades WHERE agency_id = $1 AND evaluation_reference = $2`,
      [agency['QP-A01'], a.body.commission.platformReference],
    );
    expect(rows).toEqual([{ grade: 'good', evaluation_reference: a.body.commission.platformReference, year: 2021 }]);
    // The bureau may grade again; the registry keeps one grade per commission.
    const regraded = await grade(finance, graded.body.version, 'excellent');
    expect(regraded.status).toBe(200);
    const again = await t.sql<{ grade: string }>(`SELECT grade FROM agency_commission_grades WHERE evaluation_reference = $1`, [
      a.body.commission.platformReference,
    ]);
    expect(again).toEqual([{ grade: 'excellent' }]);
    const audit = await t.sql<{ action: string }>(`SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success' ORDER BY id`, [
      forA.id,
    ]);
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining(['evaluation.commission', 'evaluation.attach_file', 'evaluation.commission_grade']),
    );
  });

  it('does not commission self-evaluations, and a finance key evaluation only by the bureau', async () => {
    const unitOrg = await orgIdByName(t, '青浦区实验中学');
    const [project] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES (2021, $1, '自评项目', 'project', $2, '100000.00') RETURNING id`,
      [`EC-S-${process.pid}`, unitOrg],
    );
    await t.sql(
      `INSERT INTO targets (project_id, organization_id, year, overall_goal, annual_goals, status, approved_at)
       VALUES ($1, $2, 2021, '完成', '[]'::jsonb, 'approved', now())`,
      [project.id, unitOrg],
    );
    const self = await t.request('POST', `/api/v1/evaluations/projects/${project.id}`, {
      token: await t.login('edu-unit'),
      body: { kind: 'self' },
    });
    expect(self.status).toBe(201);
    expect(self.body.actions).not.toContain('commission');
    expectProblem(await commission(edu, self.body.id, form(agency['QP-A01'], self.body.version)), 409, 'COMMISSION_KIND_NOT_ALLOWED');

    const key = await t.request('POST', `/api/v1/evaluations/projects/${project.id}`, { token: finance, body: { kind: 'finance_key' } });
    expect(key.status).toBe(201);
    expectProblem(await commission(edu, key.body.id, form(agency['QP-A01'], key.body.version)), 403, 'COMMISSION_NOT_BY_CALLER');
    // A finance key evaluation's files are the bureau's (and the agency's once commissioned), not the department's.
    expect(key.body.actions).toContain('attach_file');
    const keyAsEdu = await t.request('GET', `/api/v1/evaluations/${key.body.id}`, { token: edu });
    expect(keyAsEdu.body.actions).not.toContain('attach_file');
    expectProblem(
      await t.request('POST', `/api/v1/evaluations/${key.body.id}/files`, {
        token: edu,
        body: { filename: '报告.pdf', contentBase64: 'JVBERi0xLjQKJSVFT0YK', kind: 'report' },
      }),
      403,
      'EVALUATION_FINANCE_KEY_BY_BUREAU',
    );
    const byBureau = await commission(finance, key.body.id, form(agency['QP-A01'], key.body.version));
    expect(byBureau.status).toBe(200);
    expect(byBureau.body.commission.commissioningOrganizationName).toBe(
      (await t.sql<{ name: string }>(`SELECT name FROM organizations WHERE kind = 'finance_bureau' LIMIT 1`))[0].name,
    );
  });
  /** A 2021 project of 青浦区实验中学 with an approved target, and its self-evaluation started by the unit. */
  async function selfEvaluation() {
    const unitOrg = await orgIdByName(t, '青浦区实验中学');
    const [project] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES (2021, $1, '自评附件项目', 'project', $2, '100000.00') RETURNING id`,
      [`EF-S-${process.pid}-${++seq}`, unitOrg],
    );
    await t.sql(
      `INSERT INTO targets (project_id, organization_id, year, overall_goal, annual_goals, status, approved_at)
       VALUES ($1, $2, 2021, '完成', '[]'::jsonb, 'approved', now())`,
      [project.id, unitOrg],
    );
    const started = await t.request('POST', `/api/v1/evaluations/projects/${project.id}`, { token: eduUnit, body: { kind: 'self' } });
    expect(started.status).toBe(201);
    return started.body;
  }
  let eduUnit: string;
  beforeAll(async () => {
    eduUnit = await t.login('edu-unit');
  });
  const pdf = (filename: string, kind: string) => ({ filename, contentBase64: 'JVBERi0xLjQKJSVFT0YK', kind });

  it('takes the report of a self-evaluation that is not commissioned, read within the owner’s scope only', async () => {
    const e = await selfEvaluation();
    expect(e.attachments).toEqual([]);
    expect(e.actions).toContain('attach_file');
    const attached = await t.request('POST', `/api/v1/evaluations/${e.id}/files`, { token: eduUnit, body: pdf('自评报告.pdf', 'report') });
    expect(attached.status).toBe(201);
    expect(attached.body.commission).toBeNull();
    expect(attached.body.attachments).toEqual([
      {
        id: expect.any(String),
        kind: 'report',
        evaluationId: e.id,
        filename: '自评报告.pdf',
        contentType: expect.any(String),
        size: 15,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        attachedByName: expect.any(String),
        attachedAt: expect.any(String),
      },
    ]);
    const id = attached.body.attachments[0].id;
    const [row] = await t.sql<{ agency_organization_id: string | null }>(
      `SELECT agency_organization_id FROM evaluation_commission_files WHERE id = $1`,
      [id],
    );
    expect(row.agency_organization_id).toBeNull();
    // The unit and its department read it; another department, an agency: not found.
    const media = await t.request('GET', `/api/v1/evaluations/files/${id}?alt=media`, { token: eduUnit });
    expect(media.status).toBe(200);
    expect(media.text).toContain('%PDF-1.4');
    expect((await t.request('GET', `/api/v1/evaluations/files/${id}`, { token: edu })).body).toMatchObject({ id, kind: 'report' });
    for (const token of [health, agencyA]) {
      expect((await t.request('GET', `/api/v1/evaluations/files/${id}`, { token })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/evaluations/files/${id}?alt=media`, { token })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/evaluations/${e.id}/files`, { token, body: pdf('x.pdf', 'report') })).status).toBe(404);
    }
    // A kind that is not one: 400 with the field; a declaration on a self-evaluation (never commissioned): 409.
    const before = await checksum(t);
    const wrong = await t.request('POST', `/api/v1/evaluations/${e.id}/files`, { token: eduUnit, body: pdf('照片.pdf', 'photo') });
    expectProblem(wrong, 400, 'VALIDATION_FAILED');
    expect(wrong.body.errors.map((x: any) => x.field)).toContain('kind');
    expectProblem(
      await t.request('POST', `/api/v1/evaluations/${e.id}/files`, { token: eduUnit, body: pdf('声明.pdf', 'declaration') }),
      409,
      'COMMISSION_KIND_NOT_ALLOWED',
    );
    expect(await checksum(t)).toEqual(before);
    // Once submitted (here: as the submit leaves it), attaching is a coded 409 and the action is gone.
    await t.sql(`UPDATE evaluations SET status = 'submitted', submitted_at = now() WHERE id = $1`, [e.id]);
    expectProblem(
      await t.request('POST', `/api/v1/evaluations/${e.id}/files`, { token: eduUnit, body: pdf('补充.pdf', 'report') }),
      409,
      'EVALUATION_NOT_EDITABLE',
    );
    const after = await t.request('GET', `/api/v1/evaluations/${e.id}`, { token: eduUnit });
    expect(after.body.actions).not.toContain('attach_file');
    expect(after.body.attachments.map((a: any) => a.id)).toEqual([id]);
  });

  it('takes the signed declaration as the evaluation’s file, which the agency reads once commissioned', async () => {
    const e = await departmentEvaluation(healthOrg);
    const other = await departmentEvaluation(healthOrg);
    const declared = await t.request('POST', `/api/v1/evaluations/${e.id}/files`, { token: health, body: pdf('独立性声明.pdf', 'declaration') });
    expect(declared.status).toBe(201);
    const declaration = declared.body.attachments.find((a: any) => a.kind === 'declaration');
    expect(declaration).toMatchObject({ filename: '独立性声明.pdf' });
    const report = await t.request('POST', `/api/v1/evaluations/${e.id}/files`, { token: health, body: pdf('前期资料.pdf', 'work_paper') });
    expect(report.status).toBe(201);
    const earlier = report.body.attachments.find((a: any) => a.kind === 'work_paper');
    // Not commissioned yet: the agency does not reach the files.
    expect((await t.request('GET', `/api/v1/evaluations/files/${declaration.id}`, { token: agencyA })).status).toBe(404);
    // Another evaluation's declaration, or a file that is not a declaration, is not a reference.
    const otherDecl = await t.request('POST', `/api/v1/evaluations/${other.id}/files`, { token: health, body: pdf('其他声明.pdf', 'declaration') });
    for (const ref of [otherDecl.body.attachments[0].id, earlier.id]) {
      const refused = await commission(health, e.id, form(agency['QP-A01'], report.body.version, { declarationText: null, declarationFileId: ref }));
      expectProblem(refused, 400, 'REFERENCE_INVALID');
      expect(refused.body.errors[0].field).toBe('declarationFileId');
    }
    const done = await commission(
      health,
      e.id,
      form(agency['QP-A01'], report.body.version, { declarationText: null, declarationFileId: declaration.id }),
    );
    expect(done.status).toBe(200);
    expect(done.body.commission).toMatchObject({
      declarationAttachmentId: declaration.id,
      declarationFile: expect.objectContaining({ filename: '独立性声明.pdf' }),
      declarationText: null,
    });
    // The agency reads the declaration (and what was attached before); another agency and department do not.
    const asAgency = await t.request('GET', `/api/v1/evaluations/files/${declaration.id}?alt=media`, { token: agencyA });
    expect(asAgency.status).toBe(200);
    expect(asAgency.text).toContain('%PDF-1.4');
    expect((await t.request('GET', `/api/v1/evaluations/files/${earlier.id}`, { token: agencyA })).status).toBe(200);
    const detail = await t.request('GET', `/api/v1/evaluations/${e.id}`, { token: agencyA });
    expect(detail.body.attachments.map((a: any) => a.kind)).toEqual(['declaration', 'work_paper']);
    for (const token of [agencyB, edu]) {
      expect((await t.request('GET', `/api/v1/evaluations/files/${declaration.id}`, { token })).status).toBe(404);
    }
    // Commissioned: no further declaration.
    expectProblem(
      await t.request('POST', `/api/v1/evaluations/${e.id}/files`, { token: health, body: pdf('声明2.pdf', 'declaration') }),
      409,
      'EVALUATION_ALREADY_COMMISSIONED',
    );
  });
});
