/**
 * Exact decimal arithmetic for scores and percentages: values are read from decimal text into
 * fractions of BigInts, computed exactly, and rounded half up once, where a figure is shown.
 * Internal to the rules (monitoring, evaluation); the API and the SPA see decimal strings.
 */

/** A non-negative fraction n / d with d > 0 (not necessarily reduced). */
export interface Ratio {
  n: bigint;
  d: bigint;
}

export const ZERO: Ratio = { n: 0n, d: 1n };
export const ONE: Ratio = { n: 1n, d: 1n };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** A non-negative decimal with at most `places` decimals ('12', '12.5', '0.125'), or null when it is not one. */
export function parseDecimal(value: unknown, places = 6): Ratio | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    const text = value.toFixed(places).replace(/\.?0+$/, '');
    if (Number(text) !== value) return null;
    return parseDecimal(text, places);
  }
  if (typeof value !== 'string') return null;
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > places) return null;
  return { n: BigInt(match[1] + fraction), d: 10n ** BigInt(fraction.length) };
}

export const ratio = (n: bigint | number, d: bigint | number = 1n): Ratio => {
  const den = BigInt(d);
  if (den <= 0n) throw new RangeError('ratio: the denominator must be positive');
  return { n: BigInt(n), d: den };
};

export const add = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const sub = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export const mul = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.n, d: a.d * b.d });

/** a ÷ b; throws RangeError when b is zero. */
export function div(a: Ratio, b: Ratio): Ratio {
  if (b.n === 0n) throw new RangeError('division by zero');
  const n = a.n * b.d;
  const d = a.d * b.n;
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

export const compare = (a: Ratio, b: Ratio): -1 | 0 | 1 => {
  const x = a.n * b.d;
  const y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
};

export const min = (a: Ratio, b: Ratio): Ratio => (compare(a, b) <= 0 ? a : b);
export const max = (a: Ratio, b: Ratio): Ratio => (compare(a, b) >= 0 ? a : b);
export const sum = (values: readonly Ratio[]): Ratio => values.reduce(add, ZERO);

/** Rounded half up (away from zero) to `places` decimals, as text: 89.995 → '90.00'. */
export function roundText(value: Ratio, places = 2): string {
  const scale = 10n ** BigInt(places);
  const negative = value.n < 0n;
  const n = negative ? -value.n : value.n;
  let q = (n * scale) / value.d;
  if (((n * scale) % value.d) * 2n >= value.d) q += 1n;
  const whole = q / scale;
  const fraction = (q % scale).toString().padStart(places, '0');
  const text = places ? `${whole}.${fraction}` : `${whole}`;
  return negative && q !== 0n ? `-${text}` : text;
}

/** Hundredths of a value shown with two places (its rounded form), e.g. 89.995 → 9000n. */
export function hundredthsOf(value: Ratio): bigint {
  const text = roundText(value, 2);
  return BigInt(text.replace('.', ''));
}
