import { ref } from 'vue';
import type { OrganizationOption } from '@jixiao/api-client';
import { organizationsApi } from '@/api/organizations';
import { showProblem } from '@/utils/problem';

/**
 * Organizations read a level at a time (GET /organizations/options), for the picker and the
 * organizations page alike: `level` reads a level (the top without a parent; a refusal shown, no
 * options), `search` the matches of a text as leaves — or null for no text, or undefined when a later
 * search has superseded it (its answer is dropped); `searching` while the latest one is asked.
 */
export function useOrganizationLevels() {
  const searching = ref(false);
  let asked = 0;

  async function level(parentId?: string): Promise<OrganizationOption[]> {
    try {
      return await organizationsApi.options(parentId ? { parentId } : {});
    } catch (error) {
      showProblem(error);
      return [];
    }
  }

  async function search(text: string): Promise<OrganizationOption[] | null | undefined> {
    const q = text.trim();
    const mine = ++asked;
    if (!q) {
      searching.value = false;
      return null;
    }
    searching.value = true;
    try {
      const found = await organizationsApi.options({ q });
      // a match opens no level: it is shown on its own
      return mine === asked ? found.map((o) => ({ ...o, leaf: true })) : undefined;
    } catch (error) {
      showProblem(error);
      return mine === asked ? [] : undefined;
    } finally {
      if (mine === asked) searching.value = false;
    }
  }

  return { level, search, searching };
}
