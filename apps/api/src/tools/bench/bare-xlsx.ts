import { promisify } from 'node:util';
import { crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { centralHeader, endOfDirectory, localHeader, ZIP_UTF8, type ZipEntry } from '../../common/excel/zip-records';
import { worksheetHead, WORKSHEET_TAIL, xlsxFixedParts } from '../../common/export/xlsx-stream';

const deflate = promisify(deflateRaw);

/** A zip entry ready to write: its local header's fields and its deflated bytes. */
type Packed = Omit<ZipEntry, 'offset'> & { data: Buffer };

/** The workbook's fixed parts, deflated once per sheet name (the bare server's best: they never change). */
const fixed = new Map<string, Packed[]>();

function pack(path: string, data: Buffer, compressed: Buffer): Packed {
  return { name: Buffer.from(path), flags: ZIP_UTF8, crc: crc32(data), compressed: compressed.length, size: data.length, data: compressed };
}

/**
 * The bare server's .xlsx (bench only): the worksheet's rows as the statement built them, between
 * the sheet's head and tail, deflated whole off the event loop; the other parts deflated once. The
 * same parts and sheet XML as ours (xlsx-stream.ts), sizes in the local headers (no data descriptor).
 */
export async function bareXlsx(sheet: { name: string; widths: number[] }, rowsXml: string): Promise<Buffer> {
  let parts = fixed.get(sheet.name);
  if (!parts) {
    parts = xlsxFixedParts(sheet.name).map(([path, xml]) => {
      const data = Buffer.from(xml);
      return pack(path, data, deflateRawSync(data));
    });
    fixed.set(sheet.name, parts);
  }
  const xml = Buffer.from(worksheetHead(sheet.widths) + rowsXml + WORKSHEET_TAIL);
  const entries = [...parts, pack('xl/worksheets/sheet1.xml', xml, await deflate(xml))];
  const chunks: Buffer[] = [];
  const written: ZipEntry[] = [];
  let offset = 0;
  for (const e of entries) {
    written.push({ ...e, offset });
    const header = localHeader(e);
    chunks.push(header, e.data);
    offset += header.length + e.data.length;
  }
  const start = offset;
  for (const e of written) {
    const header = centralHeader(e);
    chunks.push(header);
    offset += header.length;
  }
  chunks.push(endOfDirectory(written.length, offset - start, start));
  return Buffer.concat(chunks);
}
