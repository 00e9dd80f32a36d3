/**
 * Hostile input (issue 6), the cases the generated bad-input test does not walk: multipart limits
 * (too many fields, a second file, an oversized body) answer coded 4xx; login takes JSON only; the
 * security headers (CSP for the SPA and Swagger UI, frame and referrer policy, no-store on API
 * answers, HSTS over TLS); file names with bidirectional controls; and failed queries never put
 * their parameters in the server log.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './support/test-app';
import { checksum, orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';

const UPLOAD_LIMIT = 64 * 1024;
const PDF = Buffer.from('%PDF-1.4\n% 测试报告\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'utf8');
const SPA_INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body><div id="app"></div></body></html>';

describe('hostile input and security headers', () => {
  let t: TestApp;
  let health: string;
  let edu: string;
  let healthOrg: string;

  beforeAll(async () => {
    const webDist = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
    writeFileSync(join(webDist, 'index.html'), SPA_INDEX);
    t = await startTestApp({ WEB_DIST: webDist, UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT), TRUST_PROXY: 'true' });
    health = await t.login('health');
    edu = await t.login('edu');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
  });
  afterAll(async () => t?.close());

  const send = async (path: string, token: string, form: FormData, method = 'POST') => {
    const res = await fetch(`${t.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` }, body: form });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* keep the text */
    }
    return { status: res.status, headers: res.headers, text, body: body as any };
  };
  const fileBlob = (bytes: Buffer) => new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' });

  describe('multipart limits answer coded 4xx and store nothing', () => {
    const routes = [
      { path: '/api/v1/files', token: () => health, fields: () => ({ organizationId: healthOrg }), name: 'report.pdf', bytes: PDF },
      { path: '/api/v1/projects/import', token: () => edu, fields: () => ({}), name: 'projects.xlsx', bytes: Buffer.from('PK\x03\x04') },
    ];

    it.each(routes.map((r) => [r.path, r]))('%s: 30 text fields → 400 MULTIPART_TOO_MANY_FIELDS', async (_p, r) => {
      const before = await checksum(t);
      const form = new FormData();
      for (const [k, v] of Object.entries(r.fields())) form.append(k, v);
      for (let i = 0; i < 30; i++) form.append(`field${i}`, 'x');
      form.append('file', fileBlob(r.bytes), r.name);
      expectProblem(await send(r.path, r.token(), form), 400, 'MULTIPART_TOO_MANY_FIELDS');
      expect(await checksum(t)).toEqual(before);
    });

    it.each(routes.map((r) => [r.path, r]))('%s: two file parts → 400 MULTIPART_TOO_MANY_FILES', async (_p, r) => {
      const before = await checksum(t);
      const form = new FormData();
      for (const [k, v] of Object.entries(r.fields())) form.append(k, v);
      form.append('file', fileBlob(r.bytes), r.name);
      form.append('file', fileBlob(r.bytes), r.name);
      expectProblem(await send(r.path, r.token(), form), 400, 'MULTIPART_TOO_MANY_FILES');
      expect(await checksum(t)).toEqual(before);
    });

    it.each(routes.map((r) => [r.path, r]))(
      '%s: a declared length over UPLOAD_LIMIT_BYTES + BODY_LIMIT_BYTES → 413 before reading',
      async (_p, r) => {
        const before = await checksum(t);
        const form = new FormData();
        for (const [k, v] of Object.entries(r.fields())) form.append(k, v);
        form.append('file', fileBlob(Buffer.concat([r.bytes, Buffer.alloc(UPLOAD_LIMIT + 1024 * 1024, 0x41)])), r.name);
        expectProblem(await send(r.path, r.token(), form), 413, 'PAYLOAD_TOO_LARGE');
        expect(await checksum(t)).toEqual(before);
      },
    );

    it.each(routes.map((r) => [r.path, r]))('%s: a file over UPLOAD_LIMIT_BYTES → 413', async (_p, r) => {
      const before = await checksum(t);
      const form = new FormData();
      for (const [k, v] of Object.entries(r.fields())) form.append(k, v);
      form.append('file', fileBlob(Buffer.concat([r.bytes, Buffer.alloc(UPLOAD_LIMIT * 3, 0x41)])), r.name);
      expectProblem(await send(r.path, r.token(), form), 413);
      expect(await checksum(t)).toEqual(before);
    });
  });

  describe('JSON only', () => {
    it('refuses a form-encoded login with 415 (a cross-site HTML form cannot sign a browser in)', async () => {
      const res = await t.request('POST', '/api/v1/auth/login', {
        raw: new URLSearchParams({ username: 'finance', password: 'Demo#2022' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.accessToken).toBeUndefined();
    });

    it('refuses a multipart login with 415', async () => {
      const form = new FormData();
      form.append('username', 'finance');
      form.append('password', 'Demo#2022');
      const res = await fetch(`${t.baseUrl}/api/v1/auth/login`, { method: 'POST', body: form });
      expect(res.status).toBe(415);
      expect(((await res.json()) as { code: string }).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('still signs in with JSON', async () => {
      const res = await t.request('POST', '/api/v1/auth/login', { body: { username: 'finance', password: 'Demo#2022' } });
      expect(res.status).toBe(200);
    });

    it('refuses a NUL character in a multipart text field', async () => {
      const form = new FormData();
      form.append('organizationId', `${healthOrg}\u0000`);
      form.append('file', fileBlob(PDF), 'report.pdf');
      const res = await send('/api/v1/files', health, form);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'organizationId', code: 'nulCharacter' })]);
    });

    it('refuses JSON nested deeper than JSON_MAX_DEPTH on login and refresh, and accepts ordinary nesting', async () => {
      const deep = (n: number) => `{"username":"finance","password":"x","d":${'['.repeat(n)}${']'.repeat(n)}}`;
      for (const path of ['/api/v1/auth/login', '/api/v1/auth/refresh']) {
        const res = await t.request('POST', path, { raw: deep(5000), headers: { 'content-type': 'application/json' } });
        expectProblem(res, 400, 'JSON_TOO_DEEP');
      }
      // Brackets inside strings are text, not nesting.
      const res = await t.request('POST', '/api/v1/auth/login', { body: { username: 'finance', password: '['.repeat(100) } });
      expectProblem(res, 401);
    });
  });

  describe('security headers', () => {
    it('sends a Content-Security-Policy with the SPA index (history-mode routes too)', async () => {
      for (const path of ['/', '/projects/list']) {
        const res = await fetch(`${t.baseUrl}${path}`);
        expect(res.status).toBe(200);
        expect(await res.text()).toBe(SPA_INDEX);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      }
    });

    it('Swagger UI loads its scripts from the API itself, so the same policy allows it', async () => {
      const res = await fetch(`${t.baseUrl}/api/docs`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      // No inline <script> (script-src 'self' would block it): every script has a src on the same origin.
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs).toMatch(/src=["'](\.\/|\/api\/docs\/)?[\w./-]+["']/);
        expect(body.trim()).toBe('');
      }
    });

    it('marks every API answer Cache-Control: no-store, errors included', async () => {
      const me = await t.request('GET', '/api/v1/auth/me', { token: edu });
      expect(me.status).toBe(200);
      expect(me.headers.get('cache-control')).toBe('no-store');
      const list = await t.request('GET', '/api/v1/projects', { token: edu });
      expect(list.headers.get('cache-control')).toBe('no-store');
      const refused = await t.request('GET', '/api/v1/organizations');
      expect(refused.status).toBe(401);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'finance', password: 'Demo#2022' } });
      expect(login.headers.get('cache-control')).toBe('no-store');
    });

    it('sends HSTS only when the request came over TLS (X-Forwarded-Proto from the proxy)', async () => {
      const plain = await t.request('GET', '/api/health');
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      const tls = await t.request('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
      expect(tls.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    });
  });

  describe('file names with bidirectional controls', () => {
    const BIDI = ['\u202E', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200F', '\u061C'];

    it.each(BIDI.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase()}`, c]))(
      'refuses a multipart upload named with %s and stores nothing',
      async (_n, c) => {
        const before = await checksum(t);
        const form = new FormData();
        form.append('organizationId', healthOrg);
        form.append('file', fileBlob(PDF), `invoice${c}fdp.pdf`);
        const res = await send('/api/v1/files', health, form);
        expectProblem(res, 400, 'FILENAME_INVALID');
        expect(await checksum(t)).toEqual(before);
      },
    );

    it('refuses a JSON upload whose filename has a right-to-left override', async () => {
      const res = await t.request('POST', '/api/v1/files', {
        token: health,
        body: { organizationId: healthOrg, filename: 'report\u202Egpj.pdf', contentBase64: PDF.toString('base64') },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('filename');
    });

    it('never sends a bidirectional control in Content-Disposition, even for a name stored before the check', async () => {
      const ok = await t.request('POST', '/api/v1/files', {
        token: health,
        body: { organizationId: healthOrg, filename: '评估报告.pdf', contentBase64: PDF.toString('base64') },
      });
      expect(ok.status).toBe(201);
      await t.sql(`UPDATE stored_files SET filename = $1 WHERE id = $2`, ['评估\u202Efdp.pdf', ok.body.id]);
      const res = await fetch(`${t.baseUrl}/api/v1/files/${ok.body.id}?alt=media`, { headers: { authorization: `Bearer ${health}` } });
      expect(res.status).toBe(200);
      const disposition = res.headers.get('content-disposition') ?? '';
      expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe('评估fdp.pdf');
      expect(disposition).not.toMatch(/%E2%80%AE/i);
    });
  });

  describe('a request the HTTP parser refuses', () => {
    /** Sends `head` as it is over a new connection and reads the whole answer (the server closes it). */
    const raw = (head: Buffer) =>
      new Promise<{ status: number; headers: string; body: any }>((resolve, reject) => {
        const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('error', reject);
        socket.on('close', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const [headers, body] = [text.slice(0, text.indexOf('\r\n\r\n')), text.slice(text.indexOf('\r\n\r\n') + 4)];
          resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1]), headers, body: JSON.parse(body) });
        });
        socket.end(head);
      });

    it.each([
      [
        'characters beyond ASCII not percent-encoded in the URL',
        Buffer.from('GET /api/v1/projects?q=İa HTTP/1.1\r\nHost: x\r\n\r\n'),
        400,
        'MALFORMED_REQUEST',
      ],
      ['a request line that is not HTTP', Buffer.from('HELLO\r\n\r\n'), 400, 'MALFORMED_REQUEST'],
      [
        'a header line without a colon',
        Buffer.from('GET /api/health HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n'),
        400,
        'MALFORMED_REQUEST',
      ],
      [
        "headers beyond the parser's limit",
        Buffer.from(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
        431,
        'HEADERS_TOO_LARGE',
      ],
    ])('%s: a coded problem+json in both languages, the connection closed', async (_what, head, status, code) => {
      const before = await checksum(t);
      const res = await raw(head);
      expect(res.status).toBe(status);
      expect(res.headers).toMatch(/content-type: application\/problem\+json; charset=utf-8/i);
      expect(res.headers).toMatch(/connection: close/i);
      // the headers every answer carries (security-headers.ts)
      expect(res.headers).toMatch(/content-security-policy: default-src 'self'/i);
      expect(res.headers).toMatch(/x-content-type-options: nosniff/i);
      expect(res.body).toMatchObject({ status, code, type: `urn:jixiao:problem:${code.toLowerCase().replace(/_/g, '-')}` });
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.messageEn).toEqual(expect.any(String));
      expect(await checksum(t)).toEqual(before);
      // the server goes on answering
      expect((await fetch(`${t.baseUrl}/api/health`)).status).toBe(200);
    });
  });

  it('never writes the parameters of a failed query to the server log', async () => {
    const marker = 'secret-parameter-7f3a';
    const captured: string[] = [];
    const spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (captured.push(String(chunk)), true)),
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (captured.push(String(chunk)), true)),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
        jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' '))),
      ),
    ];
    try {
      await expect(t.running.app.get(DataSource).query('SELECT $1::int AS n', [marker])).rejects.toThrow();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(captured.join('\n')).toMatch(/22P02|invalid input syntax/);
    expect(captured.join('\n')).not.toContain(marker);
  });
});
