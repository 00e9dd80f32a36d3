import type { FileHandle } from 'node:fs/promises';
import { ExcelImportErrors } from './excel-import.errors';
import { ZIP_CENTRAL, ZIP_END, ZIP_LOCAL } from './zip-records';

/**
 * The central directory of a zip file (an .xlsx is one), read before anything is inflated, so a
 * file that would expand too much is refused by what it declares. The entries are read later by
 * their offsets (zip-entry.ts), which also refuses an entry that inflates beyond its declared size.
 * ZIP64 is understood; split archives and encrypted entries are not (no .xlsx uses them).
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts. */
  localHeaderOffset: number;
}

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  maxZipEntries: number;
}

/** Entries smaller than this are not ratio-checked: a tiny part of zeros compresses well and expands to little. */
export const RATIO_CHECK_MIN_BYTES = 1024 * 1024;

/** Random access to the bytes of a file (a file handle, or a buffer in unit tests). */
export interface ByteSource {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return { size: buffer.length, read: async (position, length) => buffer.subarray(position, position + length) };
}

export async function fileSource(handle: FileHandle): Promise<ByteSource> {
  const { size } = await handle.stat();
  return {
    size,
    async read(position, length) {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
        if (!bytesRead) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    },
  };
}

const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

const unreadable = (detail: string) => ExcelImportErrors.IMPORT_UNREADABLE({ detail });

function safe64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  // Larger than 2^53 is larger than any limit; keep it as "infinitely large".
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Reads the end-of-central-directory record (and its ZIP64 form) and the central directory, and checks `limits`. */
export async function readZipDirectory(source: ByteSource, limits: ZipLimits): Promise<ZipEntry[]> {
  if (source.size < 22) throw unreadable('not a zip file');
  const tailLength = Math.min(source.size, 22 + MAX16);
  const tail = await source.read(source.size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === ZIP_END && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw unreadable('not a zip file');
  let disk = tail.readUInt16LE(at + 4);
  let directoryDisk = tail.readUInt16LE(at + 6);
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if (count === MAX16 || directorySize === MAX32 || directoryOffset === MAX32) {
    const locatorAt = source.size - tailLength + at - 20;
    if (locatorAt < 0) throw unreadable('ZIP64 locator missing');
    const locator = await source.read(locatorAt, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw unreadable('ZIP64 locator missing');
    const recordAt = safe64(locator, 8);
    const record = await source.read(recordAt, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw unreadable('ZIP64 end record missing');
    disk = record.readUInt32LE(16);
    directoryDisk = record.readUInt32LE(20);
    count = safe64(record, 32);
    directorySize = safe64(record, 40);
    directoryOffset = safe64(record, 48);
  }
  if (disk !== 0 || directoryDisk !== 0) throw unreadable('split zip archives are not supported');
  // The declared number of entries is checked before the directory is read.
  if (count > limits.maxZipEntries) {
    throw ExcelImportErrors.IMPORT_TOO_MANY_ENTRIES({
      params: { limit: limits.maxZipEntries },
      extra: { limit: limits.maxZipEntries, setting: 'IMPORT_MAX_ZIP_ENTRIES' },
    });
  }
  if (directoryOffset + directorySize > source.size || directorySize < count * 46) throw unreadable('bad central directory');
  const directory = await source.read(directoryOffset, directorySize);

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let offset = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > directory.length || directory.readUInt32LE(offset) !== ZIP_CENTRAL) throw unreadable('bad central directory entry');
    const nameLength = directory.readUInt16LE(offset + 28);
    const extraLength = directory.readUInt16LE(offset + 30);
    const commentLength = directory.readUInt16LE(offset + 32);
    const end = offset + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw unreadable('bad central directory entry');
    const entry: ZipEntry = {
      name: directory.toString('utf8', offset + 46, offset + 46 + nameLength),
      flags: directory.readUInt16LE(offset + 8),
      method: directory.readUInt16LE(offset + 10),
      compressedSize: directory.readUInt32LE(offset + 20),
      uncompressedSize: directory.readUInt32LE(offset + 24),
      localHeaderOffset: directory.readUInt32LE(offset + 42),
    };
    const startDisk = directory.readUInt16LE(offset + 34);
    if (entry.uncompressedSize === MAX32 || entry.compressedSize === MAX32 || entry.localHeaderOffset === MAX32 || startDisk === MAX16) {
      readZip64Extra(directory.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength), entry, startDisk === MAX16);
    }
    if (names.has(entry.name)) throw unreadable(`duplicate entry ${entry.name}`);
    names.add(entry.name);
    entries.push(entry);
    offset = end;
  }
  checkZipLimits(entries, limits);
  return entries;
}

function readZip64Extra(extra: Buffer, entry: ZipEntry, diskFollows: boolean): void {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      const field = extra.subarray(at + 4, at + 4 + size);
      let p = 0;
      const next = (): number => {
        if (p + 8 > field.length) throw unreadable('bad ZIP64 extra field');
        const v = safe64(field, p);
        p += 8;
        return v;
      };
      if (entry.uncompressedSize === MAX32) entry.uncompressedSize = next();
      if (entry.compressedSize === MAX32) entry.compressedSize = next();
      if (entry.localHeaderOffset === MAX32) entry.localHeaderOffset = next();
      if (diskFollows && (p + 4 > field.length || field.readUInt32LE(p) !== 0)) throw unreadable('split zip archives are not supported');
      return;
    }
    at += 4 + size;
  }
  throw unreadable('ZIP64 extra field missing');
}

/** Refuses a directory that declares too much: the sum of the uncompressed sizes, then any entry's compression ratio. */
export function checkZipLimits(entries: ZipEntry[], limits: ZipLimits): void {
  if (entries.length > limits.maxZipEntries) {
    throw ExcelImportErrors.IMPORT_TOO_MANY_ENTRIES({
      params: { limit: limits.maxZipEntries },
      extra: { limit: limits.maxZipEntries, setting: 'IMPORT_MAX_ZIP_ENTRIES' },
    });
  }
  let total = 0;
  for (const entry of entries) total += entry.uncompressedSize;
  if (total > limits.maxUncompressedBytes) {
    throw ExcelImportErrors.IMPORT_TOO_LARGE_UNCOMPRESSED({
      params: { limit: limits.maxUncompressedBytes },
      extra: { limit: limits.maxUncompressedBytes, setting: 'IMPORT_MAX_UNCOMPRESSED_BYTES', uncompressedBytes: total },
    });
  }
  for (const entry of entries) {
    if (entry.uncompressedSize < RATIO_CHECK_MIN_BYTES) continue;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (ratio > limits.maxCompressionRatio) {
      throw ExcelImportErrors.IMPORT_COMPRESSION_RATIO({
        params: { limit: limits.maxCompressionRatio },
        extra: {
          limit: limits.maxCompressionRatio,
          setting: 'IMPORT_MAX_COMPRESSION_RATIO',
          entry: entry.name,
          ratio: Math.round(ratio),
        },
      });
    }
  }
}

/** Where an entry's (compressed) data starts: after its local header, whose name and extra lengths may differ from the directory's. */
export async function entryDataOffset(source: ByteSource, entry: ZipEntry): Promise<number> {
  const header = await source.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== ZIP_LOCAL) throw unreadable(`bad local header of ${entry.name}`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > source.size) throw unreadable(`${entry.name} extends past the end of the file`);
  return start;
}
