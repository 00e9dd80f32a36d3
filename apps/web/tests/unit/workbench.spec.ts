import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { workbenchApi, type Workbench } from '@/api/workbench';
import { DEFAULT_LOCALE, i18n, setLocale } from '@/locales';
import messages from '@/locales/modules/workbench';
import { routes } from '@/router/routes';
import { useAuthStore } from '@/stores/auth';
import Dashboard from '@/views/dashboard/index.vue';
import { registeredWorkbenchKeys, registerWorkbenchKinds, workbenchKind } from '@/views/dashboard/items';
import { filtersFromQuery } from '@/composables/use-query-filters';
import { meWith } from './helpers';

/** An answer as GET /api/v1/workbench gives it to a finance clerk. */
const answer = (overrides: Partial<Workbench> = {}): Workbench => ({
  year: 2022,
  hasProfile: true,
  today: '2022-08-20',
  dueSoonDays: 30,
  todo: [
    {
      key: 'indicators.proposals',
      labelZh: '待处理的新增指标建议',
      labelEn: 'Indicator proposals to decide',
      count: 0,
      countExact: true,
      link: { route: 'indicator-proposals', query: { status: 'proposed' } },
    },
    {
      key: 'targets.to_review',
      labelZh: '待财政审核的绩效目标',
      labelEn: 'Targets to review',
      count: 7,
      countExact: true,
      link: { route: 'targets', query: { status: 'submitted', year: '2022' } },
    },
    {
      // A kind the SPA has not registered yet (a later module): shown with the API's own label.
      key: 'monitoring.to_track',
      labelZh: '待填报的绩效跟踪',
      labelEn: 'Tracking to report',
      count: 2,
      countExact: true,
      link: { route: 'no-such-page', query: {} },
    },
  ],
  deadlines: [
    {
      code: 'self_evaluation',
      rule: 'R11',
      labelZh: '单位自评完成',
      labelEn: 'Unit self-evaluation due',
      date: '2022-03-31',
      daysLeft: -142,
      sectorSpecific: false,
      state: 'passed',
      openCount: null,
      openCountExact: true,
      link: null,
    },
    {
      code: 'first_tracking',
      rule: 'R9',
      labelZh: '首次绩效跟踪完成',
      labelEn: 'First tracking (dual monitoring) due',
      date: '2022-08-31',
      daysLeft: 11,
      sectorSpecific: false,
      state: 'due_soon',
      openCount: null,
      openCountExact: true,
      link: null,
    },
  ],
  coverage: [
    {
      key: 'targets.approved',
      labelZh: '项目绩效目标已批复',
      labelEn: 'Projects with an approved target',
      count: 3,
      total: 12,
      percent: 25,
      link: { route: 'targets', query: { status: 'approved', year: '2022' } },
    },
  ],
  ...overrides,
});

async function mountWorkbench(data: Workbench) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meWith(['finance']);
  vi.spyOn(workbenchApi, 'get').mockResolvedValue(data);
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push('/');
  const wrapper = mount(Dashboard, { global: { plugins: [pinia, router, i18n, ElementPlus] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, router };
}

describe('workbench (landing page)', () => {
  beforeEach(() => setLocale(DEFAULT_LOCALE));
  afterEach(() => {
    document.body.innerHTML = '';
    setLocale(DEFAULT_LOCALE);
  });

  it('renders the waiting items with their counts, waiting ones first, and opens the list behind each with its filters', async () => {
    const { wrapper, router } = await mountWorkbench(answer());
    const tiles = wrapper.findAll('[data-testid^="workbench-item-"]');
    expect(tiles.map((t) => t.attributes('data-testid'))).toEqual([
      'workbench-item-targets.to_review',
      'workbench-item-monitoring.to_track',
      'workbench-item-indicators.proposals',
    ]);
    const review = wrapper.get('[data-testid="workbench-item-targets.to_review"]');
    expect(review.text()).toContain('待财政审核的绩效目标');
    expect(review.get('[data-testid="workbench-count"]').text()).toBe('7');
    expect(wrapper.get('[data-testid="workbench-item-indicators.proposals"]').text()).toContain('暂无');
    // An unregistered kind shows the API's label; a route the SPA lacks is not offered.
    const later = wrapper.get('[data-testid="workbench-item-monitoring.to_track"]');
    expect(later.text()).toContain('待填报的绩效跟踪');
    expect(later.attributes('disabled')).toBeDefined();

    const push = vi.spyOn(router, 'push');
    await review.trigger('click');
    expect(push).toHaveBeenCalledWith({ name: 'targets', query: { status: 'submitted', year: '2022' } });
    await wrapper.get('[data-testid="workbench-coverage-targets.approved"]').trigger('click');
    expect(push).toHaveBeenLastCalledWith({ name: 'targets', query: { status: 'approved', year: '2022' } });
  });

  it('leads the deadlines with what is due soon, and shows the coverage figures of the scope', async () => {
    const { wrapper } = await mountWorkbench(answer());
    const deadlines = wrapper.get('[data-testid="workbench-deadlines"]');
    expect(deadlines.find('[data-testid="workbench-deadline-first_tracking"]').text()).toContain('还有 11 天');
    expect(deadlines.find('[data-testid="workbench-deadline-self_evaluation"]').exists()).toBe(false);
    const coverage = wrapper.get('[data-testid="workbench-coverage-targets.approved"]');
    expect(coverage.text()).toContain('3 / 12');
    expect(coverage.text()).toContain('25%');
    expect(wrapper.get('[data-testid="workbench-year"]').text()).toContain('2022');
  });

  it('shows a count above the list contract’s bound as "10,000+", an overdue deadline’s open work too, and large figures grouped', async () => {
    const base = answer();
    const { wrapper } = await mountWorkbench({
      ...base,
      todo: [{ ...base.todo[1], count: 10000, countExact: false }],
      deadlines: [{ ...base.deadlines[1], state: 'overdue', daysLeft: -3, openCount: 10000, openCountExact: false }],
      coverage: [{ ...base.coverage[0], count: 30031, total: 200039, percent: 15.01 }],
    });
    expect(wrapper.get('[data-testid="workbench-item-targets.to_review"] [data-testid="workbench-count"]').text()).toBe('10,000+');
    expect(wrapper.get('[data-testid="workbench-deadline-first_tracking"]').text()).toContain('10,000+ 项未完成');
    expect(wrapper.get('[data-testid="workbench-coverage-targets.approved"]').text()).toContain('30,031 / 200,039');
  });

  it('speaks English with the registered English labels', async () => {
    setLocale('en-US');
    const { wrapper } = await mountWorkbench(answer());
    expect(wrapper.get('[data-testid="workbench-item-targets.to_review"]').text()).toContain(workbenchKind('targets.to_review')!.label.en);
    expect(wrapper.get('[data-testid="workbench-item-monitoring.to_track"]').text()).toContain('Tracking to report');
    expect(wrapper.get('[data-testid="workbench-deadlines"]').text()).toContain('11 days left');
    for (const card of ['workbench-todo', 'workbench-deadlines', 'workbench-coverage'])
      expect(wrapper.get(`[data-testid="${card}"]`).text()).not.toMatch(/[\u4e00-\u9fa5]/);
  });

  it('says when nothing waits, nothing is due soon and the working year has no profile', async () => {
    const { wrapper } = await mountWorkbench(answer({ todo: [], deadlines: [], coverage: [], hasProfile: false }));
    expect(wrapper.get('[data-testid="workbench-todo"]').text()).toContain('暂无待办事项');
    expect(wrapper.get('[data-testid="workbench-no-deadlines"]').text()).toContain('30 天内没有到期事项');
    expect(wrapper.text()).toContain('工作年度 2022 尚无政策参数');
  });

  it('registers item kinds in one table that later modules extend', () => {
    for (const key of registeredWorkbenchKeys()) {
      const kind = workbenchKind(key)!;
      expect(kind.label.zh).toMatch(/[\u4e00-\u9fa5]/);
      expect(kind.label.en).not.toMatch(/[\u4e00-\u9fa5]/);
      expect(kind.icon).toBeTruthy();
    }
    registerWorkbenchKinds({
      'monitoring.to_track': { label: { zh: '待跟踪', en: 'To track' }, icon: workbenchKind('targets.to_review')!.icon },
    });
    expect(workbenchKind('monitoring.to_track')!.label.zh).toBe('待跟踪');
    expect(Object.keys(messages['en-US'].workbench).sort()).toEqual(Object.keys(messages['zh-CN'].workbench).sort());
  });

  it('reads a list’s filters from the link’s query', () => {
    const defaults = { q: '', status: '', year: undefined as number | undefined };
    expect(filtersFromQuery(defaults, { status: 'submitted', year: '2022', other: 'x' }, ['year'])).toEqual({
      q: '',
      status: 'submitted',
      year: 2022,
    });
    expect(filtersFromQuery(defaults, { year: 'abc' }, ['year'])).toEqual(defaults);
  });
});
