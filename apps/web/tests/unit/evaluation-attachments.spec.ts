import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluationsApi, type EvaluationAttachment, type EvaluationDetail } from '@/api/evaluations';
import { DEFAULT_LOCALE, i18n, setLocale } from '@/locales';
import messages from '@/locales/modules/evaluation-files';
import AttachmentsCard from '@/views/evaluations/modules/attachments-card.vue';

const ID = '00000000-0000-4000-8000-0000000000e9';
const report: EvaluationAttachment = {
  id: '00000000-0000-4000-8000-0000000000f9',
  kind: 'report',
  evaluationId: ID,
  filename: '自评报告.pdf',
  contentType: 'application/pdf',
  size: 2048,
  sha256: 'x',
  attachedByName: '实验中学填报人',
  attachedAt: '2022-04-20T02:00:00.000Z',
};
const evaluation = (over: Partial<EvaluationDetail> = {}): EvaluationDetail =>
  ({
    id: ID,
    kind: 'self',
    status: 'draft',
    version: 2,
    actions: ['save', 'submit', 'attach_file'],
    attachments: [],
    ...over,
  }) as EvaluationDetail;

describe('the attachments of an evaluation', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
    setLocale(DEFAULT_LOCALE);
  });
  const mountCard = (detail: EvaluationDetail) =>
    mount(AttachmentsCard, { props: { detail }, global: { plugins: [i18n, ElementPlus] }, attachTo: document.body });

  it('lists the files with their kind, who attached them, and downloads one', async () => {
    const wrapper = mountCard(evaluation({ actions: [], attachments: [report] }));
    await flushPromises();
    const list = wrapper.get('[data-testid=attachment-list]').text();
    expect(list).toContain('评价报告');
    expect(list).toContain('自评报告.pdf');
    expect(list).toContain('2.0 KB');
    expect(list).toContain('实验中学填报人');
    // Nothing to attach without the action (submitted, or a reader).
    expect(wrapper.find('[data-testid=attachment-upload]').exists()).toBe(false);
    const download = vi.spyOn(evaluationsApi, 'downloadFile').mockResolvedValue();
    await wrapper.get('[data-testid=attachment-download]').trigger('click');
    expect(download).toHaveBeenCalledWith(report.id, '自评报告.pdf');
    setLocale('en-US');
    await flushPromises();
    expect(wrapper.get('[data-testid=attachment-list]').text()).toContain('Evaluation report');
    wrapper.unmount();
  });

  it('uploads with the chosen kind while the evaluation may take files, and hands the answer up', async () => {
    const wrapper = mountCard(evaluation());
    expect(wrapper.get('[data-testid=attachment-empty]').text()).toBe('尚无附件');
    const answered = evaluation({ attachments: [{ ...report, kind: 'work_paper', filename: '底稿.pdf' }] });
    const attach = vi.spyOn(evaluationsApi, 'attachFile').mockResolvedValue(answered);
    (wrapper.vm as unknown as { kind: string }).kind = 'work_paper';
    const input = wrapper.get('input[type=file]').element as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['%PDF-1.4'], '底稿.pdf', { type: 'application/pdf' })] });
    input.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(attach).toHaveBeenCalledWith(ID, 'work_paper', expect.anything());
    expect(wrapper.emitted('attached')?.[0]).toEqual([answered]);
    wrapper.unmount();
  });

  it('has the same keys in Chinese and English', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(messages['en-US']).sort()).toEqual(keys(messages['zh-CN']).sort());
  });
});
