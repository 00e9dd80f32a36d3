/** Field errors in the shape of the problem body's `errors` (`FieldError` in @jixiao/contracts). */
import type { FieldError } from '@jixiao/contracts';

export type { FieldError };

export function fieldIssue(field: string, code: string, message: string, messageEn: string): FieldError {
  return { field, code, message, messageEn };
}

/** Joins a parent path and a child key or index: ('a', 'b') → 'a.b', ('a', 2) → 'a[2]', ('', 'b') → 'b'. */
export function joinPath(parent: string, child: string | number): string {
  if (typeof child === 'number') return `${parent}[${child}]`;
  return parent ? `${parent}.${child}` : child;
}

/** Re-roots issues found on a nested value under `parent`. */
export function prefixIssues(parent: string, issues: readonly FieldError[]): FieldError[] {
  return issues.map((issue) => ({
    ...issue,
    field: issue.field.startsWith('[') || !issue.field ? `${parent}${issue.field}` : joinPath(parent, issue.field),
  }));
}
