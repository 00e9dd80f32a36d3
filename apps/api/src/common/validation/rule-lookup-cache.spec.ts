import { getMetadataStorage, IsInt, IsString, MaxLength, validateSync } from 'class-validator';
import { cacheRuleLookups } from './rule-lookup-cache';

class Named {
  @IsString()
  name!: unknown;
}

class Counted extends Named {
  @IsInt()
  count!: unknown;

  @MaxLength(3, { groups: ['short'] })
  code!: unknown;
}

const failing = (object: object, groups?: string[]) =>
  validateSync(object, groups ? { groups } : {})
    .map((e) => e.property)
    .sort();

describe('cacheRuleLookups', () => {
  beforeAll(() => cacheRuleLookups());

  it('answers the same rules as class-validator: inherited ones, and per group', () => {
    const object = Object.assign(new Counted(), { name: 1, count: 'x', code: 'toolong' });
    // without groups, a rule of a group applies too (class-validator's default); with one, only that group's
    expect(failing(object)).toEqual(['code', 'count', 'name']);
    expect(failing(object, ['short'])).toEqual(['code']);
    expect(failing(object)).toEqual(['code', 'count', 'name']);
    expect(failing(Object.assign(new Named(), { name: 2 }))).toEqual(['name']);
  });

  it('looks a class up once for the same options', () => {
    const storage = getMetadataStorage() as unknown as {
      getTargetValidationMetadatas(
        target: abstract new () => unknown,
        schema: string,
        always: boolean,
        strict: boolean,
        groups?: string[],
      ): unknown[];
    };
    const first = storage.getTargetValidationMetadatas(Counted, '', false, false, undefined);
    expect(first.length).toBe(3);
    expect(storage.getTargetValidationMetadatas(Counted, '', false, false, undefined)).toBe(first);
    expect(storage.getTargetValidationMetadatas(Counted, '', false, false, ['short'])).not.toBe(first);
  });

  it('forgets what it found when a rule is added later', () => {
    const object = Object.assign(new Counted(), { name: 'ok', count: 1, code: 'abc' });
    expect(failing(object)).toEqual([]);
    expect(failing(object, ['short'])).toEqual([]);
    // a rule declared after the first validation (a class decorated later) is applied from then on
    IsInt({ groups: ['short'] })(Counted.prototype, 'code');
    expect(failing(object)).toEqual(['code']);
    expect(failing(object, ['short'])).toEqual(['code']);
  });
});
