/**
 * Named types for the SPA, derived from the generated `paths` so they follow the OpenAPI
 * document: nothing here is typed by hand.
 */
import type { HttpMethod, OperationRequestBodyContent, SuccessResponseJSON } from 'openapi-typescript-helpers';
import type { paths } from './schema';

type MethodOf<P extends keyof paths> = {
  [M in HttpMethod]: paths[P] extends { [K in M]: object } ? M : never;
}[HttpMethod];

/** The JSON body a route answers with on success. */
export type ResponseOf<P extends keyof paths, M extends MethodOf<P>> = SuccessResponseJSON<paths[P][M] & Record<string | number, unknown>>;
/** The JSON body a route takes. */
export type BodyOf<P extends keyof paths, M extends MethodOf<P>> = NonNullable<OperationRequestBodyContent<paths[P][M]>>;
/** The query parameters of a route. */
export type QueryOf<P extends keyof paths, M extends MethodOf<P>> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type HealthStatus = ResponseOf<'/api/health', 'get'>;

export type LoginBody = BodyOf<'/api/v1/auth/login', 'post'>;
/** Tokens, or (two-factor authentication on) the challenge for the second step. */
export type LoginAnswer = ResponseOf<'/api/v1/auth/login', 'post'>;
export type TokenResponse = ResponseOf<'/api/v1/auth/refresh', 'post'>;
export type MfaChallenge = Extract<LoginAnswer, { mfaRequired: true }>;
export type MfaLoginBody = BodyOf<'/api/v1/auth/login/mfa', 'post'>;
export type MfaStatus = ResponseOf<'/api/v1/auth/mfa', 'get'>;
export type MfaEnrolment = ResponseOf<'/api/v1/auth/mfa/enrol', 'post'>;
export type MfaRecoveryCodes = ResponseOf<'/api/v1/auth/mfa/confirm', 'post'>;
export type MfaDisableBody = BodyOf<'/api/v1/auth/mfa/disable', 'post'>;
export type Me = ResponseOf<'/api/v1/auth/me', 'get'>;
export type ChangePasswordBody = BodyOf<'/api/v1/auth/change-password', 'post'>;

export type OrganizationList = ResponseOf<'/api/v1/organizations', 'get'>;
export type Organization = OrganizationList['items'][number];
export type OrganizationNode = ResponseOf<'/api/v1/organizations/tree', 'get'>[number];
/** An organization as a picker reads it, a level at a time (GET /organizations/options). */
export type OrganizationOption = ResponseOf<'/api/v1/organizations/options', 'get'>[number];
export type OrganizationQuery = QueryOf<'/api/v1/organizations', 'get'>;
export type CreateOrganizationBody = BodyOf<'/api/v1/organizations', 'post'>;
export type UpdateOrganizationBody = BodyOf<'/api/v1/organizations/{id}', 'patch'>;

export type UserList = ResponseOf<'/api/v1/users', 'get'>;
export type User = UserList['items'][number];
export type UserQuery = QueryOf<'/api/v1/users', 'get'>;
export type CreateUserBody = BodyOf<'/api/v1/users', 'post'>;
export type UpdateUserBody = BodyOf<'/api/v1/users/{id}', 'patch'>;
export type ResetPasswordBody = BodyOf<'/api/v1/users/{id}/reset-password', 'post'>;

export type ApiKeyList = ResponseOf<'/api/v1/api-keys', 'get'>;
export type ApiKey = ApiKeyList['items'][number];
export type CreateApiKeyBody = BodyOf<'/api/v1/api-keys', 'post'>;
export type CreatedApiKey = ResponseOf<'/api/v1/api-keys', 'post'>;

export type PolicyProfileList = ResponseOf<'/api/v1/policy-profiles', 'get'>;
export type PolicyProfileSummary = PolicyProfileList['items'][number];
export type PolicyProfile = ResponseOf<'/api/v1/policy-profiles/{year}', 'get'>;
export type UpdatePolicyProfileBody = BodyOf<'/api/v1/policy-profiles/{year}', 'put'>;
export type CreatePolicyProfileBody = BodyOf<'/api/v1/policy-profiles', 'post'>;
export type CalendarEntry = ResponseOf<'/api/v1/policy-profiles/{year}/calendar', 'get'>[number];

export type AuditLogList = ResponseOf<'/api/v1/audit-logs', 'get'>;
export type AuditLogEntry = AuditLogList['items'][number];
export type AuditLogQuery = QueryOf<'/api/v1/audit-logs', 'get'>;
