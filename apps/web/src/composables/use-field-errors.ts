import { ref } from 'vue';
import { isApiProblem } from '@jixiao/api-client';
import { currentLocale } from '@/locales';
import { problemFieldErrors } from '@/utils/problem';

/**
 * Server field errors (problem `errors[]`) for a form: `of('newPassword')` feeds an
 * `el-form-item`'s `error` prop. Kept as the raw problem so a language switch re-translates.
 */
export function useFieldErrors() {
  const problem = ref<unknown>(null);

  function set(error: unknown): boolean {
    problem.value = isApiProblem(error) && error.errors.length > 0 ? error : null;
    return problem.value !== null;
  }

  function clear(): void {
    problem.value = null;
  }

  function of(...paths: string[]): string | undefined {
    if (!problem.value) return undefined;
    const all = problemFieldErrors(problem.value, currentLocale());
    for (const path of paths) if (all[path]) return all[path];
    return undefined;
  }

  /** Every field error, for a summary where a field has no form item. */
  function list(): Array<{ field: string; message: string }> {
    if (!problem.value) return [];
    return Object.entries(problemFieldErrors(problem.value, currentLocale())).map(([field, message]) => ({ field, message }));
  }

  return { set, clear, of, list, problem };
}
