import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, DISTRICT_ONLY_PERMISSIONS, Permission } from '@jixiao/contracts';
import { keepOffered, offeredPermissions, permissionGroups } from '@/views/system/api-keys/data';
import { i18n } from '@/locales';

describe('API key form: which permissions are offered', () => {
  const flat = (limited: boolean) => permissionGroups(limited).flatMap((g) => g.permissions);

  it('offers every permission for a district-wide key', () => {
    expect(flat(false).sort()).toEqual([...ALL_PERMISSIONS].sort());
    expect(offeredPermissions(false)).toContain(Permission.TargetReview);
  });

  it('offers no district-only permission once an organization is chosen (the contracts table the API checks)', () => {
    const offered = flat(true);
    expect(DISTRICT_ONLY_PERMISSIONS.length).toBeGreaterThan(0);
    expect(offered.filter((p) => (DISTRICT_ONLY_PERMISSIONS as string[]).includes(p))).toEqual([]);
    expect(offered).not.toContain(Permission.TargetReview);
    expect(offered).not.toContain(Permission.UserManage);
    expect(offered).toContain(Permission.TargetWrite);
    expect(offered.length).toBe(ALL_PERMISSIONS.length - DISTRICT_ONLY_PERMISSIONS.length);
  });

  it('unticks district-only permissions when an organization is chosen, and keeps the rest', () => {
    const ticked = [Permission.TargetRead, Permission.TargetReview, Permission.UserManage, Permission.ProjectWrite];
    expect(keepOffered(ticked, true)).toEqual([Permission.TargetRead, Permission.ProjectWrite]);
    expect(keepOffered(ticked, false)).toEqual(ticked);
  });

  it('explains the hidden permissions in both languages', () => {
    const zh = i18n.global.getLocaleMessage('zh-CN') as { apiKey: Record<string, string> };
    const en = i18n.global.getLocaleMessage('en-US') as { apiKey: Record<string, string> };
    expect(zh.apiKey.districtOnlyHidden).toMatch(/限定机构/);
    expect(en.apiKey.districtOnlyHidden).toMatch(/one organization/);
  });
});
