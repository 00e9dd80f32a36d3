import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { FileContent } from './files.service';
import { contentDisposition } from './upload-reader';

/** Sends a stored file as a download with its UTF-8 name (RFC 5987) and checksum. */
export function sendFile(reply: FastifyReply, content: FileContent): StreamableFile {
  void reply.header('content-type', content.file.contentType);
  void reply.header('content-disposition', contentDisposition(content.file.filename));
  void reply.header('content-length', String(content.data.length));
  void reply.header('x-content-sha256', content.file.sha256);
  void reply.header('cache-control', 'private, no-store');
  return new StreamableFile(content.data);
}
