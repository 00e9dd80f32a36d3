import { ValidationPipe } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { fileExtension, UPLOAD_FILE_TYPES } from '@jixiao/contracts';
import type { AppError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import { flattenValidationErrors } from '../../common/errors/validation-messages';
import { withoutBidiControls } from '../../common/http/hostile-input';
import { openMultipartUpload, readAll } from '../../common/http/multipart';
import { FileErrors } from './files.errors';
import { FILENAME_PATTERN } from './dto/file.dto';

/** One uploaded file, read whole and checked: allowed type by extension, content matching it. */
export interface Upload<F> {
  filename: string;
  contentType: string;
  data: Buffer;
  fields: F;
}

const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => CommonErrors.VALIDATION_FAILED({ errors: flattenValidationErrors(errors) }),
});

async function validate<T>(value: unknown, metatype: new () => T): Promise<T> {
  return (await pipe.transform(value, { type: 'body', metatype })) as T;
}

/** Leading bytes of each accepted type, so a renamed executable is not stored as a "pdf". */
function contentMatches(ext: string, data: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  switch (ext) {
    case 'pdf':
      return starts(0x25, 0x50, 0x44, 0x46); // %PDF
    case 'docx':
    case 'xlsx':
      return starts(0x50, 0x4b, 0x03, 0x04); // zip
    case 'doc':
    case 'xls':
      return starts(0xd0, 0xcf, 0x11, 0xe0); // OLE compound file
    case 'jpg':
    case 'jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'png':
      return starts(0x89, 0x50, 0x4e, 0x47);
    default:
      return false;
  }
}

function checked<F>(filename: string, data: Buffer, fields: F, limit: number): Upload<F> {
  const name = filename.trim();
  const ext = fileExtension(name);
  const contentType = UPLOAD_FILE_TYPES[ext];
  if (!contentType) throw FileErrors.FILE_TYPE_NOT_ALLOWED({ detail: ext || name });
  if (!FILENAME_PATTERN.test(name)) throw CommonErrors.FILENAME_INVALID();
  if (data.length === 0) throw FileErrors.FILE_EMPTY();
  if (data.length > limit) throw FileErrors.FILE_TOO_LARGE({ extra: { limitBytes: limit } });
  if (!contentMatches(ext, data)) throw FileErrors.FILE_CONTENT_MISMATCH({ detail: ext });
  return { filename: name, contentType, data, fields };
}

/**
 * Reads one file from a request: `multipart/form-data` (the browser: a `file` part and text
 * fields, validated with `fieldsType`) or JSON (system clients: `filename`, `contentBase64` and
 * the same fields, validated with `jsonType`).
 */
export async function readUpload<F extends object, J extends F & { filename: string; contentBase64: string }>(
  request: FastifyRequest,
  fieldsType: new () => F,
  jsonType: new () => J,
  limit: number,
): Promise<Upload<F>> {
  if (request.isMultipart()) {
    const upload = await openMultipartUpload(request);
    let file: { filename: string; data: Buffer } | null = null;
    if (upload.file) {
      try {
        file = { filename: upload.file.filename, data: await upload.file.consume(readAll) };
      } catch (error) {
        if ((error as AppError).code === 'PAYLOAD_TOO_LARGE') throw FileErrors.FILE_TOO_LARGE({ extra: { limitBytes: limit } });
        throw error;
      }
    }
    const fields = await validate(upload.fields, fieldsType);
    if (!file) throw FileErrors.FILE_REQUIRED();
    return checked(file.filename, file.data, fields, limit);
  }
  const body = await validate(request.body ?? {}, jsonType);
  const { filename, contentBase64, ...rest } = body;
  const fields = await validate(rest, fieldsType);
  return checked(filename, Buffer.from(contentBase64, 'base64'), fields, limit);
}

/** RFC 6266 / 5987 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  // A name stored before bidirectional controls were refused is sent without them.
  const filename = withoutBidiControls(name);
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
