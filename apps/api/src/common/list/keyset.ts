import { CommonErrors } from '../errors/common.errors';
import { fieldError } from '../errors/app-error';

/** One sort key of a list: an SQL expression and its direction (PostgreSQL: NULLS LAST ascending, FIRST descending). */
export interface KeyTerm {
  expr: string;
  direction: 'ASC' | 'DESC';
}

export interface Cursor {
  /** The sort keys' values (as text) of the row the position is next to. */
  values: (string | null)[];
  /** A position before that row (a previous page) rather than after it. */
  before: boolean;
}

const MAX_CURSOR_LENGTH = 4096;

/**
 * A cursor is the list's sort and the row's key values, base64url JSON. It is not a secret: a
 * crafted one can only name a position in what the caller may already read.
 */
export function encodeCursor(sort: string, values: (string | null)[], before: boolean): string {
  return Buffer.from(JSON.stringify(before ? { s: sort, k: values, b: 1 } : { s: sort, k: values })).toString('base64url');
}

export function decodeCursor(text: string, sort: string, length: number): Cursor {
  let parsed: unknown;
  try {
    if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('shape');
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw cursorInvalid('malformed');
  }
  const c = parsed as { s?: unknown; k?: unknown; b?: unknown };
  if (
    typeof c !== 'object' ||
    c === null ||
    !Array.isArray(c.k) ||
    c.k.length !== length ||
    !c.k.every((v) => v === null || (typeof v === 'string' && !v.includes('\u0000')))
  ) {
    throw cursorInvalid('malformed');
  }
  if (c.s !== sort) throw cursorInvalid('sort');
  return { values: c.k as (string | null)[], before: c.b === 1 };
}

function cursorInvalid(why: 'malformed' | 'sort') {
  return CommonErrors.LIST_CURSOR_INVALID({
    errors: [
      why === 'sort'
        ? fieldError('cursor', 'cursorSort', '翻页位置属于另一种排序，请从第一页重新开始', 'The cursor belongs to another sort; start again from the first page')
        : fieldError('cursor', 'cursorMalformed', '翻页位置格式不正确', 'The cursor is malformed'),
    ],
  });
}

/**
 * The rows strictly after (or, `before`, strictly before) the position `values` in the order of
 * `keys`, as one condition: (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR …, with NULLs placed
 * as PostgreSQL orders them (last ascending, first descending). Values are parameters; their
 * types come from the expressions they are compared with.
 */
export function keysetCondition(keys: KeyTerm[], values: (string | null)[], before: boolean): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const equal = (i: number) => {
    if (values[i] === null) return `(${keys[i].expr}) IS NULL`;
    params[`lc_c${i}`] = values[i] as string;
    return `(${keys[i].expr}) = :lc_c${i}`;
  };
  const beyond = (i: number): string | null => {
    const ascending = (keys[i].direction === 'ASC') !== before;
    const value = values[i];
    if (value !== null) params[`lc_c${i}`] = value;
    if (ascending) return value === null ? null : `((${keys[i].expr}) > :lc_c${i} OR (${keys[i].expr}) IS NULL)`;
    return value === null ? `(${keys[i].expr}) IS NOT NULL` : `(${keys[i].expr}) < :lc_c${i}`;
  };
  const alternatives: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const step = beyond(i);
    if (step === null) continue;
    alternatives.push([...Array.from({ length: i }, (_, j) => equal(j)), step].join(' AND '));
  }
  return { sql: alternatives.length ? `(${alternatives.map((a) => `(${a})`).join(' OR ')})` : 'false', params };
}
