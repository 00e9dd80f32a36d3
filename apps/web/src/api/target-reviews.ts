import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';

export type ExpertPage = ResponseOf<'/api/v1/experts', 'get'>;
export type Expert = ExpertPage['items'][number];
export type ExpertQuery = QueryOf<'/api/v1/experts', 'get'>;
export type CreateExpertBody = BodyOf<'/api/v1/experts', 'post'>;
export type UpdateExpertBody = BodyOf<'/api/v1/experts/{id}', 'patch'>;
export type ExpertReviewPage = ResponseOf<'/api/v1/target-reviews/mine', 'get'>;
export type ExpertReview = ExpertReviewPage['items'][number];
export type ExpertReviewQuery = QueryOf<'/api/v1/target-reviews/mine', 'get'>;
export type ExpertReviewDetail = ResponseOf<'/api/v1/target-reviews/{id}', 'get'>;

export const targetReviewsApi = {
  mine: (query: ExpertReviewQuery) => unwrap(api.GET('/api/v1/target-reviews/mine', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/target-reviews/{id}', { params: { path: { id } } })),
  submit: (id: string, version: number, score: number, opinion: string) =>
    unwrap(api.POST('/api/v1/target-reviews/{id}/submit', { params: { path: { id } }, body: { version, score, opinion } })),
  assign: (targetId: string, expertUserIds: string[]) =>
    unwrap(api.POST('/api/v1/target-reviews/{targetId}/assignments', { params: { path: { targetId } }, body: { expertUserIds } })),
  experts: (query: ExpertQuery) => unwrap(api.GET('/api/v1/experts', { params: { query } })),
  createExpert: (body: CreateExpertBody) => unwrap(api.POST('/api/v1/experts', { body })),
  updateExpert: (id: string, body: UpdateExpertBody) => unwrap(api.PATCH('/api/v1/experts/{id}', { params: { path: { id } }, body })),
  expertUsers: () => unwrap(api.GET('/api/v1/users', { params: { query: { role: 'expert', pageSize: 100 } } })),
};
