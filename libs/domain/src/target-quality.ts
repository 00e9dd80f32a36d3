/** R8: target quality review helpers. */
import type { PolicyProfileValues } from './policy-profile';

/** The profile's vague words that occur in a target or indicator text, in profile order. */
export function findVagueWords(text: string, profile: PolicyProfileValues): string[] {
  if (!text) return [];
  return profile.targetReview.vagueWords.filter((word) => word.length > 0 && text.includes(word));
}
