import { ApiProblem, type PolicyProfile, type PolicyProfileSummary } from '@jixiao/api-client';
import type { Column } from '@/components/paged-table';
import { copyProfile, validatePolicyProfile, type PolicyProfileValues, type WeightedItem } from '@jixiao/domain';

export const DEFAULT_SORT = '-year';

export const SECTION_KEYS = [
  'keyProjects',
  'evaluation',
  'targetReview',
  'preAssessment',
  'monitoring',
  'disclosure',
  'supervision',
  'deadlines',
  'workingCalendar',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/**
 * The editable copy of a year's values. The API answers with the values the server validated
 * (the shape of @jixiao/domain's PolicyProfileValues); the form edits a deep copy.
 */
export function toFormValues(profile: Pick<PolicyProfile, 'values'>): PolicyProfileValues {
  return copyProfile(profile.values as unknown as PolicyProfileValues);
}

/** Checks the values with the same rules as the server, as a problem the form can show. */
export function localProblem(values: PolicyProfileValues): ApiProblem | null {
  const errors = validatePolicyProfile(values);
  if (errors.length === 0) return null;
  return new ApiProblem({
    status: 400,
    code: 'VALIDATION_FAILED',
    message: '请修正标出的字段',
    messageEn: 'Please correct the marked fields',
    errors,
  });
}

export function weightSum(items: readonly WeightedItem[]): number {
  return items.reduce((sum, item) => sum + (Number.isFinite(item.weight) ? item.weight : 0), 0);
}

/** The first year after the newest profile, a sensible default for "copy to a new year". */
export function nextYear(years: readonly number[], now: Date = new Date()): number {
  return years.length ? Math.max(...years) + 1 : now.getFullYear();
}

export const COLUMNS: Column<PolicyProfileSummary>[] = [
  { prop: 'year', label: 'policy.year', sortable: true, width: 120 },
  { prop: 'version', label: 'policy.version', width: 100 },
  { prop: 'updatedAt', label: 'policy.updatedAt', sortable: true, minWidth: 180, formatter: 'datetime' },
];
