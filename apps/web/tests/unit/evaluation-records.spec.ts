import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { dataScopeOf, permissionsOf, type Role } from '@jixiao/contracts';
import { MENU, visibleMenu, type VisibleMenuItem } from '@/layouts/menu';
import { DEFAULT_LOCALE, setLocale } from '@/locales';
import messages from '@/locales/modules/evaluations';
import { mayOpen } from '@/router/access';
import { routes } from '@/router/routes';
import { satisfies } from '@/stores/auth';
import { COLUMNS, describeImport } from '@/views/evaluations/records/data';

const router = createRouter({ history: createMemoryHistory(), routes });
const metaOf = (name: string) => router.getRoutes().find((r) => r.name === name)?.meta;
const KIND: Partial<Record<Role, string>> = {
  finance: 'finance_bureau',
  department: 'department',
  unit: 'unit',
  agency: 'agency',
  auditor: 'auditor',
};

function menuFor(role: Role): VisibleMenuItem[] {
  const granted = new Set<string>(permissionsOf([role]));
  const who = { roles: [role], dataScope: dataScopeOf([role]), organizationKind: KIND[role] ?? role };
  return visibleMenu(MENU, metaOf, (meta) => mayOpen(meta, { can: (required) => satisfies(granted, required), who }));
}
// The group's key is 'evaluation' (the list's own entry is keyed 'evaluations').
const group = (items: VisibleMenuItem[]) => items.find((i) => i.key === 'evaluation');

afterEach(() => setLocale(DEFAULT_LOCALE));

describe('evaluation records (issue 9)', () => {
  it('sits in the 绩效评价 group, after dual monitoring, for everyone who reads organizations’ evaluations', () => {
    for (const role of ['finance', 'department', 'unit', 'auditor'] as const) {
      const children = group(menuFor(role))?.children?.map((c) => c.key) ?? [];
      expect(children).toContain('evaluation-records');
      // The R14 selection is the bureau's alone.
      expect(children.includes('evaluation-finance-key')).toBe(role === 'finance');
    }
    expect(group(menuFor('finance'))?.children?.map((c) => c.key)).toEqual([
      'evaluations',
      'evaluation-coverage',
      'evaluation-finance-key',
      'evaluation-records',
    ]);
    const keys = menuFor('finance').map((i) => i.key);
    expect(keys.indexOf('evaluation')).toBeGreaterThan(keys.indexOf('monitoring'));
    // An agency sees only what is commissioned to it: the history list would always be empty.
    const agency = group(menuFor('agency'))?.children?.map((c) => c.key) ?? [];
    expect(agency).not.toContain('evaluation-records');
    expect(agency).not.toContain('evaluation-finance-key');
  });

  it('says what an import did, in both languages, with the codes the library does not know', () => {
    const result = { rows: 5, created: 3, unchanged: 2, notInLibrary: 1 };
    expect(describeImport(result)).toBe('导入完成：共 5 行，新建记录 3 条，此前已导入 2 行；其中 1 条的项目编码不在项目库中（已记录）');
    setLocale('en-US');
    expect(describeImport({ ...result, notInLibrary: 0 })).toBe('Imported 5 row(s): 3 record(s) created, 2 imported before');
  });

  it('labels every column in both languages', () => {
    for (const column of COLUMNS) {
      const key = column.label.split('.').slice(2).join('.');
      expect(messages['zh-CN'].evaluations.records).toHaveProperty(key);
      expect(messages['en-US'].evaluations.records).toHaveProperty(key);
    }
  });
});
