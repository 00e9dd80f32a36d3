export type { paths, components } from './schema';
export { createApiClient, unwrap, type ApiClient, type ApiClientOptions } from './client';
export { ApiProblem, CLIENT_ERROR_CODES, isApiProblem, readProblem, toApiProblem, type ApiFieldError } from './problem';
export type * from './models';
