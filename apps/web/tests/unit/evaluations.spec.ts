import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { DEFAULT_POLICY_PROFILE, copyProfile, templateFor } from '@jixiao/domain';
import { evaluationsApi, type EvaluationDetail } from '@/api/evaluations';
import { policyProfilesApi } from '@/api/policy-profiles';
import { vAccess } from '@/directives/access';
import { DEFAULT_LOCALE, i18n, setLocale } from '@/locales';
import messages from '@/locales/modules/evaluations';
import { routes } from '@/router/routes';
import { useAuthStore } from '@/stores/auth';
import Detail from '@/views/evaluations/detail.vue';
import { dueState, lineText, startKindsFor, targetText } from '@/views/evaluations/data';
import { formChanged, formFromDetail, liveSelfScore, liveTemplateScore, saveBody, type EvaluationForm } from '@/views/evaluations/live';
import { meWith } from './helpers';

const profile = copyProfile(DEFAULT_POLICY_PROFILE);
const KEYS = ['i-out', 'i-cost', 'i-eff', 'i-sat'];

/** A self-evaluation as the API answers it: the target of the API test (≥ 120 场, ≤ 80 万元, ≥ 80 %, qualitative), 1,000,000 budget. */
const detail = (over: Partial<EvaluationDetail> = {}): EvaluationDetail => ({
  id: '00000000-0000-4000-8000-0000000000e1',
  kind: 'self',
  projectId: '00000000-0000-4000-8000-0000000000b1',
  projectCode: 'QP-D02-U01-2021-001',
  projectName: '健康讲座',
  projectKind: 'project',
  organizationId: '00000000-0000-4000-8000-0000000000c1',
  organizationName: '青浦区实验中学',
  year: 2021,
  workYear: 2022,
  status: 'draft',
  score: '50.00',
  grade: 'poor',
  executionRate: '90.00',
  agencyId: null,
  agencyName: null,
  commissionGrade: null,
  due: { rule: 'R11', due: '2022-03-31' },
  savedAt: '2022-03-01T02:00:00.000Z',
  submittedAt: null,
  completedAt: null,
  actions: ['save', 'submit'],
  version: 3,
  createdAt: '2022-02-20T02:00:00.000Z',
  executedAmount: '900000.00',
  budgetAmount: '1000000.00',
  adjustedBudget: null,
  summary: null,
  reviewComment: null,
  indicators: [
    {
      targetIndicatorId: KEYS[0],
      name: '讲座场次',
      level1: 'output',
      level2: 'quantity',
      comparison: '>=',
      target: '120',
      unit: '场',
      weight: '30.00',
      actual: '110',
      band: null,
      explanation: null,
    },
    {
      targetIndicatorId: KEYS[1],
      name: '讲座总成本',
      level1: 'cost',
      level2: 'economic_cost',
      comparison: '<=',
      target: '80',
      unit: '万元',
      weight: '20.00',
      actual: null,
      band: null,
      explanation: null,
    },
    {
      targetIndicatorId: KEYS[2],
      name: '知晓率',
      level1: 'effect',
      level2: 'social',
      comparison: '>=',
      target: '80',
      unit: '%',
      weight: '30.00',
      actual: null,
      band: null,
      explanation: null,
    },
    {
      targetIndicatorId: KEYS[3],
      name: '群众满意',
      level1: 'satisfaction',
      level2: 'recipient_satisfaction',
      comparison: 'qualitative',
      target: '群众反映良好',
      unit: null,
      weight: '20.00',
      actual: null,
      band: null,
      explanation: null,
    },
  ],
  breakdown: { dimensions: [], parts: [], lines: [], needsExplanation: [], issues: [] },
  findings: [],
  commission: null,
  attachments: [],
  spotCheck: null,
  ...over,
});

/** The form with the API test's year figures typed in. */
function typed(): EvaluationForm {
  const form = formFromDetail(detail(), profile);
  form.executedAmount = '980000.00';
  form.indicators[0].actual = '120';
  form.indicators[1].actual = '100';
  form.indicators[2].actual = '80';
  form.indicators[3].band = 'achieved';
  return form;
}

describe('the live score of a self-evaluation (libs/domain rules, as the API applies them)', () => {
  afterEach(() => setLocale(DEFAULT_LOCALE));

  it('gives the score the API gives for the same figures: 95.80, 优, the ≤ indicator at 80 % needing an explanation', () => {
    const { rate, result } = liveSelfScore(typed(), { budgetAmount: '1000000.00', adjustedBudget: null }, profile);
    expect(rate?.rate).toBe('98.00');
    expect(result.total).toBe('95.80');
    expect(result.grade).toBe('excellent');
    expect(result.lines.find((l) => l.key === KEYS[1])).toMatchObject({
      basis: 'at_most',
      degree: '80.00',
      points: '16.00',
      maxPoints: '20.00',
    });
    expect(result.needsExplanation).toEqual([KEYS[1]]);
    expect(result.issues.map((i) => [i.field, i.code])).toEqual([['indicators.1.explanation', 'EXPLANATION_REQUIRED']]);
  });

  it('divides by the adjusted budget when there is one, and scores no execution until the amount is one', () => {
    const form = typed();
    expect(liveSelfScore(form, { budgetAmount: '1000000.00', adjustedBudget: '980000.00' }, profile).rate).toMatchObject({
      rate: '100.00',
      base: 'adjusted_budget',
    });
    form.executedAmount = '98万';
    const { rate, result } = liveSelfScore(form, { budgetAmount: '1000000.00', adjustedBudget: null }, profile);
    expect(rate).toBeNull();
    expect(result.lines[0]).toMatchObject({ basis: 'not_read', points: '0.00' });
    expect(result.issues.map((i) => i.code)).toContain('EXECUTION_RATE_REQUIRED');
  });

  it('moves the satisfaction weight to effect when the target has no satisfaction indicator', () => {
    const form = typed();
    form.indicators = form.indicators.filter((i) => i.level1 !== 'satisfaction');
    const { result } = liveSelfScore(form, { budgetAmount: '1000000.00', adjustedBudget: null }, profile);
    expect(result.parts.find((p) => p.code === 'satisfaction')).toMatchObject({ effectiveWeight: '0.00', movedTo: 'effect' });
    expect(result.parts.find((p) => p.code === 'effect')).toMatchObject({ effectiveWeight: '40.00', receivedFrom: ['satisfaction'] });
    // Execution 9.80, output 30 + 16, effect 40 in full.
    expect(result.total).toBe('95.80');
  });

  it('scores an indicator system item by item, graded only once every item is scored', () => {
    const items = templateFor('project', profile).dimensions.flatMap((d) => d.items);
    const full = Object.fromEntries(items.map((i) => [i.code, String(i.points)]));
    expect(liveTemplateScore('project', full, profile)).toMatchObject({ total: '100.00', grade: 'excellent', complete: true });
    const half = liveTemplateScore('project', { ...full, [items[0].code]: '  ' }, profile);
    expect(half.grade).toBeNull();
    expect(half.issues.map((i) => i.code)).toEqual(['REQUIRED']);
    const over = liveTemplateScore('project', { ...full, [items[0].code]: '99' }, profile);
    expect(over.issues.map((i) => i.code)).toEqual(['OUT_OF_RANGE']);
  });

  it('sends what the editor shows: values or bands by comparison, trimmed, empty findings left out', () => {
    const form = typed();
    form.indicators[1].explanation = ' 场地租金上涨 ';
    form.summary = '  ';
    form.findings = [
      { finding: '目标细化不足', basis: '', amount: '120000.00', suggestedMeasure: '细化指标' },
      { finding: '', basis: '', amount: '', suggestedMeasure: '' },
    ];
    expect(saveBody('self', 3, form)).toEqual({
      version: 3,
      summary: null,
      executedAmount: '980000.00',
      indicators: [
        { targetIndicatorId: KEYS[0], actual: '120', explanation: null },
        { targetIndicatorId: KEYS[1], actual: '100', explanation: '场地租金上涨' },
        { targetIndicatorId: KEYS[2], actual: '80', explanation: null },
        { targetIndicatorId: KEYS[3], band: 'achieved', explanation: null },
      ],
      findings: [{ finding: '目标细化不足', basis: null, amount: '120000.00', suggestedMeasure: '细化指标' }],
    });
    const template: EvaluationForm = { ...form, templateScores: { basis_adequacy: '4', procedure_compliance: '' } };
    expect(saveBody('department', 3, template)).toMatchObject({
      templateScores: [
        { code: 'basis_adequacy', points: '4' },
        { code: 'procedure_compliance', points: null },
      ],
    });
    expect(saveBody('department', 3, template)).not.toHaveProperty('indicators');
  });

  it('knows when the form differs from what was loaded', () => {
    const loaded = formFromDetail(detail(), profile);
    expect(formChanged(loaded, formFromDetail(detail(), profile))).toBe(false);
    expect(formChanged(typed(), loaded)).toBe(true);
  });

  it('reads the rule lines in the UI language, with the units’ English names', () => {
    const line = {
      message: 'N2：“讲座场次”实际 120场 ÷ 目标 120场 = 100.00%',
      messageEn: 'N2: "讲座场次" actual 120场 ÷ target 120场 = 100.00%',
    };
    const indicator = { target: '120', actual: '120', unit: '场' };
    expect(lineText(line, indicator)).toBe(line.message);
    setLocale('en-US');
    expect(lineText(line, indicator)).toBe('N2: "讲座场次" actual 120 sessions ÷ target 120 sessions = 100.00%');
    expect(lineText(line, { ...indicator, unit: '%' })).toBe(line.messageEn);
    expect(targetText({ comparison: '<=', target: '80', unit: '万元' })).toBe('≤ 80.00 10k yuan');
  });

  it('offers each user the kinds of evaluation they may start', () => {
    expect(startKindsFor(meWith(['unit'], { organizationKind: 'unit', dataScope: 'own' }))).toEqual(['self']);
    expect(startKindsFor(meWith(['department'], { organizationKind: 'department', dataScope: 'subtree' }))).toEqual(['self', 'department']);
    expect(startKindsFor(meWith(['finance']))).toEqual(['finance_key']);
    expect(startKindsFor(meWith(['auditor'], { organizationKind: 'auditor' }))).toEqual([]);
    expect(startKindsFor(meWith(['agency'], { organizationKind: 'agency', dataScope: 'assigned' }))).toEqual([]);
  });

  it('marks a deadline passed only while the evaluation is not yet submitted', () => {
    const due = { rule: 'R11', due: '2022-03-31' };
    expect(dueState({ due, status: 'draft' }, '2022-04-01')).toBe('overdue');
    expect(dueState({ due, status: 'returned' }, '2022-03-31')).toBe('open');
    expect(dueState({ due, status: 'submitted' }, '2022-04-01')).toBe('done');
    expect(dueState({ due: null, status: 'draft' }, '2022-04-01')).toBe('none');
  });

  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(messages['en-US'].evaluations).sort()).toEqual(Object.keys(messages['zh-CN'].evaluations).sort());
  });
});

describe('the evaluation editor', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.spyOn(policyProfilesApi, 'get').mockResolvedValue({ values: profile } as never);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
    setLocale(DEFAULT_LOCALE);
  });

  async function mountDetail(evaluation: EvaluationDetail) {
    vi.spyOn(evaluationsApi, 'get').mockResolvedValue(evaluation);
    const wrapper = mount(Detail, {
      props: { id: evaluation.id },
      global: { plugins: [i18n, ElementPlus, createRouter({ history: createMemoryHistory(), routes })], directives: { access: vAccess } },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper;
  }

  it('scores as the unit types, keeps the saved result apart, and shows the API’s result after saving', async () => {
    useAuthStore().me = meWith(['unit'], { organizationKind: 'unit', dataScope: 'own' });
    const wrapper = await mountDetail(detail());
    expect(policyProfilesApi.get).toHaveBeenCalledWith(2021);
    const score = () => wrapper.get('[data-testid=evaluation-live-score]').text();
    // As loaded: 90 % executed, 110 of 120, the rest not read.
    expect(score()).toBe('36.50');
    expect(wrapper.get('[data-testid=evaluation-saved-score]').text()).toBe('50.00');

    await wrapper.get('[data-testid=evaluation-executed]').setValue('980,000');
    await wrapper.get('[data-testid=evaluation-actual-0]').setValue('120');
    await wrapper.get('[data-testid=evaluation-actual-1]').setValue('100');
    await wrapper.get('[data-testid=evaluation-actual-2]').setValue('80');
    const form = (wrapper.vm as unknown as { form: EvaluationForm }).form;
    form.indicators[3].band = 'achieved';
    await nextTick();
    expect(score()).toBe('95.80');
    expect(wrapper.get('[data-testid=evaluation-live-grade]').text()).toBe('优');
    expect(wrapper.get('[data-testid=evaluation-live-rate]').text()).toContain('98.00%');
    expect(wrapper.get('[data-testid=evaluation-indicator-points-1]').text()).toBe('80.00% · 16.00 / 20.00 分');
    expect(wrapper.get('[data-testid=evaluation-issues]').text()).toContain('“讲座总成本”未完全实现，须说明偏差原因');
    expect(wrapper.find('[data-testid=evaluation-unsaved]').exists()).toBe(true);
    setLocale('en-US');
    await nextTick();
    expect(wrapper.get('[data-testid=evaluation-working]').text()).toContain('target 80 10k yuan ÷ actual 100 10k yuan = 80.00%');

    const saved = detail({ version: 4, score: '95.80', grade: 'excellent', executedAmount: '980000.00' });
    const save = vi.spyOn(evaluationsApi, 'save').mockResolvedValue(saved);
    await wrapper.get('[data-testid=evaluation-save]').trigger('click');
    await flushPromises();
    expect(save).toHaveBeenCalledWith(saved.id, expect.objectContaining({ version: 3, executedAmount: '980000.00' }));
    expect(save.mock.calls[0][1].indicators?.[3]).toEqual({ targetIndicatorId: KEYS[3], band: 'achieved', explanation: null });
    expect(wrapper.get('[data-testid=evaluation-saved-score]').text()).toBe('95.80');
    wrapper.unmount();
  });

  it('says “not saved yet” instead of a score and grade until the evaluation is first saved', async () => {
    useAuthStore().me = meWith(['unit'], { organizationKind: 'unit', dataScope: 'own' });
    // As started: the API scored the pre-filled values (0.00, 差) but nothing was saved (savedAt null).
    const started = detail({ savedAt: null, score: '0.00', grade: 'poor', executedAmount: null });
    const wrapper = await mountDetail(started);
    const savedLine = () => wrapper.get('[data-testid=evaluation-saved]').text();
    expect(wrapper.get('[data-testid=evaluation-not-saved]').text()).toBe('尚未保存');
    expect(wrapper.find('[data-testid=evaluation-saved-score]').exists()).toBe(false);
    expect(savedLine()).not.toContain('0.00');
    expect(savedLine()).not.toContain('差');
    setLocale('en-US');
    await nextTick();
    expect(wrapper.get('[data-testid=evaluation-not-saved]').text()).toBe('not saved yet');

    // After the first save the API's result is shown.
    const save = vi.spyOn(evaluationsApi, 'save').mockResolvedValue(detail({ version: 4, score: '36.50', grade: 'poor' }));
    await wrapper.get('[data-testid=evaluation-save]').trigger('click');
    await flushPromises();
    expect(save).toHaveBeenCalled();
    expect(wrapper.find('[data-testid=evaluation-not-saved]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=evaluation-saved-score]').text()).toBe('36.50');
    expect(wrapper.get('[data-testid=evaluation-saved-grade]').text()).toBe('Poor');
    wrapper.unmount();
  });

  it('shows the unit the verdict of a concluded spot check, and nothing while there is none', async () => {
    useAuthStore().me = meWith(['unit'], { organizationKind: 'unit', dataScope: 'own' });
    const none = await mountDetail(detail({ status: 'completed', actions: [] }));
    expect(none.find('[data-testid=evaluation-spot-check]').exists()).toBe(false);
    none.unmount();
    const checked = await mountDetail(
      detail({
        status: 'completed',
        actions: [],
        spotCheck: {
          spotCheckId: '00000000-0000-4000-8000-0000000000f1',
          verdict: 'deficient',
          findings: '满意度未附调查样本',
          concludedAt: '2022-05-10T02:00:00.000Z',
        },
      }),
    );
    expect(checked.get('[data-testid=evaluation-spot-check-verdict]').text()).toBe('质量不合格');
    expect(checked.get('[data-testid=evaluation-spot-check-findings]').text()).toBe('满意度未附调查样本');
    expect(checked.get('[data-testid=evaluation-spot-check]').text()).toContain('2022-05-10');
    checked.unmount();
  });

  it('is read-only once submitted, offering the department its confirm and return', async () => {
    useAuthStore().me = meWith(['department'], { organizationKind: 'department', dataScope: 'subtree' });
    const submitted = detail({ status: 'submitted', actions: ['pre_review'] });
    const wrapper = await mountDetail(submitted);
    expect(wrapper.find('[data-testid=evaluation-save]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=evaluation-submit]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=evaluation-actual-0]').attributes('disabled')).toBeDefined();
    // The saved result is shown, not a recomputation.
    expect(wrapper.get('[data-testid=evaluation-live-score]').text()).toBe('50.00');

    const review = vi
      .spyOn(evaluationsApi, 'review')
      .mockResolvedValue({ ...submitted, status: 'returned', actions: [], reviewComment: '请补充说明' });
    await wrapper.get('[data-testid=evaluation-return]').trigger('click');
    await flushPromises();
    // Returning needs a comment.
    document.body.querySelector<HTMLButtonElement>('[data-testid=confirm-action-confirm]')!.click();
    await flushPromises();
    expect(review).not.toHaveBeenCalled();
    const note = document.body.querySelector<HTMLTextAreaElement>('[data-testid=confirm-action-note]')!;
    note.value = '请补充说明';
    note.dispatchEvent(new Event('input'));
    document.body.querySelector<HTMLButtonElement>('[data-testid=confirm-action-confirm]')!.click();
    await flushPromises();
    expect(review).toHaveBeenCalledWith(submitted.id, submitted.version, 'return', '请补充说明');
    expect(wrapper.get('[data-testid=evaluation-detail-status]').text()).toBe('已退回');
    wrapper.unmount();
  });

  it('scores a department evaluation on the profile’s indicator system', async () => {
    useAuthStore().me = meWith(['department'], { organizationKind: 'department', dataScope: 'subtree' });
    const wrapper = await mountDetail(detail({ kind: 'department', indicators: [], score: null, grade: null }));
    const items = templateFor('project', profile).dimensions.flatMap((d) => d.items);
    await wrapper.get(`[data-testid=template-score-${items[0].code}]`).setValue(String(items[0].points));
    expect(wrapper.get('[data-testid=evaluation-live-score]').text()).toBe(`${items[0].points.toFixed(2)}`);
    expect(wrapper.find('[data-testid=evaluation-live-grade]').exists()).toBe(false);
    wrapper.unmount();
  });
});
