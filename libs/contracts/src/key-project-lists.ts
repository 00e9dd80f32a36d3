/** Enums and labels of the key-project-lists module, shared by the API and the SPA. */
import { Label, labelled } from './labels';

// The bases of inclusion (KeyBasis, KEY_BASIS_LABELS) live in ./projects: a project carries its basis.

/**
 * R3: a department's or town's list is submitted, then filed (备案) or returned by the finance bureau.
 * A filed list is amended (修订) by its department when projects became key later: the filed
 * snapshot stays as a numbered revision and the list is submitted and filed again.
 */
export const KeyProjectListStatus = {
  Draft: 'draft',
  Submitted: 'submitted',
  Filed: 'filed',
  Returned: 'returned',
  Amending: 'amending',
} as const;
export type KeyProjectListStatus = (typeof KeyProjectListStatus)[keyof typeof KeyProjectListStatus];

export const KEY_PROJECT_LIST_STATUS_LABELS: Record<KeyProjectListStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已报送', en: 'Submitted' },
  filed: { zh: '已备案', en: 'Filed' },
  returned: { zh: '已退回', en: 'Returned' },
  amending: { zh: '修订中', en: 'Amending' },
};
export const KEY_PROJECT_LIST_STATUSES = labelled(KEY_PROJECT_LIST_STATUS_LABELS);

/** Workflow actions on a list. */
export const KeyProjectListAction = {
  Submit: 'submit',
  File: 'file',
  Return: 'return',
  Amend: 'amend',
} as const;
export type KeyProjectListAction = (typeof KeyProjectListAction)[keyof typeof KeyProjectListAction];

export const KEY_PROJECT_LIST_ACTION_LABELS: Record<KeyProjectListAction, Label> = {
  submit: { zh: '报送', en: 'Submit' },
  file: { zh: '备案', en: 'File' },
  return: { zh: '退回', en: 'Return' },
  amend: { zh: '修订', en: 'Amend' },
};
