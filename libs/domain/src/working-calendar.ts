/**
 * The working calendar of a year (N7's "working days"): Monday–Friday, minus the public holidays that
 * fall on weekdays, plus the make-up working days (调休) that fall on weekends. Each year's calendar
 * lives in that year's policy profile (`workingCalendar`), where the bureau can correct it; a new
 * profile starts from the State Council's published arrangement when this release knows it.
 */
import { addDays, dayOfWeek, isValidDate, isWorkingDay, type WorkingCalendar } from './calendar';

export interface ProfileWorkingCalendar {
  /** Weekdays that are days off (public holidays), 'YYYY-MM-DD' in the profile's year. */
  holidays: string[];
  /** Saturdays and Sundays that are working days (调休), 'YYYY-MM-DD' in the profile's year. */
  makeUpWorkingDays: string[];
}

/**
 * The State Council General Office's holiday arrangements (国务院办公厅关于部分节假日安排的通知) for
 * the years this release ships with: only the weekdays off and the weekend working days, since
 * weekends are already days off. Facts, not rules: the profile copies them and may be edited.
 */
export const PUBLISHED_WORKING_CALENDARS: Readonly<Record<number, ProfileWorkingCalendar>> = {
  // 国办发明电〔2020〕27号
  2021: {
    holidays: [
      '2021-01-01',
      '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16', '2021-02-17',
      '2021-04-05',
      '2021-05-03', '2021-05-04', '2021-05-05',
      '2021-06-14',
      '2021-09-20', '2021-09-21',
      '2021-10-01', '2021-10-04', '2021-10-05', '2021-10-06', '2021-10-07',
    ],
    makeUpWorkingDays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  // 国办发明电〔2021〕11号
  2022: {
    holidays: [
      '2022-01-03',
      '2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04',
      '2022-04-04', '2022-04-05',
      '2022-05-02', '2022-05-03', '2022-05-04',
      '2022-06-03',
      '2022-09-12',
      '2022-10-03', '2022-10-04', '2022-10-05', '2022-10-06', '2022-10-07',
    ],
    makeUpWorkingDays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  // 国办发明电〔2022〕16号
  2023: {
    holidays: [
      '2023-01-02',
      '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-01-27',
      '2023-04-05',
      '2023-05-01', '2023-05-02', '2023-05-03',
      '2023-06-22', '2023-06-23',
      '2023-09-29',
      '2023-10-02', '2023-10-03', '2023-10-04', '2023-10-05', '2023-10-06',
    ],
    makeUpWorkingDays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
};

/** The calendar a new profile of `year` starts with: the published one, else weekends only. */
export function defaultWorkingCalendar(year: number): ProfileWorkingCalendar {
  const published = PUBLISHED_WORKING_CALENDARS[year];
  return published
    ? { holidays: [...published.holidays], makeUpWorkingDays: [...published.makeUpWorkingDays] }
    : { holidays: [], makeUpWorkingDays: [] };
}

export interface WorkingDaysResult {
  date: string;
  /**
   * Years the count ran through whose calendar was not available: those days were counted as
   * Monday–Friday only, which the page must say (a holiday there would move the date).
   */
  yearsWithoutCalendar: number[];
}

/**
 * The date n (≥ 0) working days after `date`, the start day not counted, each day judged by the
 * calendar of its own year: a deadline that crosses New Year uses the next year's calendar, or
 * weekends only with the year reported when `calendarOf` has none for it.
 */
export function addWorkingDaysAcrossYears(
  date: string,
  n: number,
  calendarOf: (year: number) => ProfileWorkingCalendar | null | undefined,
): WorkingDaysResult {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
  if (!isValidDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  const cache = new Map<number, WorkingCalendar | null>();
  const missing = new Set<number>();
  const calendarFor = (year: number): WorkingCalendar | null => {
    if (!cache.has(year)) {
      const found = calendarOf(year);
      cache.set(year, found ? { holidays: found.holidays, workingWeekends: found.makeUpWorkingDays } : null);
    }
    return cache.get(year) ?? null;
  };
  let current = date;
  for (let left = n; left > 0; ) {
    current = addDays(current, 1);
    const year = Number(current.slice(0, 4));
    const calendar = calendarFor(year);
    if (!calendar) missing.add(year);
    if (isWorkingDay(current, calendar ?? {})) left--;
  }
  return { date: current, yearsWithoutCalendar: [...missing].sort((a, b) => a - b) };
}

/** Issues of a profile's working calendar (paths under `workingCalendar`), for the profile check. */
export function workingCalendarIssues(
  value: ProfileWorkingCalendar,
  year: number | undefined,
): { path: string; code: string; message: string; messageEn: string }[] {
  const issues: { path: string; code: string; message: string; messageEn: string }[] = [];
  const seen = new Map<string, string>();
  const check = (list: 'holidays' | 'makeUpWorkingDays') => {
    value[list].forEach((date, index) => {
      const path = `workingCalendar.${list}.${index}`;
      if (!isValidDate(date)) {
        issues.push({ path, code: 'INVALID_DATE', message: `${path} 须为有效日期（YYYY-MM-DD）`, messageEn: `${path} must be a valid YYYY-MM-DD date` });
        return;
      }
      if (year !== undefined && Number(date.slice(0, 4)) !== year) {
        issues.push({ path, code: 'OTHER_YEAR', message: `${date} 不在 ${year} 年内`, messageEn: `${date} is not in ${year}` });
      }
      const weekend = [0, 6].includes(dayOfWeek(date));
      if (list === 'holidays' && weekend) {
        issues.push({ path, code: 'HOLIDAY_ON_WEEKEND', message: `${date} 是周末，本就不是工作日`, messageEn: `${date} is a weekend day, already a day off` });
      }
      if (list === 'makeUpWorkingDays' && !weekend) {
        issues.push({ path, code: 'MAKE_UP_ON_WEEKDAY', message: `${date} 是工作日，调休上班日须为周末`, messageEn: `${date} is a weekday; a make-up working day is a weekend day` });
      }
      const other = seen.get(date);
      if (other) {
        issues.push({ path, code: 'DUPLICATE_DATE', message: `${date} 重复列出`, messageEn: `${date} is listed twice` });
      }
      seen.set(date, list);
    });
  };
  check('holidays');
  check('makeUpWorkingDays');
  return issues;
}
