/**
 * Notes the system writes into histories (a target's events …) are stored as a code and its
 * parameters, never as Chinese text, and rendered in either language from this one table: by the
 * API (for other systems) and by the SPA. What people write (a return comment) stays their text.
 */
import type { Label } from '@jixiao/contracts';
import { GRADE_LABELS, type Grade } from './grades';

export type HistoryNoteParams = Readonly<Record<string, string | number | readonly string[]>>;

export interface HistoryNote {
  code: HistoryNoteCode;
  params?: HistoryNoteParams;
}

/** Templates with `{name}` placeholders; `{grade}` is a grade code, a list is joined. */
export const HISTORY_NOTES = {
  'target.picked_for_expert_review': { zh: '选取专家评审', en: 'Picked for expert review' },
  'target.unpicked_for_expert_review': { zh: '取消专家评审选取', en: 'No longer picked for expert review' },
  'target.experts_assigned': { zh: '指派评审专家：{names}', en: 'Experts assigned: {names}' },
  'target.expert_scored': { zh: '评审专家已提交评分和意见', en: 'An expert submitted a score and opinion' },
  'target.review_concluded': { zh: '专家评审平均分 {average}，等级 {grade}', en: 'Expert review average {average}, grade {grade}' },
  'target.change_approved': { zh: '调整申请已同意，修订版本 {revision}', en: 'Change request approved: revision {revision}' },
} as const satisfies Record<string, Label>;

export type HistoryNoteCode = keyof typeof HISTORY_NOTES;

export function isHistoryNoteCode(code: string): code is HistoryNoteCode {
  return Object.prototype.hasOwnProperty.call(HISTORY_NOTES, code);
}

function param(name: string, value: string | number | readonly string[] | undefined, lang: 'zh' | 'en'): string {
  if (value === undefined) return `{${name}}`;
  if (Array.isArray(value)) return value.join(lang === 'zh' ? '、' : ', ');
  if (name === 'grade' && typeof value === 'string' && value in GRADE_LABELS) return GRADE_LABELS[value as Grade][lang];
  return String(value);
}

/** The note in one language; an unknown code (from a newer release) is shown as the code. */
export function renderHistoryNote(note: { code: string; params?: HistoryNoteParams | null }, lang: 'zh' | 'en'): string {
  if (!isHistoryNoteCode(note.code)) return note.code;
  const params = note.params ?? {};
  return HISTORY_NOTES[note.code][lang].replace(/\{(\w+)\}/g, (_whole, name: string) => param(name, params[name], lang));
}

/** The note in both languages (what the API returns next to the code). */
export function historyNoteLabel(note: { code: string; params?: HistoryNoteParams | null }): Label {
  return { zh: renderHistoryNote(note, 'zh'), en: renderHistoryNote(note, 'en') };
}
