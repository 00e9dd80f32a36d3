import { GATE_STATUS_LABELS, GATE_STATUSES, type GateStatus } from '@jixiao/contracts';
import { pickLabel } from '@/locales';
import type { BudgetGateItem, TargetCoverageMissing, TargetCoverageRow } from '@/api/projects';
import type { Column, FilterField } from '@/components/paged-table';

export const DEFAULT_SORT = 'code';

/**
 * The gate list's filters. `year` is not a field of the form: it is the year the coverage above
 * answers for (a link's ?year= asks for it), so the list and the dials always show the same year.
 */
export function defaultFilters() {
  return { year: null as number | null, status: '' as GateStatus | '' };
}

export type GateFilters = ReturnType<typeof defaultFilters>;

export const gateStatusLabel = (status: string) => pickLabel(GATE_STATUS_LABELS[status as GateStatus]);

export const GATE_FILTERS: FilterField<GateFilters>[] = [
  {
    field: 'status',
    label: 'projects.gate',
    kind: 'select',
    options: GATE_STATUSES,
    width: 160,
    immediate: true,
    testid: 'gate-status-filter',
  },
];

/** At 1366 px every column fits; the reasons wrap inside the gate column. */
export const GATE_COLUMNS: Column<BudgetGateItem>[] = [
  { prop: 'code', label: 'projects.code', sortable: true, width: 170 },
  { prop: 'name', label: 'projects.name', minWidth: 200, ellipsis: true },
  { prop: 'budgetAmount', label: 'projects.budgetAmount', width: 150, formatter: 'amount' },
  { key: 'status', label: 'projects.gate', minWidth: 260 },
];

/** A department's or town's coverage: each bucket a cell slot (`cell-projects` …), sortable by its share. */
export const COVERAGE_COLUMNS: Column<TargetCoverageRow>[] = [
  { prop: 'organizationCode', label: 'projects.organizationCode', sortable: true, width: 130 },
  { prop: 'organizationName', label: 'projects.organization', sortable: true, minWidth: 180 },
  { key: 'projects', label: 'projects.projectsShare', sortable: true, sortField: 'projectsShare', minWidth: 150 },
  { key: 'policies', label: 'projects.policiesShare', sortable: true, sortField: 'policiesShare', minWidth: 150 },
  { key: 'overall', label: 'projects.overallShare', sortable: true, sortField: 'overallShare', minWidth: 150 },
];

/** What is missing (the projects without an approved target, or the organizations without an overall expenditure), by code. */
export const MISSING_COLUMNS: Column<TargetCoverageMissing>[] = [
  { key: 'reason', label: 'projects.missingReason', width: 170 },
  { prop: 'code', label: 'projects.code', width: 170 },
  { key: 'name', label: 'projects.name', minWidth: 200, ellipsis: true },
  { key: 'kind', label: 'projects.kind', width: 130 },
  { prop: 'organizationName', label: 'projects.organization', minWidth: 180 },
];
