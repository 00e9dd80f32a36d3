import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of everything the API serves: the built SPA, Swagger UI at
 * /api/docs and the JSON answers. Scripts only from this origin (Vite's build and Swagger UI load
 * every script from a file); inline styles are allowed because Element Plus and Swagger UI set
 * style attributes; images may be data:/blob: URLs (icons, previews of uploads). No framing.
 * deploy/nginx.conf.template sends the same policy for the SPA it serves (a test compares them).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every answer carries whatever its path (`registerSecurityHeaders`; also the HTTP parser's refusals, `answerClientError`). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security max-age for requests that came over TLS; 0 sends none. */
  hstsMaxAgeSeconds: number;
}

/**
 * Headers on every answer (errors, the SPA and Swagger UI included): CSP, no framing, no
 * referrer, no MIME sniffing; `Cache-Control: no-store` on every API answer (they carry data of
 * a signed-in caller); HSTS when the request came over TLS (directly, or `X-Forwarded-Proto:
 * https` from a trusted proxy).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, options: SecurityHeaderOptions): void {
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    const path = request.url.split('?')[0];
    if (path.startsWith('/api/') && !path.startsWith('/api/docs')) {
      const given = reply.getHeader('cache-control');
      if (!(typeof given === 'string' && /\bno-store\b/.test(given))) reply.header('cache-control', 'no-store');
    }
    if (options.hstsMaxAgeSeconds > 0 && request.protocol === 'https') {
      reply.header('strict-transport-security', `max-age=${options.hstsMaxAgeSeconds}; includeSubDomains`);
    }
  });
}
