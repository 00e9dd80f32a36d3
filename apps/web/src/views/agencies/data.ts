import {
  AGENCY_STATE_ACTION_LABELS,
  AGENCY_STATE_LABELS,
  AGENCY_STATES,
  AGENCY_TIE_KIND_LABELS,
  type AgencyState,
  type Label,
} from '@jixiao/contracts';
import { GRADE_LABELS, isUnifiedSocialCreditCode } from '@jixiao/domain';
import type { Agency } from '@/api/agencies';
import type { Column, FilterField } from '@/components/paged-table';
import { pickLabel } from '@/locales';

function lookup(table: Record<string, Label>, value: string | null | undefined): string {
  if (!value) return '';
  return table[value] ? pickLabel(table[value]) : value;
}

export const stateLabel = (v: string | null | undefined) => lookup(AGENCY_STATE_LABELS, v);
export const stateActionLabel = (v: string | null | undefined) => lookup(AGENCY_STATE_ACTION_LABELS, v);
export const tieKindLabel = (v: string | null | undefined) => lookup(AGENCY_TIE_KIND_LABELS, v);
export const gradeLabel = (v: string | null | undefined) => lookup(GRADE_LABELS, v);

export const STATE_TAG: Record<AgencyState, 'success' | 'warning' | 'danger'> = {
  active: 'success',
  suspended: 'warning',
  blacklisted: 'danger',
};

export const GRADE_TAG: Record<string, 'success' | 'primary' | 'warning' | 'danger'> = {
  excellent: 'success',
  good: 'primary',
  fair: 'warning',
  poor: 'danger',
};

export function defaultFilters() {
  return { q: '', state: '' as AgencyState | '' };
}

export const DEFAULT_SORT = 'code';

export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'q', kind: 'input', placeholder: 'agencies.searchPlaceholder', width: 220 },
  { field: 'state', label: 'agencies.state', kind: 'select', options: AGENCY_STATES, width: 140 },
];

/** At 1366 px the credit code gives way first, then the update time and the latest violation. */
export const COLUMNS: Column<Agency>[] = [
  { prop: 'code', label: 'agencies.code', sortable: true, width: 110 },
  { key: 'name', sortField: 'name', label: 'agencies.name', sortable: true, minWidth: 220 },
  { prop: 'creditCode', label: 'agencies.creditCode', minWidth: 190, priority: 4 },
  { key: 'state', sortField: 'state', label: 'agencies.state', sortable: true, width: 110 },
  { key: 'qualifications', label: 'agencies.qualificationsValid', width: 100, align: 'right' },
  { prop: 'violationCount', label: 'agencies.violationCount', width: 80, align: 'right' },
  { prop: 'lastViolationOn', label: 'agencies.lastViolationOn', width: 120, priority: 2 },
  { prop: 'tieCount', label: 'agencies.tieCount', width: 80, align: 'right' },
  { key: 'lastGrade', label: 'agencies.lastGrade', width: 100 },
  { prop: 'updatedAt', label: 'common.updatedAt', sortable: true, width: 150, formatter: 'datetime', priority: 3 },
];

/** "2 / 3": qualifications valid today out of those held. */
export const qualificationsText = (row: Pick<Agency, 'validQualificationCount' | 'qualificationCount'>) =>
  `${row.validQualificationCount} / ${row.qualificationCount}`;

// ---------------------------------------------------------------------------------------------
// The registration form
// ---------------------------------------------------------------------------------------------

export interface QualificationRow {
  name: string;
  number: string;
  validUntil: string;
}

export interface ContactRow {
  name: string;
  phone: string;
  email: string;
}

export interface AgencyForm {
  code: string;
  name: string;
  creditCode: string;
  qualifications: QualificationRow[];
  contacts: ContactRow[];
}

export const emptyQualification = (): QualificationRow => ({ name: '', number: '', validUntil: '' });
export const emptyContact = (): ContactRow => ({ name: '', phone: '', email: '' });

/** The credit code as the API reads it: trimmed, capitals (lower case typed is accepted). */
export const normalizeCreditCode = (value: string) => value.trim().toUpperCase();

/** Whether to warn beside the field before sending: empty is left to the required check, a typed code must pass GB 32100-2015. */
export function creditCodeLooksWrong(value: string): boolean {
  const code = normalizeCreditCode(value);
  return code.length > 0 && !isUnifiedSocialCreditCode(code);
}

const isBlankQualification = (q: QualificationRow) => !q.name.trim() && !q.number.trim() && !q.validUntil;
const isBlankContact = (c: ContactRow) => !c.name.trim() && !c.phone.trim() && !c.email.trim();

/**
 * Drops the rows left entirely empty (added but not filled in) from the form itself, so the rows
 * sent are the rows shown and a field error of the API (`qualifications.1.number`) lands on its row.
 */
export function dropBlankRows(form: Pick<AgencyForm, 'qualifications' | 'contacts'>): void {
  form.qualifications = form.qualifications.filter((q) => !isBlankQualification(q));
  form.contacts = form.contacts.filter((c) => !isBlankContact(c));
}

/**
 * The form's lists as the API takes them: texts trimmed, an empty date, phone or email sent as
 * null. A half-filled row is sent as it is, so the API names the missing field.
 */
export function formLists(form: Pick<AgencyForm, 'qualifications' | 'contacts'>) {
  return {
    qualifications: form.qualifications.map((q) => ({ name: q.name.trim(), number: q.number.trim(), validUntil: q.validUntil || null })),
    contacts: form.contacts.map((c) => ({ name: c.name.trim(), phone: c.phone.trim() || null, email: c.email.trim() || null })),
  };
}

/** A date picker's day (local midnight) as 'YYYY-MM-DD'. */
export const pickerDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
