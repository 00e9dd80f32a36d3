import { createWriteStream } from 'node:fs';
import { mkdtemp, open as openFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { openMultipartUpload } from '../http/multipart';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppError } from '../errors/app-error';
import { ExcelImportErrors } from './excel-import.errors';
import { ImportErrorCollector } from './import-error-collector';
import { heapBound } from '../memory/heap-bound';
import { asImportError, XlsxWorkbook } from './xlsx-reader';

/** Every .xlsx workbook is a zip archive, and a zip archive starts with a local file header. */
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function startsLikeZip(path: string): Promise<boolean> {
  const file = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(ZIP_LOCAL_HEADER.length);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(ZIP_LOCAL_HEADER);
  } finally {
    await file.close();
  }
}

/** What a module's import receives: the checked workbook, the uploaded file's name, an error collector with the configured cap. */
export interface ImportContext {
  workbook: XlsxWorkbook;
  fileName: string;
  errors: ImportErrorCollector;
}

/**
 * The one way an import receives a spreadsheet (projects today, monitoring and the rest later):
 *
 *   return this.excelImport.run(request, ({ workbook, fileName, errors }) => ...);
 *
 * The multipart `file` is streamed to a temporary file (UPLOAD_LIMIT_BYTES applies while it
 * arrives; nothing is kept in memory), its zip directory is checked before anything is inflated,
 * sheets are read row by row with the row limit, and the temporary file is removed afterwards.
 * At most IMPORT_MAX_CONCURRENT workbooks are read at a time by this API process.
 */
@Injectable()
export class ExcelImportService {
  private running = 0;
  private readonly logger = new Logger('ExcelImport');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get limits(): AppConfig['imports'] {
    return this.config.imports;
  }

  /** A collector keeping the first IMPORT_MAX_ERRORS cell errors and counting all of them. */
  collector(): ImportErrorCollector {
    return new ImportErrorCollector(this.config.imports.maxErrors);
  }

  async run<T>(request: FastifyRequest, work: (context: ImportContext) => Promise<T>): Promise<T> {
    const { maxConcurrent } = this.config.imports;
    if (this.running >= maxConcurrent) {
      // Drain the upload so the client gets the answer instead of a reset connection.
      await this.discardUpload(request);
      throw ExcelImportErrors.IMPORT_BUSY({
        params: { limit: maxConcurrent },
        extra: { limit: maxConcurrent, setting: 'IMPORT_MAX_CONCURRENT' },
      });
    }
    this.running++;
    const dir = await mkdtemp(join(tmpdir(), 'jixiao-import-'));
    try {
      const { path, fileName } = await this.receive(request, dir);
      return await this.runFile(path, fileName, work);
    } finally {
      this.running--;
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The same on a file already on disk (benchmarks, future server-side imports). */
  async runFile<T>(path: string, fileName: string, work: (context: ImportContext) => Promise<T>): Promise<T> {
    // A text, CSV, .xls (OLE) or encrypted file is refused by what it is, in both languages, before
    // the zip reader sees it; its own words ("not a zip file", "invalid signature") go to the log only.
    if (!(await startsLikeZip(path))) {
      this.logger.warn(`${fileName}: not a zip archive`);
      throw ExcelImportErrors.IMPORT_NOT_XLSX();
    }
    let workbook: XlsxWorkbook;
    try {
      workbook = await XlsxWorkbook.open(path, this.config.imports);
    } catch (error) {
      throw this.forPeople(asImportError(error), fileName, true);
    }
    try {
      return await heapBound().during(() => work({ workbook, fileName, errors: this.collector() }));
    } catch (error) {
      throw error instanceof AppError ? this.forPeople(error, fileName, false) : error;
    } finally {
      await workbook.close();
    }
  }

  /**
   * The one place a reader's technical detail is kept from the people who upload: an archive that
   * does not open as a workbook is IMPORT_NOT_XLSX, a workbook that breaks while it is read is
   * IMPORT_UNREADABLE, both without the parser's English words (logged instead). Other coded
   * refusals (limits, missing sheet, cell errors) pass unchanged.
   */
  private forPeople(error: AppError, fileName: string, opening: boolean): AppError {
    if (error.code !== 'IMPORT_UNREADABLE') return error;
    this.logger.warn(`${fileName}: ${error.messageEn}`);
    return opening ? ExcelImportErrors.IMPORT_NOT_XLSX() : ExcelImportErrors.IMPORT_UNREADABLE();
  }

  /**
   * The upload goes through the one multipart reader (common/http/multipart: one `file` part, the
   * field and part limits, NUL and bidi checks) and is streamed to a temporary file.
   */
  private async receive(request: FastifyRequest, dir: string): Promise<{ path: string; fileName: string }> {
    if (!request.isMultipart()) throw ExcelImportErrors.IMPORT_NO_FILE();
    const upload = await openMultipartUpload(request);
    const file = upload.file;
    if (!file) throw ExcelImportErrors.IMPORT_NO_FILE();
    const path = join(dir, 'upload.xlsx');
    const tooLarge = () =>
      ExcelImportErrors.IMPORT_FILE_TOO_LARGE({
        params: { limit: this.config.uploadLimitBytes },
        extra: { limit: this.config.uploadLimitBytes, setting: 'UPLOAD_LIMIT_BYTES', limitBytes: this.config.uploadLimitBytes },
      });
    try {
      await file.consume((stream) => pipeline(stream, createWriteStream(path)));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'PAYLOAD_TOO_LARGE') throw tooLarge();
      if (error instanceof AppError) throw error;
      throw ExcelImportErrors.IMPORT_UNREADABLE({ detail: `upload: ${(error as Error).message}` });
    }
    return { path, fileName: file.filename || 'import.xlsx' };
  }

  private async discardUpload(request: FastifyRequest): Promise<void> {
    try {
      if (!request.isMultipart()) return;
      for await (const part of request.parts()) if (part.type === 'file') part.file.resume();
    } catch {
      /* the refusal is answered anyway */
    }
  }
}
