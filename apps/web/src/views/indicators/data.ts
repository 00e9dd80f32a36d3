import {
  COMPARISON_LABELS,
  INDICATOR_LEVEL1_LABELS,
  INDICATOR_LEVEL2_LABELS,
  INDICATOR_STATUS_LABELS,
  LEVEL2_BY_LEVEL1,
  STANDARD_SOURCE_LABELS,
  type IndicatorLevel1,
  type IndicatorStatus,
  type Label,
} from '@jixiao/contracts';
import type { CategoryNode } from '@/api/indicators';
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
