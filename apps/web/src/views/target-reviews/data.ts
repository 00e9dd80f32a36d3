import { SECTORS, type ExpertReviewStatus } from '@jixiao/contracts';
import { pickLabel, t } from '@/locales';
import type { Expert, ExpertReview } from '@/api/target-reviews';
import type { Column, FilterField } from '@/components/paged-table';

/* ---------- 我的评审任务 (an expert's reviews) ---------- */

export type ReviewFilters = { status: ExpertReviewStatus | '' };
export const REVIEW_SORT = '-createdAt';

export const REVIEW_TAG: Record<ExpertReviewStatus, 'warning' | 'success'> = { assigned: 'warning', submitted: 'success' };
export const reviewStatusLabel = (status: string) => t(status === 'submitted' ? 'targetReviews.submitted' : 'targetReviews.assigned');

export const REVIEW_FILTERS: FilterField<ReviewFilters>[] = [
  {
    field: 'status',
    label: 'targetReviews.status',
    kind: 'select',
    options: () => (['assigned', 'submitted'] as const).map((value) => ({ value, label: reviewStatusLabel(value) })),
    width: 160,
    immediate: true,
    testid: 'my-reviews-status-filter',
  },
];

/** At 1366 px the scoring time, then the organization give way; code, project, status and score stay. */
export const REVIEW_COLUMNS: Column<ExpertReview>[] = [
  { prop: 'projectCode', label: 'targetReviews.projectCode', width: 160 },
  { prop: 'projectName', label: 'targetReviews.projectName', minWidth: 200, ellipsis: true },
  { prop: 'organizationName', label: 'targetReviews.organization', minWidth: 160, ellipsis: true, priority: 2 },
  { prop: 'budgetAmount', label: 'targetReviews.budgetAmount', minWidth: 140, formatter: 'amount', priority: 3 },
  { key: 'status', sortField: 'status', label: 'targetReviews.status', sortable: true, width: 110 },
  { prop: 'score', label: 'targetReviews.score', width: 90 },
  { prop: 'submittedAt', label: 'targetReviews.submittedAt', width: 150, formatter: 'datetime', priority: 4 },
];

/* ---------- 评审专家库 (the expert pool) ---------- */

export type ExpertFilters = { q: string; active: 'true' | 'false' | '' };
export const EXPERT_SORT = 'createdAt';

export const sectorLabel = (sector: string) => pickLabel(SECTORS.find((s) => s.value === sector));
export const activeLabel = (active: boolean) => t(active ? 'targetReviews.activeYes' : 'targetReviews.activeNo');

export const EXPERT_FILTERS: FilterField<ExpertFilters>[] = [
  { field: 'q', label: 'targetReviews.expertName', kind: 'input', width: 200, testid: 'experts-q' },
  {
    field: 'active',
    label: 'targetReviews.active',
    kind: 'select',
    options: () => (['true', 'false'] as const).map((value) => ({ value, label: activeLabel(value === 'true') })),
    width: 120,
    immediate: true,
  },
];

/** At 1366 px the open-review count gives way first, then the affiliation. */
export const EXPERT_COLUMNS: Column<Expert>[] = [
  { prop: 'username', label: 'targetReviews.username', sortable: true, width: 140 },
  { prop: 'displayName', label: 'targetReviews.expertName', minWidth: 140, ellipsis: true },
  { prop: 'affiliationName', label: 'targetReviews.affiliation', minWidth: 200, ellipsis: true, priority: 2 },
  { key: 'sectors', label: 'targetReviews.sectors', minWidth: 180 },
  { prop: 'openReviews', label: 'targetReviews.openReviews', width: 110, priority: 3 },
  { key: 'active', label: 'targetReviews.active', width: 90 },
];
