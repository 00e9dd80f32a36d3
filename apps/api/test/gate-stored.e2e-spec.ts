/**
 * Issue 10: the stored budget gate (projects.gate_status / gate_reasons) and the target coverage
 * counts (target_coverage_counts) are kept current by every write, in its own transaction. A
 * property test writes random SQL sequences (targets, pre-assessments, project flags / code / year /
 * organization / kind, the year's profile) and after each step compares every stored gate with
 * libs/domain `budgetGate` computed here from the raw rows, and the counts with counts of the raw
 * rows. Seeded: GATE_STORED_SEED=<n> replays a run (the seed is printed). Then the same through
 * the API, and the functions in the database against what libs/domain generates now.
 */
import { GATE_REASON_LABELS } from '@jixiao/contracts';
import { budgetGate, preAssessmentSupports, type PolicyProfileValues } from '@jixiao/domain';
import { GATE_STORED_FUNCTIONS, gateProjectTriggerStatements } from '../src/modules/budget-gate/gate-stored.sql';
import { seededRandom } from './support/random';
import { expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';
import { copyProfiles, orgIdByName } from './support/db-state';

const Y1 = 2041;
const Y2 = 2042;
const SEED = Number(process.env.GATE_STORED_SEED ?? 20261201);
const STEPS = Number(process.env.GATE_STORED_STEPS ?? 160);

const TARGET_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'expert_review',
  'in_consultation',
  'consultation_submitted',
  'approved',
  'rejected',
];
const GRADES = [null, null, 'excellent', 'good', 'fair', 'poor'];
const SCORES = [null, '45.00', '59.99', '60.00', '72.50', '80.00', '85.00', '89.99', '90.00', '99.50'];
const PA_STATUSES = ['draft', 'submitted', 'accepted', 'accepted', 'returned'];
const CONCLUSIONS = [null, 'support', 'support_after_adjustment', 'reject'];
const READINGS = ['new_major_or_any_capital', 'new_major_or_new_capital'];
const KINDS = ['project', 'policy', 'department_overall'];

interface Row {
  id: string;
  year: number;
  code: string;
  organization_id: string;
  kind: string;
  is_new: boolean;
  is_major: boolean;
  is_capital_construction: boolean;
  gate_status: string;
  gate_reasons: string[];
  t_status: string | null;
  t_grade: string | null;
  t_score: string | null;
  pa_status: string | null;
  pa_conclusion: string | null;
  pa_adjusted: boolean | null;
}

describe('stored budget gate and coverage counts', () => {
  let t: TestApp;
  let orgs: string[];
  /** Every reason code and status the checks saw: the random walk must reach each of them. */
  const seen = new Set<string>();

  /** Every project's stored gate against `budgetGate` of its raw rows; counts against the raw rows. */
  const check = async (years: number[] | null, context: string) => {
    const rows = await t.sql<Row>(
      `SELECT p.id, p.year, p.code, p.organization_id, p.kind, p.is_new, p.is_major, p.is_capital_construction, p.gate_status, p.gate_reasons,
              t.status AS t_status, t.review_grade AS t_grade, t.review_score::text AS t_score,
              pa.status AS pa_status, pa.conclusion AS pa_conclusion, pa.adjustment_completed_at IS NOT NULL AS pa_adjusted
         FROM projects p LEFT JOIN targets t ON t.project_id = p.id LEFT JOIN pre_assessments pa ON pa.project_id = p.id
        WHERE $1::int[] IS NULL OR p.year = ANY($1::int[])`,
      [years],
    );
    const profiles = new Map(
      (await t.sql<{ year: number; values: PolicyProfileValues }>(`SELECT year, "values" FROM policy_profiles`)).map((r) => [
        r.year,
        r.values,
      ]),
    );
    // Earlier-year supporting pre-assessments need every year's rows of the codes.
    const all =
      years === null
        ? rows
        : await t.sql<Row>(
            `SELECT p.year, p.code, pa.status AS pa_status, pa.conclusion AS pa_conclusion, pa.adjustment_completed_at IS NOT NULL AS pa_adjusted
         FROM projects p JOIN pre_assessments pa ON pa.project_id = p.id`,
          );
    const supportedYears = new Map<string, number[]>();
    for (const r of all) {
      if (
        r.pa_status &&
        preAssessmentSupports({ status: r.pa_status, conclusion: r.pa_conclusion, adjustmentCompleted: r.pa_adjusted === true })
      ) {
        supportedYears.set(r.code, [...(supportedYears.get(r.code) ?? []), r.year]);
      }
    }
    const expected = rows.map((r) => {
      const gate = budgetGate(
        {
          isNew: r.is_new,
          isMajor: r.is_major,
          isCapitalConstruction: r.is_capital_construction,
          target: r.t_status ? { status: r.t_status, reviewGrade: r.t_grade, reviewScore: r.t_score } : null,
          preAssessment: r.pa_status
            ? { status: r.pa_status, conclusion: r.pa_conclusion, adjustmentCompleted: r.pa_adjusted === true }
            : null,
          earlierSupportingPreAssessment: (supportedYears.get(r.code) ?? []).some((y) => y < r.year),
        },
        profiles.get(r.year),
      );
      return { id: r.id, status: gate.status, reasons: gate.reasons.map((x) => x.code), targetStatus: r.t_status };
    });
    for (const e of expected) for (const x of [e.status, ...e.reasons]) seen.add(x);
    const stored = rows.map((r) => ({ id: r.id, status: r.gate_status, reasons: r.gate_reasons, targetStatus: r.t_status }));
    const storedTargetStatus = await t.sql<{ id: string; target_status: string | null }>(
      `SELECT id, target_status FROM projects WHERE $1::int[] IS NULL OR year = ANY($1::int[])`,
      [years],
    );
    const targetStatusById = new Map(storedTargetStatus.map((r) => [r.id, r.target_status]));
    for (const s of stored) s.targetStatus = targetStatusById.get(s.id) ?? null;
    const sort = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    try {
      expect(sort(stored)).toEqual(sort(expected));
    } catch (error) {
      throw new Error(`${context} (seed ${SEED}): ${(error as Error).message}`);
    }

    // the counts from the raw rows, the ready ones by the rule's gate (budgetGate), not the stored one
    const gateOf = new Map(expected.map((e) => [e.id, e.status]));
    const counted = new Map<string, { total: number; approved: number; ready: number }>();
    for (const r of rows) {
      const key = `${r.year}|${r.organization_id}|${r.kind}`;
      const c = counted.get(key) ?? { total: 0, approved: 0, ready: 0 };
      c.total++;
      if (r.t_status === 'approved') c.approved++;
      if (gateOf.get(r.id) === 'ready') c.ready++;
      counted.set(key, c);
    }
    const kept = await t.sql<{ year: number; organization_id: string; kind: string; total: number; approved: number; ready: number }>(
      `SELECT year, organization_id, kind, total, approved, ready FROM target_coverage_counts WHERE $1::int[] IS NULL OR year = ANY($1::int[])`,
      [years],
    );
    const keptMap = new Map(
      kept
        .filter((k) => k.total !== 0 || k.approved !== 0 || k.ready !== 0)
        .map((k) => [`${k.year}|${k.organization_id}|${k.kind}`, { total: k.total, approved: k.approved, ready: k.ready }]),
    );
    try {
      expect(Object.fromEntries(keptMap)).toEqual(Object.fromEntries(counted));
    } catch (error) {
      throw new Error(`${context}: coverage counts (seed ${SEED}): ${(error as Error).message}`);
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    await copyProfiles(t, [Y1, Y2]);
    orgs = [await orgIdByName(t, '区卫生健康委员会'), await orgIdByName(t, '青浦区中心医院'), await orgIdByName(t, '区教育局')];
  });
  afterAll(async () => t?.close());

  it('holds, for every project the demo data wrote, the gate budgetGate gives and the right counts', async () => {
    await check(null, 'after the demo data');
  });

  it('the functions in the database are the ones generated from libs/domain now (a rule change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, GATE_STORED_FUNCTIONS, {
      like: 'target\\_coverage\\_projects\\_%',
      statements: gateProjectTriggerStatements().filter((s) => s.includes('target_coverage_projects_')),
    });
  });

  it('stays equal to budgetGate and the raw counts after every step of random writes', async () => {
    console.log(`gate-stored property test: seed ${SEED} (GATE_STORED_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    const codes = Array.from({ length: 10 }, (_, i) => `GS-${i}`);
    // Two years sharing codes: most codes in both, so an earlier supporting pre-assessment counts.
    for (const [i, code] of codes.entries()) {
      for (const year of [Y1, Y2]) {
        if (year === Y2 && i % 4 === 3) continue;
        await t.sql(
          `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, is_new, is_major, is_capital_construction)
           VALUES ($1, $2, $3, $4, $5, '1000000.00', $6, $7, $8)`,
          [year, code, `存储闸门 ${code}`, rnd.pick(KINDS), rnd.pick(orgs), rnd.chance(0.6), rnd.chance(0.6), rnd.chance(0.4)],
        );
      }
    }
    await check([Y1, Y2], 'after inserting the projects');
    // Most start with a target and a pre-assessment, so the walk reaches every reason.
    for (const p of await t.sql<{ id: string; year: number; organization_id: string }>(
      `SELECT id, year, organization_id FROM projects WHERE year IN (${Y1}, ${Y2}) ORDER BY year, code`,
    )) {
      if (rnd.chance(0.7)) {
        await t.sql(
          `INSERT INTO targets (project_id, organization_id, year, status, review_grade, review_score) VALUES ($1, $2, $3, $4, $5, $6)`,
          [p.id, p.organization_id, p.year, rnd.pick(TARGET_STATUSES), rnd.pick(GRADES), rnd.pick(SCORES)],
        );
      }
      if (rnd.chance(0.7)) {
        await t.sql(
          `INSERT INTO pre_assessments (project_id, organization_id, performed_by, status, conclusion, adjustment_completed_at)
           VALUES ($1, $2, 'department', 'accepted', $3, $4)`,
          [p.id, p.organization_id, rnd.pick(CONCLUSIONS), rnd.chance(0.5) ? new Date() : null],
        );
      }
    }
    await check([Y1, Y2], 'after the first targets and pre-assessments');
    const projects = async () =>
      t.sql<{ id: string; year: number; code: string; organization_id: string; has_t: boolean; has_pa: boolean }>(
        `SELECT p.id, p.year, p.code, p.organization_id, EXISTS (SELECT 1 FROM targets WHERE project_id = p.id) AS has_t,
              EXISTS (SELECT 1 FROM pre_assessments WHERE project_id = p.id) AS has_pa
         FROM projects p WHERE p.year IN (${Y1}, ${Y2}) ORDER BY p.year, p.code`,
      );
    let extra = 0;
    for (let step = 1; step <= STEPS; step++) {
      const ps = await projects();
      const p = rnd.pick(ps);
      const op = rnd.int(16);
      let did = '';
      if (op <= 1) {
        if (p.has_t) {
          await t.sql(`DELETE FROM targets WHERE project_id = $1`, [p.id]);
          did = 'target delete';
        } else {
          const score = rnd.pick(SCORES);
          await t.sql(
            `INSERT INTO targets (project_id, organization_id, year, status, review_grade, review_score) VALUES ($1, $2, $3, $4, $5, $6)`,
            [p.id, p.organization_id, p.year, rnd.pick(TARGET_STATUSES), rnd.pick(GRADES), score],
          );
          did = 'target insert';
        }
      } else if (op === 2) {
        await t.sql(`UPDATE targets SET status = $2 WHERE project_id = $1`, [p.id, rnd.pick(TARGET_STATUSES)]);
        did = 'target status';
      } else if (op === 3) {
        await t.sql(`UPDATE targets SET review_grade = $2 WHERE project_id = $1`, [p.id, rnd.pick(GRADES)]);
        did = 'target grade';
      } else if (op === 4) {
        await t.sql(`UPDATE targets SET review_score = $2 WHERE project_id = $1`, [p.id, rnd.pick(SCORES)]);
        did = 'target score';
      } else if (op === 5) {
        if (p.has_pa) {
          await t.sql(`DELETE FROM pre_assessments WHERE project_id = $1`, [p.id]);
          did = 'pre-assessment delete';
        } else {
          await t.sql(
            `INSERT INTO pre_assessments (project_id, organization_id, performed_by, status, conclusion, adjustment_completed_at)
             VALUES ($1, $2, 'department', $3, $4, $5)`,
            [p.id, p.organization_id, rnd.pick(PA_STATUSES), rnd.pick(CONCLUSIONS), rnd.chance(0.5) ? new Date() : null],
          );
          did = 'pre-assessment insert';
        }
      } else if (op === 6) {
        await t.sql(`UPDATE pre_assessments SET status = $2 WHERE project_id = $1`, [p.id, rnd.pick(PA_STATUSES)]);
        did = 'pre-assessment status';
      } else if (op === 7) {
        await t.sql(`UPDATE pre_assessments SET conclusion = $2 WHERE project_id = $1`, [p.id, rnd.pick(CONCLUSIONS)]);
        did = 'pre-assessment conclusion';
      } else if (op === 8) {
        await t.sql(`UPDATE pre_assessments SET adjustment_completed_at = $2 WHERE project_id = $1`, [
          p.id,
          rnd.chance(0.5) ? new Date() : null,
        ]);
        did = 'pre-assessment adjustment';
      } else if (op === 9) {
        const flag = rnd.pick(['is_new', 'is_major', 'is_capital_construction']);
        await t.sql(`UPDATE projects SET ${flag} = NOT ${flag} WHERE id = $1`, [p.id]);
        did = `project ${flag}`;
      } else if (op === 10) {
        const code = rnd.chance(0.8) ? rnd.pick(codes) : `GS-x${++extra}`;
        if (!ps.some((o) => o.year === p.year && o.code === code)) {
          await t.sql(`UPDATE projects SET code = $2 WHERE id = $1`, [p.id, code]);
          did = `project code → ${code}`;
        }
      } else if (op === 11) {
        const year = p.year === Y1 ? Y2 : Y1;
        if (!ps.some((o) => o.year === year && o.code === p.code)) {
          // The target's year follows the project's, as the API keeps it.
          await t.sql(`UPDATE projects SET year = $2 WHERE id = $1`, [p.id, year]);
          await t.sql(`UPDATE targets SET year = $2 WHERE project_id = $1`, [p.id, year]);
          did = `project year → ${year}`;
        }
      } else if (op === 12) {
        await t.sql(`UPDATE projects SET organization_id = $2, kind = $3 WHERE id = $1`, [p.id, rnd.pick(orgs), rnd.pick(KINDS)]);
        did = 'project organization and kind';
      } else if (op === 13) {
        const year = rnd.pick([Y1, Y2]);
        await t.sql(
          `UPDATE policy_profiles SET "values" = jsonb_set("values", '{preAssessment,requirement}', to_jsonb($2::text)) WHERE year = $1`,
          [year, rnd.pick(READINGS)],
        );
        did = `profile ${year} R5 reading`;
      } else if (op === 14) {
        const year = rnd.pick([Y1, Y2]);
        await t.sql(
          `UPDATE policy_profiles SET "values" = jsonb_set("values", '{targetReview,grades,good}', to_jsonb($2::int)) WHERE year = $1`,
          [year, rnd.pick([70, 75, 80, 85])],
        );
        did = `profile ${year} target-review bands`;
      } else if (!p.has_t && !p.has_pa && rnd.chance(0.5)) {
        await t.sql(`DELETE FROM projects WHERE id = $1`, [p.id]);
        did = 'project delete';
      } else {
        const code = `GS-n${++extra}`;
        await t.sql(
          `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, is_new, is_major, is_capital_construction)
           VALUES ($1, $2, $3, $4, $5, '1000000.00', $6, $7, $8)`,
          [
            rnd.pick([Y1, Y2]),
            rnd.pick([code, ...codes.filter((c) => !ps.some((o) => o.code === c))]),
            `存储闸门 ${code}`,
            rnd.pick(KINDS),
            rnd.pick(orgs),
            rnd.chance(0.5),
            rnd.chance(0.5),
            rnd.chance(0.5),
          ],
        );
        did = 'project insert';
      }
      await check([Y1, Y2], `step ${step}: ${did || 'nothing'} on ${p.year} ${p.code}`);
    }
    expect([...seen].sort()).toEqual(['ready', 'blocked', ...Object.keys(GATE_REASON_LABELS)].sort());
  });

  describe('through the API', () => {
    const Y = 2043;
    let finance: string;
    let org: string;
    const gateInList = async (id: string, status: 'ready' | 'blocked') => {
      const res = await t.request('GET', `/api/v1/budget-gate?year=${Y}&status=${status}&pageSize=100`, { token: finance });
      expect(res.status).toBe(200);
      return res.body.items.find((x: { projectId: string }) => x.projectId === id) as
        { status: string; reasons: { code: string }[] } | undefined;
    };
    const gateOf = async (id: string) => {
      const res = await t.request('GET', `/api/v1/projects/${id}`, { token: finance });
      expect(res.status).toBe(200);
      return { status: res.body.gate.status, codes: res.body.gate.reasons.map((r: { code: string }) => r.code) };
    };
    const create = async (code: string, extra: Record<string, unknown>) => {
      const res = await t.request('POST', '/api/v1/projects', {
        token: finance,
        body: {
          year: Y,
          code,
          name: `闸门即时 ${code}`,
          kind: 'project',
          organizationId: org,
          budgetAmount: '500000.00',
          isNew: false,
          isMajor: false,
          isCapitalConstruction: false,
          ...extra,
        },
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; organizationId: string; gate: { status: string; reasons: { code: string }[] } };
    };

    beforeAll(async () => {
      finance = await t.login('finance');
      org = orgs[0];
      const copy = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: Y, copyFromYear: 2022 } });
      expect(copy.status).toBe(201);
    });

    it('answers a created project with its gate, and shows an approved target at once in the gate list and the project', async () => {
      const p = await create('GS-API-1', {});
      expect(p.gate).toEqual({ status: 'blocked', reasons: [expect.objectContaining({ code: 'NO_TARGET', message: '未填报绩效目标' })] });
      expect(await gateInList(p.id, 'blocked')).toMatchObject({ status: 'blocked', reasons: [{ code: 'NO_TARGET' }] });
      await t.sql(`INSERT INTO targets (project_id, organization_id, year, status) VALUES ($1, $2, $3, 'expert_review')`, [
        p.id,
        p.organizationId,
        Y,
      ]);
      expect(await gateOf(p.id)).toEqual({ status: 'blocked', codes: ['TARGET_NOT_APPROVED'] });
      await t.sql(`UPDATE targets SET status = 'approved', review_grade = 'excellent', review_score = 92 WHERE project_id = $1`, [p.id]);
      expect(await gateInList(p.id, 'ready')).toMatchObject({ status: 'ready', reasons: [] });
      expect(await gateInList(p.id, 'blocked')).toBeUndefined();
      expect(await gateOf(p.id)).toEqual({ status: 'ready', codes: [] });
      const coverage = await t.request('GET', `/api/v1/budget-gate/coverage?year=${Y}`, { token: finance });
      expect(coverage.body.summary.totals.projects).toMatchObject({ total: 1, approved: 1 });
    });

    it('answers a project update with the gate its new flags give', async () => {
      const p = await create('GS-API-2', {});
      await t.sql(`INSERT INTO targets (project_id, organization_id, year, status) VALUES ($1, $2, $3, 'approved')`, [
        p.id,
        p.organizationId,
        Y,
      ]);
      const current = (await t.request('GET', `/api/v1/projects/${p.id}`, { token: finance })).body;
      const res = await t.request('PATCH', `/api/v1/projects/${p.id}`, {
        token: finance,
        body: { version: current.version, isCapitalConstruction: true },
      });
      expect(res.status).toBe(200);
      expect(res.body.gate).toMatchObject({ status: 'blocked', reasons: [{ code: 'PRE_ASSESSMENT_MISSING' }] });
    });

    it("flips the gates of the year at once when the profile's R5 reading changes through the API", async () => {
      // Continuing capital construction: needs a pre-assessment under the seed's reading, not under the earlier one.
      const p = await create('GS-API-3', { isCapitalConstruction: true });
      await t.sql(`INSERT INTO targets (project_id, organization_id, year, status) VALUES ($1, $2, $3, 'approved')`, [
        p.id,
        p.organizationId,
        Y,
      ]);
      expect(await gateOf(p.id)).toEqual({ status: 'blocked', codes: ['PRE_ASSESSMENT_MISSING'] });
      const put = async (requirement: string) => {
        const profile = (await t.request('GET', `/api/v1/policy-profiles/${Y}`, { token: finance })).body;
        const values = { ...profile.values, preAssessment: { ...profile.values.preAssessment, requirement } };
        const res = await t.request('PUT', `/api/v1/policy-profiles/${Y}`, { token: finance, body: { version: profile.version, values } });
        expect(res.status).toBe(200);
      };
      await put('new_major_or_new_capital');
      expect(await gateOf(p.id)).toEqual({ status: 'ready', codes: [] });
      expect(await gateInList(p.id, 'ready')).toMatchObject({ status: 'ready' });
      await put('new_major_or_any_capital');
      expect(await gateOf(p.id)).toEqual({ status: 'blocked', codes: ['PRE_ASSESSMENT_MISSING'] });
      expect(await gateInList(p.id, 'blocked')).toMatchObject({ reasons: [{ code: 'PRE_ASSESSMENT_MISSING' }] });
    });
  });
});
