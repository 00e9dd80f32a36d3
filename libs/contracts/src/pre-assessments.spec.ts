import { fileExtension, preAssessmentRequired } from './pre-assessments';

describe('pre-assessment rules (R5)', () => {
  it('is required only for new projects that are major or capital construction', () => {
    expect(preAssessmentRequired({ isNew: true, isMajor: true, isCapitalConstruction: false })).toBe(true);
    expect(preAssessmentRequired({ isNew: true, isMajor: false, isCapitalConstruction: true })).toBe(true);
    expect(preAssessmentRequired({ isNew: true, isMajor: false, isCapitalConstruction: false })).toBe(false);
    expect(preAssessmentRequired({ isNew: false, isMajor: true, isCapitalConstruction: true })).toBe(false);
  });

  it('reads file extensions', () => {
    expect(fileExtension('评估报告.PDF')).toBe('pdf');
    expect(fileExtension('a.b.docx')).toBe('docx');
    expect(fileExtension('noext')).toBe('');
    expect(fileExtension('.hidden')).toBe('');
    expect(fileExtension('trailing.')).toBe('');
  });
});
