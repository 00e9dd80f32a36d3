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
const department = {
  organizationId: '00000000-0000-4000-8000-000000000002',
  organizationCode: 'QP-D16',
  organizationName: '区卫生健康委员会',
  projects: bucket(3, 4),
  policies: bucket(1, 2),
  overall: bucket(0, 0),
};
/** The coverage of a year: the summary, and one department (no town). */
const coverage = (year: number, kind?: string): TargetCoverage => ({
  year,
  summary: {
    totals: { projects: bucket(3, 4), policies: bucket(1, 2), overall: bucket(0, 0) },
    departments: 1,
    towns: 0,
    missingTargets: 1,
    missingOverall: 0,
    missingTotal: 1,
  },
  items: kind === 'town' ? [] : [department],
  total: kind === 'town' ? 0 : 1,
});
const missingEntry = {
  reason: 'NO_TARGET' as const,
  projectId: '00000000-0000-4000-8000-000000000031',
  code: 'XM2022-31',
  name: '社区卫生服务中心设备更新',
  kind: 'project' as const,
  organizationId: department.organizationId,
  organizationName: department.organizationName,
};
/** The coverage pages (for the asked year, else 2023, the latest) and the missing entries. */
function spyCoverage() {
  const pages = vi.spyOn(budgetGateApi, 'coverage').mockImplementation(async (query) => coverage(query.year ?? 2023, query.kind));
  const missing = vi
    .spyOn(budgetGateApi, 'coverageMissing')
    .mockImplementation(async (query) => (query.part === 'overall' ? { items: [], total: 0 } : { items: [missingEntry], total: 1 }));
  return { pages, missing };
}
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
  const wrapper = mount(page, {
    global: { plugins: [pinia, router, i18n, ElementPlus], directives: { access: vAccess } },
    attachTo: document.body,
  });
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
    const lists = spyCoverage();
    const listSpy = vi.spyOn(budgetGateApi, 'list').mockResolvedValue({ items: [gate('XM2022-01', 'blocked')], total: 1 });
    const wrapper = await mountPage(BudgetGate, '/budget-gate?status=blocked&year=2022');

    expect(listSpy).toHaveBeenCalledTimes(1);
    expect(listSpy.mock.calls[0][0]).toMatchObject({ year: 2022, status: 'blocked', sort: 'code', page: 1 });
    const table = wrapper.get('[data-testid=gate-table]');
    expect(table.text()).toContain('6,000,000.00');
    expect(table.text()).toContain('暂不安排预算');
    expect(table.text()).toContain('未填报绩效目标');
    expect(wrapper.findAll('[data-testid=coverage-dial-text]').map((d) => d.text())).toEqual(['75%', '50%', '—']);
    // the departments, towns and missing entries are asked for page by page, for the same year
    expect(lists.pages.mock.calls.map(([q]) => [q.kind, q.year, q.page, q.sort])).toEqual([
      ['department', 2022, 1, 'organizationCode'],
      ['town', 2022, 1, 'organizationCode'],
    ]);
    expect(lists.missing.mock.calls.map(([q]) => [q.part, q.year, q.page])).toEqual([
      [undefined, 2022, 1],
      ['overall', 2022, 1],
    ]);
    expect(wrapper.get('[data-testid=coverage-byDepartment]').text()).toContain('区卫生健康委员会');
    expect(wrapper.get('[data-testid=coverage-byDepartment]').text()).toContain('75%');
    expect(wrapper.get('[data-testid=coverage-missingTargets]').text()).toContain('社区卫生服务中心设备更新');
    expect(wrapper.get('[data-testid=coverage-missingTargets]').text()).toContain('未填报绩效目标');

    await wrapper.get('[data-testid=paged-table-reset]').trigger('click');
    await flushPromises();
    expect(listSpy.mock.calls.at(-1)![0]).toMatchObject({ year: 2022 });
    expect(listSpy.mock.calls.at(-1)![0]).not.toHaveProperty('status');
  });

  it('without a link, lists the latest year the coverage answers', async () => {
    const lists = spyCoverage();
    const listSpy = vi.spyOn(budgetGateApi, 'list').mockResolvedValue({ items: [], total: 0 });
    await mountPage(BudgetGate, '/budget-gate');
    expect(listSpy).toHaveBeenCalledTimes(1);
    expect(listSpy.mock.calls[0][0]).toMatchObject({ year: 2023 });
    // the first page asks for no year; the answer's year (the latest) goes to the towns, the missing entries and the gates
    expect(lists.pages.mock.calls[0][0].year).toBeUndefined();
    expect(lists.pages.mock.calls[1][0]).toMatchObject({ kind: 'town', year: 2023 });
    expect(lists.missing.mock.calls[0][0]).toMatchObject({ year: 2023 });
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
