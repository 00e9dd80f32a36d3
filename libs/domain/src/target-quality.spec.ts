import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';
import {
  blockingFailures,
  checkTargetQuality,
  findVagueWords,
  moneyUnitToYuan,
  type QualityIndicator,
  type QualityInput,
} from './target-quality';

/** A fixture the tests may edit in place. */
type EditableInput = Omit<QualityInput, 'indicators'> & { indicators: QualityIndicator[] };

describe('R8 findVagueWords', () => {
  it('finds the profile words in a text', () => {
    expect(findVagueWords('服务质量进一步提升，群众满意度显著提高', P)).toEqual(['进一步', '显著']);
    expect(findVagueWords('完成道路养护 12.5 公里', P)).toEqual([]);
    expect(findVagueWords('', P)).toEqual([]);
  });

  it('uses the words of the profile', () => {
    const profile = copyProfile(P);
    profile.targetReview.vagueWords = ['力争'];
    expect(findVagueWords('力争进一步提升', profile)).toEqual(['力争']);
  });
});

describe('moneyUnitToYuan', () => {
  it('converts 元 and 万元 exactly', () => {
    expect(moneyUnitToYuan('800', '万元')).toBe('8000000.00');
    expect(moneyUnitToYuan('1.2345', '万元')).toBe('12345.00');
    expect(moneyUnitToYuan('0.000001', '万元')).toBe('0.01');
    expect(moneyUnitToYuan('12.5', '元')).toBe('12.50');
  });
  it('refuses what is not a whole fen or not money', () => {
    expect(moneyUnitToYuan('0.001', '元')).toBeNull();
    expect(moneyUnitToYuan('0.0000001', '万元')).toBeNull();
    expect(moneyUnitToYuan('12', '%')).toBeNull();
    expect(moneyUnitToYuan('abc', '元')).toBeNull();
  });
});

const good = (): EditableInput => ({
  overallGoal: '完成区中心医院门诊楼改扩建，新增床位 200 张',
  annualGoals: ['2022 年完成主体结构封顶'],
  budgetAmount: '8000000.00',
  indicators: [
    { level1: 'output', level2: 'quantity', name: '新增床位数', comparison: '>=', value: '200', unit: '张' },
    { level1: 'effect', level2: 'social', name: '门诊候诊时间缩短', comparison: '>=', value: '15', unit: '%' },
    { level1: 'satisfaction', level2: 'recipient_satisfaction', name: '患者满意度', comparison: '>=', value: '90', unit: '%' },
    { level1: 'cost', level2: 'economic_cost', name: '工程建设成本', comparison: '<=', value: '800', unit: '万元' },
  ],
});

const failedCodes = (input: QualityInput) => blockingFailures(checkTargetQuality(input, P)).map((i) => i.code);

describe('R8 checkTargetQuality', () => {
  it('passes a good target item by item, with no failures', () => {
    const items = checkTargetQuality(good(), P);
    expect(items.every((i) => i.passed)).toBe(true);
    expect(items.map((i) => i.code)).toEqual([
      'OVERALL_GOAL_REQUIRED',
      'OUTPUT_INDICATOR_REQUIRED',
      'EFFECT_INDICATOR_REQUIRED',
      'INDICATOR_MEASURABLE',
      'QUALITATIVE_ONLY_WHEN_QUALITATIVE',
      'COST_WITHIN_BUDGET',
      'NO_DUPLICATE_INDICATORS',
      'VAGUE_WORDING',
    ]);
  });

  it('requires an overall goal, an output and an effect indicator', () => {
    expect(failedCodes({ ...good(), overallGoal: '  ' })).toEqual(['OVERALL_GOAL_REQUIRED']);
    const input = good();
    expect(failedCodes({ ...input, indicators: input.indicators.filter((i) => i.level1 !== 'output') })).toEqual([
      'OUTPUT_INDICATOR_REQUIRED',
    ]);
    expect(failedCodes({ ...input, indicators: input.indicators.filter((i) => i.level1 !== 'effect') })).toEqual([
      'EFFECT_INDICATOR_REQUIRED',
    ]);
  });

  it('requires a value and a unit unless the comparison is qualitative', () => {
    const input = good();
    input.indicators[0] = { ...input.indicators[0], unit: null };
    const failed = blockingFailures(checkTargetQuality(input, P));
    expect(failed).toEqual([expect.objectContaining({ code: 'INDICATOR_MEASURABLE', indicatorIndex: 0 })]);
    const qualitative = good();
    qualitative.indicators[1] = { ...qualitative.indicators[1], comparison: 'qualitative', value: '就医环境改善', unit: null };
    expect(failedCodes(qualitative)).toEqual([]);
    qualitative.indicators[1] = { ...qualitative.indicators[1], value: '' };
    expect(failedCodes(qualitative)).toEqual(['INDICATOR_MEASURABLE']);
  });

  it('allows wording as a value only for qualitative indicators', () => {
    const input = good();
    input.indicators[0] = { ...input.indicators[0], value: '大量' };
    expect(blockingFailures(checkTargetQuality(input, P))).toEqual([
      expect.objectContaining({ code: 'QUALITATIVE_ONLY_WHEN_QUALITATIVE', indicatorIndex: 0 }),
    ]);
  });

  it('keeps cost indicators within the budget, to the fen', () => {
    const at = good();
    at.indicators[3] = { ...at.indicators[3], value: '8000000.00', unit: '元' };
    expect(failedCodes(at)).toEqual([]);
    const over = good();
    over.indicators[3] = { ...over.indicators[3], value: '8000000.01', unit: '元' };
    expect(failedCodes(over)).toEqual(['COST_WITHIN_BUDGET']);
    const overWan = good();
    overWan.indicators[3] = { ...overWan.indicators[3], value: '800.000001', unit: '万元' };
    expect(failedCodes(overWan)).toEqual(['COST_WITHIN_BUDGET']);
    const otherUnit = good();
    otherUnit.indicators[3] = { ...otherUnit.indicators[3], value: '99999999', unit: '%' };
    expect(failedCodes(otherUnit)).toEqual([]);
  });

  it('finds duplicated indicators by level 1, level 2 and name', () => {
    const input = good();
    input.indicators = [...input.indicators, { ...input.indicators[0], value: '300' }];
    expect(blockingFailures(checkTargetQuality(input, P))).toEqual([
      expect.objectContaining({ code: 'NO_DUPLICATE_INDICATORS', indicatorIndex: 4 }),
    ]);
    const otherLevel2 = good();
    otherLevel2.indicators = [...otherLevel2.indicators, { ...otherLevel2.indicators[0], level2: 'quality' }];
    expect(failedCodes(otherLevel2)).toEqual([]);
  });

  it('warns about vague wording without blocking, listing the words', () => {
    const input = good();
    input.overallGoal = '进一步提升医疗服务能力';
    input.indicators[1] = { ...input.indicators[1], name: '群众就医体验显著改善' };
    const items = checkTargetQuality(input, P);
    expect(blockingFailures(items)).toEqual([]);
    const vague = items.filter((i) => i.code === 'VAGUE_WORDING');
    expect(vague).toEqual([
      expect.objectContaining({ severity: 'warning', passed: false, words: ['进一步'] }),
      expect.objectContaining({ severity: 'warning', passed: false, words: ['显著'], indicatorIndex: 1 }),
    ]);
  });
});
