import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { crc32, inflateRawSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxWorkbook, type SheetRow } from '../excel/xlsx-reader';
import { drained } from './export-stream';
import { columnName, XlsxStreamWriter, xmlText } from './xlsx-stream';

const COLUMNS = [
  { key: 'code', header: '项目编码', width: 14 },
  { key: 'name', header: '项目名称', width: 30 },
  { key: 'amount', header: '金额', width: 12 },
  { key: 'note', header: '备注', width: 12 },
];

/** Writes `batches` through the writer and returns the file's bytes. */
async function write(batches: Record<string, string | number | null | undefined>[][], sheetName = '项目'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = once(out, 'end');
  const writer = new XlsxStreamWriter(out, { sheetName, columns: COLUMNS, drained });
  await writer.start();
  for (const batch of batches) await writer.rows(batch);
  await writer.finish();
  await done;
  return Buffer.concat(chunks);
}

describe('XlsxStreamWriter', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-out-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const awkward = [
    { code: 'A-1', name: '青浦区 & <“引号”> "quoted"', amount: '1200.50', note: null },
    { code: 'A-2', name: '  前后有空格  ', amount: 42, note: '' },
    { code: 'A-3', name: `控制\u0001字符\u0008与表情😀和孤立代理\ud800`, amount: '0.00', note: '第一行\n第二行\t制表' },
    { code: 'A-4', name: '=HYPERLINK("http://x")', amount: -3.25, note: undefined },
  ];
  const expected = [
    ['A-1', '青浦区 & <“引号”> "quoted"', '1200.50', null],
    ['A-2', '  前后有空格  ', 42, null],
    ['A-3', '控制字符与表情😀和孤立代理', '0.00', '第一行\n第二行\t制表'],
    ['A-4', '=HYPERLINK("http://x")', -3.25, null],
  ];

  it('writes a workbook ExcelJS reads back: the header bold and frozen, text as text (never a formula), numbers as numbers', async () => {
    const file = await write([awkward.slice(0, 2), awkward.slice(2)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('项目')!;
    expect(sheet).toBeDefined();
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(1).values).toEqual([undefined, ...COLUMNS.map((c) => c.header)]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(30);
    for (const [i, row] of expected.entries()) {
      const cells = COLUMNS.map((_, c) => sheet.getRow(i + 2).getCell(c + 1).value ?? null);
      expect(cells).toEqual(row);
    }
    expect(sheet.getRow(5).getCell(2).formula).toBeUndefined();
  });

  it('writes a workbook our own reader (the import path) reads back, over many batches', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      code: `M-${i}`,
      name: `第${i}个项目`,
      amount: i * 1.5,
      note: i % 2 ? 'x' : null,
    }));
    const file = await write([awkward, ...Array.from({ length: 10 }, (_, b) => many.slice(b * 500, b * 500 + 500))], '导出');
    const path = join(dir, 'many.xlsx');
    writeFileSync(path, file);
    const workbook = await XlsxWorkbook.open(path, {
      maxRows: 10_000,
      maxUncompressedBytes: 64 * 1024 * 1024,
      maxCompressionRatio: 200,
      maxZipEntries: 20,
    });
    const rows: SheetRow[] = [];
    try {
      for await (const row of workbook.rows(workbook.sheet('导出')!)) rows.push(row);
    } finally {
      await workbook.close();
    }
    expect(rows).toHaveLength(1 + awkward.length + many.length);
    expect(rows[0].values.slice(1)).toEqual(COLUMNS.map((c) => c.header));
    expect(rows[1].values.slice(1, 4)).toEqual(expected[0].slice(0, 3));
    const last = rows[rows.length - 1];
    expect(last.number).toBe(rows.length);
    expect(last.values.slice(1, 5)).toEqual(['M-4999', '第4999个项目', 4999 * 1.5, 'x']);
  });

  it('writes a zip whose directory states each entry as it is: CRC, sizes, offsets (the sheet after a data descriptor)', async () => {
    const file = await write([awkward, awkward]);
    const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(end).toBe(file.length - 22);
    const count = file.readUInt16LE(end + 10);
    let at = file.readUInt32LE(end + 16);
    expect(at + file.readUInt32LE(end + 12)).toBe(end);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      expect(file.readUInt32LE(at)).toBe(0x02014b50);
      const [flags, crc, compressed, size] = [
        file.readUInt16LE(at + 8),
        file.readUInt32LE(at + 16),
        file.readUInt32LE(at + 20),
        file.readUInt32LE(at + 24),
      ];
      const nameLength = file.readUInt16LE(at + 28);
      const local = file.readUInt32LE(at + 42);
      const name = file.toString('utf8', at + 46, at + 46 + nameLength);
      names.push(name);
      expect(file.readUInt32LE(local)).toBe(0x04034b50);
      const dataAt = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
      const data = inflateRawSync(file.subarray(dataAt, dataAt + compressed));
      expect(data.length).toBe(size);
      expect(crc32(data)).toBe(crc);
      if (flags & 0x0008) {
        // the data descriptor after the data repeats them
        expect(file.readUInt32LE(dataAt + compressed)).toBe(0x08074b50);
        expect([
          file.readUInt32LE(dataAt + compressed + 4),
          file.readUInt32LE(dataAt + compressed + 8),
          file.readUInt32LE(dataAt + compressed + 12),
        ]).toEqual([crc, compressed, size]);
      }
      at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    }
    expect(names).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);
  });

  it('fails, never waits for ever, when the download closes before the sheet is finished', async () => {
    const out = new PassThrough(); // nobody reads it
    const writer = new XlsxStreamWriter(out, { sheetName: '项目', columns: COLUMNS, drained });
    await writer.start();
    await writer.rows(awkward);
    out.destroy(); // the client went away
    await expect(writer.finish()).rejects.toThrow(/download was closed/);
  });

  it('names columns as Excel does and drops what XML cannot hold', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(xmlText('a\u0000b\u001fc\uffffd😀\udc00e & <f>')).toBe('abcd😀e &amp; &lt;f&gt;');
    // each character that needs care, alone, still takes the careful path; plain text comes back as it is
    expect(['青浦区 BM-1 12.50', 'a"b', 'x\u000by', '\ud800', '\ufffe', '>'].map(xmlText)).toEqual([
      '青浦区 BM-1 12.50',
      'a&quot;b',
      'xy',
      '',
      '',
      '&gt;',
    ]);
  });
});

describe('drained', () => {
  const listeners = (from: PassThrough, out: PassThrough) => [
    from.listenerCount('drain'),
    from.listenerCount('error'),
    out.listenerCount('close'),
  ];

  it('resolves on drain and leaves no listener behind, however often it waits', async () => {
    const from = new PassThrough({ highWaterMark: 4 });
    const out = new PassThrough();
    const before = listeners(from, out);
    for (let i = 0; i < 50; i++) {
      expect(from.write('12345678')).toBe(false);
      const waiting = drained(out, from);
      from.read(); // the reader takes it: 'drain'
      await waiting;
    }
    expect(listeners(from, out)).toEqual(before);
  });

  it('fails when the download closes or the stream it waits on fails, and takes its listeners off', async () => {
    const from = new PassThrough({ highWaterMark: 4 });
    const out = new PassThrough();
    const before = listeners(from, out);
    from.write('12345678');
    const closed = drained(out, from);
    out.destroy();
    await expect(closed).rejects.toThrow(/download was closed/);
    expect(listeners(from, out)).toEqual(before);
    await expect(drained(out, from)).rejects.toThrow(/download was closed/); // already gone

    const other = new PassThrough();
    from.on('error', () => undefined);
    const failing = drained(other, from);
    from.destroy(new Error('compressor failed'));
    await expect(failing).rejects.toThrow('compressor failed');
    expect(other.listenerCount('close')).toBe(0);
  });
});
