import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';
import {
  conclusionForScore,
  conclusionIssues,
  preAssessmentRequired,
  preAssessmentRequiredSql,
  preAssessmentSupports,
  PRE_ASSESSMENT_REQUIREMENT_CLAUSES,
} from './pre-assessment';

const OLD = copyProfile(P);
OLD.preAssessment.requirement = 'new_major_or_new_capital';
const flags = (isNew: boolean, isMajor: boolean, isCapitalConstruction: boolean) => ({ isNew, isMajor, isCapitalConstruction });

describe('R5 preAssessmentRequired', () => {
  it('under the seed reading requires one for new major projects and for every capital-construction project', () => {
    expect(P.preAssessment.requirement).toBe('new_major_or_any_capital');
    expect(preAssessmentRequired(flags(true, true, false), P)).toBe(true);
    expect(preAssessmentRequired(flags(true, false, true), P)).toBe(true);
    expect(preAssessmentRequired(flags(false, false, true), P)).toBe(true); // continuing capital construction
    expect(preAssessmentRequired(flags(false, true, false), P)).toBe(false);
    expect(preAssessmentRequired(flags(true, false, false), P)).toBe(false);
  });

  it('under the earlier reading requires one only for new projects that are major or capital construction', () => {
    expect(preAssessmentRequired(flags(false, false, true), OLD)).toBe(false);
    expect(preAssessmentRequired(flags(false, true, true), OLD)).toBe(false);
    expect(preAssessmentRequired(flags(true, false, true), OLD)).toBe(true);
    expect(preAssessmentRequired(flags(true, true, false), OLD)).toBe(true);
  });

  it('reads as the seed without a profile', () => {
    expect(preAssessmentRequired(flags(false, false, true), undefined)).toBe(true);
  });

  it('builds its SQL from the same clauses', () => {
    const sql = preAssessmentRequiredSql((f) => `p.${f}`, 'r');
    expect(sql).toBe(
      "(CASE r WHEN 'new_major_or_new_capital' THEN ((p.isNew AND p.isMajor) OR (p.isNew AND p.isCapitalConstruction)) " +
        'ELSE ((p.isNew AND p.isMajor) OR (p.isCapitalConstruction)) END)',
    );
    expect(Object.keys(PRE_ASSESSMENT_REQUIREMENT_CLAUSES).sort()).toEqual(['new_major_or_any_capital', 'new_major_or_new_capital']);
  });
});

describe('N6 conclusionForScore', () => {
  it('maps the total to the band (80 / 60 by default), in hundredths', () => {
    expect(conclusionForScore('100.00', P)).toBe('support');
    expect(conclusionForScore('80.00', P)).toBe('support');
    expect(conclusionForScore('79.99', P)).toBe('support_after_adjustment');
    expect(conclusionForScore(60, P)).toBe('support_after_adjustment');
    expect(conclusionForScore('59.99', P)).toBe('reject');
    expect(conclusionForScore('30', P)).toBe('reject');
  });

  it('follows the profile', () => {
    const profile = copyProfile(P);
    profile.preAssessment.conclusionBands = { support: 90, adjustThenSupport: 70 };
    expect(conclusionForScore('85', profile)).toBe('support_after_adjustment');
    expect(conclusionForScore('65', profile)).toBe('reject');
  });

  it('refuses a non-number', () => {
    expect(() => conclusionForScore('abc', P)).toThrow(RangeError);
  });
});

describe('preAssessmentSupports', () => {
  it('needs the bureau’s acceptance and a supporting conclusion, the adjustment done for 调整后支持', () => {
    expect(preAssessmentSupports({ status: 'accepted', conclusion: 'support' })).toBe(true);
    expect(preAssessmentSupports({ status: 'submitted', conclusion: 'support' })).toBe(false);
    expect(preAssessmentSupports({ status: 'accepted', conclusion: 'reject' })).toBe(false);
    expect(preAssessmentSupports({ status: 'accepted', conclusion: 'support_after_adjustment' })).toBe(false);
    expect(preAssessmentSupports({ status: 'accepted', conclusion: 'support_after_adjustment', adjustmentCompleted: true })).toBe(true);
    expect(preAssessmentSupports(null)).toBe(false);
  });
});

describe('N6 conclusionIssues', () => {
  const fields = (input: Parameters<typeof conclusionIssues>[0]) => conclusionIssues(input, P).map((i) => `${i.field}:${i.code}`);

  it('refuses a conclusion away from the score’s band without a reason (a score of 30 is not 支持)', () => {
    expect(fields({ completeTotal: '30.00', conclusion: 'support' })).toEqual(['departureReason:DEPARTS_FROM_SCORE']);
    expect(fields({ completeTotal: '30.00', conclusion: 'support', departureReason: '  ' })).toEqual(['departureReason:DEPARTS_FROM_SCORE']);
    expect(fields({ completeTotal: '30.00', conclusion: 'support', departureReason: '区委常委会已决定实施' })).toEqual([]);
    expect(fields({ completeTotal: '85.00', conclusion: 'support' })).toEqual([]);
    expect(fields({ completeTotal: '50.00', conclusion: 'reject' })).toEqual([]);
  });

  it('requires the adjustment for 调整后支持', () => {
    expect(fields({ completeTotal: '70.00', conclusion: 'support_after_adjustment' })).toEqual(['adjustmentRequired:REQUIRED']);
    expect(fields({ completeTotal: '70.00', conclusion: 'support_after_adjustment', adjustmentRequired: '压减设备购置预算 10%' })).toEqual([]);
  });

  it('leaves the band alone while the scoring is partial, and says nothing without a conclusion', () => {
    expect(fields({ completeTotal: null, conclusion: 'support' })).toEqual([]);
    expect(fields({ completeTotal: '10', conclusion: null })).toEqual([]);
  });
});
