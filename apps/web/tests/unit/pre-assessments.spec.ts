import { describe, expect, it } from 'vitest';
import { suggestedConclusion } from '@/views/pre-assessments/data';
import { canBeKey } from '@/views/projects/data';
import messages from '@/locales/modules/pre-assessments';

const dims = [{ code: 'a' }, { code: 'b' }];
const bands = { support: 80, adjustThenSupport: 60 };

describe('pre-assessment conclusion (SPA helpers)', () => {
  it('suggests the conclusion of the year’s bands once every dimension is scored', () => {
    expect(suggestedConclusion({ a: 40, b: 40 }, dims, bands)).toBe('support');
    expect(suggestedConclusion({ a: 40, b: 39.99 }, dims, bands)).toBe('support_after_adjustment');
    expect(suggestedConclusion({ a: 15, b: 15 }, dims, bands)).toBe('reject');
    expect(suggestedConclusion({ a: 40 }, dims, bands)).toBeNull();
    expect(suggestedConclusion({ a: 40, b: 40 }, dims, null)).toBeNull();
    expect(suggestedConclusion({ a: 40, b: 40 }, dims, { support: 90, adjustThenSupport: 70 })).toBe('support_after_adjustment');
  });

  it('has the new texts in both languages', () => {
    const zh = messages['zh-CN'].preAssessments as Record<string, string>;
    const en = messages['en-US'].preAssessments as Record<string, string>;
    for (const key of ['suggested', 'departureReason', 'adjustmentRequired', 'completeAdjustment', 'adjustmentPending']) {
      expect(zh[key]).toBeTruthy();
      expect(en[key]).toBeTruthy();
    }
  });

  it('offers a hand-set key basis only where a project can be key', () => {
    expect(canBeKey('project')).toBe(true);
    expect(canBeKey('policy')).toBe(true);
    expect(canBeKey('department_overall')).toBe(false);
  });
});
