import { DEFAULT_POLICY_PROFILE } from '@jixiao/domain';
import { checkOpinions, checkPartialScores, partialTotal, submissionIssues } from './pre-assessment-rules';

const dims = DEFAULT_POLICY_PROFILE.preAssessment.dimensions;
const full = { necessity: 18, economy: 17.5, target_reasonableness: 16, feasibility: 19, funding_compliance: 20 };

describe('pre-assessment rules (N6)', () => {
  it('accepts partial scores within their weights and totals them exactly', () => {
    expect(checkPartialScores({ necessity: 20, economy: 0 }, dims)).toEqual([]);
    expect(partialTotal({ necessity: 18.25, economy: 17.5 }, dims)).toBe('35.75');
    expect(partialTotal({}, dims)).toBeNull();
    expect(partialTotal(full, dims)).toBe('90.50');
  });

  it('refuses a score above its weight, below zero, with three decimals, or for an unknown dimension', () => {
    const issues = checkPartialScores({ necessity: 20.01, economy: -1, feasibility: 1.005, beauty: 3 }, dims);
    expect(issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual([
      'scores.beauty:UNKNOWN_ITEM',
      'scores.economy:OUT_OF_RANGE',
      'scores.feasibility:TOO_MANY_DECIMALS',
      'scores.necessity:OUT_OF_RANGE',
    ]);
  });

  it('checks opinions by dimension', () => {
    expect(checkOpinions({ necessity: '立项依据充分' }, dims)).toEqual([]);
    expect(checkOpinions({ other: 'x', economy: 'y'.repeat(2001), feasibility: 3 }, dims).map((i) => `${i.field}:${i.code}`).sort()).toEqual([
      'opinions.economy:TOO_LONG',
      'opinions.feasibility:NOT_A_STRING',
      'opinions.other:UNKNOWN_ITEM',
    ]);
  });

  it('lists what a submission lacks', () => {
    const base = { scores: full, conclusion: 'support', reportFileId: 'f', performedBy: 'department', agencyOrganizationId: null };
    expect(submissionIssues(base, dims)).toEqual([]);
    const lacking = submissionIssues(
      { scores: { necessity: 10 }, conclusion: null, reportFileId: null, performedBy: 'agency', agencyOrganizationId: null },
      dims,
    );
    expect(lacking.map((i) => i.field)).toEqual([
      'scores.economy',
      'scores.target_reasonableness',
      'scores.feasibility',
      'scores.funding_compliance',
      'conclusion',
      'report',
      'agencyOrganizationId',
    ]);
  });
});
