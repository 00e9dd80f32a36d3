/** Dates are shown in the district's time zone, whatever the browser's. */
const TIME_ZONE = 'Asia/Shanghai';

const DATE_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai: unambiguous in both languages. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const part = Object.fromEntries(DATE_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

const COUNT = new Intl.NumberFormat('en-US');

/**
 * A count as the list contract gives it: "10,000", or "10,000+" when it is a bound standing for
 * "at least that many" (a list's `totalExact`, a workbench item's `countExact` false).
 */
export function countText(n: number, exact = true): string {
  return exact ? COUNT.format(n) : `${COUNT.format(n)}+`;
}

/** Pretty JSON for audit before/after values. */
export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}
