import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { ApiProblem } from '@jixiao/api-client';
import UploadDialog from '@/components/upload-dialog.vue';
import { i18n, setLocale } from '@/locales';

const xlsx = (name = 'projects.xlsx') => new File([new Uint8Array([0x50, 0x4b, 3, 4])], name);

function cellProblem(): ApiProblem {
  const errors = [
    { field: '项目!D2', sheet: '项目', row: 2, column: 'D', code: 'kind', message: '类型不在可选值中', messageEn: 'Kind is not one of the choices' },
    { field: '项目!G3', sheet: '项目', row: 3, column: 'G', code: 'flag', message: '请填“是”或“否”', messageEn: 'Enter 是 or 否' },
  ];
  return new ApiProblem({
    status: 400,
    code: 'PROJECT_IMPORT_INVALID',
    message: '导入文件有 40 处错误',
    messageEn: 'The file has 40 errors',
    errors,
    body: { errors, errorCount: 40, errorsListed: 2 },
  });
}

async function mountDialog(upload: (file: File, onProgress: (p: number) => void) => Promise<unknown>) {
  const wrapper = mount(UploadDialog, {
    props: { upload, template: vi.fn().mockResolvedValue(undefined), describe: () => '导入完成' },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  });
  (wrapper.vm as unknown as { open: () => void }).open();
  await nextTick();
  return { wrapper, send: (file: File) => (wrapper.vm as unknown as { send: (f: File) => Promise<void> }).send(file) };
}

const body = () => document.body;

afterEach(() => {
  document.body.innerHTML = '';
  setLocale('zh-CN');
});

describe('upload dialog', () => {
  it('keeps the cell errors of a refused import in the dialog, with the total count, and resets the progress', async () => {
    const upload = vi.fn(async (_file: File, onProgress: (p: number) => void) => {
      onProgress(100);
      throw cellProblem();
    });
    const { send } = await mountDialog(upload);
    await send(xlsx());
    await flushPromises();
    expect(upload).toHaveBeenCalledOnce();
    expect(body().querySelector('[data-testid=upload-error]')?.textContent).toContain('共 40 处错误');
    expect(body().querySelector('[data-testid=upload-error]')?.textContent).toContain('导入文件有 40 处错误');
    expect(body().textContent).toContain('列出前 2 处');
    const rows = [...body().querySelectorAll('[data-testid=import-errors] tbody tr')].map((tr) => tr.textContent);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('项目!D2');
    expect(rows[0]).toContain('类型不在可选值中');
    // the progress does not stay at 100 % after a refusal, and nothing was toasted away
    expect(body().querySelector('[data-testid=upload-progress]')).toBeNull();
    expect(body().querySelector('.el-message')).toBeNull();

    setLocale('en-US');
    await flushPromises();
    expect(body().querySelector('[data-testid=import-errors] tbody tr')?.textContent).toContain('Kind is not one of the choices');
    expect(body().querySelector('[data-testid=upload-error]')?.textContent).toContain('The file has 40 errors');
  });

  it('says why a file that is not a workbook was refused, and does not upload it', async () => {
    const upload = vi.fn();
    const { send } = await mountDialog(upload);
    await send(xlsx('notes.txt'));
    await flushPromises();
    expect(upload).not.toHaveBeenCalled();
    expect(body().querySelector('[data-testid=upload-error]')?.textContent).toContain('请选择 Excel 工作簿（.xlsx 文件）');
  });

  it('shows the server refusal of a renamed file in the dialog in the UI language', async () => {
    const upload = vi.fn().mockRejectedValue(
      new ApiProblem({ status: 400, code: 'IMPORT_NOT_XLSX', message: '文件不是有效的 Excel (.xlsx) 工作簿', messageEn: 'The file is not a valid Excel (.xlsx) workbook' }),
    );
    setLocale('en-US');
    const { send } = await mountDialog(upload);
    await send(xlsx());
    await flushPromises();
    const text = body().querySelector('[data-testid=upload-error]')?.textContent ?? '';
    expect(text).toContain('Import failed');
    expect(text).toContain('The file is not a valid Excel (.xlsx) workbook');
    expect(body().querySelector('[data-testid=import-errors]')).toBeNull();
  });

  it('reports a successful import and tells the page', async () => {
    const upload = vi.fn().mockResolvedValue({ rows: 3 });
    const { wrapper, send } = await mountDialog(upload);
    await send(xlsx());
    await flushPromises();
    expect(body().querySelector('[data-testid=upload-success]')?.textContent).toContain('导入完成');
    expect(wrapper.emitted('done')?.[0]).toEqual([{ rows: 3 }]);
    expect(body().querySelector('[data-testid=upload-error]')).toBeNull();
  });
});
