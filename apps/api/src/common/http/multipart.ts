import { PassThrough, Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { AppError } from '../errors/app-error';
import { CommonErrors } from '../errors/common.errors';
import { toAppError } from '../errors/problem';
import { assertNoNul, hasBidiControl } from './hostile-input';

/**
 * Reading a `multipart/form-data` upload (issue 6): at most one file part (named `file`), text
 * fields NUL-checked, and every limit of @fastify/multipart (fields, files, parts, file size) or
 * malformed framing turned into a coded 4xx. Upload routes read their request through here.
 */

/** A multipart failure as a coded error: the plugin's limit errors are mapped in `toAppError`; busboy's own are framing errors. */
export function multipartError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string })?.code;
  if (typeof code === 'string' && code.startsWith('FST_')) return toAppError(error);
  return CommonErrors.MULTIPART_MALFORMED({ detail: error instanceof Error ? error.message.slice(0, 100) : undefined });
}

export interface MultipartFile {
  filename: string;
  /**
   * Runs the consumer of the file (a parser, or a read into memory) on a stream that ends only
   * after the rest of the request was read and found within the limits. If the request is
   * refused meanwhile (another file, too many fields, the size limit, bad framing), that coded
   * refusal is the answer, whatever the consumer was doing: it may be waiting on a stream that
   * will never end, or failing on a file cut at the size limit.
   */
  consume<T>(consumer: (stream: Readable) => Promise<T>): Promise<T>;
}

export interface MultipartUpload {
  /** The text fields. Fields sent after the file are here once the file has been consumed. */
  fields: Record<string, string>;
  file: MultipartFile | null;
}

function addField(fields: Record<string, string>, part: { fieldname: string; value: unknown }): void {
  const value = String(part.value);
  assertNoNul({ [part.fieldname]: value });
  fields[part.fieldname] = value;
}

/** Opens a multipart upload: reads the fields up to the file part and hands out the file. */
export async function openMultipartUpload(request: FastifyRequest, fileField = 'file'): Promise<MultipartUpload> {
  if (!request.isMultipart()) throw CommonErrors.UNSUPPORTED_MEDIA_TYPE({ detail: 'multipart/form-data expected' });
  const iterator = request.parts()[Symbol.asyncIterator]();
  const fields: Record<string, string> = {};
  const next = async (): Promise<Multipart | null> => {
    try {
      const r = await iterator.next();
      return r.done ? null : r.value;
    } catch (error) {
      throw multipartError(error);
    }
  };
  const refuseFile = (part: Multipart): never => {
    if (part.type === 'file') part.file.resume();
    throw CommonErrors.MULTIPART_TOO_MANY_FILES({ detail: `unexpected file part "${part.fieldname}"` });
  };

  for (let part = await next(); part; part = await next()) {
    if (part.type === 'field') {
      addField(fields, part);
      continue;
    }
    if (part.fieldname !== fileField) refuseFile(part);
    if (part.filename.includes('\u0000') || hasBidiControl(part.filename)) {
      part.file.resume();
      throw CommonErrors.FILENAME_INVALID();
    }
    return { fields, file: fileOf(part, fields, next, refuseFile) };
  }
  return { fields, file: null };
}

function fileOf(
  part: Multipart & { type: 'file' },
  fields: Record<string, string>,
  next: () => Promise<Multipart | null>,
  refuseFile: (part: Multipart) => never,
): MultipartFile {
  const source = part.file;
  const stream = new PassThrough();
  // The consumer may have stopped listening by the time a refusal destroys the stream.
  stream.on('error', () => undefined);
  let failure: AppError | null = null;
  let refuse!: (error: AppError) => void;
  const refusal = new Promise<never>((_resolve, reject) => (refuse = reject));
  refusal.catch(() => undefined);
  const fail = (error: unknown) => {
    failure ??= multipartError(error);
    stream.destroy(failure);
    refuse(failure);
  };
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  source.on('error', (error) => {
    fail(error);
    finished();
  });
  source.pipe(stream, { end: false });
  source.on('end', () => {
    void (async () => {
      if (source.truncated) throw CommonErrors.PAYLOAD_TOO_LARGE({ detail: 'file size limit' });
      // The rest of the request: further text fields are taken; a second file or a limit refuses it all.
      for (let rest = await next(); rest; rest = await next()) {
        if (rest.type === 'field') addField(fields, rest);
        else refuseFile(rest);
      }
      stream.end();
    })()
      .catch(fail)
      .finally(finished);
  });

  return {
    filename: part.filename,
    async consume<T>(consumer: (stream: Readable) => Promise<T>): Promise<T> {
      const work = consumer(stream);
      work.catch(() => undefined);
      try {
        return await Promise.race([work, refusal]);
      } catch (error) {
        // The consumer failed: read the rest of the request, so a refusal found there is the answer.
        source.unpipe(stream);
        source.resume();
        await done;
        throw failure ?? error;
      }
    },
  };
}

/** Reads a stream whole (uploads that are stored, not streamed into a parser). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
