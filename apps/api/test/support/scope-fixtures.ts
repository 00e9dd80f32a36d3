import type { TestApp } from './test-app';

/**
 * Rows the generated scope test needs in the victim's subtree (区卫生健康委员会 and its units) that
 * the demo data does not hold. The scope test picks, for every `owner` route, a row of the route's
 * entity owned inside the victim's subtree; when there is none it fails and asks for one. A module
 * whose entity has no demo row there adds a creator here, keyed by its entity class name, and
 * creates the row through the API as the finance user (so the fixture is a real, valid record).
 */
export interface FixtureContext {
  t: TestApp;
  /** Finance bureau user's access token. */
  finance: string;
  /** The victim department's organization id. */
  victimOrgId: string;
  /** Ids of the victim's units. */
  victimUnitIds: string[];
}

export const VICTIM_FIXTURES: Record<string, (ctx: FixtureContext) => Promise<void>> = {
  /** API keys are never demo data; one limited to the victim department, made by the bureau. */
  async ApiKeyEntity({ t, finance, victimOrgId }) {
    const res = await t.request('POST', '/api/v1/api-keys', {
      token: finance,
      body: { name: '卫健委数据接口（测试）', permissions: ['organization:read'], organizationId: victimOrgId },
    });
    if (res.status !== 201) throw new Error(`fixture ApiKeyEntity: ${res.status} ${res.text}`);
  },
  /** A self-evaluation of one of the victim's projects whose target is approved and that has none yet. */
  async EvaluationEntity({ t, finance, victimOrgId, victimUnitIds }) {
    const [project] = await t.sql<{ id: string }>(
      `SELECT p.id FROM projects p JOIN targets tg ON tg.project_id = p.id AND tg.status = 'approved'
        WHERE p.organization_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.project_id = p.id AND e.kind = 'self')
        ORDER BY p.code LIMIT 1`,
      [[victimOrgId, ...victimUnitIds]],
    );
    if (!project) throw new Error('fixture EvaluationEntity: the victim has no project with an approved target');
    const res = await t.request('POST', `/api/v1/evaluations/projects/${project.id}`, { token: finance, body: { kind: 'self' } });
    if (res.status !== 201) throw new Error(`fixture EvaluationEntity: ${res.status} ${res.text}`);
  },
  /**
   * A work paper attached to a finance key evaluation of one of the victim's projects, commissioned
   * by the bureau to QP-A03 — not the demo agency, which is one of the outsiders.
   */
  async EvaluationFileEntity({ t, finance, victimOrgId, victimUnitIds }) {
    const [project] = await t.sql<{ id: string; year: number }>(
      `SELECT p.id, p.year FROM projects p JOIN targets tg ON tg.project_id = p.id AND tg.status = 'approved'
        WHERE p.organization_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.project_id = p.id AND e.kind = 'finance_key')
        ORDER BY p.code LIMIT 1`,
      [[victimOrgId, ...victimUnitIds]],
    );
    if (!project) throw new Error('fixture EvaluationFileEntity: the victim has no project with an approved target');
    const started = await t.request('POST', `/api/v1/evaluations/projects/${project.id}`, {
      token: finance,
      body: { kind: 'finance_key' },
    });
    if (started.status !== 201) throw new Error(`fixture EvaluationFileEntity: ${started.status} ${started.text}`);
    // The checklist of the work year's profile, else the evaluated year's (as the API reads it).
    const [profile] = await t.sql<{ codes: string[] }>(
      `SELECT ARRAY(SELECT jsonb_array_elements(values->'evaluation'->'agencies'->'commissioningChecklist')->>'code') AS codes
         FROM policy_profiles WHERE year IN ($1, $2) ORDER BY year DESC LIMIT 1`,
      [project.year + 1, project.year],
    );
    const [agency] = await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE code = 'QP-A03'`);
    const commissioned = await t.request('POST', `/api/v1/evaluations/${started.body.id}/commission`, {
      token: finance,
      body: {
        agencyId: agency.id,
        justification: '专业性强（测试）',
        checklist: profile.codes,
        declarationSigned: true,
        declarationText: '无利害关系',
        declaredOn: '2022-04-15',
        platformReference: 'SHJX-SCOPE-0001',
        version: started.body.version,
      },
    });
    if (commissioned.status !== 200) throw new Error(`fixture EvaluationFileEntity: ${commissioned.status} ${commissioned.text}`);
    const attached = await t.request('POST', `/api/v1/evaluations/${started.body.id}/files`, {
      token: finance,
      body: { filename: '工作底稿.pdf', contentBase64: 'JVBERi0xLjQKJSVFT0YK', kind: 'work_paper' },
    });
    if (attached.status !== 201) throw new Error(`fixture EvaluationFileEntity: ${attached.status} ${attached.text}`);
  },
};

export async function createVictimFixtures(ctx: FixtureContext): Promise<void> {
  for (const create of Object.values(VICTIM_FIXTURES)) await create(ctx);
}
