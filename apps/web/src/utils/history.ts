import { renderHistoryNote, type HistoryNoteParams } from '@jixiao/domain';
import { currentLocale } from '@/locales';

/** A note the system wrote into a history (code + params), in the reader's language; '' when there is none. */
export function historyNoteText(note: { code: string; params?: Record<string, unknown> | null } | null | undefined): string {
  if (!note) return '';
  return renderHistoryNote({ code: note.code, params: (note.params ?? {}) as HistoryNoteParams }, currentLocale() === 'en-US' ? 'en' : 'zh');
}
