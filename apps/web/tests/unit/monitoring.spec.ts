import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { DEFAULT_POLICY_PROFILE, copyProfile } from '@jixiao/domain';
import { policyProfilesApi } from '@/api/policy-profiles';
import { trackingsApi, type TrackingDetail } from '@/api/trackings';
import { vAccess } from '@/directives/access';
import { DEFAULT_LOCALE, i18n, setLocale } from '@/locales';
import { routes } from '@/router/routes';
import messages from '@/locales/modules/monitoring';
import { useAuthStore } from '@/stores/auth';
import Detail from '@/views/monitoring/detail.vue';
import LiveWorking from '@/views/monitoring/modules/live-working.vue';
import { degreeWorking } from '@/views/monitoring/data';
import { adjustedBudgetOn, liveWorking, type LiveIndicator } from '@/views/monitoring/working';
import { meWith } from './helpers';

const profile = copyProfile(DEFAULT_POLICY_PROFILE);
const indicator = (over: Partial<LiveIndicator> = {}): LiveIndicator => ({
  key: 'i1',
  comparison: '>=',
  yearValue: '100',
  weight: null,
  valueSoFar: '',
  band: '',
  ...over,
});
const input = (over: Partial<Parameters<typeof liveWorking>[0]> = {}) => ({
  asOf: '2022-04-30',
  executedAmount: '2499000.00',
  budgetAmount: '10000000.00',
  adjustments: [],
  indicators: [],
  profile,
  ...over,
});

describe('the live working of a tracking (libs/domain rules, as the API applies them)', () => {
  afterEach(() => setLocale(DEFAULT_LOCALE));

  it('warns at 24.99 % on 30 April and not at 25.00 %', () => {
    const below = liveWorking(input());
    expect(below.rate?.rate).toBe('24.99');
    expect(below.warnings?.map((w) => w.code)).toEqual(['EXECUTION_BELOW_CHECKPOINT']);
    expect(below.warnings?.[0].message).toContain('25.00%');
    expect(liveWorking(input({ executedAmount: '2500000.00' })).warnings).toEqual([]);
  });

  it('computes on the adjusted budget approved on or before the as-of date only', () => {
    const adjustments = [
      { amount: '5000000.00', approvedOn: '2022-05-10' },
      { amount: '8000000.00', approvedOn: '2022-03-01' },
    ];
    expect(adjustedBudgetOn(adjustments, '2022-04-30')).toBe('8000000.00');
    expect(adjustedBudgetOn(adjustments, '2022-02-28')).toBeNull();
    const w = liveWorking(input({ adjustments, executedAmount: '2000000.00' }));
    expect(w.rate).toMatchObject({ rate: '25.00', base: 'adjusted_budget', baseAmount: '8000000.00' });
  });

  it('computes the degree from the readings and warns on deviation', () => {
    const w = liveWorking(
      input({
        asOf: '2022-06-30',
        executedAmount: '4000000.00',
        indicators: [indicator({ valueSoFar: '90' }), indicator({ key: 'i2', comparison: '<=', yearValue: '5', valueSoFar: '10' })],
      }),
    );
    expect(w.achievement?.lines.map((l) => [l.basis, l.degree])).toEqual([
      ['ratio', '90.00'],
      ['inverse_ratio', '50.00'],
    ]);
    expect(w.achievement?.degree).toBe('70.00');
    expect(w.warnings?.map((w) => w.code)).toEqual(['DEVIATION']);
  });

  it('computes nothing until the date and the amount are valid', () => {
    expect(liveWorking(input({ executedAmount: 'abc' })).rate).toBeNull();
    expect(liveWorking(input({ asOf: '2022-02-30' })).warnings).toBeNull();
    expect(liveWorking(input({ budgetAmount: '0.00' })).rate).toBeNull();
  });

  it('shows the division, the degrees and the warnings in the UI language', async () => {
    const working = liveWorking(input({ indicators: [indicator({ valueSoFar: '30' })] }));
    const wrapper = mount(LiveWorking, {
      props: { working, executedAmount: '2499000.00', rows: { i1: { name: '完成数量', yearValue: '100', valueSoFar: '30' } } },
      global: { plugins: [i18n, ElementPlus] },
    });
    expect(wrapper.get('[data-testid=live-rate]').text()).toContain('2,499,000.00 元 ÷ 年初预算 10,000,000.00 元 = 24.99%');
    expect(wrapper.get('[data-testid=live-lines]').text()).toContain('完成数量');
    expect(wrapper.get('[data-testid=live-lines]').text()).toContain('完成值 ÷ 全年目标值：30 ÷ 100 = 30.00%');
    expect(wrapper.get('[data-testid=live-warning-EXECUTION_BELOW_CHECKPOINT]').text()).toContain('累计预算执行率应不低于 25.00%');
    setLocale('en-US');
    await nextTick();
    expect(wrapper.get('[data-testid=live-warning-EXECUTION_BELOW_CHECKPOINT]').text()).toContain('must be at least 25.00%');
    expect(wrapper.get('[data-testid=live-rate]').text()).toContain('= 24.99%');
  });

  it('labels each degree with its working, never dividing by a value at or under a ≤ target', () => {
    expect(degreeWorking('ratio', { valueSoFar: '40', yearValue: '100' }, '40.00')).toBe('完成值 ÷ 全年目标值：40 ÷ 100 = 40.00%');
    expect(degreeWorking('inverse_ratio', { valueSoFar: '0', yearValue: '500' }, '100.00')).toBe('全年目标值 ÷ 完成值（越小越好）：0 ≤ 500 → 100.00%');
    expect(degreeWorking('inverse_ratio', { valueSoFar: '10', yearValue: '5' }, '50.00')).toBe('全年目标值 ÷ 完成值（越小越好）：5 ÷ 10 = 50.00%');
    setLocale('en-US');
    expect(degreeWorking('band', { valueSoFar: null, yearValue: '好', bandLabel: 'Mostly' }, '80.00')).toBe('qualitative band: Mostly = 80.00%');
    expect(degreeWorking('not_read', { valueSoFar: null, yearValue: '5' }, null)).toBe('not read');
  });

  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(messages['en-US'].monitoring).sort()).toEqual(Object.keys(messages['zh-CN'].monitoring).sort());
  });
});

const detail = (over: Partial<TrackingDetail> = {}): TrackingDetail => ({
  id: '00000000-0000-4000-8000-0000000000a1',
  projectId: '00000000-0000-4000-8000-0000000000b1',
  projectCode: 'XM-001',
  projectName: '道路养护',
  organizationId: '00000000-0000-4000-8000-0000000000c1',
  organizationName: '区卫健委',
  year: 2022,
  asOf: '2022-12-30',
  executedAmount: '2499000.00',
  base: 'budget',
  baseAmount: '10000000.00',
  executionRate: '24.99',
  achievementRate: null,
  round: 'first_tracking',
  roundDue: '2022-08-31',
  note: null,
  fundSources: [],
  warnings: [
    {
      id: '00000000-0000-4000-8000-0000000000d1',
      code: 'EXECUTION_BELOW_CHECKPOINT',
      rule: 'N7',
      threshold: '90.00',
      actual: '24.99',
      checkpointMonth: 11,
      message: 'N7：截至11月末累计预算执行率应不低于 90.00%',
      messageEn: 'N7: cumulative execution must be at least 90.00% by the end of month 11',
      answerDue: '2023-01-13',
      yearsWithoutCalendar: [2023],
      answer: null,
      answeredOn: null,
      answeredLate: false,
      answerReason: null,
      answerAmount: null,
    },
  ],
  reviewStatus: 'pending',
  reviewComment: null,
  reviewedAt: null,
  actions: [],
  version: 1,
  createdAt: '2022-12-30T02:00:00.000Z',
  indicators: [],
  ...over,
});

describe('the tracking page', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.spyOn(policyProfilesApi, 'get').mockResolvedValue({ values: profile } as never);
    vi.spyOn(trackingsApi, 'budgetHistory').mockResolvedValue({ projectId: 'p', budgetAmount: '10000000.00', adjustedBudget: null, items: [] });
  });
  afterEach(() => {
    document.body.innerHTML = '';
    setLocale(DEFAULT_LOCALE);
  });

  async function mountDetail(tracking: TrackingDetail) {
    vi.spyOn(trackingsApi, 'get').mockResolvedValue(tracking);
    const wrapper = mount(Detail, {
      props: { id: tracking.id },
      global: { plugins: [i18n, ElementPlus, createRouter({ history: createMemoryHistory(), routes })], directives: { access: vAccess } },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper;
  }

  it('notes a year without a working calendar and shows the review only when the API offers it', async () => {
    useAuthStore().me = meWith(['unit'], { dataScope: 'own' });
    const wrapper = await mountDetail(detail());
    expect(wrapper.get('[data-testid=tracking-execution-rate]').text()).toBe('24.99%');
    expect(wrapper.get('[data-testid=warning-message]').text()).toContain('应不低于 90.00%');
    expect(wrapper.get('[data-testid=warning-no-calendar]').text()).toContain('2023 年尚无工作日历');
    expect(wrapper.find('[data-testid=tracking-review]').exists()).toBe(false);
    setLocale('en-US');
    await nextTick();
    expect(wrapper.get('[data-testid=warning-message]').text()).toContain('must be at least 90.00%');
    wrapper.unmount();

    useAuthStore().me = meWith(['finance']);
    const reviewer = await mountDetail(detail({ actions: ['review'] }));
    expect(reviewer.find('[data-testid=tracking-review]').exists()).toBe(true);
    reviewer.unmount();
  });

  it('offers no answer form where the tracking does not offer answering (the bureau reviews, it does not answer)', async () => {
    useAuthStore().me = meWith(['finance']);
    const wrapper = await mountDetail(detail({ actions: [] }));
    expect(wrapper.find('[data-testid=warning-answer-submit]').exists()).toBe(false);
  });

  it('answers "adjust" with the amount and the reason through the confirm dialog', async () => {
    useAuthStore().me = meWith(['unit'], { dataScope: 'own' });
    const answered = detail();
    answered.warnings = [{ ...answered.warnings[0], answer: 'adjust', answeredOn: '2023-01-05', answerReason: '进度滞后', answerAmount: '2000000.00' }];
    const answer = vi.spyOn(trackingsApi, 'answer').mockResolvedValue(answered);
    const wrapper = await mountDetail(detail({ actions: ['answer'] }));
    const adjust = [...wrapper.findAll('[data-testid=warning-answer-choice] label')].find((l) => l.text() === '调整');
    await adjust!.trigger('click');
    await wrapper.get('[data-testid=warning-answer-submit]').trigger('click');
    await flushPromises();
    expect(answer).not.toHaveBeenCalled(); // adjust needs an amount
    expect(wrapper.get('.answer-form .is-error').text()).toContain('调整金额');

    await wrapper.get('[data-testid=warning-answer-amount]').setValue('2,000,000');
    await wrapper.get('[data-testid=warning-answer-submit]').trigger('click');
    await flushPromises();
    const dialog = document.body.querySelector('[data-testid=confirm-action-dialog]')!;
    expect(dialog.textContent).toContain('2,000,000.00 元');
    const note = document.body.querySelector<HTMLTextAreaElement>('[data-testid=confirm-action-note]')!;
    note.value = '进度滞后';
    note.dispatchEvent(new Event('input'));
    document.body.querySelector<HTMLButtonElement>('[data-testid=confirm-action-confirm]')!.click();
    await flushPromises();
    expect(answer).toHaveBeenCalledWith(answered.warnings[0].id, { answer: 'adjust', reason: '进度滞后', amount: '2000000.00' });
    expect(wrapper.get('[data-testid=warning-answer]').text()).toContain('调整');
    wrapper.unmount();
  });
});
