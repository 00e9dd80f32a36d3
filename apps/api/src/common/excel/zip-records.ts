/**
 * The zip records as bytes, one definition for what reads them (zip-directory.ts) and what writes
 * them (the .xlsx export's writer, export/xlsx-stream.ts; the hostile files of tools/xlsx-bomb.ts):
 * deflated entries, no ZIP64 fields written.
 */
export const ZIP_LOCAL = 0x04034b50;
export const ZIP_CENTRAL = 0x02014b50;
export const ZIP_END = 0x06054b50;
export const ZIP_DESCRIPTOR = 0x08074b50;

/** General-purpose flags: names in UTF-8 (bit 11); with the sizes and CRC in a data descriptor after the data (bit 3). */
export const ZIP_UTF8 = 0x0800;
export const ZIP_UTF8_DESCRIPTOR = 0x0808;

/** The DOS time and date every written entry carries (1 January 2020, midnight): a fixed value, the files compare alike. */
const DOS_TIME = 0;
const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1;
const DEFLATE = 8;
/** Version 2.0: deflate. */
const VERSION = 20;

/** An entry as the central directory states it. */
export interface ZipEntry {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

/** An entry's local header with its name (CRC and sizes 0 when a data descriptor follows the data). */
export function localHeader(e: Omit<ZipEntry, 'offset'>): Buffer {
  const h = Buffer.alloc(30 + e.name.length);
  h.writeUInt32LE(ZIP_LOCAL, 0);
  h.writeUInt16LE(VERSION, 4);
  h.writeUInt16LE(e.flags, 6);
  h.writeUInt16LE(DEFLATE, 8);
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(e.crc >>> 0, 14);
  h.writeUInt32LE(e.compressed, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  e.name.copy(h, 30);
  return h;
}

/** The data descriptor after an entry's data (flag bit 3). */
export function dataDescriptor(e: Pick<ZipEntry, 'crc' | 'compressed' | 'size'>): Buffer {
  const d = Buffer.alloc(16);
  d.writeUInt32LE(ZIP_DESCRIPTOR, 0);
  d.writeUInt32LE(e.crc >>> 0, 4);
  d.writeUInt32LE(e.compressed, 8);
  d.writeUInt32LE(e.size, 12);
  return d;
}

/** An entry's record in the central directory, with its name. */
export function centralHeader(e: ZipEntry): Buffer {
  const h = Buffer.alloc(46 + e.name.length);
  h.writeUInt32LE(ZIP_CENTRAL, 0);
  h.writeUInt16LE(VERSION, 4); // made by
  h.writeUInt16LE(VERSION, 6); // needed
  h.writeUInt16LE(e.flags, 8);
  h.writeUInt16LE(DEFLATE, 10);
  h.writeUInt16LE(DOS_TIME, 12);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(e.crc >>> 0, 16);
  h.writeUInt32LE(e.compressed, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt32LE(e.offset, 42);
  e.name.copy(h, 46);
  return h;
}

/** The end of the central directory: `count` entries, the directory's size and where it starts. */
export function endOfDirectory(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(ZIP_END, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}
