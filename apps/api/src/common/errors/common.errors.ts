import { defineErrors } from './app-error';

/** Errors every module may answer with. */
export const CommonErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, zh: '提交的数据不符合要求', en: 'The request data is invalid' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  MALFORMED_REQUEST: {
    status: 400,
    zh: '请求格式不正确：请求行或请求头无效（例如网址中未编码的非 ASCII 字符）',
    en: 'The request is malformed: an invalid request line or header (for example characters beyond ASCII not percent-encoded in the URL)',
  },
  HEADERS_TOO_LARGE: { status: 431, zh: '请求头过大', en: 'The request headers are too large' },
  REQUEST_TIMEOUT: { status: 408, zh: '请求未在限定时间内发送完毕', en: 'The request was not received in time' },
  JSON_TOO_DEEP: { status: 400, zh: '请求体嵌套层级过深', en: 'The JSON body is nested too deeply' },
  MULTIPART_MALFORMED: { status: 400, zh: '上传的表单格式不正确', en: 'The multipart/form-data body is malformed' },
  MULTIPART_TOO_MANY_FIELDS: { status: 400, zh: '上传的表单字段过多', en: 'The form has too many fields' },
  MULTIPART_TOO_MANY_FILES: {
    status: 400,
    zh: '每次只能上传一个文件（字段 file）',
    en: 'Only one file (part "file") is accepted per request',
  },
  FILENAME_INVALID: {
    status: 400,
    zh: '文件名含有不允许的字符（如路径符号、控制字符或文字方向控制符）',
    en: 'The file name contains characters that are not allowed (path separators, control or bidirectional-override characters)',
  },
  MULTIPART_TOO_MANY_PARTS: { status: 400, zh: '上传的表单部分过多', en: 'The form has too many parts' },
  PAGE_BEYOND_JUMP_LIMIT: {
    status: 400,
    zh: '按页码只能翻到前 {limit} 条，请用 cursor 继续翻页',
    en: 'Page numbers reach the first {limit} rows; page on with cursor',
  },
  EXPORT_TOO_LARGE: {
    status: 400,
    zh: '导出行数超过 Excel 工作表上限 {limit} 行',
    en: 'The export has more rows than an Excel sheet holds ({limit})',
  },
  LIST_CURSOR_INVALID: { status: 400, zh: '翻页位置（cursor）无效', en: 'The list cursor is invalid' },
  INVALID_ID: { status: 400, zh: '标识格式不正确', en: 'The identifier is malformed' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的请求内容类型', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such route' },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权访问', en: 'The record does not exist or is outside your scope' },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  READ_ONLY_ROLE: { status: 403, zh: '只读角色不能修改数据', en: 'A read-only role cannot change data' },
  OUT_OF_SCOPE: { status: 403, zh: '超出本单位数据范围', en: 'Outside your organization’s data scope' },
  VERSION_CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  DUPLICATE: { status: 409, zh: '记录已存在', en: 'A record with these values already exists' },
  REFERENCE_INVALID: { status: 400, zh: '引用的记录不存在', en: 'A referenced record does not exist' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持的请求方法', en: 'Method not allowed' },
  TOO_MANY_REQUESTS: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  SERVICE_BUSY: { status: 503, zh: '系统繁忙，请稍后重试', en: 'The service is busy; retry shortly' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请联系管理员', en: 'Internal server error; contact the administrator' },
});
