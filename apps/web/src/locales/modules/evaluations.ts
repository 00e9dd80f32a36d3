/** Texts of the evaluations area (绩效评价, issue 9). Each page keeps its keys under its own sub-key (`evaluations.records.*`, …). */
export default {
  'zh-CN': {
    evaluations: {
      group: '绩效评价',
      records: {
        menu: '历史评价记录',
        intro:
          '按项目编码记录的历次评价：旧绩效系统导入的历史评价，以及本系统完成的评价。部门评价和财政重点评价（标 R4）计入重点项目五年评价覆盖，决定下次评价的期限。',
        year: '被评价年度',
        yearColumn: '年度',
        projectCode: '项目编码',
        projectName: '项目名称',
        notInLibrary: '（项目库中无此编码）',
        organization: '单位',
        kind: '评价类型',
        score: '得分',
        grade: '等级',
        evaluator: '评价机构/评价人',
        source: '来源',
        recordedAt: '导入/记录时间',
        searchPlaceholder: '项目编码',
        countsHint: '计入重点项目五年评价覆盖（R4）',
        import: '导入历史评价',
        importTitle: '导入旧绩效系统的历史评价记录',
        importStep1: '第一步：下载模板。模板列出本单位数据范围内的单位编码，以及工作年度的项目（含是否重点项目、最近重点评价年度）供参考',
        importStep2:
          '第二步：上传旧系统导出的 .xlsx（项目编码、单位编码、年度、评价类型、得分、等级、评价机构/评价人）。得分和等级按该年度的政策参数校验，等级与得分不符的行不导入；整个文件校验通过才写入，已导入的相同记录不会重复写入',
        importDone: '导入完成：共 {rows} 行，新建记录 {created} 条，此前已导入 {unchanged} 行',
        importNotInLibrary: '；其中 {count} 条的项目编码不在项目库中（已记录）',
      },
    },
  },
  'en-US': {
    evaluations: {
      group: 'Evaluations',
      records: {
        menu: 'Evaluation records',
        intro:
          'Every evaluation by project code: the history imported from the old performance system and the evaluations finished here. Department and finance key evaluations (marked R4) count for the key projects’ five-year coverage and set when the next one is due.',
        year: 'Year evaluated',
        yearColumn: 'Year',
        projectCode: 'Project code',
        projectName: 'Project',
        notInLibrary: '(code not in the project library)',
        organization: 'Organization',
        kind: 'Kind',
        score: 'Score',
        grade: 'Grade',
        evaluator: 'Evaluator',
        source: 'Source',
        recordedAt: 'Imported / recorded',
        searchPlaceholder: 'Project code',
        countsHint: 'Counts for the key projects’ five-year coverage (R4)',
        import: 'Import history',
        importTitle: 'Import evaluation records from the old performance system',
        importStep1:
          'Step 1: download the template. It lists the organization codes in your scope and, for reference, the working year’s projects (whether key, last key evaluation)',
        importStep2:
          'Step 2: upload the old system’s .xlsx export (project code, organization code, year, kind, score, grade, evaluator). Scores and grades are checked under that year’s policy profile, and a row whose grade disagrees with its score is refused; nothing is written unless the whole file is valid, and records imported before are not written again',
        importDone: 'Imported {rows} row(s): {created} record(s) created, {unchanged} imported before',
        importNotInLibrary: '; {count} of them have a project code the library does not know (recorded)',
      },
    },
  },
};
