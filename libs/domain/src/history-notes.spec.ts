import { HISTORY_NOTES, historyNoteLabel, renderHistoryNote } from './history-notes';

describe('history notes: one code, both languages', () => {
  it('fills parameters, with grades and lists in the reader’s language', () => {
    const concluded = { code: 'target.review_concluded', params: { average: '87.67', grade: 'good' } };
    expect(renderHistoryNote(concluded, 'zh')).toBe('专家评审平均分 87.67，等级 良');
    expect(renderHistoryNote(concluded, 'en')).toBe('Expert review average 87.67, grade Good');
    const assigned = { code: 'target.experts_assigned', params: { names: ['张三', '李四'] } };
    expect(historyNoteLabel(assigned)).toEqual({ zh: '指派评审专家：张三、李四', en: 'Experts assigned: 张三, 李四' });
  });

  it('leaves no Chinese in an English note and no placeholder unfilled when the parameters are given', () => {
    const params = { names: ['A'], average: '90.00', grade: 'excellent', revision: 2 };
    for (const code of Object.keys(HISTORY_NOTES)) {
      const en = renderHistoryNote({ code, params }, 'en');
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toMatch(/\{\w+\}/);
      expect(renderHistoryNote({ code, params }, 'zh')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('shows an unknown code as it is, and a missing parameter as its placeholder', () => {
    expect(renderHistoryNote({ code: 'target.from_the_future' }, 'en')).toBe('target.from_the_future');
    expect(renderHistoryNote({ code: 'target.change_approved' }, 'en')).toBe('Change request approved: revision {revision}');
  });
});
