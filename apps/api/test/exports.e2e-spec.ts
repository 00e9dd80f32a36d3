/**
 * Exports that stream (issue 10): the project export is read batch by batch by keyset position
 * and written as it is read — the first bytes reach the client before the last row is read, other
 * requests are answered meanwhile (also on the embedded database's one connection), and a slow
 * client holds the server back instead of filling its memory. CSV and NDJSON besides .xlsx.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { startTestApp, TestApp } from './support/test-app';
import { expectProblem } from './support/http';
import { bulkInsertProjects, orgIdByName } from './support/db-state';
import { configureHeapBound } from '../src/common/memory/heap-bound';
import { EXPORT_BATCH } from '../src/common/export/export-stream';

describe('streamed exports', () => {
  let t: TestApp;
  let health: string;
  let healthOrg: string;

  beforeAll(async () => {
    t = await startTestApp();
    health = await t.login('health');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
  });
  afterAll(async () => t?.close());

  const open = (path: string, token: string) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }, resolve);
      req.on('error', reject);
      req.end();
    });
  const readAll = (res: IncomingMessage, first: Buffer[] = []) =>
    new Promise<string>((resolve, reject) => {
      const chunks = [...first];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
      res.resume();
    });

  // 100,000 rows read and written take tens of seconds on a busy 2-core machine (the embedded database slower still)
  it('sends the first bytes of a 100,000-row export before its last row is read, and answers health meanwhile', async () => {
    await bulkInsertProjects(t, {
      year: 2035,
      prefix: 'EX-',
      count: 100_000,
      organizationId: healthOrg,
      name: `'导出测试项目' || g`,
      amount: '1000 + g',
    });
    const res = await open('/api/v1/projects/export?year=2035&format=ndjson', health);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    // paused in the handler itself: a chunk emitted after it but before a later pause() would be lost
    const first = await new Promise<Buffer>((resolve) =>
      res.once('data', (chunk: Buffer) => {
        res.pause();
        resolve(chunk);
      }),
    );

    // the client reads nothing more: the server must wait for it, so the rest is not read yet
    const healthAnswer = await t.request('GET', '/api/health');
    expect(healthAnswer.status).toBe(200);
    const list = await t.request('GET', '/api/v1/projects?year=2035&pageSize=1', { token: health });
    expect(list.status).toBe(200);
    // a row that sorts last, added now, is in the export: the export had not read that far
    await t.sql(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES (2035, 'EX-ZZZ-LAST', '最后加入的项目', 'project', $1, 1)`,
      [healthOrg],
    );

    const text = await readAll(res, [first]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(100_001);
    const rows = lines.map((l) => JSON.parse(l) as { code: string; year: number; budgetAmount: string });
    expect(rows[0]).toMatchObject({ code: 'EX-000001', year: 2035, budgetAmount: '1001.00' });
    expect(rows[rows.length - 1].code).toBe('EX-ZZZ-LAST');
    expect(new Set(rows.map((r) => r.code)).size).toBe(100_001);
  }, 600_000);

  // xlsx: the export may be waiting for the zip's compressor (not the download) when the client goes
  it.each(['ndjson', 'xlsx'])(
    'stops reading a %s export when its client goes away, and lifts the heap bound after it',
    async (format) => {
      // the 100,001 rows of year 2035 written by the test above
      const calls: string[] = [];
      const bound = configureHeapBound(
        { base: 0, bulk: 20 },
        { setGrowingPercent: (percent) => calls.push(`percent ${percent}`), collect: () => calls.push('collect') },
        50,
      );
      try {
        const res = await open(`/api/v1/projects/export?year=2035&format=${format}`, health);
        expect(res.statusCode).toBe(200);
        // bounded from the export's second batch on: read until then (or its end), then stop reading
        await new Promise<void>((resolve) => {
          const look = () => {
            if (!bound.bounded) return;
            res.off('data', look);
            res.pause();
            resolve();
          };
          res.on('data', look);
          res.once('end', resolve);
        });
        expect(bound.bounded).toBe(true);
        res.destroy(); // the client goes away with the export waiting for it
        const deadline = Date.now() + 20_000;
        while (bound.bounded && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(bound.bounded).toBe(false);
        expect(calls).toEqual(['percent 20', 'collect', 'percent 0']);
        expect((await t.request('GET', '/api/health')).status).toBe(200);
      } finally {
        configureHeapBound({ base: 0, bulk: 0 });
      }
    },
    60_000,
  );

  it('writes CSV with a BOM and the template header, quotes what needs it and keeps formulas out', async () => {
    await t.sql(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
       VALUES (2036, 'CSV-1', '=HYPERLINK("http://x")', 'project', $1, 10), (2036, 'CSV-2', '名称,带逗号', 'project', $1, 20.5)`,
      [healthOrg],
    );
    const res = await fetch(`${t.baseUrl}/api/v1/projects/export?year=2036&format=csv`, { headers: { authorization: `Bearer ${health}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('项目库.csv'));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['预算年度', '项目编码', '项目名称']);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[2]).toContain('"名称,带逗号"');
    expect(lines[2]).toContain('20.50');
  });

  it("bounds the API's heap from an export's second batch (BULK_HEAP_GROWING_PERCENT), with one full collection then; not for one batch", async () => {
    const calls: string[] = [];
    const bound = configureHeapBound(
      { base: 0, bulk: 20 },
      {
        setGrowingPercent: (percent) => calls.push(`percent ${percent}`),
        collect: () => calls.push('collect'),
      },
    );
    const exported = async (year: number, format: string) => {
      const res = await fetch(`${t.baseUrl}/api/v1/projects/export?year=${year}&format=${format}`, {
        headers: { authorization: `Bearer ${health}` },
      });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    try {
      // the demo year's projects of the health commission: a few dozen rows, one batch — as any list read
      for (const format of ['xlsx', 'csv', 'ndjson']) expect((await exported(2022, format)).length).toBeGreaterThan(0);
      expect(calls).toEqual([]);
      expect(bound.bounded).toBe(false);
      // one row more than a batch
      await bulkInsertProjects(t, {
        year: 2037,
        prefix: 'EB-',
        count: EXPORT_BATCH + 1,
        organizationId: healthOrg,
        name: `'分批导出项目' || g`,
        amount: '10 + g',
      });
      const csv = (await exported(2037, 'csv')).toString('utf8').trimEnd().split('\r\n');
      expect(csv).toHaveLength(EXPORT_BATCH + 2);
      expect(calls).toEqual(['percent 20', 'collect']);
      expect(bound.bounded).toBe(true); // until HEAP_BOUND_LINGER_MS after the export
    } finally {
      configureHeapBound({ base: 0, bulk: 0 });
    }
  });

  it('refuses an unknown format with a coded 400 and sends nothing', async () => {
    const res = await t.request('GET', '/api/v1/projects/export?format=pdf', { token: health });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0]).toMatchObject({ field: 'format' });
  });
});
