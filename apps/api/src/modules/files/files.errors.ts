import { defineErrors } from '../../common/errors/app-error';

export const FileErrors = defineErrors({
  FILE_REQUIRED: { status: 400, zh: '请选择要上传的文件', en: 'A file is required' },
  FILE_TYPE_NOT_ALLOWED: {
    status: 400,
    zh: '只能上传 PDF、Word、Excel、JPG 或 PNG 文件',
    en: 'Only PDF, Word, Excel, JPG or PNG files are accepted',
  },
  FILE_CONTENT_MISMATCH: { status: 400, zh: '文件内容与扩展名不符', en: 'The file content does not match its extension' },
  FILE_TOO_LARGE: { status: 413, zh: '文件超过大小上限', en: 'The file exceeds the size limit' },
  FILE_EMPTY: { status: 400, zh: '文件为空', en: 'The file is empty' },
});
