import { channel } from 'node:diagnostics_channel';
import { open, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../errors/app-error';
import { ExcelImportErrors } from './excel-import.errors';
import { entryDataOffset, fileSource, readZipDirectory, type ByteSource, type ZipEntry, type ZipLimits } from './zip-directory';
import { readZipEntry } from './zip-entry';

/**
 * Streaming, bounded reader of .xlsx workbooks for imports.
 *
 * - Before anything is inflated, the zip central directory is checked (entry count, total
 *   uncompressed size, compression ratio: zip-directory.ts).
 * - Only the parts needed are read: the workbook and its relationships (sheet names), the shared
 *   strings (kept as UTF-8 in one buffer, not as millions of JS strings) and the one sheet asked
 *   for, row by row with a SAX parser; nothing else is inflated, no temporary files are written.
 * - Reading stops at the row limit with IMPORT_TOO_MANY_ROWS naming the limit.
 * - The event loop gets a turn at least every YIELD_EVERY_MS, so other requests (health checks)
 *   are served while a large workbook is read.
 */

/** A cell as read: shared and inline strings as text, numbers as numbers, booleans, `{ error }` for #N/A etc. */
export type CellValue = string | number | boolean | { error: string } | null;

export interface SheetRow {
  /** The row number shown in Excel (1-based). */
  number: number;
  /** Cell values by column number, 1-based like ExcelJS's `row.values` (index 1 is column A). */
  values: CellValue[];
}

export interface XlsxReadLimits extends ZipLimits {
  maxRows: number;
}

/** Progress of every sheet being read (`{ sheet, rows }`), published at each yield to the event loop; tests and benches subscribe. */
export const IMPORT_PROGRESS_CHANNEL = 'jixiao.import.progress';
const progress = channel(IMPORT_PROGRESS_CHANNEL);

/** The longest the reader keeps the event loop before giving other work a turn. */
export const YIELD_EVERY_MS = 10;
/** Excel's own limits: 16,384 columns, 32,767 characters in a cell. Longer pending text means a forged file. */
const MAX_COLUMNS = 16_384;
const MAX_CELL_CHARS = 32_767;
const MAX_PENDING_TEXT = 1024 * 1024;

/** No namespaces (element names keep their prefix; `local` drops it), no positions: the fastest mode. */
const SAX_OPTIONS = { xmlns: false, position: false } as const;

const unreadable = (detail: string) => ExcelImportErrors.IMPORT_UNREADABLE({ detail });

/** The local part of an element name (`x:row` → `row`): some producers prefix the spreadsheet namespace. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Column number of a cell reference (`AB12` → 28), or 0 when it has none. */
export function columnNumber(ref: string | undefined): number {
  if (!ref) return 0;
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > MAX_COLUMNS) return n;
  }
  return n;
}

/** Strings kept as UTF-8 in one growing buffer with their offsets: a few bytes per string instead of a JS object each. */
class StringTable {
  private bytes = Buffer.alloc(64 * 1024);
  private ends = new Uint32Array(1024);
  private used = 0;
  length = 0;

  push(text: string): void {
    const needed = Buffer.byteLength(text);
    if (this.used + needed > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + needed));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(text, this.used);
    if (this.length === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.length++] = this.used;
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    return this.bytes.toString('utf8', index ? this.ends[index - 1] : 0, this.ends[index]);
  }
}

/** Feeds decoded text of `chunks` to a SAX parser, giving the event loop a turn at least every YIELD_EVERY_MS. */
async function parseXml(
  chunks: AsyncIterable<Buffer>,
  handlers: {
    open?: (name: string, attributes: Record<string, string>) => void;
    close?: (name: string) => void;
    text?: (text: string) => void;
  },
): Promise<void> {
  const parser = new SaxesParser(SAX_OPTIONS);
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag: SaxesTagPlain) => open(local(tag.name), tag.attributes));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag: SaxesTagPlain) => close(local(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const decoder = new StringDecoder('utf8');
  let last = performance.now();
  for await (const chunk of chunks) {
    parser.write(decoder.write(chunk));
    if (failure) throw unreadable((failure as Error).message);
    if (((parser as unknown as { text?: string }).text?.length ?? 0) > MAX_PENDING_TEXT) throw unreadable('a text of more than 1 MiB');
    if (performance.now() - last > YIELD_EVERY_MS) {
      await nextTurn();
      last = performance.now();
    }
  }
  parser.write(decoder.end());
  parser.close();
  if (failure) throw unreadable((failure as Error).message);
}

export interface SheetInfo {
  name: string;
  /** The zip entry of the sheet's XML. */
  path: string;
}

/** An .xlsx file on disk whose zip directory has been checked; read its sheets with `rows`. Close it when done. */
export class XlsxWorkbook {
  private sharedStrings: StringTable | null = null;

  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
    private readonly source: ByteSource,
    private readonly entries: Map<string, ZipEntry>,
    private readonly limits: XlsxReadLimits,
    readonly sheets: SheetInfo[],
    private readonly sharedStringsPath: string | null,
  ) {}

  /** Opens and checks the file: zip directory limits first, then the workbook's sheet list. */
  static async open(path: string, limits: XlsxReadLimits): Promise<XlsxWorkbook> {
    const handle = await open(path, 'r');
    try {
      const source = await fileSource(handle);
      const entries = new Map((await readZipDirectory(source, limits)).map((e) => [e.name, e]));
      const read = (name: string) => (entries.has(name) ? XlsxWorkbook.entryChunks(path, source, entries, name, limits) : null);
      const workbookPath =
        (await XlsxWorkbook.relationships(read, '_rels/.rels', '')).find((r) => r.type.endsWith('/officeDocument'))?.target ??
        'xl/workbook.xml';
      if (!entries.has(workbookPath)) throw unreadable('no workbook part');
      const base = posix.dirname(workbookPath);
      const rels = await XlsxWorkbook.relationships(read, `${base}/_rels/${posix.basename(workbookPath)}.rels`, base);
      const targetById = new Map(rels.map((r) => [r.id, r.target]));
      const sheets: SheetInfo[] = [];
      await parseXml(read(workbookPath)!, {
        open(name, attributes) {
          if (name !== 'sheet' || sheets.length >= limits.maxZipEntries) return;
          const id = attributes['r:id'] ?? Object.entries(attributes).find(([k]) => k.endsWith(':id'))?.[1];
          const target = id ? targetById.get(id) : undefined;
          if (attributes.name && target && entries.has(target)) sheets.push({ name: attributes.name, path: target });
        },
      });
      const shared = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? null;
      return new XlsxWorkbook(path, handle, source, entries, limits, sheets, shared && entries.has(shared) ? shared : null);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    this.sharedStrings = null;
    await this.handle.close();
  }

  /** The first sheet with one of these names, in the order given. */
  sheet(...names: (string | RegExp)[]): SheetInfo | undefined {
    for (const wanted of names) {
      const found = this.sheets.find((s) => (typeof wanted === 'string' ? s.name === wanted : wanted.test(s.name)));
      if (found) return found;
    }
    return undefined;
  }

  /**
   * The rows of one sheet, in file order (empty rows included as Excel stores them). After
   * `headerRows` rows, more than `maxRows` rows (the configured limit unless a lower one is given)
   * end the reading with IMPORT_TOO_MANY_ROWS.
   */
  async *rows(sheet: SheetInfo, options: { headerRows?: number; maxRows?: number } = {}): AsyncGenerator<SheetRow> {
    const maxRows = Math.min(options.maxRows ?? this.limits.maxRows, this.limits.maxRows);
    const limit = maxRows + (options.headerRows ?? 1);
    const strings = await this.loadSharedStrings();
    let count = 0;
    let pending: SheetRow[] = [];
    let row: SheetRow | null = null;
    let nextRowNumber = 1;
    let column = 0;
    let cellType = '';
    let inCell = false;
    let capture: 'v' | 't' | null = null;
    let inPhonetic = false;
    let value = '';
    let inlineText = '';
    let last = performance.now();
    const tooMany = () =>
      ExcelImportErrors.IMPORT_TOO_MANY_ROWS({
        params: { limit: maxRows, sheet: sheet.name },
        extra: { limit: maxRows, setting: 'IMPORT_MAX_ROWS', sheet: sheet.name },
      });

    const turn = async () => {
      if (performance.now() - last <= YIELD_EVERY_MS) return;
      if (progress.hasSubscribers) progress.publish({ sheet: sheet.name, rows: count });
      await nextTurn();
      last = performance.now();
    };

    const chunks = this.read(sheet.path);
    const parser = new SaxesParser(SAX_OPTIONS);
    let failure: Error | null = null;
    parser.on('error', (error) => {
      failure ??= error;
    });
    parser.on('opentag', (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (name === 'row') {
        const r = Number(tag.attributes.r);
        row = { number: Number.isInteger(r) && r > 0 ? r : nextRowNumber, values: [] };
        nextRowNumber = row.number + 1;
        column = 0;
      } else if (name === 'c' && row) {
        const at = columnNumber(tag.attributes.r);
        column = at > 0 ? at : column + 1;
        if (column > MAX_COLUMNS) failure ??= new Error(`column beyond ${MAX_COLUMNS}`);
        cellType = tag.attributes.t ?? 'n';
        inCell = true;
        value = '';
        inlineText = '';
      } else if (inCell && name === 'v') {
        capture = 'v';
      } else if (inCell && name === 't' && !inPhonetic) {
        capture = 't';
      } else if (inCell && name === 'rPh') {
        inPhonetic = true;
      }
    });
    const onText = (text: string) => {
      if (capture === 'v') value += text;
      else if (capture === 't') inlineText += text;
      if (value.length + inlineText.length > MAX_CELL_CHARS) failure ??= new Error(`a cell of more than ${MAX_CELL_CHARS} characters`);
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (name === 'v' || name === 't') capture = null;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'c' && row && inCell) {
        inCell = false;
        let cell: CellValue;
        switch (cellType) {
          case 's':
            cell = strings?.get(Number(value)) ?? null;
            break;
          case 'inlineStr':
            cell = inlineText;
            break;
          case 'str':
          case 'd':
            cell = value;
            break;
          case 'b':
            cell = value === '' ? null : value.trim() !== '0';
            break;
          case 'e':
            cell = { error: value };
            break;
          default:
            cell = value.trim() === '' ? null : Number(value);
        }
        if (cell !== null && cell !== '') row.values[column] = cell;
      } else if (name === 'row' && row) {
        pending.push(row);
        row = null;
      }
    });

    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of chunks) {
        parser.write(decoder.write(chunk));
        if (failure) throw unreadable((failure as Error).message);
        if (((parser as unknown as { text?: string }).text?.length ?? 0) > MAX_PENDING_TEXT) throw unreadable('a text of more than 1 MiB');
        const ready = pending;
        pending = [];
        for (const r of ready) {
          if (++count > limit) throw tooMany();
          yield r;
          await turn();
        }
        await turn();
      }
      parser.write(decoder.end());
      parser.close();
      if (failure) throw unreadable((failure as Error).message);
      for (const r of pending) {
        if (++count > limit) throw tooMany();
        yield r;
      }
    } finally {
      await chunks.return(undefined);
    }
    if (progress.hasSubscribers) progress.publish({ sheet: sheet.name, rows: count, done: true });
  }

  private read(name: string): AsyncGenerator<Buffer> {
    return XlsxWorkbook.entryChunks(this.path, this.source, this.entries, name, this.limits);
  }

  private async loadSharedStrings(): Promise<StringTable | null> {
    if (this.sharedStrings || !this.sharedStringsPath) return this.sharedStrings;
    const table = new StringTable();
    let inItem = false;
    let inPhonetic = false;
    let inText = false;
    let text = '';
    await parseXml(this.read(this.sharedStringsPath), {
      open(name) {
        if (name === 'si') {
          inItem = true;
          text = '';
        } else if (name === 'rPh') inPhonetic = true;
        else if (name === 't' && inItem && !inPhonetic) inText = true;
      },
      text(value) {
        if (inText) {
          text += value;
          if (text.length > MAX_CELL_CHARS) throw unreadable(`a shared string of more than ${MAX_CELL_CHARS} characters`);
        }
      },
      close(name) {
        if (name === 't') inText = false;
        else if (name === 'rPh') inPhonetic = false;
        else if (name === 'si' && inItem) {
          inItem = false;
          table.push(text);
        }
      },
    });
    this.sharedStrings = table;
    return table;
  }

  private static async *entryChunks(
    path: string,
    source: ByteSource,
    entries: Map<string, ZipEntry>,
    name: string,
    limits: ZipLimits,
  ): AsyncGenerator<Buffer> {
    const entry = entries.get(name);
    if (!entry) throw unreadable(`no part ${name}`);
    yield* readZipEntry(path, entry, await entryDataOffset(source, entry), limits.maxUncompressedBytes);
  }

  /** The relationships of a part (`Id`, `Type`, `Target` resolved against `base`). */
  private static async relationships(
    read: (name: string) => AsyncGenerator<Buffer> | null,
    relsPath: string,
    base: string,
  ): Promise<{ id: string; type: string; target: string }[]> {
    const found: { id: string; type: string; target: string }[] = [];
    const chunks = read(relsPath);
    if (!chunks) return found;
    await parseXml(chunks, {
      open(name, attributes) {
        if (name !== 'Relationship' || !attributes.Target || found.length > 10_000) return;
        if (attributes.TargetMode === 'External') return;
        const target = attributes.Target.startsWith('/')
          ? attributes.Target.slice(1)
          : posix.normalize(posix.join(base, attributes.Target)).replace(/^\.\//, '');
        found.push({ id: attributes.Id ?? '', type: attributes.Type ?? '', target });
      },
    });
    return found;
  }
}

/** Turns anything a reader throws that is not already coded into IMPORT_UNREADABLE. */
export function asImportError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return ExcelImportErrors.IMPORT_UNREADABLE({ detail: (error as Error)?.message ?? String(error) });
}
