import { applyDecorators, Type } from '@nestjs/common';
import { ApiConsumes, ApiExtraModels, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';

/**
 * The request body of an upload route that takes either `multipart/form-data` (one `file` part plus
 * text `fields`, as the browser sends it) or JSON with the name and base64 content (`json`, for
 * system clients). Each media type gets its own schema, which `@ApiBody` cannot express.
 */
export function ApiUploadBody(json: Type<unknown>, fields: Record<string, SchemaObject>): MethodDecorator {
  const multipart: SchemaObject = {
    type: 'object',
    required: ['file', ...Object.keys(fields)],
    properties: {
      file: { type: 'string', format: 'binary', description: '文件（一个）/ the file (one part)' },
      ...fields,
    },
  };
  return applyDecorators(
    ApiExtraModels(json),
    ApiConsumes('multipart/form-data', 'application/json'),
    // `summary: undefined` is dropped, so this merges into the route's own @ApiOperation.
    ApiOperation({
      summary: undefined,
      requestBody: {
        required: true,
        description:
          'multipart/form-data：file 文件部分及文本字段；或 JSON：filename、contentBase64（Base64）及相同字段。' +
          ' / multipart/form-data with a `file` part and text fields, or JSON with filename, contentBase64 (base64) and the same fields.',
        content: {
          'multipart/form-data': { schema: multipart },
          'application/json': { schema: { $ref: getSchemaPath(json) } },
        },
      },
    }),
  );
}
