import {
  addDays,
  addWorkingDays,
  buildCalendar,
  dateInYear,
  daysUntil,
  isLeapYear,
  isValidDate,
  isValidMonthDay,
  shanghaiDate,
} from './calendar';
import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';

describe('month-days and dates', () => {
  it.each([
    ['02-29', true],
    ['02-30', false],
    ['04-31', false],
    ['12-31', true],
    ['13-01', false],
    ['00-10', false],
    ['01-00', false],
    ['1-5', false],
    ['2022-01-05', false],
  ])('isValidMonthDay(%s) = %s', (value, valid) => {
    expect(isValidMonthDay(value)).toBe(valid);
  });

  it('knows leap years', () => {
    expect([2022, 2024, 1900, 2000, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2022-8-31')).toBe(false);
    expect(isValidDate(20220831)).toBe(false);
  });

  it('puts 29 February on 28 February in a common year', () => {
    expect(dateInYear(2024, '02-29')).toBe('2024-02-29');
    expect(dateInYear(2023, '02-29')).toBe('2023-02-28');
    expect(() => dateInYear(2023, '02-30')).toThrow(RangeError);
  });
});

describe('buildCalendar', () => {
  it('lists the 2022 deadlines in date order', () => {
    const calendar = buildCalendar(P, 2022);
    expect(calendar.map((e) => [e.code, e.date])).toEqual([
      ['self_evaluation', '2022-03-31'],
      ['department_evaluation', '2022-06-30'],
      ['first_tracking', '2022-08-31'],
      ['supervision_self_check', '2022-08-31'],
      ['later_tracking', '2022-11-30'],
      ['supervision_rectification', '2022-11-30'],
    ]);
    expect(calendar.every((e) => !e.sectorSpecific)).toBe(true);
    expect(calendar[2]).toMatchObject({ rule: 'R9', zh: '首次绩效跟踪完成' });
  });

  it('applies the education sector dates', () => {
    const calendar = buildCalendar(P, 2022, 'education');
    const byCode = Object.fromEntries(calendar.map((e) => [e.code, e]));
    expect(byCode.first_tracking).toMatchObject({ date: '2022-09-30', sectorSpecific: true });
    expect(byCode.supervision_self_check).toMatchObject({ date: '2022-09-30', sectorSpecific: true });
    expect(byCode.self_evaluation).toMatchObject({ date: '2022-03-31', sectorSpecific: false });
    expect(calendar.map((e) => e.code).indexOf('first_tracking')).toBeGreaterThan(
      calendar.map((e) => e.code).indexOf('department_evaluation'),
    );
  });

  it('ignores a sector without its own dates, including prototype names', () => {
    expect(buildCalendar(P, 2022, 'health')).toEqual(buildCalendar(P, 2022));
    expect(buildCalendar(P, 2022, 'constructor')).toEqual(buildCalendar(P, 2022));
  });

  it('uses the dates of the profile', () => {
    const profile = copyProfile(P);
    profile.deadlines = [{ code: 'x', rule: 'R11', zh: '甲', en: 'X', date: '02-29' }];
    expect(buildCalendar(profile, 2024)[0].date).toBe('2024-02-29');
    expect(buildCalendar(profile, 2023)[0].date).toBe('2023-02-28');
  });
});

describe('daysUntil and addDays', () => {
  it('counts calendar days', () => {
    expect(daysUntil('2022-08-31', '2022-08-31')).toBe(0);
    expect(daysUntil('2022-08-31', '2022-08-30')).toBe(1);
    expect(daysUntil('2022-08-30', '2022-08-31')).toBe(-1);
    expect(daysUntil('2024-03-01', '2024-02-28')).toBe(2);
    expect(daysUntil('2023-03-01', '2023-02-28')).toBe(1);
    expect(daysUntil('2023-01-01', '2022-01-01')).toBe(365);
  });

  it('refuses invalid dates', () => {
    expect(() => daysUntil('2022-02-30', '2022-01-01')).toThrow(RangeError);
    expect(() => addDays('2022-01-01', 1.5)).toThrow(RangeError);
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
    expect(addDays('2022-03-01', -1)).toBe('2022-02-28');
  });
});

describe('addWorkingDays', () => {
  // 2022-08-26 is a Friday.
  it('skips the weekend', () => {
    expect(addWorkingDays('2022-08-26', 1)).toBe('2022-08-29');
    expect(addWorkingDays('2022-08-25', 1)).toBe('2022-08-26');
    expect(addWorkingDays('2022-08-26', 10)).toBe('2022-09-09');
    expect(addWorkingDays('2022-08-29', 5)).toBe('2022-09-05');
  });

  it('starts counting from a weekend day to the next Monday', () => {
    expect(addWorkingDays('2022-08-27', 1)).toBe('2022-08-29');
    expect(addWorkingDays('2022-08-28', 1)).toBe('2022-08-29');
  });

  it('returns the date itself for zero and goes back for negative counts', () => {
    expect(addWorkingDays('2022-08-27', 0)).toBe('2022-08-27');
    expect(addWorkingDays('2022-08-29', -1)).toBe('2022-08-26');
  });

  it('crosses 29 February in a leap year', () => {
    // 2024-02-28 is a Wednesday.
    expect(addWorkingDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addWorkingDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addWorkingDays('2023-02-28', 1)).toBe('2023-03-01');
  });

  it('honours holidays and working weekends', () => {
    // National Day 2022: 1–7 October off, Saturday 8 and Sunday 9 October worked.
    const holidays = ['2022-10-03', '2022-10-04', '2022-10-05', '2022-10-06', '2022-10-07'];
    const calendar = { holidays, workingWeekends: ['2022-10-08', '2022-10-09'] };
    expect(addWorkingDays('2022-09-30', 1, calendar)).toBe('2022-10-08');
    expect(addWorkingDays('2022-09-30', 3, calendar)).toBe('2022-10-10');
  });

  it('refuses a fractional count or an invalid date', () => {
    expect(() => addWorkingDays('2022-08-26', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2022-02-30', 0)).toThrow(RangeError);
  });
});

describe('shanghaiDate', () => {
  it('gives the Asia/Shanghai calendar date of an instant', () => {
    expect(shanghaiDate(new Date('2022-08-31T15:59:59Z'))).toBe('2022-08-31');
    expect(shanghaiDate(new Date('2022-08-31T16:00:00Z'))).toBe('2022-09-01');
  });
});
