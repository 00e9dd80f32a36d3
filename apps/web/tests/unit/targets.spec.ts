import { afterEach, describe, expect, it } from 'vitest';
import { TARGET_ACTION_LABELS, TARGET_STATUS_LABELS } from '@jixiao/contracts';
import { DEFAULT_LOCALE, setLocale } from '@/locales';
import messages from '@/locales/modules/targets';
import { CONSULTATION_STATUSES, PRE_REVIEW_STATUS, STATUS_TAG, emptyRow, weightErrors } from '@/views/targets/data';

describe('targets (SPA helpers)', () => {
  afterEach(() => setLocale(DEFAULT_LOCALE));

  it('caps indicator weights at the year’s total score the API gives, not at 100', () => {
    const rows = [
      { ...emptyRow(), weight: 100 },
      { ...emptyRow(), weight: 120 },
      { ...emptyRow(), weight: null },
    ];
    expect(weightErrors(rows, 150)).toEqual({});
    expect(Object.keys(weightErrors(rows, 100))).toEqual(['1']);
    expect(weightErrors(rows, 100)[1]).toContain('100');
    setLocale('en-US');
    expect(weightErrors(rows, 100)[1]).toContain('total score 100');
  });

  it('tags and labels every status, including pre-review and consultation', () => {
    for (const status of Object.keys(TARGET_STATUS_LABELS)) expect(STATUS_TAG[status as keyof typeof STATUS_TAG]).toBeTruthy();
    expect(PRE_REVIEW_STATUS).toBe('department_review');
    expect([...CONSULTATION_STATUSES]).toEqual(['in_consultation', 'consultation_submitted']);
    for (const action of ['department_pass', 'department_return', 'consultation_submit', 'consultation_confirm', 'consultation_return']) {
      const label = TARGET_ACTION_LABELS[action as keyof typeof TARGET_ACTION_LABELS];
      expect(label.zh && label.en).toBeTruthy();
    }
  });

  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(messages['en-US'].targets).sort()).toEqual(Object.keys(messages['zh-CN'].targets).sort());
  });
});
