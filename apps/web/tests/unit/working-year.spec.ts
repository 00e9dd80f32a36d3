import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { settingsApi } from '@/api/settings';
import { useWorkingYearStore } from '@/stores/working-year';
import messages from '@/locales/modules/settings';

describe('working year store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.restoreAllMocks();
  });

  it('asks the API once, concurrent callers sharing the request, and answers the district’s year', async () => {
    const get = vi
      .spyOn(settingsApi, 'workingYear')
      .mockResolvedValue({ year: 2022, source: 'latest_profile', hasProfile: true, updatedAt: null });
    const store = useWorkingYearStore();
    expect(store.year).toBeNull();
    const [a, b] = await Promise.all([store.ensure(), store.ensure()]);
    expect([a, b]).toEqual([2022, 2022]);
    expect(await store.ensure()).toBe(2022);
    expect(get).toHaveBeenCalledTimes(1);
    expect(store.source).toBe('latest_profile');
  });

  it('takes the year the finance bureau sets, and asks again after a reset', async () => {
    const get = vi
      .spyOn(settingsApi, 'workingYear')
      .mockResolvedValue({ year: 2022, source: 'latest_profile', hasProfile: true, updatedAt: null });
    vi.spyOn(settingsApi, 'setWorkingYear').mockResolvedValue({
      year: 2023,
      source: 'setting',
      hasProfile: true,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const store = useWorkingYearStore();
    await store.ensure();
    expect(await store.set(2023)).toBe(2023);
    expect(store.year).toBe(2023);
    expect(store.source).toBe('setting');
    store.reset();
    expect(store.year).toBeNull();
    await store.ensure();
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('lets a failed load be retried', async () => {
    const get = vi
      .spyOn(settingsApi, 'workingYear')
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ year: 2024, source: 'setting', hasProfile: true, updatedAt: null });
    const store = useWorkingYearStore();
    await expect(store.ensure()).rejects.toThrow('offline');
    expect(await store.ensure()).toBe(2024);
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(messages['en-US'].workingYear as object).sort()).toEqual(
      Object.keys(messages['zh-CN'].workingYear as object).sort(),
    );
  });
});
