/**
 * Segregation of duties, everywhere a workflow has two sides ("whoever asks never approves"): for
 * every rule `notByActorOf` of every declared ActionRules table, the same caller — a user holding
 * both permissions, and an API key holding both — takes the first side, does not see the second in
 * the record's `actions`, is refused it with 403 SEGREGATION_OF_DUTIES naming the earlier step with
 * nothing written; someone else then takes it. The last test fails when a table declares a rule
 * that no case here covers.
 */
import { creditCodeCheckCharacter, declaredActionRules, segregatedFrom } from '@jixiao/domain';
import { checksum, copyUser as copyUserAs, orgIdByName, userIdByName } from './support/db-state';
import { expectProblem } from './support/http';
import { type Answer, startTestApp, type TestApp } from './support/test-app';

const PDF = Buffer.from('%PDF-1.4\n% 职责分离测试\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'utf8');
const goodContent = () => ({
  overallGoal: '开展社区健康讲座 120 场，覆盖居民 6000 人次',
  annualGoals: ['2022 年完成 120 场讲座'],
  indicators: [
    { level1: 'output', level2: 'quantity', name: '健康讲座场次', comparison: '>=', value: '120', unit: '场', weight: 30 },
    { level1: 'effect', level2: 'social', name: '居民健康知识知晓率', comparison: '>=', value: '85', unit: '%', weight: 30 },
    {
      level1: 'satisfaction',
      level2: 'recipient_satisfaction',
      name: '参加居民满意度',
      comparison: '>=',
      value: '90',
      unit: '%',
      weight: 20,
    },
    { level1: 'cost', level2: 'economic_cost', name: '讲座总成本', comparison: '<=', value: '80', unit: '万元', weight: 20 },
  ],
});
const SCORES_70 = { necessity: 14, economy: 14, target_reasonableness: 14, feasibility: 14, funding_compliance: 14 };

/** A caller: a user's token or an API key, with its id as the record keeps it. */
interface Who {
  label: string;
  id: string;
  token?: string;
  apiKey?: string;
}

interface Case {
  /** The ActionRules table (its audit prefix) and the actions of it this case covers. */
  table: string;
  actions: string[];
  earlier: string;
  /** Who takes both sides (each in turn: a user, and an API key where one can), and who then takes the second side. */
  same: string[];
  other: string;
  /** A record ready for the first side; returns its id. */
  prepare: () => Promise<string>;
  /** The first side; returns the id the second side acts on (the record, or e.g. the change request it created). */
  first: (who: Who, id: string) => Promise<string>;
  /** Steps by others between the two sides (e.g. the experts' scoring before a conclusion). */
  between?: (id: string) => Promise<void>;
  second: (who: Who, id: string) => Promise<Answer>;
  /** The record as `who` reads it: its `actions`. */
  actionsOf: (who: Who, id: string) => Promise<string[]>;
  /** The name of the second side in `actions`, when it differs from the rule's action. */
  offered?: string;
}

describe('segregation of duties: whoever asks never approves', () => {
  let t: TestApp;
  const who: Record<string, Who> = {};
  let healthOrg: string;
  let eduUnitOrg: string;
  let categoryId: string;
  let seq = 0;

  const send = (caller: Who, method: string, path: string, body?: unknown) =>
    t.request(method, `/api/v1${path}`, { token: caller.token, apiKey: caller.apiKey, body });
  const ok = async (res: Answer | Promise<Answer>): Promise<any> => {
    const r = await res;
    if (r.status >= 300) throw new Error(`expected success, got ${r.status} ${r.text.slice(0, 300)}`);
    return r.body;
  };
  const version = async (path: string) => (await ok(send(who.finance, 'GET', path))).version as number;

  /** A second user like `from` (same organization and password), with other roles when given. */
  async function copyUser(from: string, username: string, displayName: string, roles?: string[]): Promise<Who> {
    return { label: username, ...(await copyUserAs(t, from, username, displayName, roles)) };
  }

  async function apiKey(label: string, permissions: string[], organizationId: string | null = null): Promise<Who> {
    const body = await ok(send(who.finance, 'POST', '/api-keys', { name: label, permissions, organizationId }));
    return { label, id: body.id, apiKey: body.key };
  }

  async function project(orgId: string, extra: { key?: boolean; preAssessment?: boolean } = {}): Promise<string> {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, manual_key_basis, manual_key_reason, is_new, is_major)
       VALUES (2022, $1, $2, 'project', $3, '800000.00', $4, $5, $6, $6) RETURNING id`,
      [
        `SOD-${process.pid}-${++seq}`,
        `职责分离测试项目 ${seq}`,
        orgId,
        extra.key ? 'DISTRICT_PRIORITY' : null,
        extra.key ? '区重点任务' : null,
        !!extra.preAssessment,
      ],
    );
    return row.id;
  }

  async function target(orgId: string, token: string, key = false): Promise<string> {
    return (await ok(t.request('POST', `/api/v1/targets/projects/${await project(orgId, { key })}`, { token, body: goodContent() }))).id;
  }

  /** A pre-assessment scored, concluded and with its report, ready to submit. */
  async function readyPreAssessment(conclusion: 'support' | 'support_after_adjustment'): Promise<string> {
    const health = who.health;
    const pa = await ok(
      send(health, 'POST', `/pre-assessments/projects/${await project(healthOrg, { preAssessment: true })}`, { performedBy: 'department' }),
    );
    const concluded = await ok(
      send(health, 'PATCH', `/pre-assessments/${pa.id}`, {
        version: pa.version,
        scores: SCORES_70,
        conclusion,
        ...(conclusion === 'support_after_adjustment' ? { adjustmentRequired: '压减培训费 20 万元' } : { departureReason: '测试' }),
      }),
    );
    const form = new FormData();
    form.append('version', String(concluded.version));
    form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), '报告.pdf');
    const res = await fetch(`${t.baseUrl}/api/v1/pre-assessments/${pa.id}/report`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${health.token}` },
      body: form,
    });
    if (res.status !== 200) throw new Error(`report upload failed: ${res.status} ${await res.text()}`);
    return pa.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    who.finance = { label: 'finance', id: await userIdByName(t, 'finance'), token: await t.login('finance') };
    who.health = { label: 'health', id: await userIdByName(t, 'health'), token: await t.login('health') };
    who.edu = { label: 'edu', id: await userIdByName(t, 'edu'), token: await t.login('edu') };
    who.eduUnit = { label: 'edu-unit', id: await userIdByName(t, 'edu-unit'), token: await t.login('edu-unit') };
    who.expert = { label: 'expert', id: await userIdByName(t, 'expert'), token: await t.login('expert') };
    who.finance2 = await copyUser('finance', 'sod-finance-2', '财政局复核员（测试）');
    who.edu2 = await copyUser('edu', 'sod-edu-2', '教育局复核员（测试）');
    // A department user who was also given the bureau's role: submits its own list and could file it.
    who.dual = await copyUser('health', 'sod-dual', '卫健委兼财政（测试）', ['department', 'finance']);
    // A bureau clerk who is also a review expert (experts may belong to the bureau).
    who.financeExpert = await copyUser('finance', 'sod-finance-expert', '财政局兼评审专家（测试）', ['finance', 'expert']);
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    const eduOrg = await orgIdByName(t, '区教育局');
    [{ id: eduUnitOrg }] = await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE parent_id = $1 ORDER BY code LIMIT 1`, [eduOrg]);
    [{ id: categoryId }] = await t.sql<{ id: string }>(
      `SELECT c.id FROM indicator_categories c JOIN indicator_categories p ON p.id = c.parent_id WHERE c.name = '效益' AND p.name = '公共卫生'`,
    );
    await ok(send(who.finance, 'POST', '/experts', { userId: who.financeExpert.id, sectors: ['health'] }));
    who.targetKey = await apiKey('绩效目标系统（测试）', ['target:read', 'target:write', 'target_review:review', 'target_review:read']);
    who.eduKey = await apiKey('教育局目标系统（测试）', ['target:read', 'target:write', 'target:pre_review'], eduOrg);
    who.paKey = await apiKey('事前评估系统（测试）', ['pre_assessment:read', 'pre_assessment:write', 'pre_assessment:review']);
    who.indicatorKey = await apiKey('指标库系统（测试）', ['indicator:read', 'indicator:write', 'indicator:manage']);
    who.eduEvalKey = await apiKey('教育局评价系统（测试）', ['evaluation:read', 'evaluation:write', 'evaluation:pre_review'], eduOrg);
    who.agencyKey = await apiKey('机构名录系统（测试）', ['agency:read', 'agency:manage']);
  });
  afterAll(async () => t?.close());

  /** A new agency for the registry, with a unique code and a credit code whose check character fits. */
  const newAgency = () => {
    const body = `91310118QPA${String(process.pid % 1000).padStart(3, '0')}${String(++seq).padStart(3, '0')}`;
    return { code: `SOD-A-${process.pid}-${seq}`, name: `职责分离测试机构 ${seq}`, creditCode: body + creditCodeCheckCharacter(body) };
  };

  const targetActions = async (w: Who, id: string) => (await ok(send(w, 'GET', `/targets/${id}`))).actions as string[];
  const submitTarget = async (w: Who, id: string) => {
    await ok(send(w, 'POST', `/targets/${id}/submit`, { version: await version(`/targets/${id}`) }));
    return id;
  };

  const CONCLUDE = ['conclude_approve', 'conclude_consult', 'conclude_return', 'conclude_reject'];

  /**
   * The bureau's review of a target submitted by the caller — straight to the bureau (a department's
   * target) or through its department first (a unit's target, pre-reviewed by someone else): pass,
   * pass to expert review (a key project), or conclude the review (one route: the scores choose which
   * of the four conclude actions it is, all under the same rule).
   */
  function reviewCase(actions: string[], earlier: 'submit' | 'submit_to_department', key: boolean): Case {
    const conclude = actions === CONCLUDE;
    return {
      table: 'target',
      actions,
      earlier,
      offered: conclude ? 'conclude' : undefined,
      same: ['finance', 'targetKey'],
      other: 'finance2',
      prepare: () => (earlier === 'submit' ? target(healthOrg, who.health.token!, key) : target(eduUnitOrg, who.eduUnit.token!, key)),
      first: submitTarget,
      between: async (id) => {
        if (earlier === 'submit_to_department') {
          await ok(send(who.edu2, 'POST', `/targets/${id}/department-review/pass`, { version: await version(`/targets/${id}`) }));
        }
        if (!conclude) return;
        await ok(send(who.finance2, 'POST', `/targets/${id}/pass`, { version: await version(`/targets/${id}`) }));
        const [review] = await ok(send(who.finance2, 'POST', `/target-reviews/${id}/assignments`, { expertUserIds: [who.expert.id] }));
        await ok(
          send(who.expert, 'POST', `/target-reviews/${review.id}/submit`, { version: review.version, score: 95, opinion: '目标明确' }),
        );
      },
      second: async (w, id) =>
        send(w, 'POST', conclude ? `/targets/${id}/conclude-review` : `/targets/${id}/pass`, { version: await version(`/targets/${id}`) }),
      actionsOf: targetActions,
    };
  }

  const CASES: Case[] = [
    {
      table: 'key_project_list',
      actions: ['file'],
      earlier: 'submit',
      same: ['dual'],
      other: 'finance',
      prepare: async () => {
        const list = await ok(send(who.health, 'GET', '/key-project-lists/current?year=2022'));
        if (list.status === 'submitted')
          await ok(send(who.finance, 'POST', `/key-project-lists/${list.id}/return`, { version: list.version, comment: '测试退回' }));
        if (list.status === 'filed')
          await ok(send(who.health, 'POST', `/key-project-lists/${list.id}/amend`, { version: list.version, reason: '测试修订' }));
        return list.id;
      },
      first: async (w, id) => {
        await ok(
          send(w, 'POST', `/key-project-lists/${id}/submit`, { version: await version(`/key-project-lists/${id}`), note: '职责分离测试' }),
        );
        return id;
      },
      second: async (w, id) => send(w, 'POST', `/key-project-lists/${id}/file`, { version: await version(`/key-project-lists/${id}`) }),
      actionsOf: async (w, id) => (await ok(send(w, 'GET', `/key-project-lists/${id}`))).actions,
    },
    {
      table: 'pre_assessment',
      actions: ['accept'],
      earlier: 'submit',
      same: ['finance', 'paKey'],
      other: 'finance2',
      prepare: () => readyPreAssessment('support'),
      first: async (w, id) => {
        await ok(send(w, 'POST', `/pre-assessments/${id}/submit`, { version: await version(`/pre-assessments/${id}`) }));
        return id;
      },
      second: async (w, id) => send(w, 'POST', `/pre-assessments/${id}/accept`, { version: await version(`/pre-assessments/${id}`) }),
      actionsOf: async (w, id) => (await ok(send(w, 'GET', `/pre-assessments/${id}`))).actions,
    },
    {
      table: 'pre_assessment',
      actions: ['adjustment_complete'],
      earlier: 'accept',
      same: ['finance', 'paKey'],
      other: 'health',
      prepare: async () => {
        const id = await readyPreAssessment('support_after_adjustment');
        await ok(send(who.health, 'POST', `/pre-assessments/${id}/submit`, { version: await version(`/pre-assessments/${id}`) }));
        return id;
      },
      first: async (w, id) => {
        await ok(send(w, 'POST', `/pre-assessments/${id}/accept`, { version: await version(`/pre-assessments/${id}`) }));
        return id;
      },
      second: async (w, id) =>
        send(w, 'POST', `/pre-assessments/${id}/adjustment-complete`, { version: await version(`/pre-assessments/${id}`), note: '已压减' }),
      actionsOf: async (w, id) => (await ok(send(w, 'GET', `/pre-assessments/${id}`))).actions,
    },
    {
      table: 'target',
      actions: ['department_pass'],
      earlier: 'submit_to_department',
      same: ['edu', 'eduKey'],
      other: 'edu2',
      prepare: () => target(eduUnitOrg, who.eduUnit.token!),
      first: submitTarget,
      second: async (w, id) => send(w, 'POST', `/targets/${id}/department-review/pass`, { version: await version(`/targets/${id}`) }),
      actionsOf: targetActions,
    },
    ...(['submit', 'submit_to_department'] as const).flatMap((earlier) => [
      reviewCase(['pass'], earlier, false),
      reviewCase(['pass_to_expert_review'], earlier, true),
      reviewCase(CONCLUDE, earlier, true),
    ]),
    {
      // A bureau clerk who is also in the expert pool scores a target, then may not conclude its review.
      table: 'target',
      actions: CONCLUDE,
      earlier: 'expert_score',
      offered: 'conclude',
      same: ['financeExpert'],
      other: 'finance2',
      prepare: async () => {
        const id = await target(healthOrg, who.health.token!, true);
        await submitTarget(who.health, id);
        await ok(send(who.finance2, 'POST', `/targets/${id}/pass`, { version: await version(`/targets/${id}`) }));
        await ok(send(who.finance2, 'POST', `/target-reviews/${id}/assignments`, { expertUserIds: [who.financeExpert.id] }));
        return id;
      },
      first: async (w, id) => {
        const [review] = (await ok(send(w, 'GET', '/target-reviews/mine?status=assigned&pageSize=100'))).items.filter(
          (r: any) => r.targetId === id,
        );
        await ok(send(w, 'POST', `/target-reviews/${review.id}/submit`, { version: review.version, score: 95, opinion: '目标明确' }));
        return id;
      },
      second: async (w, id) => send(w, 'POST', `/targets/${id}/conclude-review`, { version: await version(`/targets/${id}`) }),
      actionsOf: targetActions,
    },
    {
      table: 'target',
      actions: ['consultation_confirm'],
      earlier: 'consultation_submit',
      same: ['finance', 'targetKey'],
      other: 'finance2',
      prepare: async () => {
        const id = await target(healthOrg, who.health.token!);
        // Fixture: the target as the expert review leaves it at 良 (N5), without running the review.
        await t.sql(`UPDATE targets SET status = 'in_consultation', consultation_comment = '请细化指标' WHERE id = $1`, [id]);
        return id;
      },
      first: async (w, id) => {
        await ok(send(w, 'POST', `/targets/${id}/consultation/submit`, { version: await version(`/targets/${id}`) }));
        return id;
      },
      second: async (w, id) => send(w, 'POST', `/targets/${id}/consultation/confirm`, { version: await version(`/targets/${id}`) }),
      actionsOf: targetActions,
    },
    {
      table: 'target.change_request',
      actions: ['approve'],
      earlier: 'create',
      same: ['finance', 'targetKey'],
      other: 'finance2',
      prepare: async () => {
        const id = await target(healthOrg, who.health.token!);
        await t.sql(`UPDATE targets SET status = 'approved', approved_at = now() WHERE id = $1`, [id]);
        return id;
      },
      first: async (w, id) => {
        const proposal = goodContent();
        proposal.indicators[0].value = '130';
        return (await ok(send(w, 'POST', `/targets/${id}/change-requests`, { reason: '职责分离测试', ...proposal }))).id;
      },
      second: async (w, id) =>
        send(w, 'POST', `/targets/change-requests/${id}/approve`, { version: await version(`/targets/change-requests/${id}`) }),
      actionsOf: async (w, id) => (await ok(send(w, 'GET', `/targets/change-requests/${id}`))).actions,
    },
    {
      table: 'indicator',
      actions: ['accept'],
      earlier: 'propose',
      same: ['finance', 'indicatorKey'],
      other: 'finance2',
      prepare: async () => '',
      first: async (w) =>
        (
          await ok(
            send(w, 'POST', '/indicators/proposals', {
              organizationId: healthOrg,
              categoryId,
              level1: 'effect',
              level2: 'social',
              name: `职责分离测试指标 ${++seq}`,
              comparison: '>=',
              value: '60',
              unit: '%',
              standardSource: 'plan',
            }),
          )
        ).id,
      second: async (w, id) => send(w, 'POST', `/indicators/${id}/accept`, { version: await version(`/indicators/proposals/${id}`) }),
      actionsOf: async (w, id) => (await ok(send(w, 'GET', `/indicators/proposals/${id}`))).actions,
    },
    {
      table: 'tracking',
      actions: ['review'],
      earlier: 'create',
      same: ['finance'],
      other: 'finance2',
      prepare: async () => {
        const id = await target(healthOrg, who.health.token!);
        await t.sql(`UPDATE targets SET status = 'approved', approved_at = now() WHERE id = $1`, [id]);
        const [{ project_id }] = await t.sql<{ project_id: string }>(`SELECT project_id FROM targets WHERE id = $1`, [id]);
        return project_id;
      },
      // As of 31 March no checkpoint applies and nothing was read: no warning waits for an answer.
      first: async (w, projectId) =>
        (await ok(send(w, 'POST', `/trackings/projects/${projectId}`, { asOf: '2022-03-31', executedAmount: '1.00' }))).id,
      second: async (w, id) => send(w, 'POST', `/trackings/${id}/review`, { version: await version(`/trackings/${id}`) }),
      actionsOf: async (w, id) => (await ok(send(w, 'GET', `/trackings/${id}`))).actions,
    },
    {
      table: 'evaluation',
      actions: ['pre_review'],
      earlier: 'submit',
      same: ['edu', 'eduEvalKey'],
      other: 'edu2',
      // A unit's project with an approved target: the department fills and submits its self-evaluation.
      prepare: async () => {
        const id = await target(eduUnitOrg, who.eduUnit.token!);
        await t.sql(`UPDATE targets SET status = 'approved', approved_at = now() WHERE id = $1`, [id]);
        const [{ project_id }] = await t.sql<{ project_id: string }>(`SELECT project_id FROM targets WHERE id = $1`, [id]);
        return project_id;
      },
      first: async (w, projectId) => {
        const ev = await ok(send(w, 'POST', `/evaluations/projects/${projectId}`, { kind: 'self' }));
        const indicators = (ev.indicators as { targetIndicatorId: string; comparison: string }[]).map((i) => ({
          targetIndicatorId: i.targetIndicatorId,
          actual: i.comparison === '<=' ? '70' : '200',
        }));
        const saved = await ok(send(w, 'PUT', `/evaluations/${ev.id}`, { version: ev.version, executedAmount: '800000.00', indicators }));
        await ok(send(w, 'POST', `/evaluations/${ev.id}/submit`, { version: saved.version }));
        return ev.id;
      },
      second: async (w, id) => send(w, 'POST', `/evaluations/${id}/review`, { version: await version(`/evaluations/${id}`), decision: 'confirm' }),
      actionsOf: async (w, id) => (await ok(send(w, 'GET', `/evaluations/${id}`))).actions,
    },
    ...(['suspend', 'blacklist'] as const).map((earlier): Case => ({
      table: 'agency',
      actions: ['reinstate'],
      earlier,
      same: ['finance', 'agencyKey'],
      other: 'finance2',
      prepare: async () => (await ok(send(who.finance2, 'POST', '/agencies', newAgency()))).id,
      first: async (w, id) => {
        await ok(send(w, 'POST', `/agencies/${id}/state`, { version: await version(`/agencies/${id}`), action: earlier, reason: '职责分离测试' }));
        return id;
      },
      second: async (w, id) =>
        send(w, 'POST', `/agencies/${id}/state`, { version: await version(`/agencies/${id}`), action: 'reinstate', reason: '整改完成' }),
      actionsOf: async (w, id) => (await ok(send(w, 'GET', `/agencies/${id}`))).actions,
    })),
  ];

  describe.each(CASES.map((c) => [`${c.table}: ${c.actions.join(' / ')} after ${c.earlier}`, c] as const))('%s', (_name, c) => {
    it.each(c.same)('refuses %s, who took the earlier step, and lets someone else take it', async (label) => {
      const same = who[label];
      const recordId = await c.prepare();
      const id = await c.first(same, recordId);
      if (c.between) await c.between(recordId);
      expect(await c.actionsOf(same, id)).not.toContain(c.offered ?? c.actions[0]);
      expect(await c.actionsOf(who[c.other], id)).toContain(c.offered ?? c.actions[0]);

      const before = await checksum(t);
      const refused = await c.second(same, id);
      expectProblem(refused, 403, 'SEGREGATION_OF_DUTIES');
      expect(refused.body.earlierAction).toBe(c.earlier);
      expect(refused.body.message).toContain('职责分离');
      expect(refused.body.messageEn).toContain('Segregation of duties');
      expect(await checksum(t)).toEqual(before);
      const [audited] = await t.sql<{ n: string }>(
        `SELECT count(*) AS n FROM audit_logs WHERE actor_id = $1 AND result = 'failure' AND error_code = 'SEGREGATION_OF_DUTIES'`,
        [same.id],
      );
      expect(Number(audited.n)).toBeGreaterThan(0);

      const taken = await c.second(who[c.other], id);
      expect(taken.status).toBeLessThan(300);
    });
  });

  it('covers every segregation rule of every declared ActionRules table', () => {
    const covered = new Set(CASES.flatMap((c) => c.actions.map((a) => `${c.table}.${a} after ${c.earlier}`)));
    const rules: string[] = [];
    for (const [table, actions] of declaredActionRules()) {
      for (const [action, rule] of Object.entries(actions))
        for (const earlier of segregatedFrom(rule)) rules.push(`${table}.${action} after ${earlier}`);
    }
    expect(rules.length).toBeGreaterThanOrEqual(20);
    expect(rules.filter((r) => !covered.has(r))).toEqual([]);
  });
});
