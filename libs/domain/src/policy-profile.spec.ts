import {
  copyProfile,
  DEFAULT_POLICY_PROFILE as P,
  type PolicyProfileValues,
  validatePolicyProfile,
} from './policy-profile';

/** Validates a copy of the default changed by `edit`; returns [field, code] pairs. */
function problems(edit: (p: PolicyProfileValues & Record<string, unknown>) => void): string[][] {
  const profile = copyProfile(P) as PolicyProfileValues & Record<string, unknown>;
  edit(profile);
  return validatePolicyProfile(profile).map((i) => [i.field, i.code]);
}

const loose = (value: unknown) => value as never;

describe('DEFAULT_POLICY_PROFILE', () => {
  it('validates clean', () => {
    expect(validatePolicyProfile(P)).toEqual([]);
  });

  it('holds the 2022 numbers of DOMAIN.md', () => {
    expect(P.keyProjects).toEqual({ amountThreshold: '6000000.00', evaluationCycleYears: 5 });
    expect(P.evaluation.grades).toEqual({ excellent: 90, good: 80, pass: 60 });
    expect(P.evaluation.selfEvaluationWeights.map((w) => w.weight)).toEqual([10, 50, 30, 10]);
    expect(P.preAssessment.dimensions.map((d) => d.weight)).toEqual([20, 20, 20, 20, 20]);
    expect(P.monitoring.executionCheckpoints.map((c) => [c.month, c.minExecutionPct])).toEqual([
      [4, 25],
      [6, 40],
      [8, 60],
      [10, 80],
    ]);
    expect(P.evaluation.financeKeyEvaluationCount).toBe(10);
    expect(P.supervision).toEqual({ keyCheckDepartments: 27, lookBackYears: 2 });
    expect(P.disclosure).toEqual({ fiscalPolicyTargets: 5, townTransferTargets: 2, keyEvaluationResults: 10 });
  });
});

describe('copyProfile', () => {
  it('copies deeply', () => {
    const copy = copyProfile(P);
    expect(copy).toEqual(P);
    copy.evaluation.grades.good = 75;
    copy.deadlines[2].sectorDates!.education = '10-31';
    copy.targetReview.vagueWords.push('力争');
    expect(P.evaluation.grades.good).toBe(80);
    expect(P.deadlines[2].sectorDates!.education).toBe('09-30');
    expect(P.targetReview.vagueWords).not.toContain('力争');
  });
});

describe('validatePolicyProfile', () => {
  it('refuses a non-object', () => {
    for (const value of [null, undefined, 42, 'profile', []]) {
      expect(validatePolicyProfile(value).map((i) => i.code)).toEqual(['NOT_AN_OBJECT']);
    }
  });

  it('reports every missing section', () => {
    expect(validatePolicyProfile({}).map((i) => i.field)).toEqual([
      'keyProjects',
      'evaluation',
      'targetReview',
      'preAssessment',
      'monitoring',
      'disclosure',
      'supervision',
      'deadlines',
      'workingCalendar',
    ]);
  });

  it('reports missing and unknown fields with their paths', () => {
    expect(problems((p) => delete (p.evaluation.grades as Partial<typeof p.evaluation.grades>).good)).toEqual([
      ['evaluation.grades.good', 'REQUIRED'],
    ]);
    expect(problems((p) => Object.assign(p.monitoring, { deviationPoint: 10 }))).toEqual([
      ['monitoring.deviationPoint', 'UNKNOWN_FIELD'],
    ]);
    expect(problems((p) => Object.assign(p, { extra: true }))).toEqual([['extra', 'UNKNOWN_FIELD']]);
  });

  it('checks the money threshold', () => {
    expect(problems((p) => (p.keyProjects.amountThreshold = '0.01'))).toEqual([]);
    expect(problems((p) => (p.keyProjects.amountThreshold = '0.00'))).toEqual([
      ['keyProjects.amountThreshold', 'NOT_POSITIVE'],
    ]);
    expect(problems((p) => (p.keyProjects.amountThreshold = '6000000.001'))).toEqual([
      ['keyProjects.amountThreshold', 'INVALID_MONEY'],
    ]);
    expect(problems((p) => (p.keyProjects.amountThreshold = '-1'))).toEqual([
      ['keyProjects.amountThreshold', 'INVALID_MONEY'],
    ]);
    expect(problems((p) => (p.keyProjects.amountThreshold = loose(6000000)))).toEqual([
      ['keyProjects.amountThreshold', 'NOT_A_STRING'],
    ]);
  });

  it('checks integers and their ranges', () => {
    expect(problems((p) => (p.keyProjects.evaluationCycleYears = 0))).toEqual([
      ['keyProjects.evaluationCycleYears', 'OUT_OF_RANGE'],
    ]);
    expect(problems((p) => (p.keyProjects.evaluationCycleYears = 2.5))).toEqual([
      ['keyProjects.evaluationCycleYears', 'NOT_AN_INTEGER'],
    ]);
    expect(problems((p) => (p.supervision.keyCheckDepartments = loose('27')))).toEqual([
      ['supervision.keyCheckDepartments', 'NOT_A_NUMBER'],
    ]);
    expect(problems((p) => (p.disclosure.fiscalPolicyTargets = -1))).toEqual([
      ['disclosure.fiscalPolicyTargets', 'OUT_OF_RANGE'],
    ]);
    expect(problems((p) => (p.monitoring.responseWorkingDays = 0))).toEqual([
      ['monitoring.responseWorkingDays', 'OUT_OF_RANGE'],
    ]);
    expect(problems((p) => (p.disclosure.keyEvaluationResults = 0))).toEqual([]);
  });

  it('keeps percentages within 0–100', () => {
    expect(problems((p) => (p.monitoring.deviationPoints = 100))).toEqual([]);
    expect(problems((p) => (p.monitoring.deviationPoints = 101))).toEqual([
      ['monitoring.deviationPoints', 'OUT_OF_RANGE'],
    ]);
    expect(problems((p) => (p.monitoring.executionCheckpoints[3].minExecutionPct = 101))).toEqual([
      ['monitoring.executionCheckpoints[3].minExecutionPct', 'OUT_OF_RANGE'],
    ]);
  });

  it('wants grades descending, above zero and within the total', () => {
    expect(problems((p) => (p.evaluation.grades.good = 90))).toEqual([
      ['evaluation.grades.good', 'GRADES_NOT_DESCENDING'],
    ]);
    expect(problems((p) => (p.targetReview.grades.pass = 80))).toEqual([
      ['targetReview.grades.pass', 'GRADES_NOT_DESCENDING'],
    ]);
    expect(problems((p) => (p.evaluation.grades.pass = 0))).toEqual([['evaluation.grades.pass', 'NOT_POSITIVE']]);
    expect(problems((p) => (p.evaluation.grades.excellent = 100))).toEqual([]);
    expect(problems((p) => (p.evaluation.grades.excellent = 100.5))).toEqual([
      ['evaluation.grades.excellent', 'GRADE_ABOVE_TOTAL'],
    ]);
    expect(problems((p) => (p.targetReview.grades.excellent = 101))).toEqual([
      ['targetReview.grades.excellent', 'GRADE_ABOVE_TOTAL'],
    ]);
  });

  it('wants the weights to sum to the total score', () => {
    expect(problems((p) => (p.evaluation.selfEvaluationWeights[0].weight = 11))).toEqual([
      ['evaluation.selfEvaluationWeights', 'WEIGHTS_SUM_MISMATCH'],
    ]);
    expect(problems((p) => (p.preAssessment.dimensions[4].weight = 19))).toEqual([
      ['preAssessment.dimensions', 'WEIGHTS_SUM_MISMATCH'],
    ]);
    expect(problems((p) => p.preAssessment.dimensions.pop())).toEqual([
      ['preAssessment.dimensions', 'WEIGHTS_SUM_MISMATCH'],
    ]);
    // A new total with weights and grades following it is fine.
    expect(
      problems((p) => {
        p.evaluation.totalScore = 120;
        p.evaluation.selfEvaluationWeights[1].weight = 70;
        p.preAssessment.dimensions.forEach((d) => (d.weight = 24));
      }),
    ).toEqual([]);
  });

  it('checks weighted items one by one', () => {
    expect(problems((p) => (p.evaluation.selfEvaluationWeights[1].code = 'budget_execution'))).toEqual([
      ['evaluation.selfEvaluationWeights[1].code', 'DUPLICATE_CODE'],
    ]);
    expect(problems((p) => (p.preAssessment.dimensions[0].zh = ' '))).toEqual([
      ['preAssessment.dimensions[0].zh', 'EMPTY'],
    ]);
    expect(problems((p) => (p.preAssessment.dimensions[0] = loose('necessity')))).toEqual([
      ['preAssessment.dimensions[0]', 'NOT_AN_OBJECT'],
    ]);
    expect(problems((p) => (p.evaluation.selfEvaluationWeights = loose({})))).toEqual([
      ['evaluation.selfEvaluationWeights', 'NOT_AN_ARRAY'],
    ]);
  });

  it('wants checkpoints with months 1–12 and both months and minima strictly increasing', () => {
    expect(problems((p) => (p.monitoring.executionCheckpoints[1].month = 4))).toEqual([
      ['monitoring.executionCheckpoints[1].month', 'NOT_INCREASING'],
    ]);
    expect(problems((p) => (p.monitoring.executionCheckpoints[2].minExecutionPct = 40))).toEqual([
      ['monitoring.executionCheckpoints[2].minExecutionPct', 'NOT_INCREASING'],
    ]);
    expect(problems((p) => (p.monitoring.executionCheckpoints[3].month = 13))).toEqual([
      ['monitoring.executionCheckpoints[3].month', 'OUT_OF_RANGE'],
    ]);
    expect(problems((p) => (p.monitoring.executionCheckpoints[0].month = 0))).toEqual([
      ['monitoring.executionCheckpoints[0].month', 'OUT_OF_RANGE'],
    ]);
    expect(problems((p) => (p.monitoring.executionCheckpoints = []))).toEqual([]);
  });

  it('wants deadlines with valid unique codes and real month-days', () => {
    expect(problems((p) => (p.deadlines[1].code = 'self_evaluation'))).toEqual([
      ['deadlines[1].code', 'DUPLICATE_CODE'],
    ]);
    expect(problems((p) => (p.deadlines[0].code = 'Self-Evaluation'))).toEqual([['deadlines[0].code', 'INVALID_CODE']]);
    expect(problems((p) => (p.deadlines[0].date = '02-30'))).toEqual([['deadlines[0].date', 'INVALID_MONTH_DAY']]);
    expect(problems((p) => (p.deadlines[0].date = '02-29'))).toEqual([]);
    expect(problems((p) => (p.deadlines[0].date = '2022-03-31'))).toEqual([['deadlines[0].date', 'INVALID_MONTH_DAY']]);
    expect(problems((p) => (p.deadlines[2].sectorDates = { education: '09-31' }))).toEqual([
      ['deadlines[2].sectorDates.education', 'INVALID_MONTH_DAY'],
    ]);
    expect(problems((p) => (p.deadlines[2].sectorDates = loose('09-30')))).toEqual([
      ['deadlines[2].sectorDates', 'NOT_AN_OBJECT'],
    ]);
    expect(problems((p) => (p.deadlines[0].rule = ''))).toEqual([['deadlines[0].rule', 'EMPTY']]);
    expect(problems((p) => delete (p.deadlines[0] as Partial<(typeof p.deadlines)[0]>).en)).toEqual([
      ['deadlines[0].en', 'REQUIRED'],
    ]);
  });

  it('wants vague words to be non-empty, unique strings', () => {
    expect(problems((p) => p.targetReview.vagueWords.push(''))).toEqual([['targetReview.vagueWords[11]', 'EMPTY']]);
    expect(problems((p) => p.targetReview.vagueWords.push(loose(3)))).toEqual([
      ['targetReview.vagueWords[11]', 'NOT_A_STRING'],
    ]);
    expect(problems((p) => p.targetReview.vagueWords.push('显著'))).toEqual([
      ['targetReview.vagueWords[11]', 'DUPLICATE'],
    ]);
  });

  it('gives every problem a message in both languages', () => {
    const issues = validatePolicyProfile({ ...copyProfile(P), monitoring: { deviationPoints: 'x' } });
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.message).toBeTruthy();
      expect(issue.messageEn).toBeTruthy();
    }
  });
});
