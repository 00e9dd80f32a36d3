import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../errors/app-error';
import { buildZip, projectBomb, workbookEntries } from '../../tools/xlsx-bomb';
import { ImportErrorCollector } from './import-error-collector';
import { IMPORT_PROGRESS_CHANNEL, XlsxWorkbook, type SheetRow, type XlsxReadLimits } from './xlsx-reader';

const LIMITS: XlsxReadLimits = { maxRows: 1000, maxUncompressedBytes: 64 * 1024 * 1024, maxCompressionRatio: 100, maxZipEntries: 100 };

describe('XlsxWorkbook', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const save = (buffer: Buffer) => {
    const path = join(dir, `${++n}.xlsx`);
    writeFileSync(path, buffer);
    return path;
  };
  const readSheet = async (path: string, sheet: string | RegExp, limits = LIMITS, options = {}) => {
    const workbook = await XlsxWorkbook.open(path, limits);
    const rows: SheetRow[] = [];
    try {
      for await (const row of workbook.rows(workbook.sheet(sheet)!, options)) rows.push(row);
    } finally {
      await workbook.close();
    }
    return rows;
  };

  it('reads shared and inline strings, numbers, booleans, formula results and rich text of the sheet asked for', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填写说明').addRow(['说明']);
    const sheet = wb.addWorksheet('项目');
    sheet.addRow(['预算年度', '项目编码', '金额', '是否', '公式', '富文本']);
    const long = '青浦区'.repeat(5000); // crosses inflate chunks: multi-byte characters split between chunks
    sheet.addRow([
      2022,
      'XM-1',
      1200000.5,
      true,
      { formula: 'A2+1', result: 2023 },
      { richText: [{ text: '中小学' }, { text: '课后服务' }] },
    ]);
    sheet.addRow([]);
    sheet.getCell('B5').value = long;
    const path = save(Buffer.from(await wb.xlsx.writeBuffer()));
    const workbook = await XlsxWorkbook.open(path, LIMITS);
    expect(workbook.sheets.map((s) => s.name)).toEqual(['填写说明', '项目']);
    await workbook.close();
    const rows = await readSheet(path, '项目');
    expect(rows.map((r) => r.number)).toEqual([1, 2, 5]);
    expect(rows[0].values.slice(1)).toEqual(['预算年度', '项目编码', '金额', '是否', '公式', '富文本']);
    expect(rows[1].values.slice(1)).toEqual([2022, 'XM-1', 1200000.5, true, 2023, '中小学课后服务']);
    expect(rows[2].values[2]).toBe(long);
  });

  it('stops at the row limit with a coded 413 naming the limit, without reading the rest', async () => {
    const path = save(await projectBomb(50_000));
    const seen: SheetRow[] = [];
    let error: unknown;
    try {
      const workbook = await XlsxWorkbook.open(path, { ...LIMITS, maxCompressionRatio: 100_000 });
      try {
        for await (const row of workbook.rows(workbook.sheet('项目')!, { headerRows: 1 })) seen.push(row);
      } finally {
        await workbook.close();
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'IMPORT_TOO_MANY_ROWS',
      status: 413,
      extra: { limit: 1000, setting: 'IMPORT_MAX_ROWS', sheet: '项目' },
    });
    expect((error as AppError).messageZh).toContain('1000');
    expect(seen).toHaveLength(1001); // the header and 1000 data rows, then nothing more
  });

  it('refuses the bomb by its compression ratio when opening, before any row is read', async () => {
    const path = save(await projectBomb(200_000));
    const progress: unknown[] = [];
    const listener = (message: unknown) => progress.push(message);
    subscribe(IMPORT_PROGRESS_CHANNEL, listener);
    try {
      await expect(XlsxWorkbook.open(path, LIMITS)).rejects.toMatchObject({ code: 'IMPORT_COMPRESSION_RATIO' });
    } finally {
      unsubscribe(IMPORT_PROGRESS_CHANNEL, listener);
    }
    expect(progress).toEqual([]);
  });

  it('refuses malformed XML and a cell beyond Excel limits as unreadable', async () => {
    const broken = save(await buildZip(workbookEntries('项目', '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row>')));
    await expect(readSheet(broken, '项目')).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
    const wide = save(
      await buildZip(workbookEntries('项目', '<worksheet><sheetData><row r="1"><c r="ZZZZ1"><v>1</v></c></row></sheetData></worksheet>')),
    );
    await expect(readSheet(wide, '项目')).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
    const huge = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(40_000)}</t></is></c></row></sheetData></worksheet>`;
    await expect(readSheet(save(await buildZip(workbookEntries('项目', huge))), '项目')).rejects.toMatchObject({
      code: 'IMPORT_UNREADABLE',
    });
  });

  it('finds sheets by name or pattern and reads prefixed element names', async () => {
    const xml =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    const path = save(await buildZip(workbookEntries('Sheet1', xml)));
    const rows = await readSheet(path, /^Sheet\d+$/);
    expect(rows).toEqual([{ number: 1, values: [undefined, 'a', 2] }]);
  });
});

describe('ImportErrorCollector', () => {
  it('keeps the first N errors by position, whatever order they come in, and counts them all', () => {
    const errors = new ImportErrorCollector(3);
    for (const [row, column] of [
      [9, 'A'],
      [2, 'C'],
      [7, 'B'],
      [2, 'AA'],
      [2, 'B'],
      [3, 'A'],
    ] as const) {
      errors.cell('项目', row, column, 'bad', '错', 'bad');
    }
    expect(errors.count).toBe(6);
    expect(errors.errors.map((e) => e.field)).toEqual(['项目!B2', '项目!C2', '项目!AA2']);
    const refusal = errors.toError((options) => new AppError('X', 400, 'x', 'x', options?.errors, options?.extra));
    expect(refusal.fieldErrors).toHaveLength(3);
    expect(refusal.extra).toEqual({ errorCount: 6, errorsListed: 3, maxErrors: 3 });
  });
});
