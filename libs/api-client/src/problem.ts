/**
 * Errors from the API are `application/problem+json` bodies with a stable `code`, a Chinese
 * `message` and an English `messageEn` (see @jixiao/contracts Problem). `ApiProblem` is the one
 * error type the SPA handles: every failed call — a problem body, an unexpected body, or no
 * answer at all — becomes one.
 */

export interface ApiFieldError {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

/** Codes the client itself gives to failures that did not come with a problem body. */
export const CLIENT_ERROR_CODES = {
  Network: 'NETWORK_ERROR',
  UnexpectedResponse: 'UNEXPECTED_RESPONSE',
} as const;

export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  /** HTTP status; 0 when the server was not reached. */
  readonly status: number;
  /** Stable error code, e.g. `AUTH_INVALID_CREDENTIALS`. */
  readonly code: string;
  /** English message (`message` holds the Chinese one). */
  readonly messageEn: string;
  readonly title: string;
  readonly type: string;
  readonly detail?: string;
  /** Field errors, e.g. for a weak password or an invalid policy profile value. */
  readonly errors: ApiFieldError[];
  /** The raw body, for extra members such as `lockedUntil`. */
  readonly body: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    messageEn: string;
    title?: string;
    type?: string;
    detail?: string;
    errors?: ApiFieldError[];
    body?: Record<string, unknown>;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.messageEn = init.messageEn;
    this.title = init.title ?? init.code;
    this.type = init.type ?? 'about:blank';
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.body = init.body ?? {};
  }

  /** A string member of the problem body beyond the standard ones (e.g. `lockedUntil`). */
  extra(name: string): string | undefined {
    const value = this.body[name];
    return typeof value === 'string' ? value : undefined;
  }

  /** The message in the given language: Chinese unless the locale starts with `en`. */
  localizedMessage(locale: string): string {
    return locale.toLowerCase().startsWith('en') ? this.messageEn || this.message : this.message || this.messageEn;
  }
}

export function isApiProblem(value: unknown): value is ApiProblem {
  return value instanceof ApiProblem;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function fieldErrors(value: unknown): ApiFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => ({
    field: str(e.field) ?? '',
    code: str(e.code) ?? '',
    message: str(e.message) ?? str(e.messageEn) ?? '',
    messageEn: str(e.messageEn) ?? str(e.message) ?? '',
  }));
}

/**
 * Turns whatever a failed call produced into an `ApiProblem`: the parsed error body that
 * openapi-fetch returns (with its `Response`), a thrown fetch error, or an `ApiProblem` already.
 */
export function toApiProblem(error: unknown, response?: Response): ApiProblem {
  if (error instanceof ApiProblem) return error;
  const status = response?.status ?? 0;
  if (isRecord(error) && typeof error.code === 'string') {
    const message = str(error.message) ?? str(error.title) ?? error.code;
    return new ApiProblem({
      status: typeof error.status === 'number' ? error.status : status,
      code: error.code,
      message,
      messageEn: str(error.messageEn) ?? message,
      title: str(error.title),
      type: str(error.type),
      detail: str(error.detail),
      errors: fieldErrors(error.errors),
      body: error,
    });
  }
  if (!response) {
    return new ApiProblem({
      status: 0,
      code: CLIENT_ERROR_CODES.Network,
      message: '无法连接服务器，请检查网络后重试',
      messageEn: 'The server could not be reached. Check the network and try again.',
      detail: error instanceof Error ? error.message : undefined,
    });
  }
  return new ApiProblem({
    status,
    code: CLIENT_ERROR_CODES.UnexpectedResponse,
    message: `服务器返回了意外的响应（HTTP ${status}）`,
    messageEn: `The server answered unexpectedly (HTTP ${status}).`,
    detail: typeof error === 'string' ? error.slice(0, 500) : undefined,
  });
}

/** Reads a response body as a problem without consuming the original response. */
export async function readProblem(response: Response): Promise<ApiProblem> {
  let body: unknown;
  try {
    const text = await response.clone().text();
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  } catch {
    body = undefined;
  }
  return toApiProblem(body, response);
}
