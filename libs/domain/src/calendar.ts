/**
 * The year's deadlines and calendar-date arithmetic. Dates are Asia/Shanghai calendar dates as
 * 'YYYY-MM-DD' strings; arithmetic runs on UTC midnights of those dates, so the host's time zone
 * never shifts a day.
 */
import type { PolicyProfileValues } from './policy-profile';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY_PATTERN = /^(\d{2})-(\d{2})$/;
/** China has kept UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'MM-DD' that exists in some year: '02-29' is valid, '02-30' and '13-01' are not. */
export function isValidMonthDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = MONTH_DAY_PATTERN.exec(value);
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2000, month);
}

/** 'YYYY-MM-DD' that exists: '2024-02-29' is valid, '2023-02-29' is not. */
export function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** UTC midnight (ms) of a calendar date; throws RangeError for an invalid date. */
function toUtc(date: string): number {
  if (!isValidDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Moves a calendar date by n days (negative goes back). */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer, got ${n}`);
  return fromUtc(toUtc(date) + n * DAY_MS);
}

/** Whole days from `today` to `date`: positive ahead, 0 on the day, negative once past. */
export function daysUntil(date: string, today: string): number {
  return Math.round((toUtc(date) - toUtc(today)) / DAY_MS);
}

/** The Asia/Shanghai calendar date of an instant (default: now). */
export function shanghaiDate(instant: Date = new Date()): string {
  return fromUtc(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** Optional exceptions to the Monday–Friday week: public holidays and 调休 working weekends. */
export interface WorkingCalendar {
  /** Weekdays that are days off. */
  holidays?: readonly string[];
  /** Weekend days that are working days. */
  workingWeekends?: readonly string[];
}

export function isWorkingDay(date: string, calendar: WorkingCalendar = {}): boolean {
  if (calendar.holidays?.includes(date)) return false;
  if (calendar.workingWeekends?.includes(date)) return true;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

/**
 * The date n working days after `date` (before it when n < 0), skipping Saturdays and Sundays and the
 * calendar's exceptions. The start day itself is not counted: Friday + 1 → Monday; n = 0 → `date`.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar = {}): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`);
  let current = date;
  toUtc(current);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    current = addDays(current, step);
    if (isWorkingDay(current, calendar)) left--;
  }
  return current;
}

/** A month-day in a year; 29 February falls on 28 February in a common year. */
export function dateInYear(year: number, monthDay: string): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
  if (!isValidMonthDay(monthDay)) throw new RangeError(`not a month-day (MM-DD): ${String(monthDay)}`);
  const [month, day] = monthDay.split('-').map(Number);
  const clamped = Math.min(day, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}

export interface CalendarEntry {
  code: string;
  /** Rule reference in DOMAIN.md, e.g. 'R9'. */
  rule: string;
  zh: string;
  en: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  /** True when the sector's own date replaced the general one. */
  sectorSpecific: boolean;
}

/**
 * The profile's deadlines in a year, sorted by date (profile order within a day). With a sector
 * (e.g. 'education'), its `sectorDates` replace the general dates.
 */
export function buildCalendar(profile: PolicyProfileValues, year: number, sector?: string): CalendarEntry[] {
  return profile.deadlines
    .map((deadline, index) => {
      const sectorDates = deadline.sectorDates ?? {};
      const sectorDate =
        sector && Object.prototype.hasOwnProperty.call(sectorDates, sector) ? sectorDates[sector] : undefined;
      const entry: CalendarEntry = {
        code: deadline.code,
        rule: deadline.rule,
        zh: deadline.zh,
        en: deadline.en,
        date: dateInYear(year, sectorDate ?? deadline.date),
        sectorSpecific: sectorDate !== undefined,
      };
      return { entry, index };
    })
    .sort((a, b) => (a.entry.date === b.entry.date ? a.index - b.index : a.entry.date < b.entry.date ? -1 : 1))
    .map(({ entry }) => entry);
}
