import { describe, expect, it, afterEach } from 'vitest';
import { setLocale } from '@/locales';
import { historyNoteText } from '@/utils/history';
import { actionLabel, actionOptions, actorKindLabel, entityLabel } from '@/views/audit-logs/data';

const CJK = /[\u4e00-\u9fff]/;

describe('audit log and history labels: no raw codes, in the reader’s language', () => {
  afterEach(() => setLocale('zh-CN'));

  it('labels actions, entity types and actor kinds in Chinese and in English', () => {
    setLocale('zh-CN');
    expect(actionLabel('auth.login')).toBe('登录');
    expect(actionLabel('key_project_list.submit')).toBe('报送重点项目清单');
    expect(entityLabel('key_project_list')).toBe('重点项目清单');
    expect(actorKindLabel('system')).toBe('系统');
    setLocale('en-US');
    expect(actionLabel('key_project_list.submit')).toBe('Submit key project list');
    expect(actionLabel('POST targets/:id/pass')).toBe('Write refused');
    expect(entityLabel('targets')).toBe('Performance targets');
    expect(actorKindLabel('user')).toBe('User');
    expect(actionOptions().filter((o) => CJK.test(o.label))).toEqual([]);
  });

  it('falls back to the code only for something it has never heard of', () => {
    expect(actionLabel('future.action')).toBe('future.action');
    expect(entityLabel('future_entity')).toBe('future_entity');
  });

  it('renders a stored history note in either language', () => {
    const note = { code: 'target.review_concluded', params: { average: '87.67', grade: 'good' } };
    setLocale('zh-CN');
    expect(historyNoteText(note)).toBe('专家评审平均分 87.67，等级 良');
    setLocale('en-US');
    expect(historyNoteText(note)).toBe('Expert review average 87.67, grade Good');
    expect(historyNoteText(null)).toBe('');
  });
});
