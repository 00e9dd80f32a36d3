import { fileExtension } from './pre-assessments';

describe('pre-assessment contracts', () => {
  it('reads file extensions', () => {
    expect(fileExtension('评估报告.PDF')).toBe('pdf');
    expect(fileExtension('a.b.docx')).toBe('docx');
    expect(fileExtension('noext')).toBe('');
    expect(fileExtension('.hidden')).toBe('');
    expect(fileExtension('trailing.')).toBe('');
  });
});
