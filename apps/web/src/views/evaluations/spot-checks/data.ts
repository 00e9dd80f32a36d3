import type { SpotCheck, SpotCheckItem } from '@/api/evaluation-spot-checks';
import type { Column, FilterField, FilterOption } from '@/components/paged-table';
import { t } from '@/locales';

/** 自评质量抽查: the list's filters and columns, and the labels of statuses and verdicts. */
export function defaultFilters() {
  return { year: undefined as number | undefined, status: '' as '' | SpotCheck['status'] };
}
export const DEFAULT_SORT = '-drawnAt';

export const statusLabel = (s: string) => t(`spotChecks.statuses.${s}`);
export const verdictLabel = (v: string) => t(`spotChecks.verdicts.${v}`);

export const STATUS_TAG: Record<SpotCheck['status'], 'primary' | 'success'> = { open: 'primary', concluded: 'success' };
export const VERDICT_TAG: Record<SpotCheckItem['verdict'], 'info' | 'success' | 'danger'> = {
  pending: 'info',
  adequate: 'success',
  deficient: 'danger',
};

const statusOptions = (): FilterOption[] => (['open', 'concluded'] as const).map((s) => ({ value: s, label: statusLabel(s) }));

export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'year', label: 'spotChecks.year', kind: 'year' },
  {
    field: 'status',
    label: 'spotChecks.status',
    kind: 'select',
    options: statusOptions,
    width: 130,
    immediate: true,
    testid: 'filter-status',
  },
];

export const COLUMNS: Column<SpotCheck>[] = [
  { prop: 'year', label: 'spotChecks.yearColumn', width: 80, sortable: true },
  { key: 'range', label: 'spotChecks.range', minWidth: 150, formatter: (r) => r.organizationName ?? t('spotChecks.district') },
  {
    key: 'sample',
    label: 'spotChecks.sample',
    width: 140,
    align: 'right',
    formatter: (r) => t('spotChecks.sampleOf', { size: r.sampleSize, population: r.population }),
  },
  {
    key: 'progress',
    label: 'spotChecks.progress',
    width: 100,
    align: 'right',
    formatter: (r) => t('spotChecks.progressOf', { checked: r.checked, size: r.sampleSize }),
  },
  { prop: 'deficient', label: 'spotChecks.deficient', width: 90, align: 'right' },
  { key: 'status', label: 'spotChecks.status', width: 100 },
  { prop: 'drawnByName', label: 'spotChecks.drawnBy', minWidth: 140, ellipsis: true, priority: 3 },
  { prop: 'drawnAt', label: 'spotChecks.drawnAt', width: 160, formatter: 'datetime', sortable: true, priority: 2 },
  { prop: 'conclusion', label: 'spotChecks.conclusion', minWidth: 180, ellipsis: true, priority: 4 },
];
