import { PassThrough, type Writable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { EXPORT_XLSX_ROW_LIMIT, type ExportFormat } from '@jixiao/contracts';
import { CommonErrors } from '../errors/common.errors';
import { heapBound } from '../memory/heap-bound';
import { XLSX_MIME } from '../excel/xlsx-http';
import { XlsxStreamWriter } from './xlsx-stream';
import { countUpTo, keyColumn, keysetCondition, orderByKeys, withNullability, type KeyTerm } from '../list/keyset';

/** One column of an export: its key in the rows, its header (Chinese, the district's working language) and xlsx width. */
export interface ExportColumn {
  key: string;
  header: string;
  width?: number;
}

/** A row of an export: cell values by column key (strings, numbers, null). */
export type ExportRow = Record<string, string | number | null | undefined>;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: XLSX_MIME,
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** Rows read per statement: memory holds one batch (and what the client has not taken yet), whatever the total. */
export const EXPORT_BATCH = 2000;

/**
 * The rows of a query in batches by keyset position (`keys`: the export's order, unique together —
 * end with the id, or be a unique index's columns so that index answers each batch):
 * each batch is its own short statement, so no connection is held while the client reads (the
 * embedded database has one) and a batch reads only the rows it returns. A row is what `select`
 * names (SQL expressions over the query's alias, with names, organization codes, children as JSON
 * computed in the same statement): plain values, no entities — an export's memory per batch stays
 * small enough to be collected young, whatever the number of rows.
 */
export async function* keysetBatches<R extends Record<string, unknown>>(
  query: () => Promise<SelectQueryBuilder<ObjectLiteral>>,
  keys: KeyTerm[],
  select: Record<string, string>,
  batch = EXPORT_BATCH,
): AsyncGenerator<R[]> {
  let position: (string | null)[] | null = null;
  for (;;) {
    const qb = await query();
    if (!position) keys = withNullability(qb, keys);
    const [first, ...rest] = Object.entries(select);
    qb.select(`(${first[1]})`, first[0]);
    for (const [name, expr] of rest) qb.addSelect(`(${expr})`, name);
    orderByKeys(qb, keys);
    if (position) {
      const { sql, params } = keysetCondition(keys, position, false);
      qb.andWhere(sql, params);
    }
    const rows = (await qb.limit(batch).getRawMany()) as (R & Record<string, string | null>)[];
    if (!rows.length) return;
    yield rows;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    position = keys.map((_, i) => last[keyColumn(i)] ?? null);
  }
}

/**
 * Refuses an export up front when its format cannot hold it (an .xlsx sheet: EXPORT_XLSX_ROW_LIMIT
 * rows), naming the limit and the formats that can; counts at most one row past the limit.
 */
export async function assertExportFits<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, format: ExportFormat): Promise<void> {
  if (format !== 'xlsx') return;
  if ((await countUpTo(qb, EXPORT_XLSX_ROW_LIMIT)) > EXPORT_XLSX_ROW_LIMIT) {
    throw CommonErrors.EXPORT_TOO_LARGE({
      params: { limit: EXPORT_XLSX_ROW_LIMIT },
      errors: [
        {
          field: 'format',
          code: 'exportTooLarge',
          message: `一个 Excel 工作表最多 ${EXPORT_XLSX_ROW_LIMIT} 行：请缩小筛选范围，或改用 format=csv / ndjson（不限行数）`,
          messageEn: `An Excel sheet holds at most ${EXPORT_XLSX_ROW_LIMIT} rows: narrow the filter, or use format=csv / ndjson (no row limit)`,
        },
      ],
    });
  }
}

function csvCell(value: ExportRow[string]): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // a leading = + - @ would make a spreadsheet read the cell as a formula
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Characters written to the response at a time by a CSV / NDJSON export (UTF-16: well under V8's large-object size). */
const WRITE_CHUNK = 16_384;

/** Rows an .xlsx export writes between looks at the clock (EventLoopTurns). */
const XLSX_ROWS_A_TURN = 64;

/** The longest an export writes rows without letting other requests run (ms). */
const EXPORT_SLICE_MS = 10;

/**
 * Lets the event loop run other requests once an export has written rows for EXPORT_SLICE_MS: an
 * xlsx row is built and compressed synchronously, and a batch of them held health checks for
 * hundreds of milliseconds.
 */
class EventLoopTurns {
  private since = performance.now();

  async take(): Promise<void> {
    if (performance.now() - this.since < EXPORT_SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}

/**
 * Waits until `from` (the download, or a stream feeding it) has passed on what was written; throws
 * when the download ended first (the client went away and the server closed the stream), so the
 * export stops reading rows instead of waiting for a `drain` that never comes.
 */
export function drained(out: Writable, from: Writable = out): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('export stopped: the download was closed'));
  // plain listeners, taken off when one fires: an AbortController for the same made a DOMException
  // (with its stack) at every wait — an .xlsx export waits on its compressor dozens of times
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      from.off('drain', onDrain);
      from.off('error', onError);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(new Error('export stopped: the download was closed'));
    from.on('drain', onDrain);
    from.on('error', onError);
    out.on('close', onClose);
  });
}

/** Writes and, when the client is slower than the database, waits for it (so memory stays one batch). */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await drained(out);
}

/**
 * `rows` with the heap bounded (heapBound) from its second batch until `release`: an export of one
 * batch — a department's projects, a few hundred rows — holds that batch at most, as any list read
 * does, and runs under the ordinary factor; bounding it cost a full collection when it was the first
 * in a while and a full collection every few dozen exports of a burst (the bench's department export:
 * p99 2–3× its p50).
 */
function boundedFromSecondBatch(rows: AsyncIterable<ExportRow[]>): { rows: AsyncIterable<ExportRow[]>; release: () => void } {
  let release: (() => void) | null = null;
  return {
    rows: (async function* () {
      let batches = 0;
      for await (const batch of rows) {
        if (++batches === 2) release = heapBound().enter();
        yield batch;
      }
    })(),
    release: () => release?.(),
  };
}

/**
 * Streams an export to the client as it is read: headers now, then each batch of rows as it comes
 * from `batches` (xlsx through XlsxStreamWriter, xlsx-stream.ts; CSV with a BOM for Excel, NDJSON one
 * object per line). A failure after the first bytes aborts the download rather than ending it as
 * if complete.
 */
export function streamExport(
  reply: FastifyReply,
  options: { format: ExportFormat; fileName: string; sheetName: string; columns: ExportColumn[]; rows: AsyncIterable<ExportRow[]> },
): StreamableFile {
  const { format, columns } = options;
  const fileName = `${options.fileName}.${format}`;
  reply.header('content-type', CONTENT_TYPES[format]);
  reply.header(
    'content-disposition',
    `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  const out = new PassThrough();
  const turn = new EventLoopTurns();
  const bounded = boundedFromSecondBatch(options.rows);
  const produce = async () => {
    if (format === 'xlsx') {
      const writer = new XlsxStreamWriter(out, {
        sheetName: options.sheetName,
        columns: columns.map((c) => ({ key: c.key, header: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 2) })),
        drained,
      });
      await writer.start();
      for await (const batch of bounded.rows) {
        for (let at = 0; at < batch.length; at += XLSX_ROWS_A_TURN) {
          await writer.rows(batch.slice(at, at + XLSX_ROWS_A_TURN));
          await turn.take();
        }
      }
      await writer.finish();
      return;
    }
    if (format === 'csv') await write(out, '\uFEFF' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n');
    const line =
      format === 'csv'
        ? (row: ExportRow) => columns.map((c) => csvCell(row[c.key])).join(',') + '\r\n'
        : (row: ExportRow) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.key, row[c.key] ?? null]))) + '\n';
    for await (const batch of bounded.rows) {
      // written in pieces of about WRITE_CHUNK characters, not one string a batch: a string that large
      // is allocated in V8's large-object space, which only a full collection frees (one a batch made
      // the heap grow to hundreds of MB over a million rows); pieces this small die young
      let chunk = '';
      for (const row of batch) {
        chunk += line(row);
        if (chunk.length >= WRITE_CHUNK) {
          await write(out, chunk);
          chunk = '';
          await turn.take();
        }
      }
      if (chunk) await write(out, chunk);
    }
    out.end();
  };
  produce()
    .finally(bounded.release)
    .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return new StreamableFile(out);
}
