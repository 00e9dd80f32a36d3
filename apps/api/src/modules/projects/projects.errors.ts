import { defineErrors } from '../../common/errors/app-error';

export const ProjectErrors = defineErrors({
  PROJECT_CODE_TAKEN: { status: 409, zh: '该年度已存在相同编码的项目', en: 'A project with this code already exists in that year' },
  PROJECT_HAS_TARGET: { status: 409, zh: '项目已有绩效目标，不能删除', en: 'The project has a performance target and cannot be deleted' },
  PROJECT_IMPORT_INVALID: { status: 400, zh: '导入文件有错误，未写入任何数据', en: 'The import file has errors; nothing was written' },
  PROJECT_IMPORT_NO_FILE: {
    status: 400,
    zh: '请以 multipart/form-data 上传一个 .xlsx 文件（字段 file）',
    en: 'Upload one .xlsx file as multipart/form-data (field "file")',
  },
  PROJECT_IMPORT_UNREADABLE: {
    status: 400,
    zh: '无法读取该文件，请使用下载的 .xlsx 模板',
    en: 'The file cannot be read; use the downloaded .xlsx template',
  },
  PROJECT_IMPORT_TOO_LARGE: { status: 413, zh: '导入文件过大', en: 'The import file is too large' },
});
