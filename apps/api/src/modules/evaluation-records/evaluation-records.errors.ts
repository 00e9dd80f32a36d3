import { defineErrors } from '../../common/errors/app-error';

/**
 * Evaluation records. The import reports each refusal on its cell with the code and message below;
 * `recordFinished` (called by the evaluations module) throws them.
 */
export const EvaluationRecordErrors = defineErrors({
  EVALUATION_RECORD_IMPORT_INVALID: {
    status: 400,
    zh: '评价记录文件有错误，未写入任何数据',
    en: 'The evaluation records file has errors; nothing was written',
  },
  EVALUATION_RECORD_SCORE_INVALID: {
    status: 400,
    zh: '得分须为 0 到 {total} 之间、最多两位小数的数（{year} 年政策参数）',
    en: 'The score must be a number from 0 to {total} with at most two decimals (the {year} policy profile)',
  },
  EVALUATION_RECORD_GRADE_MISMATCH: {
    status: 400,
    zh: '等级“{grade}”与得分 {score} 不符：按 {year} 年政策参数（优 ≥ {excellent}，良 ≥ {good}，中 ≥ {pass}）应为“{expected}”',
    en: 'The grade "{gradeEn}" does not agree with the score {score}: under the {year} policy profile (excellent ≥ {excellent}, good ≥ {good}, fair ≥ {pass}) it is "{expectedEn}"',
  },
  EVALUATION_RECORD_CONFLICT: {
    status: 409,
    zh: '已有该项目 {year} 年“{kind}”的评价记录（得分 {storedScore}，等级“{storedGrade}”，评价机构/评价人“{storedEvaluator}”，{storedSource}），与本行（得分 {score}，等级“{grade}”，评价机构/评价人“{evaluator}”）不同；已有记录不被覆盖',
    en: 'A {year} "{kindEn}" record of this project already exists (score {storedScore}, grade "{storedGradeEn}", evaluator "{storedEvaluator}", {storedSourceEn}) and differs from this row (score {score}, grade "{gradeEn}", evaluator "{evaluator}"); records are not overwritten',
  },
  EVALUATION_RECORD_YEAR_FUTURE: {
    status: 400,
    zh: '被评价年度不能晚于今年（{current} 年）',
    en: 'The year evaluated cannot be later than this year ({current})',
  },
  EVALUATION_RECORD_ORGANIZATION_KIND: {
    status: 400,
    zh: '评价记录属于部门、单位或镇',
    en: 'An evaluation record belongs to a department, unit or town',
  },
  EVALUATION_RECORD_CODE_ELSEWHERE: {
    status: 400,
    zh: '项目库中编码 {code} 的项目属于其他单位，不属于单位 {organization}；请核对项目编码和单位编码',
    en: 'In the project library the code {code} belongs to another organization, not to {organization}; check the project and organization codes',
  },
});
