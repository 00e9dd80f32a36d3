/**
 * Exact money: yuan as decimal strings with two decimals (`numeric(18,2)` in the database),
 * BigInt cents inside. No binary float ever holds an amount.
 */

/** `numeric(18,2)`: at most 16 digits before the decimal point. */
export const MONEY_MAX_INTEGER_DIGITS = 16;
const MAX_CENTS = 10n ** BigInt(MONEY_MAX_INTEGER_DIGITS + 2) - 1n;

export type MoneyFormatReason = 'NOT_A_STRING' | 'NOT_NUMERIC' | 'TOO_MANY_DECIMALS' | 'OUT_OF_RANGE' | 'NEGATIVE';

const REASON_MESSAGES: Record<MoneyFormatReason, { zh: string; en: string }> = {
  NOT_A_STRING: { zh: '金额必须是字符串', en: 'an amount must be a decimal string' },
  NOT_NUMERIC: { zh: '金额格式不正确', en: 'not a decimal amount' },
  TOO_MANY_DECIMALS: { zh: '金额最多保留两位小数', en: 'at most two decimals are allowed' },
  OUT_OF_RANGE: {
    zh: `金额整数部分最多 ${MONEY_MAX_INTEGER_DIGITS} 位`,
    en: `at most ${MONEY_MAX_INTEGER_DIGITS} integer digits are allowed`,
  },
  NEGATIVE: { zh: '金额不能为负数', en: 'a negative amount is not allowed here' },
};

/** Thrown when a value is not an exact money amount, or a result does not fit `numeric(18,2)`. */
export class MoneyFormatError extends Error {
  readonly code = 'INVALID_MONEY';
  readonly messageZh: string;

  constructor(
    readonly reason: MoneyFormatReason,
    readonly input: unknown,
  ) {
    super(`Invalid money ${JSON.stringify(String(input))}: ${REASON_MESSAGES[reason].en}`);
    this.name = 'MoneyFormatError';
    this.messageZh = `金额 ${String(input)} 无效：${REASON_MESSAGES[reason].zh}`;
  }
}

export interface MoneyParseOptions {
  /** Accept a leading `-` (differences, adjustments). Default false: amounts are non-negative. */
  allowNegative?: boolean;
}

function assertInRange(cents: bigint, input: unknown): bigint {
  if (cents > MAX_CENTS || cents < -MAX_CENTS) throw new MoneyFormatError('OUT_OF_RANGE', input);
  return cents;
}

/** No options: a non-negative amount (one object, not a new one a call). */
const UNSIGNED: MoneyParseOptions = {};

/** The digits 0–9 (ASCII, as `\d` reads them). */
const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * Parses '123', '123.4' or '123.45' (yuan) into cents. Rejects more than two decimals, exponents,
 * signs other than an allowed leading '-', whitespace, and more than 16 integer digits. Read
 * character by character (`-? digits (. digits)?`), not by a regular expression: lists check every
 * row's amount, and a match's array and substrings were ~1 KB of garbage a row.
 */
export function parseMoney(value: string, options: MoneyParseOptions = UNSIGNED): bigint {
  if (typeof value !== 'string') throw new MoneyFormatError('NOT_A_STRING', value);
  const length = value.length;
  const negative = length > 0 && value.charCodeAt(0) === 45; // '-'
  let i = negative ? 1 : 0;
  const integerStart = i;
  while (i < length && isDigit(value.charCodeAt(i))) i++;
  const integerEnd = i;
  let fractionDigits = 0;
  if (integerEnd > integerStart && i < length && value.charCodeAt(i) === 46) {
    // '.'
    i++;
    while (i < length && isDigit(value.charCodeAt(i))) i++;
    fractionDigits = i - integerEnd - 1;
  }
  if (integerEnd === integerStart || i < length || (i > integerEnd && fractionDigits === 0)) {
    throw new MoneyFormatError('NOT_NUMERIC', value);
  }
  if (fractionDigits > 2) throw new MoneyFormatError('TOO_MANY_DECIMALS', value);
  let significant = integerStart;
  while (significant < integerEnd - 1 && value.charCodeAt(significant) === 48) significant++; // leading zeros
  if (integerEnd - significant > MONEY_MAX_INTEGER_DIGITS) throw new MoneyFormatError('OUT_OF_RANGE', value);
  const integer = value.slice(significant, integerEnd);
  const fraction = fractionDigits === 2 ? value.slice(integerEnd + 1) : fractionDigits === 1 ? `${value[integerEnd + 1]}0` : '00';
  const magnitude = BigInt(integer + fraction);
  if (negative && magnitude !== 0n && !options.allowNegative) throw new MoneyFormatError('NEGATIVE', value);
  return negative ? -magnitude : magnitude;
}

/** True when `parseMoney` would accept the value. */
export function isMoney(value: unknown, options: MoneyParseOptions = {}): value is string {
  try {
    parseMoney(value as string, options);
    return true;
  } catch (error) {
    if (error instanceof MoneyFormatError) return false;
    throw error;
  }
}

/** Cents to the canonical string: 600000000n → '6000000.00', -1n → '-0.01'. */
export function formatMoney(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const yuan = abs / 100n;
  const fen = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${fen}`;
}

/** Canonical two-decimal form of a money string ('12.5' → '12.50'). */
export function normalizeMoney(value: string, options: MoneyParseOptions = {}): string {
  return formatMoney(parseMoney(value, options));
}

const SIGNED: MoneyParseOptions = { allowNegative: true };

export function addMoney(a: string, b: string): string {
  const sum = parseMoney(a, SIGNED) + parseMoney(b, SIGNED);
  return formatMoney(assertInRange(sum, `${a} + ${b}`));
}

/** a − b; the result may be negative. */
export function subtractMoney(a: string, b: string): string {
  const difference = parseMoney(a, SIGNED) - parseMoney(b, SIGNED);
  return formatMoney(assertInRange(difference, `${a} - ${b}`));
}

export function compareMoney(a: string, b: string): -1 | 0 | 1 {
  const x = parseMoney(a, SIGNED);
  const y = parseMoney(b, SIGNED);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sum of a list of amounts; '0.00' for an empty list. */
export function sumMoney(values: readonly string[]): string {
  let total = 0n;
  for (const value of values) total += parseMoney(value, SIGNED);
  return formatMoney(assertInRange(total, 'sum'));
}

/**
 * part / whole in percent, rounded half away from zero to two decimals (an execution rate:
 * a ratio, not money). Computed on integers, so '1.00' of '3.00' is exactly 33.33.
 * Throws RangeError when whole is zero: a rate of nothing is undefined.
 */
export function percentOf(part: string, whole: string): number {
  const p = parseMoney(part, SIGNED);
  const w = parseMoney(whole, SIGNED);
  if (w === 0n) throw new RangeError('percentOf: the whole amount is zero');
  // Hundredths of a percent: p / w * 100 * 100, rounded half away from zero.
  const numerator = p * 10000n;
  const negative = numerator < 0n !== w < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = w < 0n ? -w : w;
  let hundredths = n / d;
  if ((n % d) * 2n >= d) hundredths += 1n;
  const value = Number(hundredths) / 100;
  return negative && value !== 0 ? -value : value;
}

/**
 * For display: thousands separators and the decimal mark of the locale, always two decimals.
 * The integer part is grouped as a BigInt, so no digit is lost. '6000000' → '6,000,000.00' (zh-CN).
 */
export function formatMoneyDisplay(value: string, locale = 'zh-CN'): string {
  const cents = parseMoney(value, SIGNED);
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const grouped = new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 0 }).format(abs / 100n);
  const decimalMark = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  const fen = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${grouped}${decimalMark}${fen}`;
}

const FULL_WIDTH_DIGIT = /[０-９]/g;
/** What people type around an amount: grouping marks, spaces, currency signs and the unit. */
const INPUT_NOISE = /[,，\s\u00a0\u2009\u202f'’_¥￥]|元$/g;

/**
 * What a person typed into a money field → the canonical amount, or null when it is not one.
 * Accepts thousands separators ('6,000,000.00', '6，000，000'), spaces, '¥' / '￥', a trailing '元',
 * full-width digits and the full-width point. Nothing is rounded: '1.234' stays invalid.
 * The one parser of typed amounts: the SPA's money input and any import that takes typed text.
 */
export function moneyFromInput(text: string, options: MoneyParseOptions = {}): string | null {
  if (typeof text !== 'string') return null;
  const cleaned = text
    .trim()
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/－/g, '-')
    .replace(INPUT_NOISE, '');
  if (cleaned === '') return null;
  return isMoney(cleaned, options) ? normalizeMoney(cleaned, options) : null;
}

/**
 * An amount typed in 万元 → yuan, exact. Up to six decimals of 万元 are a whole number of fen;
 * more, or anything else, is null.
 */
export function wanInputToYuan(text: string, options: MoneyParseOptions = {}): string | null {
  if (typeof text !== 'string') return null;
  const cleaned = text.trim().replace(/万元$/, '').replace(/万$/, '');
  const plain = cleaned
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/－/g, '-')
    .replace(INPUT_NOISE, '');
  const match = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(plain);
  if (!match) return null;
  const [, sign, integer, fraction = ''] = match;
  // 1 万元 = 1,000,000 fen; six decimals of 万元 are fen.
  const fen = BigInt(integer) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  const canonical = formatMoney(sign === '-' ? -fen : fen);
  return isMoney(canonical, options) ? canonical : null;
}
