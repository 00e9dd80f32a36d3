import type { AreaMessages } from './types';

/** Texts of the shared building blocks (components/paged-table, components/upload-dialog.vue). */
const messages: AreaMessages = {
  'zh-CN': {
    pagedTable: {
      total: '共 {n} 条',
      totalAtLeast: '{n}+ 条',
      empty: '暂无数据',
    },
    upload: {
      title: '导入',
      step1: '第一步：下载模板，按说明填写（示例与说明在“填写说明”工作表）。',
      step2: '第二步：选择填好的 .xlsx 文件上传；有错误时整批不导入，并列出出错的单元格。',
      downloadTemplate: '下载模板',
      chooseFile: '选择文件',
      again: '重新选择文件',
      uploading: '正在上传和检查…',
      notXlsx: '请选择 Excel 工作簿（.xlsx 文件）',
      failed: '导入失败',
      errorsTitle: '共 {count} 处错误，整批未导入；请修改后重新上传',
      errorsListed: '（列出前 {listed} 处）',
      errorCell: '单元格',
      errorSheet: '工作表',
      errorRow: '行',
      errorColumn: '列',
      errorReason: '原因',
    },
  },
  'en-US': {
    pagedTable: {
      total: 'Total {n}',
      totalAtLeast: '{n}+ rows',
      empty: 'No data',
    },
    upload: {
      title: 'Import',
      step1: 'Step 1: download the template and fill it in (the example and instructions are on the "Instructions" sheet).',
      step2: 'Step 2: choose the filled-in .xlsx file; if any cell is wrong nothing is imported and the wrong cells are listed.',
      downloadTemplate: 'Download template',
      chooseFile: 'Choose file',
      again: 'Choose another file',
      uploading: 'Uploading and checking…',
      notXlsx: 'Choose an Excel workbook (an .xlsx file)',
      failed: 'Import failed',
      errorsTitle: '{count} errors; nothing was imported. Correct them and upload again',
      errorsListed: '(the first {listed} are listed)',
      errorCell: 'Cell',
      errorSheet: 'Sheet',
      errorRow: 'Row',
      errorColumn: 'Column',
      errorReason: 'Reason',
    },
  },
};

export default messages;
