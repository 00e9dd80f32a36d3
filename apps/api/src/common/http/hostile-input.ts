import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FieldError } from '@jixiao/contracts';
import { CommonErrors } from '../errors/common.errors';

/**
 * Hostile input, refused in one place for every route before guards, validation or the database
 * see it (issue 6): JSON nested deeper than any form (class-transformer would overflow its stack),
 * the NUL character in any string of a body, a query or a path (PostgreSQL refuses the byte), and
 * bodies that are not JSON on JSON routes (a cross-site HTML form can send form-encoded or
 * multipart bodies without a CORS preflight).
 */

const NUL = '\u0000';
/** At most this many NUL field errors are reported. */
const MAX_REPORTED = 20;

/** Whether JSON text opens more than `max` objects/arrays at once. A scan of the text: no recursion, no parse. */
export function jsonNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, the
 * marks U+200E, U+200F, U+061C): in a file name they make `invoice\u202Efdp.exe` read as
 * `invoiceexe.pdf`. Refused in uploaded names, left out of names sent back.
 */
export const BIDI_CONTROL_CHARS = String.raw`\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069`;
const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_CHARS}]`, 'gu');

export function hasBidiControl(text: string): boolean {
  BIDI_CONTROLS.lastIndex = 0;
  return BIDI_CONTROLS.test(text);
}

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

export function nulFieldError(field: string): FieldError {
  return { field, code: 'nulCharacter', message: '不能包含空字符（U+0000）', messageEn: 'must not contain the NUL character (U+0000)' };
}

/**
 * The paths (`a.b.0`) of every string or key containing NUL in a parsed value, walked with an
 * explicit stack (the value's depth is already bounded, but no recursion is needed either).
 */
export function nulFields(value: unknown, prefix = ''): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length && found.length < MAX_REPORTED) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes(NUL)) found.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i];
        const childPath = path ? `${path}.${k}` : k;
        if (k.includes(NUL)) found.push(childPath);
        else stack.push([child, childPath]);
      }
    }
  }
  return found.sort();
}

/** Throws VALIDATION_FAILED (field errors coded `nulCharacter`) if any string in `parts` contains NUL. */
export function assertNoNul(...parts: unknown[]): void {
  const fields = [...new Set(parts.flatMap((p) => nulFields(p)))];
  if (fields.length) throw CommonErrors.VALIDATION_FAILED({ errors: fields.map(nulFieldError) });
}

export interface InputGuardOptions {
  bodyLimitBytes: number;
  /** Largest uploaded file; a multipart request may be this plus `bodyLimitBytes` of fields and framing. */
  uploadLimitBytes: number;
  jsonMaxDepth: number;
  /** `METHOD /path/:param` of the routes whose OpenAPI operation declares a multipart/form-data body. */
  multipartRoutes: ReadonlySet<string>;
}

/** `POST /api/v1/files/{id}` (OpenAPI) → `POST /api/v1/files/:id` (Fastify's route pattern). */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;
}

/** The routes whose operation in the document takes multipart/form-data. */
export function multipartRoutesOf(document: OpenAPIObject): Set<string> {
  const out = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const body = item[method]?.requestBody;
      if (body && 'content' in body && body.content['multipart/form-data']) out.add(routeKey(method, path));
    }
  }
  return out;
}

/**
 * Installs the checks on the Fastify instance: the JSON parser (the only body parser besides
 * multipart; form-encoded and any other type answer 415), the depth limit inside it, and a
 * preValidation hook for NUL characters, multipart on JSON routes, and oversized multipart bodies.
 */
export function registerInputGuards(fastify: FastifyInstance, options: InputGuardOptions): void {
  // Prototype-poisoning keys (__proto__, constructor.prototype) are refused as before.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: options.bodyLimitBytes }, (request, body, done) => {
    if (jsonNestedDeeperThan(body as string, options.jsonMaxDepth)) {
      done(CommonErrors.JSON_TOO_DEEP({ extra: { maxDepth: options.jsonMaxDepth } }), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
  // JSON only: text/plain would reach validation as a string (Fastify parses it by default).
  fastify.removeContentTypeParser('text/plain');

  const multipartLimit = options.uploadLimitBytes + options.bodyLimitBytes;
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.isMultipart?.()) {
      const route = routeKey(request.method, request.routeOptions?.url ?? '');
      if (!options.multipartRoutes.has(route)) throw CommonErrors.UNSUPPORTED_MEDIA_TYPE({ detail: 'this route takes application/json' });
      const length = Number(request.headers['content-length']);
      if (Number.isFinite(length) && length > multipartLimit) {
        throw CommonErrors.PAYLOAD_TOO_LARGE({ extra: { limitBytes: options.uploadLimitBytes } });
      }
    }
    assertNoNul(request.params, request.query, request.body);
  });
}
