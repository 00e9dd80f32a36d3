import type { AuditLogEntry, AuditLogQuery } from '@jixiao/api-client';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTOR_KIND_LABELS,
  AUDIT_ENTITY_LABELS,
  auditActionLabel,
  auditEntityLabel,
  type AuditActorKind,
} from '@jixiao/contracts';
import { pickLabel, t } from '@/locales';
import type { Column, FilterField } from '@/components/paged-table';

export const DEFAULT_SORT = '-occurredAt';

export function defaultFilters() {
  return {
    actorId: '',
    action: '',
    entityType: '',
    result: '' as '' | 'success' | 'failure',
    range: null as [string, string] | null,
  };
}

export type AuditFilters = ReturnType<typeof defaultFilters>;

const SHANGHAI = '+08:00';

/** The filter form → the API's query: a date range becomes instants covering whole Shanghai days. */
export function toQuery(filters: Partial<AuditFilters>): Partial<AuditLogQuery> {
  const { range, result, ...rest } = filters;
  const query: Record<string, unknown> = { ...rest };
  if (result) query.result = result;
  // a range comes from the date picker; anything else (a hand-written link's ?range=) is ignored
  if (!Array.isArray(range)) return query as Partial<AuditLogQuery>;
  if (range[0]) query.from = new Date(`${range[0]}T00:00:00${SHANGHAI}`).toISOString();
  // `to` is exclusive on the server: the start of the day after the last chosen day.
  if (range[1]) query.to = new Date(Date.parse(`${range[1]}T00:00:00${SHANGHAI}`) + 86_400_000).toISOString();
  return query as Partial<AuditLogQuery>;
}

/** Top-level keys whose values differ between before and after, to point the reader at the change. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

/** What an audit action is called in the current language; the code itself when it has no label. */
export function actionLabel(action: string): string {
  return pickLabel(auditActionLabel(action) ?? undefined) || action;
}

/** What an entity type (or the route area of a refused request) is called; the code when it has no label. */
export function entityLabel(entityType: string): string {
  return pickLabel(auditEntityLabel(entityType) ?? undefined) || entityType;
}

export function actorKindLabel(kind: string): string {
  return pickLabel(AUDIT_ACTOR_KIND_LABELS[kind as AuditActorKind]) || kind;
}

/** The filter's choices: every action the API writes, and every entity type, labelled. */
export function actionOptions(): { value: string; label: string }[] {
  return Object.keys(AUDIT_ACTION_LABELS).map((value) => ({ value, label: actionLabel(value) }));
}

export function entityOptions(): { value: string; label: string }[] {
  return Object.keys(AUDIT_ENTITY_LABELS).map((value) => ({ value, label: entityLabel(value) }));
}

export const RESULT_TAG = { success: 'success', failure: 'danger' } as const;

export function resultLabel(result: string): string {
  return result === 'success' ? t('audit.success') : t('audit.failure');
}

/** The schema fields of the filter form; the actor (searched on the server) and the date range are the page's own controls. */
export const FILTERS: FilterField<AuditFilters>[] = [
  {
    field: 'action',
    label: 'audit.action',
    kind: 'select',
    options: actionOptions,
    filterable: true,
    width: 200,
    testid: 'audit-action-filter',
  },
  {
    field: 'entityType',
    label: 'audit.entityType',
    kind: 'select',
    options: entityOptions,
    filterable: true,
    width: 160,
    testid: 'audit-entity-filter',
  },
  {
    field: 'result',
    label: 'audit.result',
    kind: 'select',
    options: () => (['success', 'failure'] as const).map((value) => ({ value, label: resultLabel(value) })),
    width: 110,
  },
];

/** At 1366 px the IP gives way first (it stays in the expanded row). */
export const COLUMNS: Column<AuditLogEntry>[] = [
  { type: 'expand', label: '' },
  { prop: 'occurredAt', label: 'audit.occurredAt', sortable: true, width: 160, formatter: 'datetime' },
  { key: 'actor', label: 'audit.actor', minWidth: 140 },
  { key: 'action', sortField: 'action', label: 'audit.action', sortable: true, minWidth: 170 },
  { key: 'entityType', sortField: 'entityType', label: 'audit.entityType', sortable: true, minWidth: 130 },
  { key: 'result', label: 'audit.result', width: 90 },
  { key: 'ip', label: 'audit.ip', width: 130, priority: 2 },
];
