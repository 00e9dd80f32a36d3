/** Texts of an evaluation's attachments (评价附件: the report, work papers, the independence declaration), under `evaluationFiles`. */
export default {
  'zh-CN': {
    evaluationFiles: {
      title: '附件',
      empty: '尚无附件',
      kind: '类型',
      kinds: {
        report: '评价报告',
        work_paper: '工作底稿',
        declaration: '独立性声明',
      },
      filename: '文件',
      size: '大小',
      attachedBy: '上传人',
      attachedAt: '上传时间',
      upload: '上传附件',
      uploaded: '已上传附件',
      hint: '评价提交前可上传评价报告和工作底稿；提交后附件不能再增加。',
    },
  },
  'en-US': {
    evaluationFiles: {
      title: 'Attachments',
      empty: 'No attachments yet',
      kind: 'Kind',
      kinds: {
        report: 'Evaluation report',
        work_paper: 'Work paper',
        declaration: 'Independence declaration',
      },
      filename: 'File',
      size: 'Size',
      attachedBy: 'Attached by',
      attachedAt: 'Attached at',
      upload: 'Attach a file',
      uploaded: 'File attached',
      hint: 'The report and work papers can be attached until the evaluation is submitted; after that no files are added.',
    },
  },
};
