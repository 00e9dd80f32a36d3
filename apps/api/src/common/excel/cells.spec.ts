import { cellDate, cellText, columnLetter } from './cells';

describe('spreadsheet cells', () => {
  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('reads numbers as exact text with up to two decimals', () => {
    expect(cellText(1200000)).toBe('1200000');
    expect(cellText(0.1 + 0.2)).toBe('0.30');
    expect(cellText({ richText: [{ text: ' 甲' }, { text: '乙 ' }] })).toBe('甲乙');
  });

  it('reads a date from an Excel serial day or from the usual ways of writing it', () => {
    expect(cellDate(44742)).toBe('2022-06-30');
    expect(cellDate(44562)).toBe('2022-01-01');
    expect(cellDate('2022-06-30')).toBe('2022-06-30');
    expect(cellDate('2022/6/3')).toBe('2022-06-03');
    expect(cellDate('2022.06.30')).toBe('2022-06-30');
    expect(cellDate('2022年6月30日')).toBe('2022-06-30');
  });

  it('refuses what is not a date', () => {
    expect(cellDate(44742.5)).toBeNull();
    expect(cellDate(0)).toBeNull();
    expect(cellDate('30/06/2022')).toBeNull();
    expect(cellDate('2022-06')).toBeNull();
    expect(cellDate('')).toBeNull();
    expect(cellDate(true)).toBeNull();
  });
});
