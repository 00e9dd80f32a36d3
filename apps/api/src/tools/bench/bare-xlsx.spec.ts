import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { drained } from '../../common/export/export-stream';
import { XlsxStreamWriter } from '../../common/export/xlsx-stream';
import { bareXlsx } from './bare-xlsx';

const COLUMNS = [
  { key: 'code', header: '项目编码', width: 12 },
  { key: 'name', header: '项目名称', width: 12 },
  { key: 'year', header: '年度', width: 12 },
];
const ROWS = [
  { code: 'BM-1', name: '青浦区 & <学校>', year: 2022 },
  { code: 'BM-2', name: null, year: 2023 },
];

/** Ours: the export's writer. */
async function ours(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = once(out, 'end');
  const writer = new XlsxStreamWriter(out, { sheetName: '项目', columns: COLUMNS, drained });
  await writer.start();
  await writer.rows(ROWS);
  await writer.finish();
  await done;
  return Buffer.concat(chunks);
}

/** An entry's text, found by its local header (sizes there or, after a data descriptor, deflated to the end). */
function sheetXml(file: Buffer): string {
  const at = file.indexOf('xl/worksheets/sheet1.xml');
  const data = file.subarray(at + 'xl/worksheets/sheet1.xml'.length);
  return inflateRawSync(data, { finishFlush: 2 }).toString('utf8');
}

describe('the bare server’s .xlsx (bench)', () => {
  it('is the workbook ours writes when its statement returns the same rows', async () => {
    const file = await ours();
    const xml = sheetXml(file);
    const rows = xml.slice(xml.indexOf('<sheetData>') + '<sheetData>'.length, xml.indexOf('</sheetData>'));
    expect(rows).toContain('青浦区 &amp; &lt;学校&gt;');
    const bare = await bareXlsx({ name: '项目', widths: COLUMNS.map((c) => c.width) }, rows);
    expect(sheetXml(bare)).toBe(xml);
    const [a, b] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await a.xlsx.load(file as unknown as ArrayBuffer);
    await b.xlsx.load(bare as unknown as ArrayBuffer);
    const values = (wb: ExcelJS.Workbook) => [1, 2, 3].map((r) => wb.getWorksheet('项目')!.getRow(r).values);
    expect(values(b)).toEqual(values(a));
    expect(values(b)[1]).toEqual([undefined, 'BM-1', '青浦区 & <学校>', 2022]);
  });
});
