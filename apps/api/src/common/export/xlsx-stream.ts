import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { constants, crc32, createDeflateRaw, deflateRawSync, type DeflateRaw } from 'node:zlib';
import {
  centralHeader,
  dataDescriptor,
  endOfDirectory,
  localHeader,
  ZIP_UTF8,
  ZIP_UTF8_DESCRIPTOR,
  type ZipEntry,
} from '../excel/zip-records';

/**
 * A streaming .xlsx writer for exports (export-stream.ts): one worksheet of inline strings and
 * numbers, a bold frozen header row and column widths, written as a zip whose sheet is deflated as
 * its rows come — nothing of the sheet kept but the compressor's window.
 *
 * Why not ExcelJS's streaming writer (kept for imports and small workbooks): it makes a row and a
 * cell object a value, turns each row's XML into a Buffer and copies it into a fresh 64 KB buffer
 * before the zip library deflates it; over a 1,000,000-row export those spent buffers waited for
 * the next scavenge by megabytes (`arrayBuffers` up to 7.6 MB) and took the API to 198–201 MB.
 * Here a batch of rows is one string written to zlib, which copies it once into its input.
 *
 * The zip: entries deflated, the sheet's sizes and CRC in a data descriptor after it (bit 3), names
 * in UTF-8 (bit 11); no ZIP64, so the sheet's XML must stay under 4 GiB (a full sheet of 1,048,575
 * project rows is about 1 GB) — past that the writer fails and the download is aborted, never cut short.
 */
export class XlsxStreamWriter {
  private offset = 0;
  private readonly entries: ZipEntry[] = [];
  /** The sheet's entry while it is written, and its compressor. */
  private sheet: (ZipEntry & { deflate: DeflateRaw }) | null = null;
  private readonly refs: string[];
  private row = 0;

  constructor(
    private readonly out: Writable,
    private readonly options: {
      sheetName: string;
      columns: { key: string; header: string; width: number }[];
      /** Waits until `from` (the download, or what feeds it) has passed on what was written; throws when the download closed. */
      drained: (out: Writable, from?: Writable) => Promise<void>;
    },
  ) {
    this.refs = options.columns.map((_, i) => columnName(i));
  }

  /** Writes the workbook's fixed parts and opens the sheet with its header row. */
  async start(): Promise<void> {
    for (const [path, xml] of xlsxFixedParts(this.options.sheetName)) await this.whole(path, xml);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const deflate = createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION });
    const sheet = { name, flags: ZIP_UTF8_DESCRIPTOR, crc: 0, compressed: 0, size: 0, offset: this.offset, deflate };
    this.sheet = sheet;
    await this.raw(localHeader(sheet));
    // a download that closes first (the client gone) takes the compressor with it: whoever waits on the
    // compressor (its input's drain, its end in `finish`) is failed instead of waiting for ever
    deflate.on('error', () => undefined); // (reported to the waiter, not as an unhandled error)
    this.out.once('close', () => {
      if (!deflate.destroyed) deflate.destroy(new Error('export stopped: the download was closed'));
    });
    deflate.on('data', (chunk: Buffer) => {
      this.sheet!.compressed += chunk.length;
      this.offset += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        this.out.once('drain', () => deflate.resume());
      }
    });
    await this.sheetXml(worksheetHead(this.options.columns.map((c) => c.width)));
    await this.rows([Object.fromEntries(this.options.columns.map((c) => [c.key, c.header]))], 1);
  }

  /** Writes rows (values by column key: text as inline strings, finite numbers as numbers, empty cells left out). */
  async rows(rows: readonly Record<string, string | number | null | undefined>[], style = 0): Promise<void> {
    const { columns } = this.options;
    const s = style ? ` s="${style}"` : '';
    let xml = '';
    for (const values of rows) {
      // written in pieces of about XML_CHUNK characters: a string much longer would be allocated in V8's
      // large-object space, which only a full collection frees
      if (xml.length >= XML_CHUNK) {
        await this.sheetXml(xml);
        xml = '';
      }
      const r = ++this.row;
      xml += `<row r="${r}">`;
      for (let i = 0; i < columns.length; i++) {
        const value = values[columns[i].key];
        if (value === null || value === undefined || value === '') continue;
        if (typeof value === 'number' && Number.isFinite(value)) xml += `<c r="${this.refs[i]}${r}"${s}><v>${value}</v></c>`;
        else {
          const text = String(value);
          // (trim drops what \s matches, at either end: a cell keeps it only with xml:space)
          const space = text.trim().length !== text.length ? ' xml:space="preserve"' : '';
          xml += `<c r="${this.refs[i]}${r}"${s} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
        }
      }
      xml += '</row>';
    }
    await this.sheetXml(xml);
  }

  /** Closes the sheet and writes the zip's directory; the download ends. */
  async finish(): Promise<void> {
    await this.sheetXml(WORKSHEET_TAIL);
    const sheet = this.sheet!;
    const ended = once(sheet.deflate, 'end');
    sheet.deflate.end();
    await ended;
    // (the sheet's XML was held under 4 GiB as written: its compressed bytes are where the offsets could pass it)
    if (this.offset > MAX_32) throw new Error('xlsx export: the file outgrew a zip without ZIP64 (4 GiB)');
    await this.raw(dataDescriptor(sheet));
    this.entries.push(sheet);
    const start = this.offset;
    for (const e of this.entries) await this.raw(centralHeader(e));
    await this.raw(endOfDirectory(this.entries.length, this.offset - start, start));
    this.out.end();
  }

  /** A small part, deflated whole, its sizes in its header. */
  private async whole(path: string, xml: string): Promise<void> {
    const data = Buffer.from(xml);
    const packed = deflateRawSync(data);
    const name = Buffer.from(path);
    const entry = { name, flags: ZIP_UTF8, crc: crc32(data), compressed: packed.length, size: data.length, offset: this.offset };
    this.entries.push(entry);
    await this.raw(localHeader(entry));
    await this.raw(packed);
  }

  /** Sheet XML into the compressor, waiting while its input is full (or the download is gone). */
  private async sheetXml(xml: string): Promise<void> {
    const sheet = this.sheet!;
    const data = Buffer.from(xml);
    sheet.crc = crc32(data, sheet.crc);
    sheet.size += data.length;
    if (sheet.size > MAX_32) throw new Error('xlsx export: the sheet outgrew a zip without ZIP64 (4 GiB)');
    if (!sheet.deflate.write(data)) await this.options.drained(this.out, sheet.deflate);
  }

  /** Bytes straight to the download (between entries), waiting while it is full. */
  private async raw(data: Buffer): Promise<void> {
    this.offset += data.length;
    if (!this.out.write(data)) await this.options.drained(this.out);
  }
}

const MAX_32 = 0xffffffff;
/** Characters of sheet XML handed to the compressor at a time. */
const XML_CHUNK = 16_384;
/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Characters XML 1.0 cannot hold (controls but tab and line breaks, U+FFFE/U+FFFF, lone surrogates): dropped. */
// eslint-disable-next-line no-control-regex -- matching the control characters XML cannot hold is the point
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/gu;
const ESCAPED = /[&<>"]/g;
/** NOT_XML or ESCAPED, without the global flag (a test that keeps no position). */
// eslint-disable-next-line no-control-regex -- as NOT_XML
const NEEDS_CARE = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF&<>"]|\p{Cs}/u;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML character data (and attribute value). */
export function xmlText(text: string): string {
  // most cells (names, codes, amounts) hold none of them: one test instead of two replacements
  if (!NEEDS_CARE.test(text)) return text;
  return text.replace(NOT_XML, '').replace(ESCAPED, (c) => ENTITIES[c]);
}

/**
 * The parts of a one-sheet workbook besides the sheet, as [path in the zip, XML]: content types,
 * relationships, the workbook naming the sheet, the two cell formats (0 plain, 1 bold).
 */
export function xlsxFixedParts(sheetName: string): [string, string][] {
  return [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['xl/styles.xml', STYLES],
  ];
}

/** The worksheet's XML before its first row: the header row frozen, the columns' widths. */
export function worksheetHead(widths: number[]): string {
  const cols = widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">` +
    `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`
  );
}

/** The worksheet's XML after its last row. */
export const WORKSHEET_TAIL = '</sheetData></worksheet>';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
  `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
  `</Types>`;
const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
/** Two cell formats: 0 plain, 1 bold (the header row). */
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
