import createClient, { type Client } from 'openapi-fetch';
import { ApiProblem, readProblem, toApiProblem } from './problem';
import type { paths } from './schema';

export type ApiClient = Client<paths, `${string}/${string}`>;

export interface ApiClientOptions {
  /** Origin (and prefix) the schema's paths are relative to; '' for same origin. */
  baseUrl?: string;
  /** The current access token, sent as `Authorization: Bearer …`. */
  getToken?: () => string | null | undefined;
  /** The UI language, sent as `Accept-Language`. */
  getLocale?: () => string | null | undefined;
  /**
   * Called on a 401 from any route but login and refresh. Resolve `true` after renewing the
   * token to have the request sent once more; `false` to pass the 401 on to the caller.
   */
  onUnauthorized?: (problem: ApiProblem) => Promise<boolean> | boolean;
  /** Called with every problem the server answers (after any retry), e.g. to redirect. */
  onProblem?: (problem: ApiProblem) => void;
  /** The fetch to use (tests). */
  fetch?: (request: Request) => Promise<Response>;
}

/** Routes whose 401 means "wrong credentials", not "renew the token". */
const NO_RETRY = /\/auth\/(login|refresh)$/;

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));

  const prepare = (request: Request): Request => {
    const token = options.getToken?.();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    else request.headers.delete('Authorization');
    const locale = options.getLocale?.();
    if (locale) request.headers.set('Accept-Language', locale);
    return request;
  };

  const fetchWithAuth = async (request: Request): Promise<Response> => {
    const path = new URL(request.url, 'http://localhost').pathname;
    const spare = options.onUnauthorized && !NO_RETRY.test(path) ? request.clone() : undefined;
    let response = await send(prepare(request));
    if (response.status === 401 && spare && options.onUnauthorized) {
      const renewed = await options.onUnauthorized(await readProblem(response));
      if (renewed) response = await send(prepare(spare));
    }
    if (!response.ok && options.onProblem) options.onProblem(await readProblem(response));
    return response;
  };

  return createClient<paths, `${string}/${string}`>({ baseUrl: options.baseUrl ?? '', fetch: fetchWithAuth });
}

/**
 * Awaits an openapi-fetch call and returns its data, throwing an `ApiProblem` on an error
 * answer or when the server was not reached.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw toApiProblem(error);
  }
  if (!result.response.ok) throw toApiProblem(result.error, result.response);
  return result.data as T;
}
