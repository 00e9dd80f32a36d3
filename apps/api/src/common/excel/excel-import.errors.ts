import { defineErrors } from '../errors/app-error';

/**
 * The refusals of every spreadsheet import (common/excel). The size limits name the configured
 * value in the message (`{limit}`) and in the problem's `limit` and `setting` fields.
 */
export const ExcelImportErrors = defineErrors({
  IMPORT_NO_FILE: {
    status: 400,
    zh: '请以 multipart/form-data 上传一个 .xlsx 文件（字段 file）',
    en: 'Upload one .xlsx file as multipart/form-data (field "file")',
  },
  IMPORT_NOT_XLSX: {
    status: 400,
    zh: '文件不是有效的 Excel (.xlsx) 工作簿；.xls、CSV 或加密的文件请先在 Excel 中另存为 .xlsx，或使用下载的模板',
    en: 'The file is not a valid Excel (.xlsx) workbook; save .xls, CSV or password-protected files as .xlsx in Excel first, or use the downloaded template',
  },
  IMPORT_UNREADABLE: {
    status: 400,
    zh: '无法读取该文件，请使用下载的 .xlsx 模板',
    en: 'The file cannot be read; use the downloaded .xlsx template',
  },
  IMPORT_SHEET_MISSING: {
    status: 400,
    zh: '文件中没有名为“{sheet}”的工作表',
    en: 'The workbook has no sheet named "{sheet}"',
  },
  IMPORT_FILE_TOO_LARGE: {
    status: 413,
    zh: '导入文件超过 {limit} 字节的上限（UPLOAD_LIMIT_BYTES）',
    en: 'The file is larger than the limit of {limit} bytes (UPLOAD_LIMIT_BYTES)',
  },
  IMPORT_TOO_MANY_ENTRIES: {
    status: 413,
    zh: '文件包含的部件超过 {limit} 个的上限（IMPORT_MAX_ZIP_ENTRIES），不是正常的 .xlsx 文件',
    en: 'The file has more than {limit} parts (IMPORT_MAX_ZIP_ENTRIES); it is not an ordinary .xlsx file',
  },
  IMPORT_TOO_LARGE_UNCOMPRESSED: {
    status: 413,
    zh: '文件解压后超过 {limit} 字节的上限（IMPORT_MAX_UNCOMPRESSED_BYTES），未读取',
    en: 'The file expands to more than the limit of {limit} bytes (IMPORT_MAX_UNCOMPRESSED_BYTES); it was not read',
  },
  IMPORT_COMPRESSION_RATIO: {
    status: 413,
    zh: '文件压缩比超过 {limit} 倍的上限（IMPORT_MAX_COMPRESSION_RATIO），疑似压缩炸弹，未读取',
    en: 'A part of the file is compressed more than {limit} times (IMPORT_MAX_COMPRESSION_RATIO), like a zip bomb; it was not read',
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 413,
    zh: '工作表“{sheet}”超过 {limit} 行数据的上限（IMPORT_MAX_ROWS），已停止读取，未写入任何数据；请分批导入',
    en: 'Sheet "{sheet}" has more than the limit of {limit} data rows (IMPORT_MAX_ROWS); reading stopped and nothing was written. Import in parts',
  },
  IMPORT_BUSY: {
    status: 429,
    zh: '正在处理的导入已达 {limit} 个的上限（IMPORT_MAX_CONCURRENT），请稍后重试',
    en: 'The limit of {limit} imports at a time (IMPORT_MAX_CONCURRENT) is reached; retry shortly',
  },
});
