import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The OpenAPI content of a route that answers an .xlsx workbook. */
export const XLSX_RESPONSE = { content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } } as const;

/** Declares that a route answers .xlsx (templates, exports). */
export const ApiXlsxDownload = () => applyDecorators(ApiProduces(XLSX_MIME));

/**
 * Declares the one upload shape of every spreadsheet import: multipart with a single `file` part.
 * The multipart reader only accepts multipart bodies on routes that declare it (common/http).
 */
export const ApiXlsxUpload = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } }),
  );

/** Sends a workbook as a download with its (UTF-8) file name. */
export function sendXlsx(reply: FastifyReply, buffer: Buffer, fileName: string): Buffer {
  reply.header('content-type', XLSX_MIME);
  reply.header(
    'content-disposition',
    `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  return buffer;
}
