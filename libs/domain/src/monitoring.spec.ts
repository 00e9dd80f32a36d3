import {
  achievementDegree,
  applicableCheckpoint,
  checkpointOn,
  endedMonthOn,
  executionRate,
  fundSplitIssues,
  isLateAnswer,
  responseDeadline,
  trackingRoundDue,
  trackingState,
  trackingStateSql,
  trackingWarnings,
  WARNING_LABELS,
  WARNING_RESPONSE_LABELS,
  type IndicatorProgressInput,
} from './monitoring';
import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';
import { addWorkingDaysAcrossYears, defaultWorkingCalendar, PUBLISHED_WORKING_CALENDARS } from './working-calendar';
import { buildCalendar } from './calendar';

const codes = (figures: Parameters<typeof trackingWarnings>[0], profile = P) => trackingWarnings(figures, profile).map((w) => w.code);

describe('N7 execution rate', () => {
  it('is executed ÷ budget in percent, rounded half up once to two places', () => {
    expect(executionRate('2499000.00', '10000000.00')).toEqual({ rate: '24.99', base: 'budget', baseAmount: '10000000.00' });
    // 24.996 % shows and compares as 25.00 %.
    expect(executionRate('2499600.00', '10000000.00').rate).toBe('25.00');
    expect(executionRate('2499499.99', '10000000.00').rate).toBe('24.99');
    expect(executionRate('1.00', '3.00').rate).toBe('33.33');
    expect(executionRate('2.00', '3.00').rate).toBe('66.67');
    expect(executionRate('0', '1.00').rate).toBe('0.00');
    expect(executionRate('12000000.00', '10000000.00').rate).toBe('120.00');
  });

  it('uses the approved adjusted budget when there is one', () => {
    expect(executionRate('2500000.00', '10000000.00', '5000000.00')).toEqual({
      rate: '50.00',
      base: 'adjusted_budget',
      baseAmount: '5000000.00',
    });
    expect(executionRate('2500000.00', '10000000.00', null).base).toBe('budget');
  });

  it('refuses a zero base and bad amounts', () => {
    expect(() => executionRate('1.00', '0.00')).toThrow(RangeError);
    expect(() => executionRate('1.001', '10.00')).toThrow();
  });
});

describe('N7 checkpoints by as-of date', () => {
  it('applies the latest month that has ended on or before the as-of date', () => {
    expect(endedMonthOn('2022-04-30')).toBe(4);
    expect(endedMonthOn('2022-04-29')).toBe(3);
    expect(endedMonthOn('2022-06-15')).toBe(5);
    expect(endedMonthOn('2022-01-15')).toBe(0);
    expect(endedMonthOn('2024-02-29')).toBe(2);
    expect(checkpointOn('2022-06-15', P)).toEqual({ month: 4, minExecutionPct: 25 });
    expect(checkpointOn('2022-06-30', P)).toEqual({ month: 6, minExecutionPct: 40 });
    expect(checkpointOn('2022-03-31', P)).toBeUndefined();
    expect(applicableCheckpoint(12, P)?.minExecutionPct).toBe(80);
  });

  it('warns at 24.99 % on 30 April, not at 25.00 %', () => {
    expect(codes({ asOf: '2022-04-30', executionRate: '24.99' })).toEqual(['EXECUTION_BELOW_CHECKPOINT']);
    expect(codes({ asOf: '2022-04-30', executionRate: '25.00' })).toEqual([]);
    expect(codes({ asOf: '2022-04-30', executionRate: executionRate('2499600.00', '10000000.00').rate })).toEqual([]);
  });

  it('uses April’s 25 % on 15 June and June’s 40 % on 30 June', () => {
    expect(codes({ asOf: '2022-06-15', executionRate: '30.00' })).toEqual([]);
    expect(codes({ asOf: '2022-06-30', executionRate: '30.00' })).toEqual(['EXECUTION_BELOW_CHECKPOINT']);
  });

  it('states the rule with its numbers in both languages', () => {
    const [warning] = trackingWarnings({ asOf: '2022-09-15', executionRate: '55.00' }, P);
    expect(warning).toMatchObject({
      code: 'EXECUTION_BELOW_CHECKPOINT',
      rule: 'N7',
      threshold: '60.00',
      actual: '55.00',
      checkpointMonth: 8,
    });
    expect(warning.message).toContain('8月末');
    expect(warning.message).toContain('60.00%');
    expect(warning.messageEn).toContain('2022-09-15');
  });

  it('takes the checkpoints of the profile, in any order', () => {
    const profile = copyProfile(P);
    profile.monitoring.executionCheckpoints = [
      { month: 6, minExecutionPct: 50 },
      { month: 3, minExecutionPct: 10 },
    ];
    expect(codes({ asOf: '2022-05-31', executionRate: '9.99' }, profile)).toEqual(['EXECUTION_BELOW_CHECKPOINT']);
    expect(codes({ asOf: '2022-06-30', executionRate: '49.99' }, profile)).toEqual(['EXECUTION_BELOW_CHECKPOINT']);
  });
});

describe('N7 deviation', () => {
  it('warns only beyond the allowed points, in either direction', () => {
    expect(codes({ asOf: '2022-02-01', executionRate: '20.00', achievementRate: '30.00' })).toEqual([]);
    expect(codes({ asOf: '2022-02-01', executionRate: '20.00', achievementRate: '30.01' })).toEqual(['DEVIATION']);
    expect(codes({ asOf: '2022-02-01', executionRate: '30.01', achievementRate: '20.00' })).toEqual(['DEVIATION']);
    expect(codes({ asOf: '2022-02-01', executionRate: '10.10', achievementRate: '20.10' })).toEqual([]);
  });

  it('gives both warnings at once with the figures compared', () => {
    const warnings = trackingWarnings({ asOf: '2022-06-30', executionRate: '30.00', achievementRate: '70.00' }, P);
    expect(warnings.map((w) => [w.code, w.threshold, w.actual])).toEqual([
      ['EXECUTION_BELOW_CHECKPOINT', '40.00', '30.00'],
      ['DEVIATION', '10.00', '40.00'],
    ]);
    expect(warnings[1]).toMatchObject({ achievementRate: '70.00', executionRate: '30.00' });
  });

  it('uses the points of the profile and refuses malformed figures', () => {
    const profile = copyProfile(P);
    profile.monitoring.deviationPoints = 5;
    expect(codes({ asOf: '2022-01-01', executionRate: '10.00', achievementRate: '15.00' }, profile)).toEqual([]);
    expect(codes({ asOf: '2022-01-01', executionRate: '10.00', achievementRate: '15.50' }, profile)).toEqual(['DEVIATION']);
    expect(() => trackingWarnings({ asOf: '2022-01-01', executionRate: '10.001' }, P)).toThrow(RangeError);
    expect(() => trackingWarnings({ asOf: '2022-02-30', executionRate: '10.00' }, P)).toThrow(RangeError);
  });

  it('labels warnings and responses', () => {
    expect(WARNING_LABELS.DEVIATION.zh).toBeTruthy();
    expect(WARNING_RESPONSE_LABELS.cancel.en).toBe('Cancel');
  });
});

describe('N7 degree of target achievement', () => {
  const row = (over: Partial<IndicatorProgressInput>): IndicatorProgressInput => ({
    key: 'k',
    comparison: '>=',
    yearValue: '100',
    valueSoFar: null,
    weight: null,
    ...over,
  });

  it('is direction-aware and capped at 100 % per indicator', () => {
    const result = achievementDegree(
      [
        row({ key: 'a', yearValue: '200', valueSoFar: '50' }), // 25 %
        row({ key: 'b', comparison: '<=', yearValue: '10', valueSoFar: '20' }), // 50 %
        row({ key: 'c', comparison: '<=', yearValue: '10', valueSoFar: '5' }), // 100 %
        row({ key: 'd', yearValue: '100', valueSoFar: '150' }), // capped 100 %
      ],
      P,
    );
    expect(result.lines.map((l) => [l.key, l.degree, l.basis])).toEqual([
      ['a', '25.00', 'ratio'],
      ['b', '50.00', 'inverse_ratio'],
      ['c', '100.00', 'inverse_ratio'],
      ['d', '100.00', 'ratio'],
    ]);
    expect(result.degree).toBe('68.75');
  });

  it('judges qualitative indicators by the profile’s bands and weighs as the target does', () => {
    const result = achievementDegree(
      [
        row({ key: 'q', comparison: 'qualitative', yearValue: '群众满意', band: 'mostly_achieved', weight: '30' }),
        row({ key: 'n', yearValue: '3', valueSoFar: '1', weight: '70' }),
      ],
      P,
    );
    // 80 × 0.3 + 33.33… × 0.7 = 47.333… → 47.33
    expect(result.degree).toBe('47.33');
    expect(result.lines[0]).toMatchObject({ degree: '80.00', basis: 'band', weight: '30.00' });
  });

  it('leaves out what was not read, and says so', () => {
    const result = achievementDegree(
      [row({ key: 'a', valueSoFar: '40' }), row({ key: 'b', valueSoFar: '' }), row({ key: 'c', yearValue: '提升', valueSoFar: '1' })],
      P,
    );
    expect(result.lines.map((l) => l.basis)).toEqual(['ratio', 'not_read', 'not_numeric']);
    expect(result.degree).toBe('40.00');
    expect(achievementDegree([row({})], P).degree).toBeNull();
  });
});

describe('N7 ten working days on the year’s calendar', () => {
  const calendars = (years: number[]) => (year: number) => (years.includes(year) ? defaultWorkingCalendar(year) : null);

  it('skips the National Day holiday and counts its make-up working weekend', () => {
    // 28 Sep 2022 + 10: 29, 30 Sep, 8 (Sat, make-up), 9 (Sun, make-up), 10–14 Oct, 17 Oct.
    expect(responseDeadline('2022-09-28', P, calendars([2022]))).toEqual({ date: '2022-10-17', yearsWithoutCalendar: [] });
    // Without the calendar: weekends only.
    expect(addWorkingDaysAcrossYears('2022-09-28', 10, () => null).date).toBe('2022-10-12');
  });

  it('crosses New Year on the next year’s calendar, or weekends only with the year reported', () => {
    // 23 Dec 2022 + 10: 26–30 Dec, 3–6 Jan (2 Jan 2023 is a holiday), 9 Jan.
    expect(responseDeadline('2022-12-23', P, calendars([2022, 2023]))).toEqual({ date: '2023-01-09', yearsWithoutCalendar: [] });
    expect(responseDeadline('2022-12-23', P, calendars([2022]))).toEqual({ date: '2023-01-06', yearsWithoutCalendar: [2023] });
  });

  it('takes the profile’s number of days, and flags late answers', () => {
    const profile = copyProfile(P);
    profile.monitoring.responseWorkingDays = 1;
    expect(responseDeadline('2022-04-29', profile, calendars([2022])).date).toBe('2022-05-05');
    expect(isLateAnswer('2022-05-05', '2022-05-05')).toBe(false);
    expect(isLateAnswer('2022-05-06', '2022-05-05')).toBe(true);
  });

  it('ships published calendars whose holidays are weekdays and make-up days weekends', () => {
    for (const [year, calendar] of Object.entries(PUBLISHED_WORKING_CALENDARS)) {
      expect(calendar.holidays.every((d) => d.startsWith(year) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toBe(true);
      expect(calendar.makeUpWorkingDays.every((d) => d.startsWith(year) && [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toBe(
        true,
      );
    }
  });

  it('gives the education sector its later first-tracking deadline', () => {
    const general = buildCalendar(P, 2022).find((e) => e.code === 'first_tracking');
    const education = buildCalendar(P, 2022, 'education').find((e) => e.code === 'first_tracking');
    expect(general?.date).toBe('2022-08-31');
    expect(education?.date).toBe('2022-09-30');
  });
});

describe('R9 / R10 tracking rounds', () => {
  it('puts what exists by 31 Aug in the first round, education by 30 Sep', () => {
    const base = { year: 2022, createdOn: '2022-01-10', targetApprovedOn: '2022-02-01' };
    expect(trackingRoundDue(base, P)).toEqual({ round: 'first_tracking', rule: 'R9', due: '2022-08-31' });
    expect(trackingRoundDue({ ...base, sector: 'education' }, P)).toEqual({ round: 'first_tracking', rule: 'R9', due: '2022-09-30' });
  });

  it('gives what came after the first round’s deadline until 30 Nov', () => {
    expect(trackingRoundDue({ year: 2022, createdOn: '2022-09-01', targetApprovedOn: null }, P)?.due).toBe('2022-11-30');
    expect(trackingRoundDue({ year: 2022, createdOn: '2022-03-01', targetApprovedOn: '2022-09-01' }, P)).toEqual({
      round: 'later_tracking',
      rule: 'R10',
      due: '2022-11-30',
    });
    // The education sector's first round runs to 30 Sep: approved 15 Sep is still the first round.
    expect(trackingRoundDue({ year: 2022, sector: 'education', createdOn: '2022-03-01', targetApprovedOn: '2022-09-15' }, P)?.round).toBe(
      'first_tracking',
    );
    expect(trackingRoundDue({ year: 2022, createdOn: '2022-08-31', targetApprovedOn: '2022-08-31' }, P)?.round).toBe('first_tracking');
  });
});

describe('R25 fund-source split of a tracking', () => {
  it('must add up to the executed amount, once per source, from the project’s sources', () => {
    const sources = ['direct_funds', 'special_transfers'];
    expect(fundSplitIssues('100.00', null)).toEqual([]);
    expect(
      fundSplitIssues(
        '100.00',
        [
          { source: 'direct_funds', amount: '60.00' },
          { source: 'special_transfers', amount: '40.00' },
        ],
        sources,
      ),
    ).toEqual([]);
    const issues = fundSplitIssues(
      '100.00',
      [
        { source: 'direct_funds', amount: '60.00' },
        { source: 'direct_funds', amount: '30.00' },
        { source: 'bonds', amount: '0.01' },
      ],
      sources,
    );
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['fundSources.1.source', 'DUPLICATE_SOURCE'],
      ['fundSources.2.source', 'NOT_A_PROJECT_SOURCE'],
      ['fundSources', 'SPLIT_NOT_EQUAL_TOTAL'],
    ]);
    expect(issues[2].message).toContain('90.01');
  });
});

describe('R9 tracking state', () => {
  it('lists what cannot be tracked, and tells due from overdue by the round’s deadline', () => {
    expect(trackingState({ targetApproved: false, trackings: 3, due: '2022-08-31', today: '2022-09-01' })).toBe('not_trackable');
    expect(trackingState({ targetApproved: true, trackings: 1, due: '2022-08-31', today: '2022-09-01' })).toBe('tracked');
    expect(trackingState({ targetApproved: true, trackings: 0, due: '2022-08-31', today: '2022-08-31' })).toBe('due');
    expect(trackingState({ targetApproved: true, trackings: 0, due: '2022-08-31', today: '2022-09-01' })).toBe('overdue');
  });

  it('builds the state in SQL over a row’s columns', () => {
    const sql = trackingStateSql({ targetStatus: 't.status', trackings: 'n', due: 'd', today: `DATE '2022-09-01'` });
    expect(sql).toContain(`'not_trackable'`);
    expect(sql).toContain(`WHEN DATE '2022-09-01' > d THEN 'overdue'`);
  });
});
