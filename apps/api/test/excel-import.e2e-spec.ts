/**
 * Spreadsheet imports are not a denial of service (issue 6): a small .xlsx that expands to
 * millions of rows is refused with a coded 4xx naming the limit — by its zip directory before
 * anything is inflated, or by the row limit while it streams — nothing is written, only the first
 * IMPORT_MAX_ERRORS cell errors are listed (with the total), and a health check sent while a large
 * import runs is answered before the import is. Exercised through the project import, which uses
 * the shared reader in src/common/excel.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PROJECT_IMPORT_COLUMNS, PROJECT_IMPORT_SHEET } from '@jixiao/contracts';
import { IMPORT_PROGRESS_CHANNEL } from '../src/common/excel/xlsx-reader';
import { configureHeapBound } from '../src/common/memory/heap-bound';
import { buildZip, projectBomb } from '../src/tools/xlsx-bomb';
import { startTestApp, TestApp } from './support/test-app';
import { expectProblem } from './support/http';
import { checksum } from './support/db-state';

const YEAR = 2022;
const MiB = 1024 * 1024;
const HEADERS = PROJECT_IMPORT_COLUMNS.map((c) => c.zh);
type Cells = Partial<Record<(typeof PROJECT_IMPORT_COLUMNS)[number]['key'], string | number>>;

const scratch = mkdtempSync(join(tmpdir(), 'jixiao-import-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A workbook of `count` rows written with ExcelJS's streaming writer (ordinary compression, shared strings). */
async function bigWorkbook(count: number, row: (i: number) => Cells): Promise<Buffer> {
  const path = join(scratch, `w-${count}-${Date.now()}.xlsx`);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const sheet = writer.addWorksheet(PROJECT_IMPORT_SHEET);
  sheet.addRow(HEADERS).commit();
  for (let i = 1; i <= count; i++) {
    const cells = row(i);
    sheet.addRow(PROJECT_IMPORT_COLUMNS.map((c) => cells[c.key] ?? null)).commit();
  }
  sheet.commit();
  await writer.commit();
  return readFileSync(path);
}

/** Progress messages of the reader while `run` runs. */
async function watchProgress<T>(run: (seen: { rows: number }[]) => Promise<T>): Promise<{ result: T; seen: { rows: number }[] }> {
  const seen: { rows: number }[] = [];
  const listener = (message: unknown) => seen.push(message as { rows: number });
  subscribe(IMPORT_PROGRESS_CHANNEL, listener);
  try {
    return { result: await run(seen), seen };
  } finally {
    unsubscribe(IMPORT_PROGRESS_CHANNEL, listener);
  }
}

function harness(getApp: () => TestApp) {
  const upload = async (token: string, file: Buffer) => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(file)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      'p.xlsx',
    );
    const res = await fetch(`${getApp().baseUrl}/api/v1/projects/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
  };
  /** Uploads `file` and checks that nothing but the audit log changed. */
  const refusedWithoutWrites = async (token: string, file: Buffer) => {
    const before = await checksum(getApp());
    const res = await upload(token, file);
    const after = await checksum(getApp());
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual([]);
    return res;
  };
  return { upload, refusedWithoutWrites };
}

describe('spreadsheet imports under the default compression limit', () => {
  let t: TestApp;
  let edu: string;
  let eduUnitCode: string;
  const { upload, refusedWithoutWrites } = harness(() => t);
  const good = (code: string): Cells => ({
    year: YEAR,
    code,
    name: `批量项目 ${code}`,
    kind: '项目',
    organizationCode: eduUnitCode,
    budgetAmount: '1000.00',
    isNew: '否',
    isMajor: '否',
    isCapitalConstruction: '否',
  });

  beforeAll(async () => {
    t = await startTestApp({
      IMPORT_MAX_ROWS: '12000',
      IMPORT_MAX_ERRORS: '25',
      IMPORT_MAX_CONCURRENT: '1',
      IMPORT_MAX_UNCOMPRESSED_BYTES: String(64 * MiB),
      UPLOAD_LIMIT_BYTES: String(2 * MiB),
    });
    edu = await t.login('edu');
    const [{ code }] = await t.sql<{ code: string }>(`SELECT code FROM organizations WHERE name = '区教育局'`);
    eduUnitCode = `${code}-U01`;
  });
  afterAll(async () => t?.close());

  it('refuses a 3-million-row bomb from a department user by its uncompressed size, before reading a row', async () => {
    const bomb = await projectBomb(3_000_000);
    expect(bomb.length).toBeLessThan(2 * MiB);
    const { result: res, seen } = await watchProgress(() => refusedWithoutWrites(edu, bomb));
    expectProblem(res, 413, 'IMPORT_TOO_LARGE_UNCOMPRESSED');
    expect(res.body).toMatchObject({ limit: 64 * MiB, setting: 'IMPORT_MAX_UNCOMPRESSED_BYTES' });
    expect(res.body.message).toContain(String(64 * MiB));
    expect(seen).toEqual([]);
  });

  it('refuses an upload above UPLOAD_LIMIT_BYTES while it arrives, naming the limit', async () => {
    // Within UPLOAD_LIMIT_BYTES + BODY_LIMIT_BYTES as a request, so it is read until the file passes the limit.
    const res = await refusedWithoutWrites(edu, Buffer.alloc(2.5 * MiB, 7));
    expectProblem(res, 413, 'IMPORT_FILE_TOO_LARGE');
    expect(res.body).toMatchObject({ limit: 2 * MiB, setting: 'UPLOAD_LIMIT_BYTES' });
  });

  it('refuses a request whose Content-Length is already above the limits before reading it', async () => {
    const res = await refusedWithoutWrites(edu, Buffer.alloc(4 * MiB, 7));
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body).toMatchObject({ limitBytes: 2 * MiB });
  });

  it('refuses a smaller bomb by its compression ratio, before reading a row', async () => {
    const { result: res, seen } = await watchProgress(async () => refusedWithoutWrites(edu, await projectBomb(200_000)));
    expectProblem(res, 413, 'IMPORT_COMPRESSION_RATIO');
    expect(res.body).toMatchObject({ limit: 100, setting: 'IMPORT_MAX_COMPRESSION_RATIO', entry: 'xl/worksheets/sheet1.xml' });
    expect(res.body.message).toContain('100');
    expect(seen).toEqual([]);
  });

  it('stops a bomb whose directory lies about its size as soon as it expands past the declared size', async () => {
    const forged = await projectBomb(100_000, { declaredSheetSize: 20_000 });
    const { result: res, seen } = await watchProgress(() => refusedWithoutWrites(edu, forged));
    expectProblem(res, 413, 'IMPORT_TOO_LARGE_UNCOMPRESSED');
    expect(res.body.messageEn).toContain('declares');
    expect(Math.max(0, ...seen.map((s) => s.rows))).toBeLessThan(1000);
  });

  it('stops reading an ordinary workbook at the row limit, names the limit and writes nothing', async () => {
    const file = await bigWorkbook(12_050, (i) => good(`ROWS-${i}`));
    const { result: res, seen } = await watchProgress(() => refusedWithoutWrites(edu, file));
    expectProblem(res, 413, 'IMPORT_TOO_MANY_ROWS');
    expect(res.body).toMatchObject({ limit: 12000, setting: 'IMPORT_MAX_ROWS', sheet: PROJECT_IMPORT_SHEET });
    expect(res.body.message).toContain('12000');
    expect(res.body.messageEn).toContain('12000');
    expect(Math.max(0, ...seen.map((s) => s.rows))).toBeLessThanOrEqual(12_001);
    expect(await t.sql(`SELECT id FROM projects WHERE code LIKE 'ROWS-%'`)).toEqual([]);
  });

  it("bounds the API's heap while an import reads its workbook, also one that is refused", async () => {
    const calls: string[] = [];
    configureHeapBound(
      { base: 0, bulk: 20 },
      { setGrowingPercent: (percent) => calls.push(`percent ${percent}`), collect: () => calls.push('collect') },
    );
    try {
      const file = await bigWorkbook(5, (i) => ({ ...good(`HEAP-${i}`), kind: '工程' }));
      const res = await refusedWithoutWrites(edu, file);
      expectProblem(res, 400, 'PROJECT_IMPORT_INVALID');
      expect(calls).toEqual(['percent 20', 'collect']);
    } finally {
      configureHeapBound({ base: 0, bulk: 0 });
    }
  });

  it('lists only the first IMPORT_MAX_ERRORS bad cells by position, with the total count', async () => {
    const file = await bigWorkbook(200, (i) => ({ ...good(`ERR-${i}`), kind: '工程', isNew: '也许' }));
    const res = await refusedWithoutWrites(edu, file);
    expectProblem(res, 400, 'PROJECT_IMPORT_INVALID');
    expect(res.body).toMatchObject({ errorCount: 400, errorsListed: 25, maxErrors: 25 });
    const col = (key: string) => String.fromCharCode(65 + PROJECT_IMPORT_COLUMNS.findIndex((c) => c.key === key));
    const expected: string[] = [];
    for (let row = 2; expected.length < 25; row++) expected.push(`项目!${col('kind')}${row}`, `项目!${col('isNew')}${row}`);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expected.slice(0, 25));
  });

  it('answers a health check sent during a large import before the import, and refuses a second import meanwhile', async () => {
    const file = await bigWorkbook(10_000, (i) => good(`LARGE-${i}`));
    const order: string[] = [];
    let health!: Promise<number>;
    let second!: ReturnType<typeof upload>;
    const { result: res } = await watchProgress(async (seen) => {
      const importing = upload(edu, file).then((r) => {
        order.push('import');
        return r;
      });
      // As soon as the reader reports progress, the import is running: ask for health, and try a second import.
      while (!seen.length && !order.length) await new Promise((resolve) => setImmediate(resolve));
      health = fetch(`${t.baseUrl}/api/health`).then(async (r) => {
        await r.text();
        order.push('health');
        return r.status;
      });
      second = upload(edu, await bigWorkbook(1, (i) => good(`SECOND-${i}`)));
      return importing;
    });
    expect(order).toEqual(['health', 'import']);
    expect(await health).toBe(200);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 10_000, created: 10_000, updated: 0, unchanged: 0 });
    const busy = await second;
    expectProblem(busy, 429, 'IMPORT_BUSY');
    expect(busy.body).toMatchObject({ limit: 1, setting: 'IMPORT_MAX_CONCURRENT' });
  });

  it("refuses what is not an .xlsx workbook with IMPORT_NOT_XLSX in both languages, without the unzip library's words", async () => {
    const notWorkbooks = [
      Buffer.from('this is a text file, not a workbook'),
      Buffer.from('编码,名称\nXM-1,项目\n', 'utf8'), // a CSV saved as .xlsx
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]), // an .xls (OLE) file
      await buildZip([{ name: 'readme.txt', data: 'a zip archive, but no workbook in it' }]),
    ];
    for (const file of notWorkbooks) {
      const res = await refusedWithoutWrites(edu, file);
      expectProblem(res, 400, 'IMPORT_NOT_XLSX');
      expect(res.body.message).toContain('不是有效的 Excel (.xlsx) 工作簿');
      expect(res.body.messageEn).toContain('not a valid Excel (.xlsx) workbook');
      for (const text of [res.body.message, res.body.messageEn]) expect(text).not.toMatch(/signature|0x[0-9a-f]|zip|central directory/i);
    }
  });

  it('imports the downloaded template once its visible rows are filled in: no example row on the data sheet', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/projects/import-template`, { headers: { authorization: `Bearer ${edu}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    const sheet = wb.getWorksheet(PROJECT_IMPORT_SHEET)!;
    // Nothing below the header: the example lives on the instructions sheet, which is not imported.
    for (let r = 2; r <= sheet.rowCount; r++) expect(sheet.getRow(r).values).toEqual([]);
    const cell = (key: string) => sheet.getRow(2).getCell(PROJECT_IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1);
    const example = wb.worksheets.find((w) => w.name !== PROJECT_IMPORT_SHEET && JSON.stringify(w.getSheetValues()).includes('XM-0001'));
    expect(example).toBeDefined();
    const [{ code: orgCode }] = await t.sql<{ code: string }>(`SELECT code FROM organizations WHERE name = '区教育局'`);
    cell('year').value = YEAR;
    cell('code').value = 'TEMPLATE-1';
    cell('name').value = '模板往返测试项目';
    cell('kind').value = '项目';
    cell('organizationCode').value = orgCode;
    cell('budgetAmount').value = '1200000.00';
    for (const key of ['isNew', 'isMajor', 'isCapitalConstruction', 'isLivelihood', 'inDisclosureScope']) cell(key).value = '否';
    const back = await upload(edu, Buffer.from(await wb.xlsx.writeBuffer()));
    expect({ status: back.status, errors: back.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(back.body).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0 });
  });
});

describe('spreadsheet imports with the compression checks relaxed', () => {
  let t: TestApp;
  const { refusedWithoutWrites } = harness(() => t);

  beforeAll(async () => {
    t = await startTestApp({
      IMPORT_MAX_ROWS: '1000',
      IMPORT_MAX_COMPRESSION_RATIO: '100000',
      IMPORT_MAX_UNCOMPRESSED_BYTES: String(4 * 1024 * MiB),
    });
  });
  afterAll(async () => t?.close());

  it('stops streaming the 3-million-row bomb at the row limit with a coded 413 naming it, and writes nothing', async () => {
    const town = await t.login('zhujiajiao');
    const { result: res, seen } = await watchProgress(async () => refusedWithoutWrites(town, await projectBomb(3_000_000)));
    expectProblem(res, 413, 'IMPORT_TOO_MANY_ROWS');
    expect(res.body).toMatchObject({ limit: 1000, setting: 'IMPORT_MAX_ROWS' });
    expect(res.body.message).toContain('1000');
    expect(Math.max(0, ...seen.map((s) => s.rows))).toBeLessThanOrEqual(1001);
    expect((await t.request('GET', '/api/health')).status).toBe(200);
  });
});
