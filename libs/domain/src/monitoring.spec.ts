import {
  applicableCheckpoint,
  executionWarnings,
  responseDeadline,
  WARNING_LABELS,
  WARNING_RESPONSE_LABELS,
} from './monitoring';
import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';

const codes = (reading: Parameters<typeof executionWarnings>[0], profile = P) =>
  executionWarnings(reading, profile).map((w) => w.code);

describe('N7 execution checkpoints', () => {
  it('has no checkpoint before April', () => {
    expect(applicableCheckpoint(3, P)).toBeUndefined();
    expect(codes({ month: 3, executionPct: 0 })).toEqual([]);
  });

  it('uses the latest checkpoint whose month has been reached', () => {
    expect(applicableCheckpoint(4, P)?.minExecutionPct).toBe(25);
    expect(applicableCheckpoint(5, P)?.minExecutionPct).toBe(25);
    expect(applicableCheckpoint(7, P)?.minExecutionPct).toBe(40);
    expect(applicableCheckpoint(12, P)?.minExecutionPct).toBe(80);
  });

  it('warns just below the minimum, not at it', () => {
    expect(codes({ month: 4, executionPct: 25 })).toEqual([]);
    expect(codes({ month: 4, executionPct: 24.99 })).toEqual(['EXECUTION_BELOW_CHECKPOINT']);
    expect(codes({ month: 6, executionPct: 39.99 })).toEqual(['EXECUTION_BELOW_CHECKPOINT']);
    expect(codes({ month: 8, executionPct: 60 })).toEqual([]);
    expect(codes({ month: 11, executionPct: 79.99 })).toEqual(['EXECUTION_BELOW_CHECKPOINT']);
  });

  it('reports the threshold, the actual value and the checkpoint month, in both languages', () => {
    const [warning] = executionWarnings({ month: 9, executionPct: 55 }, P);
    expect(warning).toMatchObject({
      code: 'EXECUTION_BELOW_CHECKPOINT',
      threshold: 60,
      actual: 55,
      checkpointMonth: 8,
    });
    expect(warning.message).toContain('8月末');
    expect(warning.messageEn).toContain('60%');
  });

  it('does not depend on the order of the checkpoints', () => {
    const profile = copyProfile(P);
    profile.monitoring.executionCheckpoints.reverse();
    expect(applicableCheckpoint(7, profile)?.month).toBe(6);
  });
});

describe('N7 deviation', () => {
  it('warns only beyond the allowed points, in either direction', () => {
    expect(codes({ month: 2, executionPct: 20, achievementPct: 30 })).toEqual([]);
    expect(codes({ month: 2, executionPct: 20, achievementPct: 30.01 })).toEqual(['DEVIATION']);
    expect(codes({ month: 2, executionPct: 30.01, achievementPct: 20 })).toEqual(['DEVIATION']);
    expect(codes({ month: 2, executionPct: 30, achievementPct: 20 })).toEqual([]);
  });

  it('treats exactly 10 points as 10 despite float subtraction (20.1 − 10.1)', () => {
    expect(20.1 - 10.1).toBeGreaterThan(10);
    expect(codes({ month: 2, executionPct: 10.1, achievementPct: 20.1 })).toEqual([]);
  });

  it('gives both warnings at once', () => {
    const warnings = executionWarnings({ month: 6, executionPct: 30, achievementPct: 70 }, P);
    expect(warnings.map((w) => [w.code, w.threshold, w.actual])).toEqual([
      ['EXECUTION_BELOW_CHECKPOINT', 40, 30],
      ['DEVIATION', 10, 40],
    ]);
  });

  it('uses the points of the profile', () => {
    const profile = copyProfile(P);
    profile.monitoring.deviationPoints = 5;
    expect(codes({ month: 1, executionPct: 10, achievementPct: 15 }, profile)).toEqual([]);
    expect(codes({ month: 1, executionPct: 10, achievementPct: 15.5 }, profile)).toEqual(['DEVIATION']);
  });

  it('refuses invalid readings', () => {
    expect(() => executionWarnings({ month: 0, executionPct: 10 }, P)).toThrow(RangeError);
    expect(() => executionWarnings({ month: 13, executionPct: 10 }, P)).toThrow(RangeError);
    expect(() => executionWarnings({ month: 4.5, executionPct: 10 }, P)).toThrow(RangeError);
    expect(() => executionWarnings({ month: 4, executionPct: -1 }, P)).toThrow(RangeError);
    expect(() => executionWarnings({ month: 4, executionPct: Number.NaN }, P)).toThrow(RangeError);
    expect(() => executionWarnings({ month: 4, executionPct: 30, achievementPct: -5 }, P)).toThrow(RangeError);
  });

  it('labels warnings and responses', () => {
    expect(WARNING_LABELS.DEVIATION.zh).toBeTruthy();
    expect(WARNING_RESPONSE_LABELS.cancel.en).toBe('Cancel');
  });
});

describe('N7 responseDeadline', () => {
  it('adds the working days of the profile', () => {
    // Friday 29 April 2022 + 10 working days (holidays not given) → Friday 13 May.
    expect(responseDeadline('2022-04-29', P)).toBe('2022-05-13');
    const profile = copyProfile(P);
    profile.monitoring.responseWorkingDays = 1;
    expect(responseDeadline('2022-04-29', profile)).toBe('2022-05-02');
  });

  it('passes a holiday calendar through', () => {
    const holidays = ['2022-05-02', '2022-05-03', '2022-05-04'];
    const profile = copyProfile(P);
    profile.monitoring.responseWorkingDays = 1;
    expect(responseDeadline('2022-04-29', profile, { holidays })).toBe('2022-05-05');
  });
});
