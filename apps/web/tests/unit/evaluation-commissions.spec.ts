import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY_PROFILE, copyProfile } from '@jixiao/domain';
import { agenciesApi } from '@/api/agencies';
import { evaluationsApi, type EvaluationCommission, type EvaluationDetail } from '@/api/evaluations';
import { policyProfilesApi } from '@/api/policy-profiles';
import { DEFAULT_LOCALE, i18n, setLocale } from '@/locales';
import messages from '@/locales/modules/evaluation-commissions';
import { useAuthStore } from '@/stores/auth';
import CommissionCard from '@/views/evaluations/modules/commission-card.vue';
import { COLUMNS } from '@/views/evaluations/data';
import { meWith } from './helpers';

const profile = copyProfile(DEFAULT_POLICY_PROFILE);
const AGENCY = '00000000-0000-4000-8000-0000000000a1';

const evaluation = (over: Partial<EvaluationDetail> = {}): EvaluationDetail =>
  ({
    id: '00000000-0000-4000-8000-0000000000e2',
    kind: 'department',
    projectId: '00000000-0000-4000-8000-0000000000b2',
    projectCode: 'QP-D02-2021-009',
    projectName: '社区卫生服务能力提升',
    projectKind: 'project',
    organizationId: '00000000-0000-4000-8000-0000000000c2',
    organizationName: '区卫生健康委员会',
    year: 2021,
    workYear: 2022,
    status: 'draft',
    score: null,
    grade: null,
    executionRate: null,
    agencyId: null,
    agencyName: null,
    commissionGrade: null,
    due: null,
    submittedAt: null,
    completedAt: null,
    actions: ['save', 'submit', 'commission'],
    version: 2,
    createdAt: '2022-04-01T02:00:00.000Z',
    executedAmount: null,
    budgetAmount: '3000000.00',
    adjustedBudget: null,
    summary: null,
    reviewComment: null,
    indicators: [],
    breakdown: null,
    findings: [],
    commission: null,
    attachments: [],
    ...over,
  }) as EvaluationDetail;

const commission = (over: Partial<EvaluationCommission> = {}): EvaluationCommission => ({
  agencyId: AGENCY,
  agencyName: '上海青信会计师事务所（演示）',
  commissioningOrganizationId: '00000000-0000-4000-8000-0000000000c2',
  commissioningOrganizationName: '区卫生健康委员会',
  justification: '专业性强',
  checklist: profile.evaluation.agencies.commissioningChecklist.map((i) => i.code),
  declarationSigned: true,
  declarationFile: null,
  declarationAttachmentId: null,
  declarationText: '无利害关系',
  declaredOn: '2022-04-15',
  platformReference: 'SHJX-2022-QP-0031',
  commissionedOn: '2022-04-16',
  status: 'commissioned',
  grade: null,
  gradeComment: null,
  gradedAt: null,
  ...over,
});

describe('commissioning an evaluation to an agency', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.spyOn(policyProfilesApi, 'get').mockResolvedValue({ values: profile } as never);
    vi.spyOn(agenciesApi, 'list').mockResolvedValue({
      items: [{ id: AGENCY, code: 'QP-A01', name: '上海青信会计师事务所（演示）', state: 'active' }],
      total: 1,
    } as never);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
    setLocale(DEFAULT_LOCALE);
  });

  const mountCard = (detail: EvaluationDetail) =>
    mount(CommissionCard, { props: { detail }, global: { plugins: [i18n, ElementPlus] }, attachTo: document.body });

  it('sends the form with the work year’s checklist and shows the API’s refusal in the dialog', async () => {
    useAuthStore().me = meWith(['department'], { organizationKind: 'department', dataScope: 'subtree' });
    const wrapper = mountCard(evaluation());
    await wrapper.get('[data-testid=commission-open]').trigger('click');
    await flushPromises();
    expect(policyProfilesApi.get).toHaveBeenCalledWith(2022);
    expect(agenciesApi.list).toHaveBeenCalledWith(expect.objectContaining({ state: 'active' }));
    const boxes = document.querySelectorAll('[data-testid=commission-checklist] input[type=checkbox]');
    expect(boxes.length).toBe(profile.evaluation.agencies.commissioningChecklist.length);

    const vm = wrapper.vm as unknown as { form: Record<string, unknown> };
    Object.assign(vm.form, {
      agencyId: AGENCY,
      justification: '专业性强',
      checklist: profile.evaluation.agencies.commissioningChecklist.map((i) => i.code),
      declarationSigned: true,
      declarationText: '无利害关系',
      declaredOn: '2022-04-15',
      platformReference: ' SHJX-2022-QP-0031 ',
    });
    const refused = Object.assign(new Error('N8：该第三方机构与委托方、被评价单位或被评价项目存在关联，不具备独立性'), {
      status: 409,
      code: 'AGENCY_NOT_INDEPENDENT',
      body: { code: 'AGENCY_NOT_INDEPENDENT', message: 'N8：该第三方机构…不具备独立性', messageEn: 'N8: not independent', errors: [] },
    });
    const send = vi.spyOn(evaluationsApi, 'commission').mockRejectedValueOnce(refused);
    (document.querySelector('[data-testid=commission-submit]') as HTMLElement).click();
    await flushPromises();
    expect(send).toHaveBeenCalledWith(
      evaluation().id,
      expect.objectContaining({ agencyId: AGENCY, version: 2, platformReference: 'SHJX-2022-QP-0031', declarationFileId: null }),
    );
    expect(document.querySelector('[data-testid=commission-problem]')).not.toBeNull();

    const done = evaluation({ version: 3, agencyId: AGENCY, actions: [], commission: commission() });
    send.mockResolvedValueOnce(done);
    (document.querySelector('[data-testid=commission-submit]') as HTMLElement).click();
    await flushPromises();
    expect(wrapper.emitted('changed')?.[0]).toEqual([done]);
    wrapper.unmount();
  });

  it('attaches the signed declaration to the evaluation and names it in the commission', async () => {
    useAuthStore().me = meWith(['department'], { organizationKind: 'department', dataScope: 'subtree' });
    const wrapper = mountCard(evaluation());
    await wrapper.get('[data-testid=commission-open]').trigger('click');
    await flushPromises();
    const declaration = {
      id: '00000000-0000-4000-8000-0000000000d1',
      kind: 'declaration' as const,
      evaluationId: evaluation().id,
      filename: '独立性声明.pdf',
      contentType: 'application/pdf',
      size: 15,
      sha256: 'x',
      attachedByName: '卫健委填报人',
      attachedAt: '2022-04-15T02:00:00.000Z',
    };
    const withDeclaration = evaluation({ attachments: [declaration] });
    const attach = vi.spyOn(evaluationsApi, 'attachFile').mockResolvedValue(withDeclaration);
    const input = document.querySelector('[data-testid=commission-dialog] input[type=file]') as HTMLInputElement;
    const file = new File(['%PDF-1.4'], '独立性声明.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(attach).toHaveBeenCalledWith(evaluation().id, 'declaration', expect.anything());
    expect(wrapper.emitted('attached')?.[0]).toEqual([withDeclaration]);
    expect(document.querySelector('[data-testid=commission-declaration-filename]')?.textContent).toContain('独立性声明.pdf');
    expect((wrapper.vm as unknown as { form: { declarationFileId: string } }).form.declarationFileId).toBe(declaration.id);
    wrapper.unmount();
  });

  it('shows the commission, its declaration and the grade in both languages, and grades through the API', async () => {
    useAuthStore().me = meWith(['department'], { organizationKind: 'department', dataScope: 'subtree' });
    const submitted = evaluation({
      status: 'completed',
      agencyId: AGENCY,
      actions: ['grade_commission'],
      commission: commission({
        status: 'submitted',
        declarationAttachmentId: '00000000-0000-4000-8000-0000000000f1',
        declarationFile: {
          id: '00000000-0000-4000-8000-0000000000f2',
          organizationId: '00000000-0000-4000-8000-0000000000c2',
          filename: '独立性声明.pdf',
          contentType: 'application/pdf',
          size: 10,
          sha256: 'x',
          createdAt: '2022-04-15T02:00:00.000Z',
        },
      }),
    });
    const wrapper = mountCard(submitted);
    expect(wrapper.get('[data-testid=commission-status]').text()).toBe('受托机构已提交，待评定工作质量');
    expect(wrapper.get('[data-testid=commission-platform-reference]').text()).toBe('SHJX-2022-QP-0031');
    const download = vi.spyOn(evaluationsApi, 'downloadFile').mockResolvedValue();
    await wrapper.get('[data-testid=commission-declaration-file]').trigger('click');
    expect(download).toHaveBeenCalledWith('00000000-0000-4000-8000-0000000000f1', '独立性声明.pdf');
    expect(wrapper.find('[data-testid=commission-open]').exists()).toBe(false);
    setLocale('en-US');
    await flushPromises();
    expect(wrapper.get('[data-testid=commission-status]').text()).toBe('Submitted by the agency; its work awaits a grade');

    await wrapper.get('[data-testid=commission-grade-open]').trigger('click');
    await flushPromises();
    (wrapper.vm as unknown as { gradeForm: { grade: string } }).gradeForm.grade = 'good';
    await flushPromises();
    const graded = evaluation({ ...submitted, version: 3, commission: commission({ status: 'graded', grade: 'good' }) });
    const grade = vi.spyOn(evaluationsApi, 'gradeCommission').mockResolvedValue(graded);
    (document.querySelector('[data-testid=commission-grade-submit]') as HTMLElement).click();
    await flushPromises();
    expect(grade).toHaveBeenCalledWith(submitted.id, { grade: 'good', version: 2 });
    expect(wrapper.emitted('changed')?.[0]).toEqual([graded]);
    wrapper.unmount();
  });

  it('is not shown on an evaluation nobody may commission, and the list names the agency', () => {
    useAuthStore().me = meWith(['unit'], { organizationKind: 'unit', dataScope: 'own' });
    const wrapper = mountCard(evaluation({ actions: ['save', 'submit'] }));
    expect(wrapper.find('[data-testid=evaluation-commission]').exists()).toBe(false);
    const column = COLUMNS.find((c) => 'prop' in c && c.prop === 'agencyName');
    expect(column).toBeTruthy();
    wrapper.unmount();
  });

  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(messages['en-US'].commissions).sort()).toEqual(Object.keys(messages['zh-CN'].commissions).sort());
  });
});
