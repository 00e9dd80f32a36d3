import { ElMessage } from 'element-plus';
import { isApiProblem, type ApiProblem } from '@jixiao/api-client';
import { currentLocale, t, type AppLocale } from '@/locales';

/**
 * The message to show for a failed action, in the UI language: a problem's Chinese `message`
 * or English `messageEn`; a programming error's own message; else a generic sentence.
 */
export function problemMessage(error: unknown, locale: AppLocale = currentLocale()): string {
  if (isApiProblem(error)) return error.localizedMessage(locale);
  if (error instanceof Error && error.message) return error.message;
  return t('error.unknown');
}

/** Field errors of a problem by field path, in the UI language. */
export function problemFieldErrors(error: unknown, locale: AppLocale = currentLocale()): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiProblem(error)) return out;
  for (const fe of error.errors) {
    const path = normalizeFieldPath(fe.field);
    const message = locale === 'en-US' ? fe.messageEn || fe.message : fe.message || fe.messageEn;
    out[path] = out[path] ? `${out[path]}; ${message}` : message;
  }
  return out;
}

/** `values.deadlines[2].date` → `values.deadlines.2.date` (Element Plus form-item props use dots). */
export function normalizeFieldPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/** Shows a problem as a message toast. */
export function showProblem(error: unknown): void {
  ElMessage.error({ message: problemMessage(error), grouping: true });
}

export function hasCode(error: unknown, code: string): error is ApiProblem {
  return isApiProblem(error) && error.code === code;
}

/** 409: someone saved the record since it was loaded (optimistic locking with `version`). */
export function isVersionConflict(error: unknown): error is ApiProblem {
  return isApiProblem(error) && (error.code === 'VERSION_CONFLICT' || error.status === 409);
}
