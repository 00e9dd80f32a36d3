import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '@/locales';

const calls: { step: string; id: string; body: unknown }[] = [];
vi.mock('@/api/key-project-lists', () => {
  const record = (step: string) => async (id: string, body: unknown) => {
    calls.push({ step, id, body });
    return { id };
  };
  return {
    keyProjectListsApi: { submit: record('submit'), file: record('file'), giveBack: record('return'), amend: record('amend') },
  };
});

const { keyListStep } = await import('@/views/key-project-lists/modules/list-actions');

const filedOnce = {
  id: 'list-1',
  version: 7,
  year: 2022,
  organizationName: '区教育局',
  status: 'amending',
  items: [{}, {}],
  revisions: [{ revision: 1 }],
};

describe('key-project list steps (one confirm-then-act request each)', () => {
  beforeEach(() => {
    calls.length = 0;
    setLocale('zh-CN');
  });

  it('calls an amended list’s submission a resubmission that becomes the next revision', async () => {
    const request = keyListStep('submit', filedOnce);
    expect(request.title).toBe('重新报送修订后的清单');
    expect(request.message).toContain('第 2 版');
    expect(request.message).toContain('第 1 版');
    expect(request.note).toBe('optional');
    await request.act('补充新增重点项目');
    expect(calls).toEqual([{ step: 'submit', id: 'list-1', body: { version: 7, note: '补充新增重点项目' } }]);
  });

  it('requires a note to submit an empty list, and sends none when the note is empty otherwise', async () => {
    expect(keyListStep('submit', { ...filedOnce, status: 'draft', items: [], revisions: [] }).note).toBe('required');
    const first = keyListStep('submit', { ...filedOnce, status: 'draft', revisions: [] });
    expect(first.title).toBe('报送重点项目清单');
    await first.act('');
    expect(calls[0].body).toEqual({ version: 7 });
  });

  it('makes the reason of an amendment and the comment of a return mandatory, and marks both as dangerous', async () => {
    const amend = keyListStep('amend', { ...filedOnce, status: 'filed' });
    const giveBack = keyListStep('return', { ...filedOnce, status: 'submitted' });
    expect([amend.note, giveBack.note]).toEqual(['required', 'required']);
    expect([amend.danger, giveBack.danger]).toEqual([true, true]);
    await amend.act('项目 101 已成为重点项目');
    await giveBack.act('请补充');
    expect(calls.map((c) => [c.step, c.body])).toEqual([
      ['amend', { version: 7, reason: '项目 101 已成为重点项目' }],
      ['return', { version: 7, comment: '请补充' }],
    ]);
  });

  it('says in English what filing an amended list does', () => {
    setLocale('en-US');
    const file = keyListStep('file', { ...filedOnce, status: 'submitted' });
    expect(file.message).toContain('revision 2');
    expect(file.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(file.items).toEqual(['区教育局 · 2022']);
  });
});
