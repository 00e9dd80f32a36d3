import { createApiClient, type ApiProblem } from '@jixiao/api-client';
import { currentLocale } from '@/locales';
import { tokenStorage } from '@/utils/token-storage';

/**
 * What the session layer does when the API says the caller is not (or no longer) signed in.
 * Set once by the auth store; the client itself knows nothing about routes or stores.
 */
export interface SessionHandlers {
  /** Renew the token on AUTH_TOKEN_EXPIRED; resolve true to have the request sent again. */
  onUnauthorized(problem: ApiProblem): Promise<boolean>;
  /** Every other problem answer (e.g. AUTH_PASSWORD_CHANGE_REQUIRED). */
  onProblem(problem: ApiProblem): void;
}

let handlers: SessionHandlers | undefined;

export function setSessionHandlers(next: SessionHandlers | undefined): void {
  handlers = next;
}

/** The one API client of the SPA; the schema's paths (`/api/v1/...`) on the page's own origin. */
export const api = createApiClient({
  baseUrl: globalThis.location?.origin ?? '',
  getToken: () => tokenStorage.accessToken,
  getLocale: () => currentLocale(),
  onUnauthorized: (problem) => handlers?.onUnauthorized(problem) ?? false,
  onProblem: (problem) => handlers?.onProblem(problem),
});
