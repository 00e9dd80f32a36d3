import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { AuditLogEntry } from '@jixiao/api-client';
import type { Component } from 'vue';
import { auditLogsApi } from '@/api/audit-logs';
import { budgetGateApi, type BudgetGateItem, type TargetCoverage } from '@/api/projects';
import { targetReviewsApi, type ExpertReview } from '@/api/target-reviews';
import { fitColumns } from '@/components/paged-table';
import { vAccess } from '@/directives/access';
import { DEFAULT_LOCALE, i18n, setLocale } from '@/locales';
import reviewMessages from '@/locales/modules/target-reviews';
import { routes } from '@/router/routes';
import { useAuthStore } from '@/stores/auth';
import { COLUMNS as AUDIT_COLUMNS } from '@/views/audit-logs/data';
import AuditLogs from '@/views/audit-logs/list.vue';
import { GATE_COLUMNS } from '@/views/budget-gate/data';
import BudgetGate from '@/views/budget-gate/index.vue';
import { EXPERT_COLUMNS, REVIEW_COLUMNS } from '@/views/target-reviews/data';
import MyReviews from '@/views/target-reviews/mine.vue';
import { meWith } from './helpers';

const bucket = (approved: number, total: number) => ({ approved, total, share: total ? Math.round((approved / total) * 100) : null });
const coverage = (year: number): TargetCoverage => ({
  year,
  totals: { projects: bucket(3, 4), policies: bucket(1, 2), overall: bucket(0, 0) },
  byDepartment: [],
  byTown: [],
  missing: [],
  missingTotal: 0,
});
const gate = (code: string, status: 'ready' | 'blocked'): BudgetGateItem => ({
  projectId: `00000000-0000-4000-8000-0000000000${code.slice(-2)}`,
  year: 2022,
  code,
  name: `项目 ${code}`,
  kind: 'project',
  organizationId: '00000000-0000-4000-8000-000000000002',
  budgetAmount: '6000000.00',
  status,
  reasons: status === 'blocked' ? [{ code: 'NO_TARGET', message: '未填报绩效目标', messageEn: 'No performance target' }] : [],
});

async function mountPage(page: Component, path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meWith(['finance']);
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push(path);
  const wrapper = mount(page, { global: { plugins: [pinia, router, i18n, ElementPlus], directives: { access: vAccess } }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  setLocale(DEFAULT_LOCALE);
});

describe('budget gate page', () => {
  it('opens a workbench link filtered, lists the year the dials answer for, and keeps that year on reset', async () => {
    const coverageSpy = vi.spyOn(budgetGateApi, 'coverage').mockImplementation(async (year) => coverage(year ?? 2023));
    const listSpy = vi.spyOn(budgetGateApi, 'list').mockResolvedValue({ items: [gate('XM2022-01', 'blocked')], total: 1 });
    const wrapper = await mountPage(BudgetGate, '/budget-gate?status=blocked&year=2022');

    expect(coverageSpy).toHaveBeenCalledWith(2022);
    expect(listSpy).toHaveBeenCalledTimes(1);
    expect(listSpy.mock.calls[0][0]).toMatchObject({ year: 2022, status: 'blocked', sort: 'code', page: 1 });
    const table = wrapper.get('[data-testid=gate-table]');
    expect(table.text()).toContain('6,000,000.00');
    expect(table.text()).toContain('暂不安排预算');
    expect(table.text()).toContain('未填报绩效目标');
    expect(wrapper.findAll('[data-testid=coverage-dial-text]').map((d) => d.text())).toEqual(['75%', '50%', '—']);

    await wrapper.get('[data-testid=paged-table-reset]').trigger('click');
    await flushPromises();
    expect(listSpy.mock.calls.at(-1)![0]).toMatchObject({ year: 2022 });
    expect(listSpy.mock.calls.at(-1)![0]).not.toHaveProperty('status');
  });

  it('without a link, lists the latest year the coverage answers', async () => {
    vi.spyOn(budgetGateApi, 'coverage').mockImplementation(async (year) => coverage(year ?? 2023));
    const listSpy = vi.spyOn(budgetGateApi, 'list').mockResolvedValue({ items: [], total: 0 });
    await mountPage(BudgetGate, '/budget-gate');
    expect(listSpy).toHaveBeenCalledTimes(1);
    expect(listSpy.mock.calls[0][0]).toMatchObject({ year: 2023 });
  });
});

describe('audit log page', () => {
  const entry: AuditLogEntry = {
    id: '42',
    occurredAt: '2022-08-20T02:00:00.000Z',
    actorId: null,
    actorName: 'finance',
    actorDisplayName: '财政局绩效科',
    actorKind: 'user',
    actorOrganizationId: null,
    action: 'auth.login',
    entityType: 'user',
    entityId: 'u-1',
    before: { name: '旧名称', kept: 1 },
    after: { name: '新名称', kept: 1 },
    result: 'success',
    errorCode: null,
    ip: '127.0.0.1',
    requestId: 'req-1',
    seq: null,
    sealedAt: null,
  };

  it('labels actions, sends the action filter from a link, and expands a row into before / after', async () => {
    const listSpy = vi.spyOn(auditLogsApi, 'list').mockResolvedValue({ items: [entry], total: 1 });
    const wrapper = await mountPage(AuditLogs, '/audit-logs?action=auth.login');
    expect(listSpy.mock.calls[0][0]).toMatchObject({ action: 'auth.login', sort: '-occurredAt' });
    // one label per row: nothing rendered for the table's row-less probe of the column
    expect(wrapper.findAll('[data-testid=audit-action]').map((a) => a.text())).toEqual(['登录']);
    expect(wrapper.find('[data-testid=audit-action-filter]').exists()).toBe(true);

    await wrapper.get('[data-testid=audit-table] .el-table__expand-icon').trigger('click');
    await flushPromises();
    const expanded = wrapper.get('[data-testid=audit-table] .expand').text();
    expect(expanded).toContain('旧名称');
    expect(expanded).toContain('新名称');
    expect(expanded).toContain('req-1');
  });
});

describe('my reviews page', () => {
  it('opens ?status=assigned filtered and tags the status in words', async () => {
    const review = {
      id: 'r1',
      projectCode: 'QP-D16-2022-001',
      projectName: '项目',
      organizationName: '区教育局',
      budgetAmount: '8000000.00',
      status: 'assigned',
      score: null,
      submittedAt: null,
    } as unknown as ExpertReview;
    const listSpy = vi.spyOn(targetReviewsApi, 'mine').mockResolvedValue({ items: [review], total: 1 });
    const wrapper = await mountPage(MyReviews, '/target-reviews/mine?status=assigned');
    expect(listSpy.mock.calls[0][0]).toMatchObject({ status: 'assigned', sort: '-createdAt' });
    expect(wrapper.get('[data-testid=page-my-reviews] [data-testid=my-reviews-table]').text()).toContain('待评审');
  });

  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(reviewMessages['en-US'].targetReviews).sort()).toEqual(Object.keys(reviewMessages['zh-CN'].targetReviews).sort());
  });
});

describe('the four lists at 1366 px', () => {
  // 1366 less the open sidebar, the page padding and the card padding, less the actions column.
  const available = 1366 - 220 - 2 * 24 - 2 * 20 - 90;
  it.each([
    ['budget gate', GATE_COLUMNS],
    ['audit log', AUDIT_COLUMNS],
    ['my reviews', REVIEW_COLUMNS],
    ['experts', EXPERT_COLUMNS],
  ] as const)('%s: every column without a priority stays', (_, columns) => {
    const shown = fitColumns(columns as never[], available) as { priority?: number }[];
    for (const column of columns) if ((column as { priority?: number }).priority === undefined) expect(shown).toContain(column);
  });
});
