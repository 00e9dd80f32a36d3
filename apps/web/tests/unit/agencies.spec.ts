import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { dataScopeOf, permissionsOf, type Role } from '@jixiao/contracts';
import { agenciesApi, type AgencyDetail } from '@/api/agencies';
import { settingsApi } from '@/api/settings';
import { vAccess } from '@/directives/access';
import { MENU, visibleMenu, type VisibleMenuItem } from '@/layouts/menu';
import { DEFAULT_LOCALE, i18n, setLocale } from '@/locales';
import messages from '@/locales/modules/agencies';
import { mayOpen, type Visitor } from '@/router/access';
import { routes } from '@/router/routes';
import { satisfies, useAuthStore } from '@/stores/auth';
import { creditCodeLooksWrong, dropBlankRows, formLists, normalizeCreditCode, pickerDay, qualificationsText } from '@/views/agencies/data';
import AgencyDetailPage from '@/views/agencies/detail.vue';
import { meWith } from './helpers';

const router = createRouter({ history: createMemoryHistory(), routes });
const metaOf = (name: string) => router.getRoutes().find((r) => r.name === name)?.meta;
const flat = (items: VisibleMenuItem[]): string[] => items.flatMap((i) => [i.key, ...flat(i.children ?? [])]);
function menuFor(roles: Role[], organizationKind: string): string[] {
  const granted = new Set<string>(permissionsOf(roles));
  const who: Visitor = { roles, dataScope: dataScopeOf(roles), organizationKind };
  return flat(visibleMenu(MENU, metaOf, (meta) => mayOpen(meta, { can: (required) => satisfies(granted, required), who })));
}

const ID = '00000000-0000-4000-8000-0000000000a1';
const detail = (overrides: Partial<AgencyDetail> = {}): AgencyDetail => ({
  id: ID,
  code: 'QP-A05',
  name: '上海淀湖财务咨询有限公司（演示）',
  creditCode: '91310118MA1JL0D4PU',
  state: 'suspended',
  stateReason: '评价报告质量问题，暂停委托',
  stateChangedOn: '2026-05-14',
  stateChangedByName: '财政局绩效科（演示）',
  qualificationCount: 1,
  validQualificationCount: 1,
  violationCount: 1,
  lastViolationOn: '2026-04-04',
  tieCount: 0,
  lastGrade: null,
  version: 3,
  updatedAt: '2026-05-14T02:00:00.000Z',
  createdAt: '2026-01-01T02:00:00.000Z',
  qualifications: [{ name: '代理记账许可证', number: 'DLJZ31011820190045', validUntil: '2027-11-30', valid: true }],
  contacts: [{ name: '徐文静', phone: '13917725568', email: null }],
  violations: [
    {
      id: '00000000-0000-4000-8000-0000000000b1',
      date: '2026-04-04',
      description: '绩效评价报告引用数据未经核实',
      authority: '青浦区财政局',
      withinLookBack: true,
      recordedByName: null,
      createdAt: '2026-04-04T02:00:00.000Z',
    },
  ],
  ties: [],
  grades: [],
  violationLookBackYears: 3,
  actions: ['blacklist', 'reinstate'],
  ...overrides,
});

async function mountDetail(roles: Role[], answer: AgencyDetail, dataScope: 'all' | 'subtree' | 'assigned' = 'all') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = meWith(roles, { dataScope });
  vi.spyOn(settingsApi, 'workingYear').mockResolvedValue({ year: 2022 } as never);
  const get = vi.spyOn(agenciesApi, 'get').mockResolvedValue(answer);
  await router.push(`/agencies/${ID}`);
  const wrapper = mount(AgencyDetailPage, {
    props: { id: ID },
    global: { plugins: [pinia, router, i18n, ElementPlus], directives: { access: vAccess } },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, get };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  setLocale(DEFAULT_LOCALE);
});

describe('agency registry (SPA helpers)', () => {
  it('drops rows left empty, so the rows sent are the rows shown, and sends empty optional fields as null', () => {
    const form = {
      qualifications: [
        { name: ' 工程咨询资信 ', number: ' 甲001 ', validUntil: '' },
        { name: '', number: '', validUntil: '' },
        { name: '', number: 'X2', validUntil: '2027-01-01' },
      ],
      contacts: [
        { name: '', phone: '', email: '' },
        { name: '王敏', phone: ' ', email: 'w@example.com' },
      ],
    };
    dropBlankRows(form);
    expect(form.qualifications).toHaveLength(2);
    expect(form.contacts).toHaveLength(1);
    expect(formLists(form)).toEqual({
      // A half-filled row is kept, so the API can name its missing name as qualifications.1.name.
      qualifications: [
        { name: '工程咨询资信', number: '甲001', validUntil: null },
        { name: '', number: 'X2', validUntil: '2027-01-01' },
      ],
      contacts: [{ name: '王敏', phone: null, email: 'w@example.com' }],
    });
  });

  it('warns about a credit code whose check character does not fit, accepting lower case as typed', () => {
    expect(creditCodeLooksWrong('')).toBe(false);
    expect(creditCodeLooksWrong('91350100M000100Y43')).toBe(false);
    expect(creditCodeLooksWrong(' 91350100m000100y43 ')).toBe(false);
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(creditCodeLooksWrong('91350100M000100Y44')).toBe(true);
    expect(creditCodeLooksWrong('9135')).toBe(true);
  });

  it('shows valid out of held qualifications, and reads a picked day in local time', () => {
    expect(qualificationsText({ validQualificationCount: 1, qualificationCount: 2 })).toBe('1 / 2');
    expect(pickerDay(new Date(2022, 0, 5))).toBe('2022-01-05');
  });

  it('puts the registry in the menu of those who read it, not of units or experts', () => {
    expect(menuFor(['finance'], 'finance_bureau')).toContain('agencies');
    expect(menuFor(['department'], 'department')).toContain('agencies');
    expect(menuFor(['agency'], 'agency')).toContain('agencies');
    expect(menuFor(['auditor'], 'auditor')).toContain('agencies');
    expect(menuFor(['unit'], 'unit')).not.toContain('agencies');
    expect(menuFor(['expert'], 'agency')).not.toContain('agencies');
    const finance = menuFor(['finance'], 'finance_bureau');
    // Between the monitoring area and the platform's system entries.
    expect(finance.indexOf('agency-registry')).toBeGreaterThan(finance.indexOf('monitoring'));
    expect(finance.indexOf('agency-registry')).toBeLessThan(finance.indexOf('system'));
  });

  it('has every text in both languages', () => {
    const zh = messages['zh-CN'].agencies as Record<string, string>;
    const en = messages['en-US'].agencies as Record<string, string>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(zh)) {
      expect(zh[key]).toBeTruthy();
      expect(en[key]).toBeTruthy();
    }
  });
});

describe('agency detail page', () => {
  it('offers the bureau the state changes the API allows, through the confirm dialog with a required reason', async () => {
    const { wrapper } = await mountDetail(['finance'], detail());
    expect(wrapper.find('[data-testid=agency-title]').text()).toBe('上海淀湖财务咨询有限公司（演示）');
    expect(wrapper.find('[data-testid=agency-state]').text()).toBe('暂停委托');
    expect(wrapper.find('[data-testid=agency-blacklist]').exists()).toBe(true);
    expect(wrapper.find('[data-testid=agency-reinstate]').exists()).toBe(true);
    expect(wrapper.find('[data-testid=agency-suspend]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=agency-edit]').exists()).toBe(true);
    expect(wrapper.find('[data-testid=agency-state-alert]').text()).toContain('评价报告质量问题');

    const change = vi.spyOn(agenciesApi, 'changeState').mockResolvedValue(detail({ state: 'active', actions: ['suspend', 'blacklist'] }));
    await wrapper.find('[data-testid=agency-reinstate]').trigger('click');
    await flushPromises();
    const dialog = document.querySelector('[data-testid=confirm-action-dialog]')!;
    (document.querySelector('[data-testid=confirm-action-confirm]') as HTMLElement).click();
    await flushPromises();
    // No reason: nothing is sent.
    expect(change).not.toHaveBeenCalled();
    const note = dialog.querySelector('textarea')!;
    note.value = '整改已验收';
    note.dispatchEvent(new Event('input'));
    await flushPromises();
    (document.querySelector('[data-testid=confirm-action-confirm]') as HTMLElement).click();
    await flushPromises();
    expect(change).toHaveBeenCalledWith(ID, { version: 3, action: 'reinstate', reason: '整改已验收' });
    expect(wrapper.find('[data-testid=agency-state]').text()).toBe('正常');
  });

  it('shows a department no writing buttons, and says its ties are only those with its own organizations', async () => {
    const { wrapper } = await mountDetail(['department'], detail({ actions: [] }), 'subtree');
    expect(wrapper.find('[data-testid=agency-edit]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=agency-reinstate]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=agency-add-violation]').exists()).toBe(false);
    expect(wrapper.text()).toContain('只列出与本单位数据范围内机构的关联');
  });
});
