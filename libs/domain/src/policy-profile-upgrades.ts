/**
 * Stored policy profiles are upgraded by versioned steps when the API starts: every release that
 * adds a number to the profile adds one step here, which gives the new keys their defaults. A
 * database saved by an earlier version therefore starts and validates; each applied step is
 * recorded in the audit log by the API. Steps are pure and never remove what a bureau has set.
 */
import type { Label } from '@jixiao/contracts';
import { DEFAULT_QUALITATIVE_BANDS, type PolicyProfileValues } from './policy-profile';
import { defaultWorkingCalendar } from './working-calendar';

type Json = Record<string, unknown>;

export interface ProfileUpgrade extends Label {
  /** The schema version a profile has after this step. Version 1 is the first stored shape. */
  version: number;
  /** The issue or rule that asked for the new numbers, e.g. `R5`. */
  rule: string;
  /** `year` is the profile's budget year (a step may default a year-specific value, e.g. its calendar). */
  apply(values: Json, context: { year: number }): Json;
}

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A section of the profile as an object (a missing or malformed one becomes empty, for validation to report). */
const section = (values: Json, key: string): Json => (isRecord(values[key]) ? { ...(values[key] as Json) } : {});

/** Sets `key` only where the stored profile lacks it. */
const withDefault = (target: Json, key: string, value: unknown): Json =>
  key in target ? target : { ...target, [key]: value };

export const PROFILE_UPGRADES: readonly ProfileUpgrade[] = [
  {
    version: 2,
    rule: 'R5',
    zh: '事前绩效评估：基建投资项目一律评估的口径；评估结论与得分对应的分数线（80 支持、60 调整后支持）',
    en: 'Pre-assessment: capital-construction projects always need one; score bands for the conclusion (80 support, 60 support after adjustment)',
    apply(values) {
      let pre = section(values, 'preAssessment');
      pre = withDefault(pre, 'requirement', 'new_major_or_any_capital');
      pre = withDefault(pre, 'conclusionBands', { support: 80, adjustThenSupport: 60 });
      return { ...values, preAssessment: pre };
    },
  },
  {
    version: 3,
    rule: 'N7',
    zh: '双监控：年度工作日历（法定节假日、调休上班日，用于“10个工作日”）；定性指标完成程度分档',
    en: 'Dual monitoring: the year\'s working calendar (public holidays, make-up working days, for the "10 working days"); bands for qualitative indicators',
    apply(values, { year }) {
      let monitoring = section(values, 'monitoring');
      monitoring = withDefault(monitoring, 'qualitativeBands', DEFAULT_QUALITATIVE_BANDS.map((band) => ({ ...band })));
      return withDefault({ ...values, monitoring }, 'workingCalendar', defaultWorkingCalendar(year));
    },
  },
];

/** The schema version of a profile written by this release. */
export const PROFILE_SCHEMA_VERSION = PROFILE_UPGRADES.reduce((max, step) => Math.max(max, step.version), 1);

export interface UpgradeResult {
  values: PolicyProfileValues;
  /** The steps applied, oldest first (empty when the profile was current). */
  applied: ProfileUpgrade[];
}

/**
 * Brings values stored at `fromVersion` to `PROFILE_SCHEMA_VERSION`. A profile from a newer
 * release than this one cannot be read safely: that throws, and the API refuses to start.
 */
export function upgradeProfile(values: unknown, fromVersion: number, year: number): UpgradeResult {
  if (!Number.isInteger(fromVersion) || fromVersion < 1) throw new Error(`invalid profile schema version ${fromVersion}`);
  if (fromVersion > PROFILE_SCHEMA_VERSION) {
    throw new Error(
      `the policy profile was saved by a newer release (schema ${fromVersion}, this release reads up to ${PROFILE_SCHEMA_VERSION})`,
    );
  }
  let current: Json = isRecord(values) ? values : {};
  const applied: ProfileUpgrade[] = [];
  for (const step of [...PROFILE_UPGRADES].sort((a, b) => a.version - b.version)) {
    if (step.version <= fromVersion) continue;
    current = step.apply(current, { year });
    applied.push(step);
  }
  return { values: current as unknown as PolicyProfileValues, applied };
}
