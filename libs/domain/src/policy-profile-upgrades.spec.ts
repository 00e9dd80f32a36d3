import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY_PROFILE, validatePolicyProfile } from './policy-profile';
import { PROFILE_SCHEMA_VERSION, PROFILE_UPGRADES, upgradeProfile } from './policy-profile-upgrades';

/** The 2022 profile exactly as release 1 (issues 2–3) stored it. */
const SCHEMA_1 = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'policy-profile-2022.schema-1.json'), 'utf8'));

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

  it('does not change its input', () => {
    const input = JSON.parse(JSON.stringify(SCHEMA_1));
    upgradeProfile(input, 1, 2022);
    expect(input).toEqual(SCHEMA_1);
  });
});
