import {
  PERFORMED_BY_LABELS,
  PRE_ASSESSMENT_STATUSES,
  PRE_ASSESSMENT_CONCLUSION_CODE_LABELS,
  PRE_ASSESSMENT_STATUS_LABELS,
  type Label,
  type PreAssessmentConclusionCode,
  type PreAssessmentStatus,
} from '@jixiao/contracts';
import { conclusionForScore, type ConclusionBandsSource } from '@jixiao/domain';
import type { PreAssessment } from '@/api/pre-assessments';
import type { Column, FilterField } from '@/components/paged-table';
import { pickLabel } from '@/locales';

function lookup(table: Record<string, Label>, value: string | null | undefined): string {
  if (!value) return '';
  return table[value] ? pickLabel(table[value]) : value;
}

export const statusLabel = (v: string | null | undefined) => lookup(PRE_ASSESSMENT_STATUS_LABELS, v);
export const conclusionLabel = (v: string | null | undefined) => lookup(PRE_ASSESSMENT_CONCLUSION_CODE_LABELS, v);
export const performedByLabel = (v: string | null | undefined) => lookup(PERFORMED_BY_LABELS, v);

export const STATUS_TAG: Record<PreAssessmentStatus, 'info' | 'warning' | 'success' | 'danger'> = {
  draft: 'info',
  submitted: 'warning',
  accepted: 'success',
  returned: 'danger',
};

export const CONCLUSION_TAG: Record<string, 'success' | 'warning' | 'danger'> = {
  support: 'success',
  support_after_adjustment: 'warning',
  reject: 'danger',
};

export function defaultFilters() {
  return { q: '', year: undefined as number | undefined, status: '' as PreAssessmentStatus | '' };
}

export const DEFAULT_SORT = '-updatedAt';

/** Sum of the scores entered so far, exact to hundredths (the server's total uses the same rule). */
export function liveTotal(scores: Record<string, number | null | undefined>): string {
  let hundredths = 0;
  for (const v of Object.values(scores)) if (typeof v === 'number' && Number.isFinite(v)) hundredths += Math.round(v * 100);
  return (hundredths / 100).toFixed(2);
}

/** States in which the department or its agency may still change the assessment. */
export const EDITABLE: readonly PreAssessmentStatus[] = ['draft', 'returned'];

/**
 * N6: the conclusion the entered scores support under the year's bands (the rule the API applies,
 * `conclusionForScore` in @jixiao/domain), once every dimension is scored; null before.
 */
export function suggestedConclusion(
  scores: Record<string, number | null | undefined>,
  dimensions: readonly { code: string }[],
  bands: ConclusionBandsSource['preAssessment']['conclusionBands'] | null | undefined,
): PreAssessmentConclusionCode | null {
  if (!bands || !dimensions.length || dimensions.some((d) => typeof scores[d.code] !== 'number')) return null;
  return conclusionForScore(liveTotal(scores), { preAssessment: { conclusionBands: bands } });
}

export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'q', label: 'preAssessments.project', kind: 'input' },
  { field: 'year', label: 'preAssessments.year', kind: 'year' },
  { field: 'status', label: 'preAssessments.status', kind: 'select', options: PRE_ASSESSMENT_STATUSES, width: 130 },
];

/** At 1366 px the update time gives way first, then who performs it. */
export const COLUMNS: Column<PreAssessment>[] = [
  { prop: 'projectCode', label: 'preAssessments.projectCode', sortable: true, width: 150 },
  { key: 'project', label: 'preAssessments.project', minWidth: 180 },
  { prop: 'organizationName', label: 'preAssessments.organization', minWidth: 140, ellipsis: true, priority: 2 },
  { key: 'required', label: 'preAssessments.required', width: 100 },
  {
    key: 'performedBy',
    label: 'preAssessments.performedBy',
    minWidth: 130,
    priority: 3,
    formatter: (r) => r.agencyName ?? performedByLabel(r.performedBy),
  },
  { prop: 'totalScore', label: 'preAssessments.totalScore', sortable: true, width: 90, align: 'right' },
  { key: 'conclusion', label: 'preAssessments.conclusion', width: 110 },
  { key: 'status', sortField: 'status', label: 'preAssessments.status', sortable: true, width: 100 },
  { prop: 'updatedAt', label: 'common.updatedAt', sortable: true, width: 150, formatter: 'datetime', priority: 4 },
];
