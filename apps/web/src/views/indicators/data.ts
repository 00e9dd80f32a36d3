import {
  COMPARISON_LABELS,
  INDICATOR_LEVEL1_LABELS,
  INDICATOR_LEVEL1S,
  INDICATOR_STATUSES,
  INDICATOR_LEVEL2_LABELS,
  INDICATOR_STATUS_LABELS,
  LEVEL2_BY_LEVEL1,
  STANDARD_SOURCE_LABELS,
  type IndicatorLevel1,
  type IndicatorStatus,
  type Label,
} from '@jixiao/contracts';
import type { CategoryNode, Indicator } from '@/api/indicators';
import type { Column, FilterField } from '@/components/paged-table';
import { pickLabel } from '@/locales';

function lookup(table: Record<string, Label>, value: string | null | undefined): string {
  if (!value) return '';
  return table[value] ? pickLabel(table[value]) : value;
}

export const level1Label = (v: string | null | undefined) => lookup(INDICATOR_LEVEL1_LABELS, v);
export const level2Label = (v: string | null | undefined) => lookup(INDICATOR_LEVEL2_LABELS, v);
export const comparisonLabel = (v: string | null | undefined) => lookup(COMPARISON_LABELS, v);
export const sourceLabel = (v: string | null | undefined) => lookup(STANDARD_SOURCE_LABELS, v);
export const statusLabel = (v: string | null | undefined) => lookup(INDICATOR_STATUS_LABELS, v);

export const STATUS_TAG: Record<IndicatorStatus, 'success' | 'warning' | 'info'> = {
  active: 'success',
  proposed: 'warning',
  rejected: 'info',
};

/** Level-2 choices that belong to a level 1 (N4). */
export function level2Options(level1: IndicatorLevel1 | '' | undefined): { value: string; label: string }[] {
  if (!level1) return [];
  return LEVEL2_BY_LEVEL1[level1].map((value) => ({ value, label: level2Label(value) }));
}

/** "≥ 90 %" / "定性：建立健全" for a table cell. */
export function standardText(row: { comparison: string; value: string | null; unit: string | null }): string {
  if (row.comparison === 'qualitative') return `${comparisonLabel('qualitative')}：${row.value ?? ''}`;
  return [comparisonLabel(row.comparison), row.value ?? '', row.unit ?? ''].filter(Boolean).join(' ');
}

export function defaultFilters() {
  return { q: '', categoryId: '', level1: '' as IndicatorLevel1 | '', core: '' as '' | 'true', status: '' as IndicatorStatus | '' };
}

export const DEFAULT_SORT = '-isCore,name';

/** Tree nodes for el-tree, with their count in the label. */
export interface TreeOption {
  id: string;
  label: string;
  level: string;
  version: number;
  name: string;
  children: TreeOption[];
}

export function toTreeOptions(nodes: CategoryNode[]): TreeOption[] {
  return nodes.map((n) => ({
    id: n.id,
    name: n.name,
    level: n.level,
    version: n.version,
    label: `${n.name}（${n.indicatorCount}）`,
    children: toTreeOptions(n.children as CategoryNode[]),
  }));
}

/** Only level nodes can hold indicators: the tree-select disables the rest. */
export function levelNodeOptions(nodes: CategoryNode[]): { value: string; label: string; disabled: boolean; children: unknown[] }[] {
  return nodes.map((n) => ({
    value: n.id,
    label: n.name,
    disabled: n.level !== 'level',
    children: levelNodeOptions(n.children as CategoryNode[]),
  }));
}

export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'q', label: 'indicators.q', kind: 'input', placeholder: 'indicators.qPlaceholder', width: 220 },
  { field: 'level1', label: 'indicators.level1', kind: 'select', options: INDICATOR_LEVEL1S, width: 140 },
  { field: 'core', label: 'indicators.onlyCore', kind: 'switch', trueValue: 'true', falseValue: '' },
];

/** The library beside its category tree: the usage count, then the standard's source give way first. */
export const COLUMNS: Column<Indicator>[] = [
  { key: 'name', sortField: 'name', label: 'indicators.name', sortable: true, minWidth: 180 },
  { key: 'category', label: 'indicators.category', minWidth: 160, priority: 2, formatter: (r) => r.categoryPath.join(' / ') },
  {
    key: 'levels',
    sortField: 'level1',
    label: 'indicators.level1',
    sortable: true,
    minWidth: 130,
    formatter: (r) => `${level1Label(r.level1)} / ${level2Label(r.level2)}`,
  },
  { key: 'value', label: 'indicators.value', minWidth: 120, formatter: (r) => standardText(r) },
  { key: 'source', label: 'indicators.standardSource', width: 90, priority: 3, formatter: (r) => sourceLabel(r.standardSource) },
  { prop: 'usageCount', label: 'indicators.usage', width: 80, align: 'right', priority: 4 },
];

export type ProposalFilters = { q: string; status: IndicatorStatus | '' };

export const PROPOSAL_FILTERS: FilterField<ProposalFilters>[] = [
  { field: 'q', label: 'indicators.q', kind: 'input' },
  { field: 'status', label: 'indicators.status', kind: 'select', options: INDICATOR_STATUSES, width: 140 },
];

export const PROPOSAL_COLUMNS: Column<Indicator>[] = [
  { prop: 'name', label: 'indicators.name', sortable: true, minWidth: 180 },
  { key: 'category', label: 'indicators.category', minWidth: 160, priority: 3, formatter: (r) => r.categoryPath.join(' / ') },
  { key: 'levels', label: 'indicators.level1', minWidth: 130, formatter: (r) => `${level1Label(r.level1)} / ${level2Label(r.level2)}` },
  { key: 'value', label: 'indicators.value', minWidth: 120, formatter: (r) => standardText(r) },
  { prop: 'organizationName', label: 'indicators.organization', minWidth: 140, ellipsis: true },
  { key: 'status', sortField: 'status', label: 'indicators.status', sortable: true, width: 100 },
  { prop: 'reviewComment', label: 'indicators.reviewComment', minWidth: 150, ellipsis: true, priority: 2 },
  { prop: 'createdAt', label: 'common.createdAt', sortable: true, width: 150, formatter: 'datetime', priority: 4 },
];
