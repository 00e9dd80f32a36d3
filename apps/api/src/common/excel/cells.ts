import { YES_NO } from '@jixiao/contracts';

/** The spreadsheet letter of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A cell's value as trimmed text ('' when empty); numbers keep up to two decimals exactly. Dates give their year. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    const fixed = value.toFixed(2);
    return Math.abs(Number(fixed) - value) < 1e-9 ? fixed.replace(/\.00$/, '') : String(value);
  }
  if (typeof value === 'boolean') return value ? YES_NO.yes : YES_NO.no;
  if (value instanceof Date) return String(value.getFullYear());
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText))
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text.trim();
    if (v.error) return String(v.error);
  }
  return String(value).trim();
}

/** Days from Excel's day 0 (1899-12-30 in the 1900 date system, past its phantom 29 Feb 1900) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

/**
 * A date cell as `YYYY-MM-DD`, or null when it is not one. Accepts what budget systems export: a
 * date-formatted number (Excel's serial day, whole days only), or text as 2022-06-30, 2022/6/30,
 * 2022.6.30 or 2022年6月30日. Whether the date exists (30 February) is checked by the caller.
 */
export function cellDate(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 2_958_465) return null;
    const d = new Date((value - EXCEL_EPOCH_OFFSET) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  const text = cellText(value);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}
