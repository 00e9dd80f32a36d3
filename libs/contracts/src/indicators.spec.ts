import { checkIndicatorDefinition, childCategoryLevel, isLevel2Of, isIndicatorUnit } from './indicators';

describe('indicator library rules (N4)', () => {
  it('maps level 2 to its level 1', () => {
    expect(isLevel2Of('output', 'quantity')).toBe(true);
    expect(isLevel2Of('effect', 'social')).toBe(true);
    expect(isLevel2Of('satisfaction', 'recipient_satisfaction')).toBe(true);
    expect(isLevel2Of('output', 'social')).toBe(false);
    expect(isLevel2Of('satisfaction', 'quantity')).toBe(false);
  });

  it('knows the controlled units', () => {
    expect(isIndicatorUnit('%')).toBe(true);
    expect(isIndicatorUnit('所')).toBe(true);
    expect(isIndicatorUnit('斤')).toBe(false);
  });

  it('walks the tree sector → domain → level', () => {
    expect(childCategoryLevel(null)).toBe('sector');
    expect(childCategoryLevel('sector')).toBe('domain');
    expect(childCategoryLevel('domain')).toBe('level');
    expect(childCategoryLevel('level')).toBeNull();
  });

  it('accepts a quantitative indicator with a number and a controlled unit', () => {
    expect(checkIndicatorDefinition({ level1: 'output', level2: 'quantity', comparison: '>=', value: '12', unit: '所' })).toEqual([]);
    expect(checkIndicatorDefinition({ level1: 'effect', level2: 'social', comparison: '>=', value: '95.5', unit: '%' })).toEqual([]);
  });

  it('accepts a qualitative indicator without a unit', () => {
    expect(checkIndicatorDefinition({ level1: 'effect', level2: 'sustainable', comparison: 'qualitative', value: '长效机制健全', unit: null })).toEqual([]);
  });

  it('flags level mismatch, non-numeric values, missing and uncontrolled units', () => {
    const codes = (input: Parameters<typeof checkIndicatorDefinition>[0]) => checkIndicatorDefinition(input).map((i) => `${i.field}:${i.code}`);
    expect(codes({ level1: 'output', level2: 'social', comparison: '>=', value: '1', unit: '个' })).toEqual(['level2:LEVEL2_MISMATCH']);
    expect(codes({ level1: 'output', level2: 'quantity', comparison: '>=', value: '较多', unit: '个' })).toEqual(['value:NOT_A_NUMBER']);
    expect(codes({ level1: 'output', level2: 'quantity', comparison: '<=', value: '3', unit: null })).toEqual(['unit:UNIT_REQUIRED']);
    expect(codes({ level1: 'output', level2: 'quantity', comparison: '=', value: '3', unit: '斤' })).toEqual(['unit:UNIT_NOT_CONTROLLED']);
    expect(codes({ level1: 'effect', level2: 'social', comparison: 'qualitative', value: '明显改善', unit: '%' })).toEqual(['unit:UNIT_NOT_ALLOWED']);
  });
});
