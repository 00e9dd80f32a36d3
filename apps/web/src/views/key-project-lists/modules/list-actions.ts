import type { ConfirmActionRequest } from '@/components/confirm-action.vue';
import { keyProjectListsApi, type KeyProjectListDetail } from '@/api/key-project-lists';
import { t } from '@/locales';

/** The list as the steps need it: the list rows of the bureau's page carry no items or revisions. */
export interface ListRef {
  id: string;
  version: number;
  year: number;
  organizationName: string;
  status: string;
  items?: readonly unknown[];
  revisions?: readonly { revision: number }[];
}

export type KeyListStep = 'submit' | 'file' | 'return' | 'amend';

/** The latest filed revision number (revisions come newest first), 0 before the first filing. */
const lastRevision = (list: ListRef) => list.revisions?.[0]?.revision ?? 0;

/**
 * R3: every step on a key-project list (submit, file, return, amend, and submitting or filing an
 * amended list again) as one request for the confirm-then-act dialog: what will happen, the note
 * it takes, the API call. One definition for the department's page and the bureau's.
 */
export function keyListStep(step: KeyListStep, list: ListRef): ConfirmActionRequest<KeyProjectListDetail> {
  const items = [`${list.organizationName} · ${list.year}`];
  const amended = lastRevision(list) > 0;
  switch (step) {
    case 'submit': {
      const empty = (list.items?.length ?? 0) === 0;
      const refile = list.status === 'amending';
      return {
        title: refile ? t('keyProjectLists.refileTitle') : t('keyProjectLists.submitTitle'),
        message: refile
          ? t('keyProjectLists.refileConfirm', { revision: lastRevision(list) + 1, previous: lastRevision(list) })
          : t('keyProjectLists.submitConfirm'),
        items,
        note: empty ? 'required' : 'optional',
        noteLabel: empty ? t('keyProjectLists.submitNoteRequired') : t('keyProjectLists.submitNote'),
        confirmText: refile ? t('keyProjectLists.refile') : t('keyProjectLists.submit'),
        successMessage: t('keyProjectLists.submitted'),
        act: (note) => keyProjectListsApi.submit(list.id, { version: list.version, ...(note ? { note } : {}) }),
      };
    }
    case 'file':
      return {
        title: t('keyProjectLists.fileTitle'),
        message: amended ? t('keyProjectLists.refileFileConfirm', { revision: lastRevision(list) + 1 }) : t('keyProjectLists.fileConfirm'),
        items,
        note: 'optional',
        noteLabel: t('keyProjectLists.comment'),
        confirmText: t('keyProjectLists.file'),
        successMessage: t('keyProjectLists.filed'),
        act: (comment) => keyProjectListsApi.file(list.id, { version: list.version, ...(comment ? { comment } : {}) }),
      };
    case 'return':
      return {
        title: t('keyProjectLists.returnTitle'),
        message: t('keyProjectLists.returnConfirm'),
        items,
        note: 'required',
        noteLabel: t('keyProjectLists.comment'),
        confirmText: t('keyProjectLists.return'),
        danger: true,
        successMessage: t('keyProjectLists.returned'),
        act: (comment) => keyProjectListsApi.giveBack(list.id, { version: list.version, comment }),
      };
    case 'amend':
      return {
        title: t('keyProjectLists.amendTitle'),
        message: t('keyProjectLists.amendConfirm', { revision: lastRevision(list) || 1 }),
        items,
        note: 'required',
        noteLabel: t('keyProjectLists.amendReason'),
        confirmText: t('keyProjectLists.amend'),
        danger: true,
        successMessage: t('keyProjectLists.amended'),
        act: (reason) => keyProjectListsApi.amend(list.id, { version: list.version, reason }),
      };
  }
}
