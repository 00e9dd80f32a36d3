import { checkTransition, availableActions } from './workflow';
import {
  AGENCY_STATE_WORKFLOW,
  creditCodeCheckCharacter,
  isQualificationValid,
  isUnifiedSocialCreditCode,
  lookBackStart,
  violationsWithin,
} from './agency';

describe('agency state workflow', () => {
  it('suspends and blacklists an active agency, and reinstates only a suspended or blacklisted one', () => {
    expect(availableActions(AGENCY_STATE_WORKFLOW, 'active')).toEqual(['suspend', 'blacklist']);
    expect(availableActions(AGENCY_STATE_WORKFLOW, 'suspended')).toEqual(['blacklist', 'reinstate']);
    expect(availableActions(AGENCY_STATE_WORKFLOW, 'blacklisted')).toEqual(['reinstate']);
    expect(checkTransition(AGENCY_STATE_WORKFLOW, 'suspended', 'blacklist')).toEqual({ allowed: true, to: 'blacklisted' });
    expect(checkTransition(AGENCY_STATE_WORKFLOW, 'blacklisted', 'reinstate')).toEqual({ allowed: true, to: 'active' });
  });

  it('refuses what the table does not allow', () => {
    const refused = checkTransition(AGENCY_STATE_WORKFLOW, 'blacklisted', 'suspend');
    expect(refused).toMatchObject({ allowed: false, code: 'ILLEGAL_TRANSITION', allowedFrom: ['active'] });
    expect(checkTransition(AGENCY_STATE_WORKFLOW, 'active', 'reinstate').allowed).toBe(false);
  });
});

describe('violations within the look-back years (N8)', () => {
  const v = (date: string) => ({ date, description: date });

  it('starts the window on the same day the given years before', () => {
    expect(lookBackStart('2022-06-30', 3)).toBe('2019-06-30');
    expect(lookBackStart('2022-06-30', 0)).toBe('2022-06-30');
    // 29 Feb in a leap year: the same day of a common year is 28 Feb.
    expect(lookBackStart('2024-02-29', 3)).toBe('2021-02-28');
  });

  it('includes both ends, and leaves out earlier and later violations', () => {
    const all = [v('2019-06-29'), v('2019-06-30'), v('2021-01-15'), v('2022-06-30'), v('2022-07-01')];
    expect(violationsWithin(all, '2022-06-30', 3).map((x) => x.date)).toEqual(['2019-06-30', '2021-01-15', '2022-06-30']);
    expect(violationsWithin(all, '2022-06-30', 1).map((x) => x.date)).toEqual(['2022-06-30']);
    expect(violationsWithin([], '2022-06-30', 3)).toEqual([]);
  });

  it('ignores a stored date that is not a calendar date, and refuses a bad window', () => {
    expect(violationsWithin([v('2021-02-30'), v('2021-03-01')], '2022-01-01', 3).map((x) => x.date)).toEqual(['2021-03-01']);
    expect(() => violationsWithin([], '2022-13-01', 3)).toThrow(RangeError);
    expect(() => lookBackStart('2022-01-01', -1)).toThrow(RangeError);
    expect(() => lookBackStart('2022-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('qualifications', () => {
  it('are valid through their last day, and without an end date for good', () => {
    expect(isQualificationValid({ validUntil: '2022-06-30' }, '2022-06-30')).toBe(true);
    expect(isQualificationValid({ validUntil: '2022-06-30' }, '2022-07-01')).toBe(false);
    expect(isQualificationValid({ validUntil: null }, '2099-01-01')).toBe(true);
    expect(isQualificationValid({}, '2099-01-01')).toBe(true);
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts codes whose check character matches', () => {
    // Published examples of valid codes.
    expect(isUnifiedSocialCreditCode('91350100M000100Y43')).toBe(true);
    expect(isUnifiedSocialCreditCode('91310000MA1FL4B24G')).toBe(true);
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('refuses a wrong check character, a wrong length, forbidden letters and non-strings', () => {
    expect(isUnifiedSocialCreditCode('91350100M000100Y44')).toBe(false);
    expect(isUnifiedSocialCreditCode('91350100M000100Y4')).toBe(false);
    expect(isUnifiedSocialCreditCode('91350100M000100Y433')).toBe(false);
    // I, O, S, V and Z are not used; lower case is not accepted.
    expect(isUnifiedSocialCreditCode('91350100M00010OY43')).toBe(false);
    expect(isUnifiedSocialCreditCode('91350100m000100y43')).toBe(false);
    // Characters 3–8 are the division code: digits only.
    expect(isUnifiedSocialCreditCode('913A0100M000100Y43')).toBe(false);
    expect(isUnifiedSocialCreditCode(913501001)).toBe(false);
    expect(isUnifiedSocialCreditCode(null)).toBe(false);
    expect(() => creditCodeCheckCharacter('123')).toThrow(RangeError);
  });
});
