import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../errors/app-error';
import { ExcelImportErrors } from './excel-import.errors';
import type { ZipEntry } from './zip-directory';

/**
 * The bytes of one entry of a zip file on disk, inflated as they are read (64 KiB at a time).
 * An entry that inflates to more than its central directory declared (a forged directory) is
 * refused as soon as it passes that size, so the directory checks cannot be lied past.
 */
export async function* readZipEntry(
  path: string,
  entry: ZipEntry,
  dataOffset: number,
  maxUncompressedBytes: number,
): AsyncGenerator<Buffer> {
  if (entry.flags & 0x1) throw ExcelImportErrors.IMPORT_UNREADABLE({ detail: `${entry.name} is encrypted` });
  if (entry.method !== 0 && entry.method !== 8) {
    throw ExcelImportErrors.IMPORT_UNREADABLE({ detail: `${entry.name} uses compression method ${entry.method}` });
  }
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start: dataOffset, end: dataOffset + entry.compressedSize - 1, highWaterMark: 64 * 1024 });
  let source: Readable = raw;
  if (entry.method === 8) {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    raw.on('error', (error) => inflate.destroy(error));
    source = raw.pipe(inflate);
  }
  const cap = Math.min(entry.uncompressedSize, maxUncompressedBytes);
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > cap) {
        throw ExcelImportErrors.IMPORT_TOO_LARGE_UNCOMPRESSED({
          params: { limit: maxUncompressedBytes },
          detail: `${entry.name} expands beyond the ${entry.uncompressedSize} bytes its directory declares`,
          extra: { limit: maxUncompressedBytes, setting: 'IMPORT_MAX_UNCOMPRESSED_BYTES', entry: entry.name },
        });
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A corrupt deflate stream, or the file vanished.
    throw ExcelImportErrors.IMPORT_UNREADABLE({ detail: `${entry.name}: ${(error as Error).message}` });
  } finally {
    raw.destroy();
    source.destroy();
  }
}
