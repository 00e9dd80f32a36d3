import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../errors/app-error';
import { buildZip } from '../../tools/xlsx-bomb';
import { bufferSource, entryDataOffset, readZipDirectory, RATIO_CHECK_MIN_BYTES, type ByteSource, type ZipLimits } from './zip-directory';
import { readZipEntry } from './zip-entry';

const LIMITS: ZipLimits = { maxUncompressedBytes: 64 * 1024 * 1024, maxCompressionRatio: 100, maxZipEntries: 100 };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A ByteSource that notes which byte ranges were read. */
function recording(buffer: Buffer): ByteSource & { reads: [number, number][] } {
  const inner = bufferSource(buffer);
  const reads: [number, number][] = [];
  return { size: inner.size, reads, read: (p, l) => (reads.push([p, l]), inner.read(p, l)) };
}

/** One stored entry written the ZIP64 way: sizes and offset in the extra field, ZIP64 end record and locator. */
function zip64(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name);
  const crc = crc32(data) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(45, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const extra = Buffer.alloc(4 + 24);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(24, 2);
  extra.writeBigUInt64LE(BigInt(data.length), 4);
  extra.writeBigUInt64LE(BigInt(data.length), 12);
  extra.writeBigUInt64LE(0n, 20);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(45, 4);
  central.writeUInt16LE(45, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(0xffffffff, 20);
  central.writeUInt32LE(0xffffffff, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt16LE(extra.length, 30);
  central.writeUInt32LE(0xffffffff, 42);
  const body = Buffer.concat([local, nameBytes, data]);
  const directory = Buffer.concat([central, nameBytes, extra]);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeBigUInt64LE(1n, 24);
  record.writeBigUInt64LE(1n, 32);
  record.writeBigUInt64LE(BigInt(directory.length), 40);
  record.writeBigUInt64LE(BigInt(body.length), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(body.length + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([body, directory, record, locator, end]);
}

describe('zip directory inspection', () => {
  it('lists the entries of a workbook written by ExcelJS with their real sizes', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('项目').addRow(['预算年度', '项目编码']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const entries = await readZipDirectory(bufferSource(file), LIMITS);
    const names = entries.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
    for (const e of entries.filter((x) => !x.name.endsWith('/'))) {
      expect(e.uncompressedSize).toBeGreaterThan(0);
      expect([0, 8]).toContain(e.method);
    }
  });

  it('reads ZIP64 end records and extra fields', async () => {
    const data = Buffer.from('<x>hello</x>');
    const file = zip64('a.xml', data);
    const [entry] = await readZipDirectory(bufferSource(file), LIMITS);
    expect(entry).toMatchObject({
      name: 'a.xml',
      method: 0,
      compressedSize: data.length,
      uncompressedSize: data.length,
      localHeaderOffset: 0,
    });
    expect(await entryDataOffset(bufferSource(file), entry)).toBe(30 + 'a.xml'.length);
  });

  it('refuses what is not a zip file as unreadable', async () => {
    const error = await refusal(readZipDirectory(bufferSource(Buffer.from('not a zip at all, just some text')), LIMITS));
    expect(error).toMatchObject({ code: 'IMPORT_UNREADABLE', status: 400 });
  });

  it('refuses too many entries from the end record alone, before reading the directory', async () => {
    const file = await buildZip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.xml`, data: '<a/>' })));
    const source = recording(file);
    const error = await refusal(readZipDirectory(source, { ...LIMITS, maxZipEntries: 4 }));
    expect(error).toMatchObject({ code: 'IMPORT_TOO_MANY_ENTRIES', status: 413, extra: { limit: 4, setting: 'IMPORT_MAX_ZIP_ENTRIES' } });
    expect(error.messageZh).toContain('4');
    // Only the tail holding the end record was read.
    expect(source.reads).toEqual([[0, file.length]]);
  });

  it('refuses a declared total uncompressed size above the limit, naming the limit', async () => {
    const file = await buildZip([{ name: 'xl/worksheets/sheet1.xml', data: '<a/>', declaredSize: 300 * 1024 * 1024 }]);
    const error = await refusal(readZipDirectory(bufferSource(file), LIMITS));
    expect(error).toMatchObject({
      code: 'IMPORT_TOO_LARGE_UNCOMPRESSED',
      status: 413,
      extra: { limit: LIMITS.maxUncompressedBytes, setting: 'IMPORT_MAX_UNCOMPRESSED_BYTES' },
    });
    expect(error.messageZh).toContain(String(LIMITS.maxUncompressedBytes));
    expect(error.messageEn).toContain(String(LIMITS.maxUncompressedBytes));
  });

  it('refuses an entry compressed more than the ratio limit, and does not ratio-check small entries', async () => {
    const zeros = (n: number) => () => [Buffer.alloc(n)];
    const bomb = await buildZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros(4 * RATIO_CHECK_MIN_BYTES) }]);
    const error = await refusal(readZipDirectory(bufferSource(bomb), LIMITS));
    expect(error).toMatchObject({
      code: 'IMPORT_COMPRESSION_RATIO',
      status: 413,
      extra: { limit: 100, setting: 'IMPORT_MAX_COMPRESSION_RATIO', entry: 'xl/worksheets/sheet1.xml' },
    });
    expect((error.extra as { ratio: number }).ratio).toBeGreaterThan(100);
    const small = await buildZip([{ name: 'a.xml', data: zeros(RATIO_CHECK_MIN_BYTES - 1) }]);
    expect(await readZipDirectory(bufferSource(small), LIMITS)).toHaveLength(1);
    expect(await readZipDirectory(bufferSource(bomb), { ...LIMITS, maxCompressionRatio: 100_000 })).toHaveLength(1);
  });

  it('refuses duplicate names and a directory that points outside the file', async () => {
    const twice = await buildZip([
      { name: 'a.xml', data: '<a/>' },
      { name: 'a.xml', data: '<b/>' },
    ]);
    expect(await refusal(readZipDirectory(bufferSource(twice), LIMITS))).toMatchObject({ code: 'IMPORT_UNREADABLE' });
    const cut = await buildZip([{ name: 'a.xml', data: '<a/>' }]);
    cut.writeUInt32LE(cut.length, cut.length - 6); // directory offset past the end
    expect(await refusal(readZipDirectory(bufferSource(cut), LIMITS))).toMatchObject({ code: 'IMPORT_UNREADABLE' });
  });

  describe('reading an entry', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'jixiao-zip-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const readAll = async (file: Buffer, name: string, maxBytes = LIMITS.maxUncompressedBytes) => {
      const path = join(dir, `${Math.random()}.zip`);
      writeFileSync(path, file);
      const source = bufferSource(file);
      const entry = (await readZipDirectory(source, LIMITS)).find((e) => e.name === name)!;
      const chunks: Buffer[] = [];
      for await (const chunk of readZipEntry(path, entry, await entryDataOffset(source, entry), maxBytes)) chunks.push(chunk);
      return Buffer.concat(chunks).toString();
    };

    it('inflates an entry', async () => {
      const file = await buildZip([{ name: 'a.xml', data: '<a>青浦</a>'.repeat(1000) }]);
      expect(await readAll(file, 'a.xml')).toBe('<a>青浦</a>'.repeat(1000));
    });

    it('stops an entry that expands beyond the size its directory declares (a forged directory)', async () => {
      const file = await buildZip([{ name: 'a.xml', data: () => [Buffer.alloc(512 * 1024, 'x')], declaredSize: 1000 }]);
      const error = await refusal(readAll(file, 'a.xml'));
      expect(error).toMatchObject({ code: 'IMPORT_TOO_LARGE_UNCOMPRESSED', status: 413 });
      expect(error.messageEn).toContain('declares');
    });

    it('refuses corrupt deflate data as unreadable', async () => {
      const file = await buildZip([{ name: 'a.xml', data: '<a/>'.repeat(100) }]);
      const at = 30 + 'a.xml'.length; // the first entry's data
      file.fill(0xff, at, at + 8);
      expect(await refusal(readAll(file, 'a.xml'))).toMatchObject({ code: 'IMPORT_UNREADABLE' });
    });
  });
});
