import { defineErrors } from '../../common/errors/app-error';

export const ProjectErrors = defineErrors({
  PROJECT_CODE_TAKEN: { status: 409, zh: '该年度已存在相同编码的项目', en: 'A project with this code already exists in that year' },
  PROJECT_HAS_TARGET: { status: 409, zh: '项目已有绩效目标，不能删除', en: 'The project has a performance target and cannot be deleted' },
  PROJECT_IMPORT_INVALID: { status: 400, zh: '导入文件有错误，未写入任何数据', en: 'The import file has errors; nothing was written' },
});
