import { crc32, createDeflateRaw } from 'node:zlib';
import { PROJECT_IMPORT_COLUMNS, PROJECT_IMPORT_SHEET } from '@jixiao/contracts';
import { centralHeader, endOfDirectory, localHeader, ZIP_UTF8 } from '../common/excel/zip-records';
import { xmlText } from '../common/export/xlsx-stream';

/**
 * Hostile and oversized .xlsx files for the import tests and `pnpm bench:import-bomb` (not used by
 * the API): a minimal zip writer (deflate, optionally a forged central directory) and a project
 * sheet of many highly compressible bad rows — a few hundred KB that expand to millions of rows.
 */
export interface ZipInput {
  name: string;
  /** The entry's bytes, produced piece by piece so that hundreds of MB are never held at once. */
  data: string | Buffer | (() => Iterable<string | Buffer>);
  /** Forge the central directory: declare this uncompressed size instead of the real one. */
  declaredSize?: number;
}

function deflate(pieces: Iterable<string | Buffer>): Promise<{ compressed: Buffer; size: number; crc: number }> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const z = createDeflateRaw({ level: 9, memLevel: 9 });
    let size = 0;
    let crc = 0;
    z.on('data', (c: Buffer) => out.push(c));
    z.on('error', reject);
    z.on('end', () => resolve({ compressed: Buffer.concat(out), size, crc }));
    const iterator = pieces[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        const next = iterator.next();
        if (next.done) {
          z.end();
          return;
        }
        const b = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
        size += b.length;
        crc = crc32(b, crc);
        if (!z.write(b)) {
          z.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

/** A zip file of deflated entries (no ZIP64: each entry's real size must stay under 4 GiB). */
export async function buildZip(inputs: ZipInput[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const pieces = typeof input.data === 'function' ? input.data() : [input.data];
    const { compressed, size, crc } = await deflate(pieces);
    const declared = Math.min(input.declaredSize ?? size, 0xfffffffe);
    const entry = { name: Buffer.from(input.name), flags: ZIP_UTF8, crc, compressed: compressed.length, size: declared, offset };
    const local = localHeader(entry);
    locals.push(local, compressed);
    central.push(centralHeader(entry));
    offset += local.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...locals, directory, endOfDirectory(inputs.length, directory.length, offset)]);
}

/** The workbook parts around one sheet named `sheetName` whose XML is `sheetXml` (and a shared strings table when given). */
export function workbookEntries(
  sheetName: string,
  sheetXml: ZipInput['data'],
  options: { declaredSheetSize?: number; sharedStrings?: string[] } = {},
): ZipInput[] {
  const shared = options.sharedStrings;
  return [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        (shared
          ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          : '') +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        `<sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        (shared
          ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
          : '') +
        '</Relationships>',
    },
    ...(shared
      ? [
          {
            name: 'xl/sharedStrings.xml',
            data:
              '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
              shared.map((t) => `<si><t>${xmlText(t)}</t></si>`).join('') +
              '</sst>',
          },
        ]
      : []),
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, declaredSize: options.declaredSheetSize },
  ];
}

const BAD_VALUES = ['不是年度', 'BOMB', '炸弹', '工程'];

/**
 * The project sheet: the real header, then `rows` identical rows of bad cells (a year that is not
 * a year, a kind that does not exist, the other required cells missing), with shared strings and
 * without cell references, the way a hostile file packs the most rows into the fewest bytes:
 * three million rows are about 270 MB of XML that deflate to a few hundred KB.
 */
export function badProjectRows(rows: number): () => Iterable<string> {
  const headerCount = PROJECT_IMPORT_COLUMNS.length;
  return function* () {
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    yield `<row>${PROJECT_IMPORT_COLUMNS.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('')}</row>`;
    const row = `<row>${BAD_VALUES.map((_, i) => `<c t="s"><v>${headerCount + i}</v></c>`).join('')}</row>`;
    const batch = row.repeat(10_000);
    for (let left = rows; left > 0; left -= 10_000) yield left >= 10_000 ? batch : row.repeat(left);
    yield '</sheetData></worksheet>';
  };
}

/** A project import workbook of `rows` bad rows, as a zip-bomb-like .xlsx (optionally with a forged sheet size). */
export function projectBomb(rows: number, options: { declaredSheetSize?: number } = {}): Promise<Buffer> {
  return buildZip(
    workbookEntries(PROJECT_IMPORT_SHEET, badProjectRows(rows), {
      declaredSheetSize: options.declaredSheetSize,
      sharedStrings: [...PROJECT_IMPORT_COLUMNS.map((c) => c.zh), ...BAD_VALUES],
    }),
  );
}
