import { unwrap, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';

/** One bulk request's answer: a result per row, in the order sent. */
export type BulkAnswer = ResponseOf<'/api/v1/targets/bulk/pass', 'post'>;
export type BulkResult = BulkAnswer['results'][number];
export interface BulkRow {
  id: string;
  version: number;
}

/** The clerks' bulk steps (common/bulk on the API): each row the single action, answered on its own. */
export const bulkApi = {
  pass: (items: BulkRow[], comment?: string) =>
    unwrap(api.POST('/api/v1/targets/bulk/pass', { body: { items, ...(comment ? { comment } : {}) } })),
  returnTargets: (items: BulkRow[], comment: string) => unwrap(api.POST('/api/v1/targets/bulk/return', { body: { items, comment } })),
  departmentPass: (items: BulkRow[], comment?: string) =>
    unwrap(api.POST('/api/v1/targets/bulk/department-review/pass', { body: { items, ...(comment ? { comment } : {}) } })),
  departmentReturn: (items: BulkRow[], comment: string) =>
    unwrap(api.POST('/api/v1/targets/bulk/department-review/return', { body: { items, comment } })),
  assignExperts: (targetIds: string[], expertUserIds: string[]) =>
    unwrap(api.POST('/api/v1/target-reviews/bulk/assignments', { body: { targetIds, expertUserIds } })),
};
