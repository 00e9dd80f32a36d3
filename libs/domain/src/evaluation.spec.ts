import {
  agencyIndependenceIssues,
  commissioningIssues,
  countsAsKeyEvaluation,
  departmentEvaluationDue,
  evaluationDue,
  evaluationWorkYear,
  rankFinanceKeyCandidates,
  selectFinanceKeyEvaluations,
  selfEvaluationDue,
  selfEvaluationScore,
  templateFor,
  templateScore,
  type AgencyRecord,
  type CommissionInput,
  type FinanceKeyCandidate,
  type SelfEvaluationIndicator,
} from './evaluation';
import { evaluationGrade } from './grades';
import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';

const codes = (issues: { field: string; code: string }[]) => issues.map((i) => [i.field, i.code]);

/** An indicator of an approved target with its actual value; a ≥ indicator fully achieved unless changed. */
function ind(
  key: string,
  level1: SelfEvaluationIndicator['level1'],
  extra: Partial<SelfEvaluationIndicator> = {},
): SelfEvaluationIndicator {
  return { key, name: key, level1, comparison: '>=', target: '100', actual: '100', weight: null, ...extra };
}

const complete = [ind('o1', 'output'), ind('e1', 'effect'), ind('s1', 'satisfaction')];

describe('N1 evaluationGrade on decimal strings', () => {
  it.each([
    ['90.00', 'excellent'],
    ['89.99', 'good'],
    ['80.00', 'good'],
    ['79.99', 'fair'],
    ['60.00', 'fair'],
    ['59.99', 'poor'],
  ])('%s → %s', (score, grade) => {
    expect(evaluationGrade(score, P)).toBe(grade);
  });
});

describe('R11 / N2 selfEvaluationScore', () => {
  it('gives full marks for a fully achieved target and full execution', () => {
    const result = selfEvaluationScore({ executionRate: '100.00', indicators: complete }, P);
    expect(result).toMatchObject({ total: '100.00', grade: 'excellent', needsExplanation: [], issues: [] });
    expect(result.parts.map((p) => [p.code, p.points])).toEqual([
      ['budget_execution', '10.00'],
      ['output', '50.00'],
      ['effect', '30.00'],
      ['satisfaction', '10.00'],
    ]);
  });

  it('hits the grade boundaries exactly: 89.99 → good, 90.00 → excellent, 59.99 → poor', () => {
    // Execution 99.90 % gives 9.99 of 10; an output achieved 80 % gives 40 of 50.
    const eighty = [ind('o1', 'output', { actual: '80' }), ...complete.slice(1)];
    const good = selfEvaluationScore({ executionRate: '99.90', indicators: eighty.map((i) => ({ ...i, explanation: '受疫情影响' })) }, P);
    expect([good.total, good.grade]).toEqual(['89.99', 'good']);
    const excellent = selfEvaluationScore({ executionRate: '100.00', indicators: eighty }, P);
    expect([excellent.total, excellent.grade]).toEqual(['90.00', 'excellent']);
    // An output achieved 20 % gives 10 of 50: 9.99 + 10 + 30 + 10.
    const twenty = [ind('o1', 'output', { actual: '20' }), ...complete.slice(1)];
    const poor = selfEvaluationScore({ executionRate: '99.90', indicators: twenty }, P);
    expect([poor.total, poor.grade]).toEqual(['59.99', 'poor']);
  });

  it('caps the execution rate and every indicator at 100 %', () => {
    const over = selfEvaluationScore(
      { executionRate: '105.00', indicators: [ind('o1', 'output', { actual: '150' }), ...complete.slice(1)] },
      P,
    );
    expect(over.total).toBe('100.00');
    expect(over.lines.find((l) => l.key === 'budget_execution')).toMatchObject({
      basis: 'execution_rate',
      degree: '100.00',
      points: '10.00',
    });
    expect(over.lines.find((l) => l.key === 'o1')).toMatchObject({
      basis: 'at_least',
      degree: '100.00',
      points: '50.00',
      fullyAchieved: true,
    });
  });

  it('moves the satisfaction weight to the effect indicators when the target has none', () => {
    const result = selfEvaluationScore(
      { executionRate: '100.00', indicators: [ind('o1', 'output'), ind('e1', 'effect', { actual: '50', explanation: '工程延期' })] },
      P,
    );
    expect(result.parts.find((p) => p.code === 'satisfaction')).toMatchObject({
      effectiveWeight: '0.00',
      movedTo: 'effect',
      points: '0.00',
    });
    expect(result.parts.find((p) => p.code === 'effect')).toMatchObject({
      weight: '30.00',
      effectiveWeight: '40.00',
      receivedFrom: ['satisfaction'],
    });
    // The effect indicator is worth 40 and half achieved: 10 + 50 + 20.
    expect(result.lines.find((l) => l.key === 'e1')).toMatchObject({ maxPoints: '40.00', points: '20.00', degree: '50.00' });
    expect(result.total).toBe('80.00');
    const moved = result.lines.find((l) => l.basis === 'weight_moved')!;
    expect(moved).toMatchObject({ key: 'satisfaction', rule: 'N2' });
    expect(moved.message).toContain('10 分转入效益指标');
    expect(moved.messageEn).toContain('10 points move to Effect');
  });

  it('scores an item without indicators and without a fallback as 0, and follows the profile’s fallbacks', () => {
    const noOutput = selfEvaluationScore({ executionRate: '100.00', indicators: [ind('e1', 'effect'), ind('s1', 'satisfaction')] }, P);
    expect(noOutput.lines.find((l) => l.key === 'output')).toMatchObject({ basis: 'no_indicators', points: '0.00', maxPoints: '50.00' });
    expect(noOutput.total).toBe('50.00');
    const noFallback = copyProfile(P);
    noFallback.evaluation.selfEvaluation.weightFallbacks = {};
    const kept = selfEvaluationScore({ executionRate: '100.00', indicators: [ind('o1', 'output'), ind('e1', 'effect')] }, noFallback);
    expect(kept.total).toBe('90.00');
    expect(kept.lines.find((l) => l.key === 'satisfaction')?.basis).toBe('no_indicators');
  });

  describe('"=" indicators and the profile’s tolerance', () => {
    const score = (actual: string, profile = P) =>
      selfEvaluationScore(
        {
          executionRate: '100.00',
          indicators: [ind('o1', 'output'), ind('e1', 'effect', { comparison: '=', target: '200', actual }), ind('s1', 'satisfaction')],
        },
        profile,
      );

    it('gives full marks within the tolerance, on both sides and exactly at its edge', () => {
      for (const actual of ['200', '206', '190', '210', '190.00']) {
        const line = score(actual).lines.find((l) => l.key === 'e1')!;
        expect([actual, line.basis, line.points, line.fullyAchieved]).toEqual([actual, 'equal_within_tolerance', '30.00', true]);
      }
      expect(score('210').needsExplanation).toEqual([]);
    });

    it('scores 1 − deviation ÷ target just outside it, and asks for an explanation', () => {
      const result = score('210.01');
      const line = result.lines.find((l) => l.key === 'e1')!;
      // 10.01 ÷ 200 = 5.005 % off → 94.995 % of 30 = 28.4985.
      expect(line).toMatchObject({ basis: 'equal_outside_tolerance', degree: '95.00', points: '28.50', fullyAchieved: false });
      expect(result.total).toBe('98.50');
      expect(result.needsExplanation).toEqual(['e1']);
      expect(codes(result.issues)).toEqual([['indicators.1.explanation', 'EXPLANATION_REQUIRED']]);
      expect(line.message).toContain('±5% 容差');
      expect(score('100').lines.find((l) => l.key === 'e1')).toMatchObject({ degree: '50.00', points: '15.00' });
      expect(score('500').lines.find((l) => l.key === 'e1')).toMatchObject({ degree: '0.00', points: '0.00' });
    });

    it('takes the tolerance from the profile', () => {
      const strict = copyProfile(P);
      strict.evaluation.selfEvaluation.equalTolerancePct = 0;
      expect(score('206', strict).lines.find((l) => l.key === 'e1')).toMatchObject({ basis: 'equal_outside_tolerance', degree: '97.00' });
      expect(score('200', strict).lines.find((l) => l.key === 'e1')?.basis).toBe('equal_within_tolerance');
      const wide = copyProfile(P);
      wide.evaluation.selfEvaluation.equalTolerancePct = 10;
      expect(score('219.99', wide).lines.find((l) => l.key === 'e1')?.basis).toBe('equal_within_tolerance');
    });
  });

  it('scores ≤ indicators by target ÷ actual and qualitative ones by the profile’s bands', () => {
    const result = selfEvaluationScore(
      {
        executionRate: '100.00',
        indicators: [
          ind('o1', 'output', { comparison: '<=', target: '30', actual: '40', explanation: '审批延误' }),
          ind('e1', 'effect', {
            comparison: 'qualitative',
            target: '群众满意度明显提升',
            actual: null,
            band: 'mostly_achieved',
            explanation: '部分街道未覆盖',
          }),
          ind('s1', 'satisfaction', { comparison: '<=', target: '30', actual: '25' }),
        ],
      },
      P,
    );
    expect(result.lines.find((l) => l.key === 'o1')).toMatchObject({ basis: 'at_most', degree: '75.00', points: '37.50' });
    expect(result.lines.find((l) => l.key === 'e1')).toMatchObject({ basis: 'qualitative_band', degree: '80.00', points: '24.00' });
    expect(result.lines.find((l) => l.key === 's1')).toMatchObject({ basis: 'at_most', degree: '100.00', fullyAchieved: true });
    expect(result.lines.find((l) => l.key === 'e1')!.message).toContain('基本达成');
    expect(result.total).toBe('81.50');
    expect(result.needsExplanation).toEqual(['o1', 'e1']);
    expect(result.issues).toEqual([]);
  });

  it('shares an item by the indicators’ weights when all have one, else equally, and counts cost as output', () => {
    const weighted = selfEvaluationScore(
      {
        executionRate: '100.00',
        indicators: [
          ind('o1', 'output', { weight: '30', actual: '0', explanation: '未开工' }),
          ind('c1', 'cost', { weight: '20' }),
          ...complete.slice(1),
        ],
      },
      P,
    );
    expect(weighted.lines.filter((l) => l.part === 'output').map((l) => [l.key, l.maxPoints, l.points])).toEqual([
      ['o1', '30.00', '0.00'],
      ['c1', '20.00', '20.00'],
    ]);
    const equal = selfEvaluationScore(
      {
        executionRate: '100.00',
        indicators: [ind('o1', 'output', { weight: '30' }), ind('c1', 'cost', { weight: null }), ...complete.slice(1)],
      },
      P,
    );
    expect(equal.lines.filter((l) => l.part === 'output').map((l) => l.maxPoints)).toEqual(['25.00', '25.00']);
  });

  it('rounds the total once: three thirds of 50 show 16.67 each and add up to 50.00', () => {
    const thirds = [ind('o1', 'output'), ind('o2', 'output'), ind('o3', 'output'), ...complete.slice(1)];
    const result = selfEvaluationScore({ executionRate: '100.00', indicators: thirds }, P);
    expect(result.lines.filter((l) => l.part === 'output').map((l) => l.points)).toEqual(['16.67', '16.67', '16.67']);
    expect(result.total).toBe('100.00');
  });

  it('reports what is missing, scores it 0 for now, and names the rule in both languages', () => {
    const result = selfEvaluationScore(
      {
        executionRate: null,
        indicators: [
          ind('o1', 'output', { actual: null }),
          ind('o2', 'output', { actual: '12 个' }),
          ind('e1', 'effect', { comparison: 'qualitative', target: '提升', actual: null, band: 'great' }),
          ind('s1', 'satisfaction', { comparison: 'qualitative', target: '满意', actual: null, band: null }),
        ],
      },
      P,
    );
    expect(codes(result.issues)).toEqual([
      ['executionRate', 'EXECUTION_RATE_REQUIRED'],
      ['indicators.0.actual', 'ACTUAL_REQUIRED'],
      ['indicators.1.actual', 'NOT_A_NUMBER'],
      ['indicators.2.band', 'UNKNOWN_BAND'],
      ['indicators.3.band', 'BAND_REQUIRED'],
    ]);
    expect(result.total).toBe('0.00');
    expect(result.grade).toBe('poor');
    expect(result.needsExplanation).toEqual([]);
    for (const line of result.lines) {
      expect(line.rule).toBe('N2');
      expect(line.message).toMatch(/^N2：/);
      expect(line.messageEn).toMatch(/^N2: /);
    }
  });

  it('follows the profile’s weights', () => {
    const profile = copyProfile(P);
    profile.evaluation.selfEvaluationWeights = [
      { code: 'budget_execution', zh: '预算执行率', en: 'Budget execution rate', weight: 20 },
      { code: 'output', zh: '产出指标', en: 'Output', weight: 40 },
      { code: 'effect', zh: '效益指标', en: 'Effect', weight: 30 },
      { code: 'satisfaction', zh: '满意度指标', en: 'Satisfaction', weight: 10 },
    ];
    const result = selfEvaluationScore({ executionRate: '50.00', indicators: complete }, profile);
    expect(result.total).toBe('90.00');
  });
});

describe('R12 / R14 templateScore', () => {
  const project = templateFor('project', P);
  const full = () =>
    Object.fromEntries(project.dimensions.flatMap((d) => d.items.map((i) => [i.code, String(i.points)]))) as Record<string, string>;

  it('adds up the items and grades the total at the N1 boundaries', () => {
    expect(templateScore(project, full(), P)).toMatchObject({ total: '100.00', grade: 'excellent', complete: true, issues: [] });
    const ninety = { ...full(), output_quantity: '0' };
    expect(templateScore(project, ninety, P)).toMatchObject({ total: '90.00', grade: 'excellent' });
    const good = { ...ninety, budget_execution: '4.99' };
    expect(templateScore(project, good, P)).toMatchObject({ total: '89.99', grade: 'good' });
    const poor = { ...good, output_quality: '0', social_benefit: '0', recipient_satisfaction: '0', economic_benefit: '0' };
    const result = templateScore(project, poor, P);
    expect([result.total, result.grade]).toEqual(['59.99', 'poor']);
    expect(result.dimensions.map((d) => [d.code, d.weight, d.points])).toEqual([
      ['decision', '20.00', '20.00'],
      ['process', '20.00', '19.99'],
      ['output', '30.00', '12.00'],
      ['effect', '30.00', '8.00'],
    ]);
  });

  it('reports missing, out-of-range, malformed and unknown scores, and gives no grade until complete', () => {
    const scores: Record<string, string | number | null> = {
      ...full(),
      basis_adequacy: '4.01',
      procedure_compliance: 'abc',
      target_reasonableness: '1.234',
    };
    delete scores.indicator_clarity;
    scores.budget_soundness = null;
    scores.allocation_reasonableness = -1;
    scores.extra = '1';
    const result = templateScore(project, scores, P);
    expect(codes(result.issues)).toEqual([
      ['scores.basis_adequacy', 'OUT_OF_RANGE'],
      ['scores.procedure_compliance', 'NOT_A_SCORE'],
      ['scores.target_reasonableness', 'NOT_A_SCORE'],
      ['scores.indicator_clarity', 'REQUIRED'],
      ['scores.budget_soundness', 'REQUIRED'],
      ['scores.allocation_reasonableness', 'NOT_A_SCORE'],
      ['scores.extra', 'UNKNOWN_ITEM'],
    ]);
    expect(result).toMatchObject({ complete: false, grade: null, total: '80.00' });
    expect(result.issues[0].message).toContain('0 到 4');
    // Numbers with at most two decimals count like strings.
    expect(templateScore(project, { ...full(), funds_in_place: 3.5 }, P).total).toBe('99.50');
  });

  it('uses the profile’s template for each kind', () => {
    const overall = templateFor('department_overall', P);
    expect(overall.dimensions.map((d) => d.weight)).toEqual([15, 30, 30, 25]);
    expect(() => templateFor('capital' as never, P)).toThrow(RangeError);
  });
});

describe('R14 finance key evaluations', () => {
  const base: Omit<FinanceKeyCandidate, 'key' | 'code'> = {
    budgetAmount: '1000000.00',
    lastYearExecutionRate: '100.00',
    managementChainLevels: 1,
    isLivelihood: false,
    publicAttention: 'low',
  };
  const candidate = (key: string, extra: Partial<FinanceKeyCandidate> = {}): FinanceKeyCandidate => ({
    key,
    code: key.toUpperCase(),
    ...base,
    ...extra,
  });

  it('scores each criterion with its contribution visible', () => {
    const [top, second, third] = rankFinanceKeyCandidates(
      [
        candidate('c', { lastYearExecutionRate: null, managementChainLevels: null, isLivelihood: true }),
        candidate('b', { lastYearExecutionRate: '75.00', managementChainLevels: 2, publicAttention: 'medium' }),
        candidate('a', { lastYearExecutionRate: '40.00', managementChainLevels: 4, isLivelihood: true, publicAttention: 'high' }),
      ],
      P,
    );
    expect([top.candidate.key, top.rank, top.score]).toEqual(['a', 1, '100.00']);
    expect(top.criteria.map((c) => [c.criterion, c.points])).toEqual([
      ['last_year_execution', '40.00'],
      ['management_chain', '20.00'],
      ['livelihood', '20.00'],
      ['public_attention', '20.00'],
    ]);
    // 75 % is halfway between 50 % (all) and 100 % (none): 20; two levels of 1..4: a third of 20; medium: 10.
    expect(second.criteria.map((c) => [c.degree, c.points])).toEqual([
      ['50.00', '20.00'],
      ['33.33', '6.67'],
      ['0.00', '0.00'],
      ['50.00', '10.00'],
    ]);
    expect([second.candidate.key, second.score]).toEqual(['b', '36.67']);
    expect([third.candidate.key, third.score]).toEqual(['c', '20.00']);
    expect(third.criteria[0].message).toContain('无上年执行率');
    expect(second.criteria[0].messageEn).toContain('75.00%');
  });

  it('breaks ties by budget amount, then code, then key', () => {
    const ranked = rankFinanceKeyCandidates(
      [
        candidate('k2', { code: 'P-002' }),
        candidate('k3', { code: 'P-001', budgetAmount: '999999.99' }),
        candidate('k1', { code: 'P-002' }),
        candidate('k4', { code: 'P-000' }),
      ],
      P,
    );
    expect(ranked.map((r) => [r.candidate.key, r.rank])).toEqual([
      ['k4', 1],
      ['k1', 2],
      ['k2', 3],
      ['k3', 4],
    ]);
  });

  // Twelve candidates: the lower the execution rate, the higher the rank (k01 first).
  const twelve = rankFinanceKeyCandidates(
    Array.from({ length: 12 }, (_, i) => candidate(`k${String(i + 1).padStart(2, '0')}`, { lastYearExecutionRate: `${50 + i * 4}.00` })),
    P,
  );

  it('selects the profile’s number from the top of the ranking', () => {
    const selection = selectFinanceKeyEvaluations(twelve, P);
    expect(selection.required).toBe(10);
    expect(selection.selected.map((s) => s.key)).toEqual(twelve.slice(0, 10).map((r) => r.candidate.key));
    expect(selection.selected.every((s) => s.via === 'ranking')).toBe(true);
    expect(selection.issues).toEqual([]);
  });

  it('applies overrides with their reasons and keeps the count', () => {
    const selection = selectFinanceKeyEvaluations(twelve, P, [
      { key: 'k03', action: 'remove', reason: '2021 年已由审计全面审查' },
      { key: 'k12', action: 'add', reason: '区人大点题' },
    ]);
    expect(selection.issues).toEqual([]);
    expect(selection.selected).toHaveLength(10);
    expect(selection.selected.map((s) => s.key)).not.toContain('k03');
    expect(selection.selected.at(-1)).toMatchObject({ key: 'k12', rank: 12, via: 'override', reason: '区人大点题' });
    expect(selection.removed).toEqual([{ key: 'k03', code: 'K03', rank: 3, reason: '2021 年已由审计全面审查' }]);
  });

  it('refuses an override without a reason, and a selection of the wrong size', () => {
    const noReason = selectFinanceKeyEvaluations(twelve, P, [
      { key: 'k03', action: 'remove', reason: '  ' },
      { key: 'k12', action: 'add' },
    ]);
    expect(codes(noReason.issues)).toEqual([
      ['overrides.0.reason', 'REASON_REQUIRED'],
      ['overrides.1.reason', 'REASON_REQUIRED'],
    ]);
    const added = selectFinanceKeyEvaluations(twelve, P, [{ key: 'k12', action: 'add', reason: '区人大点题' }]);
    expect(codes(added.issues)).toEqual([['selected', 'COUNT_MISMATCH']]);
    expect(added.issues[0].message).toContain('须选定 10 个');
    const fewer = selectFinanceKeyEvaluations(twelve.slice(0, 4), P);
    expect(codes(fewer.issues)).toEqual([['selected', 'COUNT_MISMATCH']]);
  });

  it('refuses overrides that do not fit the ranking', () => {
    const selection = selectFinanceKeyEvaluations(twelve, P, [
      { key: 'nobody', action: 'add', reason: 'x' },
      { key: 'k01', action: 'add', reason: 'x' },
      { key: 'k11', action: 'remove', reason: 'x' },
      { key: 'k05', action: 'remove', reason: 'x' },
      { key: 'k05', action: 'remove', reason: 'x' },
      { key: 'k06', action: 'swap' as never, reason: 'x' },
    ]);
    expect(codes(selection.issues)).toEqual([
      ['overrides.0.key', 'UNKNOWN_CANDIDATE'],
      ['overrides.1.key', 'ALREADY_SELECTED'],
      ['overrides.2.key', 'NOT_SELECTED'],
      ['overrides.4.key', 'DUPLICATE_OVERRIDE'],
      ['overrides.5.action', 'INVALID_ACTION'],
      ['selected', 'COUNT_MISMATCH'],
    ]);
  });

  it('takes the count from the profile', () => {
    const profile = copyProfile(P);
    profile.evaluation.financeKeyEvaluationCount = 3;
    expect(selectFinanceKeyEvaluations(twelve, profile).selected.map((s) => s.rank)).toEqual([1, 2, 3]);
  });
});

describe('R13 / N8 agencies', () => {
  const agency: AgencyRecord = { state: 'active', violations: [], ties: [] };
  const context = {
    commissioningOrganizationId: 'bureau',
    evaluatedOrganizationId: 'unit-1',
    evaluatedProjectCode: 'QP-2021-001',
    date: '2022-05-10',
  };

  it('lets an active agency without recent violations or ties be commissioned', () => {
    expect(agencyIndependenceIssues(agency, context, P)).toEqual([]);
    const unrelated = {
      ...agency,
      ties: [
        { kind: 'staff' as const, organizationId: 'other-unit' },
        { kind: 'prior_work' as const, projectCode: 'QP-2021-999' },
      ],
    };
    expect(agencyIndependenceIssues(unrelated, context, P)).toEqual([]);
  });

  it('refuses a suspended or blacklisted agency', () => {
    expect(codes(agencyIndependenceIssues({ ...agency, state: 'suspended' }, context, P))).toEqual([['agencyId', 'AGENCY_NOT_ACTIVE']]);
    const blacklisted = agencyIndependenceIssues({ ...agency, state: 'blacklisted' }, context, P);
    expect(blacklisted[0].message).toContain('列入黑名单');
  });

  it('refuses violations within the profile’s look-back years (on the day three years earlier too)', () => {
    const at = (date: string) => agencyIndependenceIssues({ ...agency, violations: [{ date }] }, context, P).map((i) => i.code);
    expect(at('2019-05-10')).toEqual(['AGENCY_RECENT_VIOLATION']);
    expect(at('2021-12-01')).toEqual(['AGENCY_RECENT_VIOLATION']);
    expect(at('2019-05-09')).toEqual([]);
    const shorter = copyProfile(P);
    shorter.evaluation.agencies.violationLookBackYears = 1;
    expect(agencyIndependenceIssues({ ...agency, violations: [{ date: '2020-06-01' }] }, context, shorter)).toEqual([]);
  });

  it('refuses an agency tied to the commissioning party, the evaluated organization or the evaluated project', () => {
    const tied = (tie: AgencyRecord['ties'][number]) => agencyIndependenceIssues({ ...agency, ties: [tie] }, context, P);
    expect(codes(tied({ kind: 'ownership', organizationId: 'bureau' }))).toEqual([['agencyId', 'AGENCY_NOT_INDEPENDENT']]);
    expect(tied({ kind: 'staff', organizationId: 'unit-1' })[0].message).toContain('被评价单位');
    const prior = tied({ kind: 'prior_work', projectCode: 'QP-2021-001' });
    expect(prior[0].message).toContain('QP-2021-001');
    expect(prior[0].messageEn).toContain('earlier design or implementation');
    // The evaluated organization's parents count when the caller passes them.
    const withParents = agencyIndependenceIssues(
      { ...agency, ties: [{ kind: 'ownership', organizationId: 'dept-1' }] },
      { ...context, evaluatedOrganizationId: ['unit-1', 'dept-1'] },
      P,
    );
    expect(withParents.map((i) => i.code)).toEqual(['AGENCY_NOT_INDEPENDENT']);
    expect(() => agencyIndependenceIssues(agency, { ...context, date: '2022-13-01' }, P)).toThrow(RangeError);
  });

  const commission: CommissionInput = {
    kind: 'department',
    justification: '专业性强，本部门缺乏评价力量',
    checklist: P.evaluation.agencies.commissioningChecklist.map((i) => i.code),
    independenceDeclarationSigned: true,
    platformReference: 'SHJX-2022-0042',
  };

  it('accepts a complete commission', () => {
    expect(commissioningIssues(commission, P)).toEqual([]);
  });

  it('wants the justification, every checklist item, the declaration and, for key evaluations, the platform number', () => {
    const issues = commissioningIssues(
      {
        ...commission,
        justification: ' ',
        checklist: ['truly_needed', 'procurement', 'extra'],
        independenceDeclarationSigned: false,
        platformReference: null,
      },
      P,
    );
    expect(codes(issues)).toEqual([
      ['justification', 'JUSTIFICATION_REQUIRED'],
      ['checklist.within_standard', 'CHECKLIST_ITEM_MISSING'],
      ['checklist.conflicts_checked', 'CHECKLIST_ITEM_MISSING'],
      ['checklist.contract_terms', 'CHECKLIST_ITEM_MISSING'],
      ['checklist.extra', 'UNKNOWN_CHECKLIST_ITEM'],
      ['independenceDeclarationSigned', 'DECLARATION_REQUIRED'],
      ['platformReference', 'PLATFORM_REFERENCE_REQUIRED'],
    ]);
    expect(issues.at(-1)!.message).toContain('上海市预算绩效综合服务平台');
    expect(codes(commissioningIssues({ ...commission, kind: 'finance_key', platformReference: '' }, P))).toEqual([
      ['platformReference', 'PLATFORM_REFERENCE_REQUIRED'],
    ]);
    expect(commissioningIssues({ ...commission, kind: 'self', platformReference: null }, P)).toEqual([]);
  });
});

describe('deadlines and years', () => {
  it('puts the work in the year after the evaluated one, with that year’s profile', () => {
    expect(evaluationWorkYear(2021)).toBe(2022);
    expect(selfEvaluationDue(2021, P)).toEqual({ code: 'self_evaluation', rule: 'R11', workYear: 2022, due: '2022-03-31' });
    expect(departmentEvaluationDue(2021, P)).toEqual({ code: 'department_evaluation', rule: 'R12', workYear: 2022, due: '2022-06-30' });
    expect(evaluationDue('finance_key', 2021, P)).toBeNull();
    const later = copyProfile(P);
    later.deadlines[0].date = '04-15';
    later.deadlines[0].sectorDates = { education: '04-30' };
    expect(selfEvaluationDue(2022, later)?.due).toBe('2023-04-15');
    expect(selfEvaluationDue(2022, later, 'education')?.due).toBe('2023-04-30');
    later.deadlines = later.deadlines.filter((d) => d.code !== 'department_evaluation');
    expect(departmentEvaluationDue(2022, later)).toBeNull();
  });

  it('R4: department and finance key evaluations count for the five-year cycle, self-evaluations do not', () => {
    expect(countsAsKeyEvaluation('department')).toBe(true);
    expect(countsAsKeyEvaluation('finance_key')).toBe(true);
    expect(countsAsKeyEvaluation('self')).toBe(false);
  });
});
