import { defineStore } from 'pinia';
import { ref } from 'vue';
import { settingsApi, type WorkingYear } from '@/api/settings';

/**
 * The district's working year: the default year of every form and filter (never the calendar
 * year, which may have no policy profile yet). Loaded once per session; the finance bureau sets it
 * on the policy profiles page.
 */
export const useWorkingYearStore = defineStore('workingYear', () => {
  const year = ref<number | null>(null);
  const source = ref<WorkingYear['source'] | null>(null);
  const hasProfile = ref(true);
  let pending: Promise<number> | null = null;

  function apply(answer: WorkingYear): number {
    year.value = answer.year;
    source.value = answer.source;
    hasProfile.value = answer.hasProfile;
    return answer.year;
  }

  /** The working year, asking the API only the first time (concurrent callers share one request). */
  function ensure(): Promise<number> {
    if (year.value !== null) return Promise.resolve(year.value);
    pending ??= settingsApi
      .workingYear()
      .then(apply)
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  /** The finance bureau sets it (the year must have a policy profile). */
  async function set(next: number): Promise<number> {
    return apply(await settingsApi.setWorkingYear(next));
  }

  /** Forget it (sign-out), so the next session asks again. */
  function reset(): void {
    year.value = null;
    source.value = null;
    hasProfile.value = true;
  }

  return { year, source, hasProfile, ensure, set, reset };
});
