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

/** Multiplies the templates' and criteria's numbers (a new total score), to two places. */
function scaleEvaluation(p: PolicyProfileValues, factor: number): void {
  const scale = (n: number) => Math.round(n * factor * 100) / 100;
  for (const template of Object.values(p.evaluation.templates)) {
    for (const d of template.dimensions) {
      d.weight = scale(d.weight);
      d.items.forEach((i) => (i.points = scale(i.points)));
    }
  }
  const c = p.evaluation.financeKeyCriteria;
  for (const criterion of [c.lastYearExecution, c.managementChain, c.livelihood, c.publicAttention]) criterion.weight = scale(criterion.weight);
}

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

  it('holds the evaluation rules of R11–R14 and N8 (schema 4)', () => {
    expect(P.evaluation.selfEvaluation).toEqual({
      executionItem: 'budget_execution',
      indicatorParts: { output: 'output', effect: 'effect', satisfaction: 'satisfaction', cost: 'output' },
      weightFallbacks: { satisfaction: 'effect' },
      equalTolerancePct: 5,
    });
    // Decision / process / output / effect in every template, summing to the total score.
    for (const kind of ['project', 'policy', 'department_overall'] as const) {
      const dimensions = P.evaluation.templates[kind].dimensions;
      expect(dimensions.map((d) => d.code)).toEqual(['decision', 'process', 'output', 'effect']);
      expect(dimensions.reduce((sum, d) => sum + d.weight, 0)).toBe(100);
      for (const d of dimensions) expect(d.items.reduce((sum, i) => sum + i.points, 0)).toBe(d.weight);
    }
    expect(P.evaluation.templates.project.dimensions.map((d) => d.weight)).toEqual([20, 20, 30, 30]);
    expect(P.evaluation.templates.department_overall.dimensions.map((d) => d.weight)).toEqual([15, 30, 30, 25]);
    const c = P.evaluation.financeKeyCriteria;
    expect([c.lastYearExecution.weight, c.managementChain.weight, c.livelihood.weight, c.publicAttention.weight]).toEqual([40, 20, 20, 20]);
    expect(P.evaluation.agencies.violationLookBackYears).toBe(3);
    expect(P.evaluation.agencies.platformReferenceKinds).toEqual(['department', 'finance_key']);
    // R11 and R12 deadlines stay where they were: in the year's calendar.
    expect(P.deadlines.filter((d) => d.code.endsWith('_evaluation')).map((d) => [d.code, d.rule, d.date])).toEqual([
      ['self_evaluation', 'R11', '03-31'],
      ['department_evaluation', 'R12', '06-30'],
    ]);
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
    // A new total with weights, templates and criteria following it is fine.
    expect(
      problems((p) => {
        p.evaluation.totalScore = 120;
        p.evaluation.selfEvaluationWeights[1].weight = 70;
        p.preAssessment.dimensions.forEach((d) => (d.weight = 24));
        scaleEvaluation(p, 1.2);
      }),
    ).toEqual([]);
    // Without them, each of the four lists reports its own sum.
    expect(problems((p) => {
      p.evaluation.totalScore = 120;
      p.evaluation.selfEvaluationWeights[1].weight = 70;
      p.preAssessment.dimensions.forEach((d) => (d.weight = 24));
    })).toEqual([
      ['evaluation.templates.project.dimensions', 'WEIGHTS_SUM_MISMATCH'],
      ['evaluation.templates.policy.dimensions', 'WEIGHTS_SUM_MISMATCH'],
      ['evaluation.templates.department_overall.dimensions', 'WEIGHTS_SUM_MISMATCH'],
      ['evaluation.financeKeyCriteria', 'WEIGHTS_SUM_MISMATCH'],
    ]);
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

  it('checks the self-evaluation rules against the weights', () => {
    expect(problems((p) => (p.evaluation.selfEvaluation.executionItem = 'execution'))).toEqual([
      ['evaluation.selfEvaluation.executionItem', 'UNKNOWN_ITEM'],
    ]);
    expect(problems((p) => (p.evaluation.selfEvaluation.indicatorParts.cost = 'budget_execution'))).toEqual([
      ['evaluation.selfEvaluation.indicatorParts.cost', 'EXECUTION_ITEM'],
    ]);
    expect(problems((p) => delete (p.evaluation.selfEvaluation.indicatorParts as Partial<Record<string, string>>).cost)).toEqual([
      ['evaluation.selfEvaluation.indicatorParts.cost', 'REQUIRED'],
    ]);
    // Nothing counts in satisfaction any more: its points could never be earned.
    expect(problems((p) => (p.evaluation.selfEvaluation.indicatorParts.satisfaction = 'effect'))).toEqual([
      ['evaluation.selfEvaluationWeights[3].code', 'PART_UNUSED'],
    ]);
    expect(problems((p) => (p.evaluation.selfEvaluation.weightFallbacks = { satisfaction: 'satisfaction' }))).toEqual([
      ['evaluation.selfEvaluation.weightFallbacks.satisfaction', 'FALLBACK_TO_ITSELF'],
    ]);
    expect(problems((p) => (p.evaluation.selfEvaluation.weightFallbacks = { satisfaction: 'effect', effect: 'output' }))).toEqual([
      ['evaluation.selfEvaluation.weightFallbacks.satisfaction', 'FALLBACK_CHAIN'],
    ]);
    expect(problems((p) => (p.evaluation.selfEvaluation.weightFallbacks = { cost: 'effect' }))).toEqual([
      ['evaluation.selfEvaluation.weightFallbacks.cost', 'UNKNOWN_ITEM'],
    ]);
    expect(problems((p) => (p.evaluation.selfEvaluation.weightFallbacks = {}))).toEqual([]);
  });

  it('keeps the "=" tolerance a percentage with at most two decimals', () => {
    expect(problems((p) => (p.evaluation.selfEvaluation.equalTolerancePct = 0))).toEqual([]);
    expect(problems((p) => (p.evaluation.selfEvaluation.equalTolerancePct = 2.5))).toEqual([]);
    expect(problems((p) => (p.evaluation.selfEvaluation.equalTolerancePct = 100.01))).toEqual([
      ['evaluation.selfEvaluation.equalTolerancePct', 'OUT_OF_RANGE'],
    ]);
    expect(problems((p) => (p.evaluation.selfEvaluation.equalTolerancePct = 2.555))).toEqual([
      ['evaluation.selfEvaluation.equalTolerancePct', 'TOO_MANY_DECIMALS'],
    ]);
    expect(problems((p) => (p.evaluation.selfEvaluation.equalTolerancePct = loose('5')))).toEqual([
      ['evaluation.selfEvaluation.equalTolerancePct', 'NOT_A_NUMBER'],
    ]);
  });

  it('wants each template’s items to add up to their dimension and the dimensions to the total', () => {
    const project = 'evaluation.templates.project.dimensions';
    expect(problems((p) => (p.evaluation.templates.project.dimensions[0].items[0].points = 5))).toEqual([
      [`${project}[0].items`, 'POINTS_SUM_MISMATCH'],
    ]);
    // Moving a point between dimensions keeps the total but breaks both dimensions' sums.
    expect(
      problems((p) => {
        p.evaluation.templates.project.dimensions[0].weight = 21;
        p.evaluation.templates.project.dimensions[1].weight = 19;
      }),
    ).toEqual([
      [`${project}[0].items`, 'POINTS_SUM_MISMATCH'],
      [`${project}[1].items`, 'POINTS_SUM_MISMATCH'],
    ]);
    expect(
      problems((p) => {
        p.evaluation.templates.project.dimensions[0].weight = 21;
        p.evaluation.templates.project.dimensions[0].items[0].points = 5;
      }),
    ).toEqual([[project, 'WEIGHTS_SUM_MISMATCH']]);
    expect(problems((p) => (p.evaluation.templates.policy.dimensions[3].items[0].code = 'policy_basis'))).toEqual([
      ['evaluation.templates.policy.dimensions[3].items[0].code', 'DUPLICATE_CODE'],
    ]);
    expect(problems((p) => (p.evaluation.templates.policy.dimensions[1].code = 'decision'))).toEqual([
      ['evaluation.templates.policy.dimensions[1].code', 'DUPLICATE_CODE'],
    ]);
    expect(problems((p) => (p.evaluation.templates.project.dimensions[2].items[0].points = 0))).toEqual([
      [`${project}[2].items[0].points`, 'OUT_OF_RANGE'],
    ]);
    expect(problems((p) => (p.evaluation.templates.project.dimensions[2].items = []))).toEqual([[`${project}[2].items`, 'TOO_FEW']]);
    expect(problems((p) => (p.evaluation.templates.project.dimensions = []))).toEqual([[project, 'TOO_FEW']]);
    expect(problems((p) => delete (p.evaluation.templates as Partial<typeof p.evaluation.templates>).policy)).toEqual([
      ['evaluation.templates.policy', 'REQUIRED'],
    ]);
    expect(problems((p) => Object.assign(p.evaluation.templates, { capital: { dimensions: [] } }))).toEqual([
      ['evaluation.templates.capital', 'UNKNOWN_FIELD'],
    ]);
    // Points with two decimals are fine when they add up.
    expect(
      problems((p) => {
        p.evaluation.templates.project.dimensions[0].items[0].points = 3.5;
        p.evaluation.templates.project.dimensions[0].items[1].points = 3.5;
      }),
    ).toEqual([]);
  });

  it('checks the finance key criteria: weights to the total, scales that make sense', () => {
    const path = 'evaluation.financeKeyCriteria';
    expect(problems((p) => (p.evaluation.financeKeyCriteria.livelihood.weight = 25))).toEqual([[path, 'WEIGHTS_SUM_MISMATCH']]);
    expect(
      problems((p) => {
        p.evaluation.financeKeyCriteria.livelihood.weight = 0;
        p.evaluation.financeKeyCriteria.publicAttention.weight = 40;
      }),
    ).toEqual([]);
    expect(problems((p) => (p.evaluation.financeKeyCriteria.lastYearExecution.zeroAtOrAbovePct = 50))).toEqual([
      [`${path}.lastYearExecution.zeroAtOrAbovePct`, 'NOT_INCREASING'],
    ]);
    expect(problems((p) => (p.evaluation.financeKeyCriteria.lastYearExecution.fullAtOrBelowPct = 101))).toEqual([
      [`${path}.lastYearExecution.fullAtOrBelowPct`, 'OUT_OF_RANGE'],
    ]);
    expect(problems((p) => (p.evaluation.financeKeyCriteria.managementChain.fullAtOrAboveLevels = 1))).toEqual([
      [`${path}.managementChain.fullAtOrAboveLevels`, 'NOT_INCREASING'],
    ]);
    expect(problems((p) => (p.evaluation.financeKeyCriteria.publicAttention.pct.low = 60))).toEqual([
      [`${path}.publicAttention.pct.low`, 'NOT_DESCENDING'],
    ]);
    expect(problems((p) => delete (p.evaluation.financeKeyCriteria.publicAttention.pct as Partial<Record<string, number>>).medium)).toEqual([
      [`${path}.publicAttention.pct.medium`, 'REQUIRED'],
    ]);
  });

  it('checks the agency rules', () => {
    const path = 'evaluation.agencies';
    expect(problems((p) => (p.evaluation.agencies.violationLookBackYears = 21))).toEqual([[`${path}.violationLookBackYears`, 'OUT_OF_RANGE']]);
    expect(problems((p) => (p.evaluation.agencies.commissioningChecklist[1].code = 'truly_needed'))).toEqual([
      [`${path}.commissioningChecklist[1].code`, 'DUPLICATE_CODE'],
    ]);
    expect(problems((p) => (p.evaluation.agencies.commissioningChecklist[0].en = ''))).toEqual([
      [`${path}.commissioningChecklist[0].en`, 'EMPTY'],
    ]);
    expect(problems((p) => (p.evaluation.agencies.platformReferenceKinds = loose(['department', 'town'])))).toEqual([
      [`${path}.platformReferenceKinds[1]`, 'NOT_ALLOWED'],
    ]);
    expect(problems((p) => (p.evaluation.agencies.platformReferenceKinds = ['department', 'department']))).toEqual([
      [`${path}.platformReferenceKinds[1]`, 'DUPLICATE'],
    ]);
    expect(problems((p) => (p.evaluation.agencies.commissioningChecklist = []))).toEqual([]);
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
