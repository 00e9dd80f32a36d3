import type { MaybeRefOrGetter } from 'vue';
import type { Label } from '@jixiao/contracts';
import type { Compact, PageQuery, PagedAnswer } from '@/composables/use-paged-list';
import { formatAmount } from '@/utils/amount';
import { countText, formatDateTime } from '@/utils/format';
import { pickLabel, t } from '@/locales';

/**
 * The schemas a list page declares in its `data.ts` (as in Vue Vben Admin): the filter form and
 * the columns. Labels are i18n keys, so the schema is plain data evaluated in the current language.
 */

/** A choice of a select filter: a contracts constant (`{ value, zh, en }`) or an already translated `{ value, label }`. */
export type FilterOption = { value: string | number | boolean } & (Label | { label: string });

export type FilterKind = 'input' | 'select' | 'year' | 'org' | 'switch';

export interface FilterField<F = Record<string, unknown>> {
  field: keyof F & string;
  /** i18n key of the label (a switch shows it next to its box); none for a lone search box. */
  label?: string;
  kind: FilterKind;
  /** select: the choices (a function when they depend on the user or on loaded data); org: the tree. */
  options?: readonly FilterOption[] | (() => readonly FilterOption[] | readonly OrgOption[]);
  /** i18n key of the placeholder. */
  placeholder?: string;
  /** Width of the control in px. */
  width?: number;
  /** switch: the values for ticked / not ticked (default true / false). */
  trueValue?: string | number | boolean;
  falseValue?: string | number | boolean;
  /** Run the search as soon as the value changes. */
  immediate?: boolean;
  /** select: the choices can be searched by typing (long lists). */
  filterable?: boolean;
  /** Shown only when this answers true (a permission, the user's scope). */
  when?: () => boolean;
  testid?: string;
}

/** A node of an organization tree-select. */
export interface OrgOption {
  value: string;
  label: string;
  children?: OrgOption[];
}

/** How a cell shows its value when no cell slot is given. */
export type ColumnFormatter<T> = 'amount' | 'amountWan' | 'datetime' | 'label' | 'text' | ((row: T) => string | number | null | undefined);

export interface Column<T = Record<string, unknown>> {
  /** The row field (also the sort field unless `sortField` says otherwise). */
  prop?: keyof T & string;
  /** Identifies a column without `prop` (its cell slot is `cell-<key>`). */
  key?: string;
  /** i18n key of the header. */
  label: string;
  /** Fixed width in px; otherwise `minWidth` (default 120) and the column takes a share of the rest. */
  width?: number;
  minWidth?: number;
  formatter?: ColumnFormatter<T>;
  /** formatter 'label': the value's labels (a contracts table or a labelled list). */
  labels?: Record<string, Label> | readonly ({ value: string } & Label)[];
  fixed?: 'left' | 'right';
  sortable?: boolean;
  sortField?: string;
  align?: 'left' | 'center' | 'right';
  /** Long text: one line with a tooltip. */
  ellipsis?: boolean;
  /**
   * Which columns give way on a narrow screen: none (the default) never hides; when the columns'
   * widths do not fit the table's width, the highest priority number is hidden first.
   */
  priority?: number;
  /** Shown only when this answers true (a permission). */
  when?: () => boolean;
  /** 'expand': the row's detail slot `expand`; 'index': the row number. */
  type?: 'expand' | 'index';
  testid?: string;
}

/** The slot / identity of a column. */
export function columnKey(column: Column<never> | Column<Record<string, unknown>>): string {
  return column.key ?? column.prop ?? column.type ?? column.label;
}

export function isAmountColumn(column: Pick<Column, 'formatter'>): boolean {
  return column.formatter === 'amount' || column.formatter === 'amountWan';
}

function lookupLabel(labels: Column['labels'], value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const key = String(value);
  if (!labels) return key;
  const found = Array.isArray(labels)
    ? (labels as readonly ({ value: string } & Label)[]).find((l) => l.value === key)
    : (labels as Record<string, Label>)[key];
  return found ? pickLabel(found) : key;
}

/** The text of a cell under the column's formatter. */
export function formatCell<T>(column: Column<T>, row: T): string {
  const formatter = column.formatter ?? 'text';
  if (typeof formatter === 'function') return String(formatter(row) ?? '');
  const value = column.prop ? (row as Record<string, unknown>)[column.prop] : undefined;
  switch (formatter) {
    case 'amount':
      return formatAmount(value as string | null, { withUnit: false });
    case 'amountWan':
      return formatAmount(value as string | null, { unit: 'wan', withUnit: false });
    case 'datetime':
      return formatDateTime(value as string | null);
    case 'label':
      return lookupLabel(column.labels, value);
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

export function optionLabel(option: FilterOption): string {
  return 'label' in option ? option.label : pickLabel(option);
}

export const SELECTION_WIDTH = 48;
export const DEFAULT_MIN_WIDTH = 120;

/** The width a column needs at least. */
export function columnWidth(column: Pick<Column, 'width' | 'minWidth' | 'type'>): number {
  if (column.type === 'expand' || column.type === 'index') return column.width ?? 48;
  return column.width ?? column.minWidth ?? DEFAULT_MIN_WIDTH;
}

/**
 * The columns that fit `available` px (the table's width less the fixed extras): while their
 * widths add up to more, the column with the highest `priority` number gives way (the last one
 * first among equals). Columns without a priority always stay. `available` undefined: all stay.
 */
export function fitColumns<C extends Pick<Column, 'width' | 'minWidth' | 'priority' | 'type'>>(
  columns: readonly C[],
  available: number | undefined,
): C[] {
  let shown = [...columns];
  if (!available || available <= 0) return shown;
  const need = () => shown.reduce((sum, c) => sum + columnWidth(c), 0);
  while (need() > available) {
    let drop = -1;
    for (let i = 0; i < shown.length; i++) {
      const p = shown[i].priority;
      if (p === undefined) continue;
      if (drop < 0 || p >= (shown[drop].priority ?? 0)) drop = i;
    }
    if (drop < 0) break;
    shown = shown.filter((_, i) => i !== drop);
  }
  return shown;
}

/** "共 41 条" / "10,000+ 条": a bounded total says it is a lower bound. */
export function totalText(total: number, exact: boolean): string {
  return exact ? t('pagedTable.total', { n: countText(total) }) : t('pagedTable.totalAtLeast', { n: countText(total) });
}

/** The fetcher a paged table's list calls (the list contract). */
export type ListFetcher<T, F extends Record<string, unknown>> = (query: PageQuery & Compact<F>) => Promise<PagedAnswer<T>>;

/** What `<paged-table>` reads and calls on the list it is given (`usePagedTable`). */
/**
 * What the pager reads of a list, as the list contract answered it, and how it turns pages: the
 * paged table's list (values) or `usePagedList`'s answer (refs) — one prop, not eight.
 */
export interface PagerList {
  page: MaybeRefOrGetter<number>;
  pageSize: MaybeRefOrGetter<number>;
  total: MaybeRefOrGetter<number>;
  totalExact: MaybeRefOrGetter<boolean>;
  hasMore: MaybeRefOrGetter<boolean>;
  keyset: MaybeRefOrGetter<boolean>;
  onPageChange(page: number): void;
  onSizeChange(size: number): void;
}

export interface PagedTableList {
  items: unknown[];
  total: number;
  totalExact: boolean;
  hasMore: boolean;
  keyset: boolean;
  page: number;
  pageSize: number;
  sort?: string;
  loading: boolean;
  filters: Record<string, unknown>;
  load(): Promise<void>;
  search(): Promise<void>;
  reset(): Promise<void>;
  onSortChange(event: { prop: string | null; order: string | null }): void;
  onPageChange(page: number): void;
  onSizeChange(size: number): void;
}
