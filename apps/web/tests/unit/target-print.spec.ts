import { afterEach, describe, expect, it } from 'vitest';
import type { Project } from '@/api/projects';
import type { TargetDetail } from '@/api/targets';
import { DEFAULT_LOCALE, setLocale } from '@/locales';
import messages from '@/locales/modules/target-print';
import { indicatorRows, indicatorValue, printForm } from '@/views/targets/print-form';

const indicator = (
  level1: string,
  level2: string,
  name: string,
  comparison = '>=',
  value: string | null = '1',
  unit: string | null = '个',
) =>
  ({
    id: name,
    level1,
    level2,
    name,
    comparison,
    value,
    unit,
    weight: null,
    libraryIndicatorId: null,
    reviewComment: null,
  }) as TargetDetail['indicators'][number];

const target = {
  id: 't1',
  projectId: 'p1',
  projectCode: 'XM-2022-001',
  projectName: '社区健康讲座',
  projectKind: 'project',
  budgetAmount: '6000000.00',
  organizationName: '区卫生健康委员会',
  year: 2022,
  overallGoal: '开展社区健康讲座 120 场',
  annualGoals: ['完成 120 场讲座'],
  indicators: [
    indicator('satisfaction', 'recipient_satisfaction', '参加居民满意度', '>=', '90', '%'),
    indicator('output', 'quantity', '讲座场次', '>=', '120', '场'),
    indicator('effect', 'social', '知晓率', '>=', '85', '%'),
    indicator('output', 'quality', '讲座合格率', '=', '100', '%'),
    indicator('output', 'quantity', '覆盖人次', '>=', '6000', '人次'),
    indicator('effect', 'sustainable', '长效机制', 'qualitative', '建立讲座常态化机制', null),
  ],
} as unknown as TargetDetail;

describe('绩效目标申报表 (print form)', () => {
  afterEach(() => setLocale(DEFAULT_LOCALE));

  it('groups indicators by level 1 then level 2, with the rowspans of the merged cells', () => {
    const rows = indicatorRows(target.indicators);
    expect(rows.map((r) => [r.level1, r.level1Span, r.level2, r.level2Span, r.name])).toEqual([
      ['产出指标', 3, '数量指标', 2, '讲座场次'],
      ['产出指标', 0, '数量指标', 0, '覆盖人次'],
      ['产出指标', 0, '质量指标', 1, '讲座合格率'],
      ['效益指标', 2, '社会效益指标', 1, '知晓率'],
      ['效益指标', 0, '可持续影响指标', 1, '长效机制'],
      ['满意度指标', 1, '服务对象满意度指标', 1, '参加居民满意度'],
    ]);
    // The spans of each level add up to all rows: no cell is lost or doubled.
    expect(rows.reduce((n, r) => n + r.level1Span, 0)).toBe(rows.length);
    expect(rows.reduce((n, r) => n + r.level2Span, 0)).toBe(rows.length);
  });

  it('writes values with their comparison and unit, qualitative ones as written', () => {
    expect(indicatorValue({ comparison: '>=', value: '120', unit: '场' })).toBe('≥ 120 场');
    expect(indicatorValue({ comparison: '<=', value: '80', unit: '万元' })).toBe('≤ 80.00 万元');
    expect(indicatorValue({ comparison: '<=', value: '126000000.00', unit: '元' })).toBe('≤ 126,000,000.00 元');
    expect(indicatorValue({ comparison: '>=', value: '6000', unit: '人次' })).toBe('≥ 6000 人次');
    expect(indicatorValue({ comparison: 'qualitative', value: '建立机制', unit: null })).toBe('建立机制');
  });

  it('shows amounts in 万元 with separators, fund sources and the period from the project', () => {
    const project = {
      startYear: 2021,
      endYear: 2023,
      fundSources: [
        { source: 'general_budget', amount: '5000000.00' },
        { source: 'special_transfer', amount: '1000000.00' },
      ],
    } as unknown as Project;
    const form = printForm(target, project, (s, e) => `${s}-${e}`);
    expect(form.totalAmount).toBe('600.00');
    expect(form.fundSources).toEqual([
      { label: '一般公共预算', amount: '500.00' },
      { label: '专项转移支付', amount: '100.00' },
    ]);
    expect(form.period).toBe('2021-2023');
    expect(form.projectKind).toBe('项目');
    // Without the project (no permission to read it), the target's year is the period.
    expect(printForm(target, null, (s, e) => `${s}-${e}`)).toMatchObject({ period: '2022-2022', fundSources: [] });
    setLocale('en-US');
    const en = printForm({ ...target, budgetAmount: '123456789.00' }, null, (s) => String(s));
    expect(en.totalAmount).toBe('12,345.68');
    expect(en.indicators[0].level1).toBe('Output');
  });

  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(messages['en-US'].targetPrint).sort()).toEqual(Object.keys(messages['zh-CN'].targetPrint).sort());
  });
});
