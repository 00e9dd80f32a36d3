import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { asIs, filenameFromDisposition, saveBlob, uploadForm } from './files';
import { api } from './http';

/** 绩效评价 (issue 9): self-evaluations, department and finance key evaluations, their review and the R11 coverage. */
export type EvaluationPage = ResponseOf<'/api/v1/evaluations', 'get'>;
export type EvaluationItem = EvaluationPage['items'][number];
export type EvaluationQuery = QueryOf<'/api/v1/evaluations', 'get'>;
export type EvaluationDetail = ResponseOf<'/api/v1/evaluations/{id}', 'get'>;
export type EvaluationIndicator = EvaluationDetail['indicators'][number];
export type EvaluationFinding = EvaluationDetail['findings'][number];
export type EvaluationBreakdown = NonNullable<EvaluationDetail['breakdown']>;
export type SaveEvaluationBody = BodyOf<'/api/v1/evaluations/{id}', 'put'>;
export type CreateEvaluationBody = BodyOf<'/api/v1/evaluations/projects/{projectId}', 'post'>;
export type EvaluationKindValue = CreateEvaluationBody['kind'];
export type ReviewDecision = BodyOf<'/api/v1/evaluations/{id}/review', 'post'>['decision'];
export type EvaluationCoverage = ResponseOf<'/api/v1/evaluations/coverage', 'get'>;
export type EvaluationCoverageRow = EvaluationCoverage['items'][number];
export type EvaluationCommission = NonNullable<EvaluationDetail['commission']>;
export type CommissionBody = BodyOf<'/api/v1/evaluations/{id}/commission', 'post'>;
export type CommissionGradeBody = BodyOf<'/api/v1/evaluations/{id}/commission/grade', 'post'>;
export type EvaluationAttachment = EvaluationDetail['attachments'][number];
export type EvaluationFileKind = EvaluationAttachment['kind'];
export type FinanceKeyCandidates = ResponseOf<'/api/v1/evaluations/finance-key/candidates', 'get'>;
export type FinanceKeyCandidate = FinanceKeyCandidates['items'][number];
export type FinanceKeyCriterionScore = FinanceKeyCandidate['criteria'][number];
export type FinanceKeySelection = NonNullable<FinanceKeyCandidates['selection']>;
export type FinanceKeyQuery = QueryOf<'/api/v1/evaluations/finance-key/candidates', 'get'>;
export type SelectFinanceKeyBody = BodyOf<'/api/v1/evaluations/finance-key/selection', 'post'>;

const path = (id: string) => ({ params: { path: { id } } });

export const evaluationsApi = {
  list: (query: EvaluationQuery) => unwrap(api.GET('/api/v1/evaluations', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/evaluations/{id}', path(id))),
  create: (projectId: string, kind: EvaluationKindValue) =>
    unwrap(api.POST('/api/v1/evaluations/projects/{projectId}', { params: { path: { projectId } }, body: { kind } })),
  save: (id: string, body: SaveEvaluationBody) => unwrap(api.PUT('/api/v1/evaluations/{id}', { ...path(id), body })),
  submit: (id: string, version: number) => unwrap(api.POST('/api/v1/evaluations/{id}/submit', { ...path(id), body: { version } })),
  review: (id: string, version: number, decision: ReviewDecision, comment?: string) =>
    unwrap(api.POST('/api/v1/evaluations/{id}/review', { ...path(id), body: { version, decision, ...(comment ? { comment } : {}) } })),
  /** R13 / N8: commission to an agency of the registry; the agency's grade once it has submitted. */
  commission: (id: string, body: CommissionBody) => unwrap(api.POST('/api/v1/evaluations/{id}/commission', { ...path(id), body })),
  gradeCommission: (id: string, body: CommissionGradeBody) =>
    unwrap(api.POST('/api/v1/evaluations/{id}/commission/grade', { ...path(id), body })),
  /** Attaches the report, a work paper or (before commissioning) the signed declaration; answers the evaluation. */
  attachFile: (id: string, kind: EvaluationFileKind, file: File) =>
    unwrap(
      api.POST('/api/v1/evaluations/{id}/files', {
        ...path(id),
        body: uploadForm(file, { kind }) as never,
        bodySerializer: asIs,
      }),
    ),
  /** An attachment of an evaluation, by its id (`attachments[].id`, `commission.declarationAttachmentId`). */
  async downloadFile(attachmentId: string, fallback = 'file'): Promise<void> {
    const { data, error, response } = await api.GET('/api/v1/evaluations/files/{id}', {
      params: { path: { id: attachmentId }, query: { alt: 'media' } },
      parseAs: 'blob',
    });
    if (!response.ok || !(data instanceof Blob)) return void (await unwrap(Promise.resolve({ data: undefined, error, response })));
    saveBlob(data, filenameFromDisposition(response.headers.get('content-disposition'), fallback));
  },
  financeKeyCandidates: (query: FinanceKeyQuery) => unwrap(api.GET('/api/v1/evaluations/finance-key/candidates', { params: { query } })),
  selectFinanceKey: (body: SelectFinanceKeyBody) => unwrap(api.POST('/api/v1/evaluations/finance-key/selection', { body })),
  coverage: (query: QueryOf<'/api/v1/evaluations/coverage', 'get'>) =>
    unwrap(api.GET('/api/v1/evaluations/coverage', { params: { query } })),
};
