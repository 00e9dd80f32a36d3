import { describe, expect, it } from 'vitest';
import { coverageState, historyKey, wan, yuan } from '@/views/key-project-lists/data';
import messages from '@/locales/modules/key-project-lists';

describe('key project lists (SPA helpers)', () => {
  it('shows amounts exactly, in yuan and in 万元', () => {
    expect(yuan('6000000')).toBe('6,000,000.00');
    expect(wan('12345678.91')).toBe('1,234.57');
    expect(wan('5999999.99')).toBe('600.00');
  });

  it('tags a planner row: overdue beats due this year beats covered', () => {
    expect(coverageState({ overdue: true, dueThisYear: true, covered: false })).toBe('overdue');
    expect(coverageState({ overdue: false, dueThisYear: true, covered: false })).toBe('due');
    expect(coverageState({ overdue: false, dueThisYear: false, covered: true })).toBe('covered');
    expect(coverageState({ overdue: false, dueThisYear: false, covered: false })).toBe('planned');
  });

  it('names each workflow step of the history, in both languages', () => {
    for (const action of ['open', 'submit', 'file', 'return', 'amend']) {
      const key = historyKey(`key_project_list.${action}`);
      expect(key).toBe(`keyProjectLists.history_${action}`);
      const leaf = key.split('.')[1];
      expect((messages['zh-CN'].keyProjectLists as Record<string, string>)[leaf]).toBeTruthy();
      expect((messages['en-US'].keyProjectLists as Record<string, string>)[leaf]).toBeTruthy();
    }
    expect(historyKey('something.else')).toBe('something.else');
  });

  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(messages['en-US'].keyProjectLists as object).sort()).toEqual(
      Object.keys(messages['zh-CN'].keyProjectLists as object).sort(),
    );
  });
});
