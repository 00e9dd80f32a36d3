import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY_PROFILE, validatePolicyProfile } from './policy-profile';
import { PROFILE_SCHEMA_VERSION, PROFILE_UPGRADES, upgradeProfile } from './policy-profile-upgrades';

/** The 2022 profile exactly as release 1 (issues 2–3) stored it. */
const SCHEMA_1 = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'policy-profile-2022.schema-1.json'), 'utf8'));
/** The 2022 profile exactly as release 3 (issue 8, dual monitoring) stored it. */
const SCHEMA_3 = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'policy-profile-2022.schema-3.json'), 'utf8'));

describe('policy profile upgrades', () => {
  it('numbers the steps 2, 3, … without gaps, the last being the current schema', () => {
    expect(PROFILE_UPGRADES.map((s) => s.version)).toEqual(PROFILE_UPGRADES.map((_, i) => i + 2));
    expect(PROFILE_SCHEMA_VERSION).toBe(PROFILE_UPGRADES.length + 1);
    for (const step of PROFILE_UPGRADES) {
      expect(step.zh.length).toBeGreaterThan(0);
      expect(step.en.length).toBeGreaterThan(0);
    }
  });

  it('a profile stored by release 1 does not validate as it is, and does after the upgrade', () => {
    expect(validatePolicyProfile(SCHEMA_1).length).toBeGreaterThan(0);
    const { values, applied } = upgradeProfile(SCHEMA_1, 1, 2022);
    expect(validatePolicyProfile(values)).toEqual([]);
    expect(values).toEqual(DEFAULT_POLICY_PROFILE);
    expect(applied.map((s) => s.version)).toEqual(PROFILE_UPGRADES.map((s) => s.version));
  });

  it('keeps what the bureau set and only adds missing keys', () => {
    const edited = JSON.parse(JSON.stringify(SCHEMA_1));
    edited.keyProjects.amountThreshold = '5000000.00';
    edited.preAssessment.conclusionBands = { support: 85, adjustThenSupport: 70 };
    const { values } = upgradeProfile(edited, 1, 2022);
    expect(values.keyProjects.amountThreshold).toBe('5000000.00');
    expect(values.preAssessment.conclusionBands).toEqual({ support: 85, adjustThenSupport: 70 });
    expect(values.preAssessment.requirement).toBe('new_major_or_any_capital');
  });

  it('leaves a current profile alone and refuses one from a newer release', () => {
    const { values, applied } = upgradeProfile(DEFAULT_POLICY_PROFILE, PROFILE_SCHEMA_VERSION, 2022);
    expect(applied).toEqual([]);
    expect(values).toEqual(DEFAULT_POLICY_PROFILE);
    expect(() => upgradeProfile(DEFAULT_POLICY_PROFILE, PROFILE_SCHEMA_VERSION + 1, 2022)).toThrow(/newer release/);
    expect(() => upgradeProfile(DEFAULT_POLICY_PROFILE, 0, 2022)).toThrow(/invalid/);
  });

  it('gives a profile without a working calendar the published one of its own year (step 3)', () => {
    const { values: y2022 } = upgradeProfile(SCHEMA_1, 1, 2022);
    expect(y2022.workingCalendar.holidays).toContain('2022-10-03');
    expect(y2022.workingCalendar.makeUpWorkingDays).toContain('2022-10-08');
    expect(validatePolicyProfile(y2022, { year: 2022 })).toEqual([]);
    const { values: y2030 } = upgradeProfile(SCHEMA_1, 1, 2030);
    expect(y2030.workingCalendar).toEqual({ holidays: [], makeUpWorkingDays: [] });
    expect(y2030.monitoring.qualitativeBands.map((b) => b.pct)).toEqual([100, 80, 50, 0]);
    const { values: wrongYear } = upgradeProfile(SCHEMA_1, 1, 2022);
    expect(validatePolicyProfile(wrongYear, { year: 2023 }).map((i) => i.code)).toContain('OTHER_YEAR');
  });

  it('gives a schema-3 profile the evaluation rules (step 4) and keeps what the bureau set', () => {
    expect(validatePolicyProfile(SCHEMA_3).map((i) => i.field)).toEqual(
      expect.arrayContaining(['evaluation.selfEvaluation', 'evaluation.templates']),
    );
    const { values, applied } = upgradeProfile(SCHEMA_3, 3, 2022);
    expect(applied.map((s) => s.version)).toEqual([4]);
    expect(values).toEqual(DEFAULT_POLICY_PROFILE);

    const edited = JSON.parse(JSON.stringify(SCHEMA_3));
    edited.evaluation.financeKeyEvaluationCount = 8;
    edited.evaluation.grades.excellent = 92;
    const upgraded = upgradeProfile(edited, 3, 2022).values;
    expect(upgraded.evaluation.financeKeyEvaluationCount).toBe(8);
    expect(upgraded.evaluation.grades.excellent).toBe(92);
    expect(validatePolicyProfile(upgraded, { year: 2022 })).toEqual([]);
  });

  it('step 4 fits the defaults to a profile whose total score or item codes were changed, so it still validates', () => {
    const edited = JSON.parse(JSON.stringify(SCHEMA_3));
    edited.evaluation.totalScore = 120;
    edited.evaluation.selfEvaluationWeights = [
      { code: 'execution', zh: '预算执行', en: 'Execution', weight: 12 },
      { code: 'outputs', zh: '产出', en: 'Outputs', weight: 60 },
      { code: 'effects', zh: '效益', en: 'Effects', weight: 36 },
      { code: 'satisfied', zh: '满意度', en: 'Satisfaction', weight: 12 },
    ];
    edited.preAssessment.dimensions.forEach((d: { weight: number }) => (d.weight = 24));
    const { values } = upgradeProfile(edited, 3, 2022);
    expect(validatePolicyProfile(values, { year: 2022 })).toEqual([]);
    expect(values.evaluation.selfEvaluation.executionItem).toBe('execution');
    expect(values.evaluation.selfEvaluation.indicatorParts).toEqual({
      output: 'outputs',
      effect: 'effects',
      satisfaction: 'satisfied',
      cost: 'outputs',
    });
    expect(values.evaluation.selfEvaluation.weightFallbacks).toEqual({ satisfied: 'effects' });
    expect(values.evaluation.templates.project.dimensions.map((d) => d.weight)).toEqual([24, 24, 36, 36]);
    expect(values.evaluation.financeKeyCriteria.lastYearExecution.weight).toBe(48);

    // A total the defaults do not divide evenly: the rounding lands on the largest part, sums stay exact.
    const odd = JSON.parse(JSON.stringify(edited));
    odd.evaluation.totalScore = 97;
    const oddValues = upgradeProfile(odd, 3, 2022).values;
    const cents = (n: number) => Math.round(n * 100);
    for (const template of Object.values(oddValues.evaluation.templates)) {
      expect(template.dimensions.reduce((sum, d) => sum + cents(d.weight), 0)).toBe(9700);
      for (const d of template.dimensions) expect(d.items.reduce((sum, i) => sum + cents(i.points), 0)).toBe(cents(d.weight));
    }
    expect(
      validatePolicyProfile(oddValues).filter(
        (i) => i.field.startsWith('evaluation.templates') || i.field.startsWith('evaluation.financeKeyCriteria'),
      ),
    ).toEqual([]);
  });

  it('does not change its input', () => {
    const input = JSON.parse(JSON.stringify(SCHEMA_1));
    upgradeProfile(input, 1, 2022);
    expect(input).toEqual(SCHEMA_1);
  });
});
