import { combine, formatMs, formatRate, markdownTable, percentiles, ratio, rowCells, tableHead } from './table';

describe('bench table', () => {
  it('averages the rounds of a side', () => {
    expect(
      combine([
        { reqPerSec: 100, p50: 10, p99: 30 },
        { reqPerSec: 200, p50: 20, p99: 50 },
      ]),
    ).toEqual({ reqPerSec: 150, p50: 15, p99: 40 });
    expect(Number.isNaN(combine([]).reqPerSec)).toBe(true);
  });

  it('gives ratios to two places and refuses to divide by nothing', () => {
    expect(ratio(80, 100)).toBe('0.80');
    expect(ratio(1, 3)).toBe('0.33');
    expect(ratio(5, 0)).toBe('-');
    expect(ratio(NaN, 1)).toBe('-');
  });

  it('takes nearest-rank percentiles of sequential times', () => {
    const times = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(percentiles(times)).toEqual({ p50: 100, p99: 198 });
    expect(percentiles([7, 3, 5])).toEqual({ p50: 5, p99: 7 });
  });

  it('formats rates and times', () => {
    expect(formatRate(68.04)).toBe('68.0');
    expect(formatRate(666.4)).toBe('666');
    expect(formatMs(4.56)).toBe('4.6 ms');
    expect(formatMs(453.2)).toBe('453 ms');
    expect(formatMs(2300)).toBe('2.3 s');
    expect(formatMs(null)).toBe('-');
  });

  it('prints one row per read and user with both sides and their ratios', () => {
    const row = {
      route: 'projects page 1',
      user: 'finance',
      ours: [
        { reqPerSec: 60, p50: 400, p99: 900 },
        { reqPerSec: 76, p50: 506, p99: 890 },
      ],
      bare: [
        { reqPerSec: 80, p50: 300, p99: 600 },
        { reqPerSec: 90, p50: 280, p99: 580 },
      ],
      oneConnection: { p50: 13, p99: 19 },
      note: 'gate reasons not listed',
    };
    expect(rowCells(row)).toEqual([
      'projects page 1',
      'finance',
      '68.0',
      '453 ms',
      '895 ms',
      '85.0',
      '290 ms',
      '590 ms',
      '0.80',
      '1.52',
      '13 ms',
      '19 ms',
    ]);
    const table = markdownTable([row, { ...row, user: 'edu' }]).split('\n');
    expect(table[0]).toMatch(/^\| route \| user \| ours req\/s/);
    expect(table[2]).toBe('| projects page 1 | finance | 68.0 | 453 ms | 895 ms | 85.0 | 290 ms | 590 ms | 0.80 | 1.52 | 13 ms | 19 ms |');
    expect(table[3]).toMatch(/^\| projects page 1 \| edu \|/);
    // The note once, under the table.
    expect(table.filter((l) => l.includes('gate reasons not listed'))).toEqual(['- projects page 1: gate reasons not listed']);
    expect(markdownTable([row], tableHead('PGlite', 'PostgreSQL')).split('\n')[0]).toContain('throughput PGlite/PostgreSQL');
  });
});
