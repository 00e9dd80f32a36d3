import type { AuditLogQuery } from '@jixiao/api-client';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTOR_KIND_LABELS,
  AUDIT_ENTITY_LABELS,
  auditActionLabel,
  auditEntityLabel,
  type AuditActorKind,
} from '@jixiao/contracts';
import { pickLabel } from '@/locales';

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
  if (range?.[0]) query.from = new Date(`${range[0]}T00:00:00${SHANGHAI}`).toISOString();
  // `to` is exclusive on the server: the start of the day after the last chosen day.
  if (range?.[1]) query.to = new Date(Date.parse(`${range[1]}T00:00:00${SHANGHAI}`) + 86_400_000).toISOString();
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
