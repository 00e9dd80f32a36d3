import { Reflector } from '@nestjs/core';
import { Permission } from '@jixiao/contracts';
import { addDays, shanghaiDate } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AsWorkbenchProvider, WorkbenchItem, WorkbenchProvider } from './workbench-provider';
import { WorkbenchService } from './workbench.service';

/** A module registering items the workbench knows nothing about (as monitoring will). */
@AsWorkbenchProvider()
class LaterModuleWorkbench implements WorkbenchProvider {
  constructor(private readonly counted: string[]) {}
  items(): WorkbenchItem[] {
    const item = (key: string, permission: Permission, count: number, extra: Partial<WorkbenchItem> = {}): WorkbenchItem => ({
      key,
      section: 'todo',
      label: { zh: key, en: key },
      permission,
      order: 1,
      count: async () => {
        this.counted.push(key);
        return { count };
      },
      link: (ctx) => ({ route: 'monitoring', query: { year: String(ctx.year) } }),
      ...extra,
    });
    return [
      item('monitoring.first_tracking', Permission.MonitoringWrite, 3, { deadline: 'first_tracking' }),
      item('monitoring.review', Permission.MonitoringReview, 5),
      item('monitoring.not_for_me', Permission.MonitoringWrite, 7, { applies: () => false }),
      item('monitoring.share', Permission.MonitoringRead, 2, { section: 'coverage', count: async () => ({ count: 2, total: 8 }) }),
      item('monitoring.empty_share', Permission.MonitoringRead, 0, { section: 'coverage', count: async () => ({ count: 0, total: 0 }) }),
    ];
  }
}

class NotAProvider {
  items(): WorkbenchItem[] {
    throw new Error('only marked providers are read');
  }
}

function serviceWith(instances: object[], calendar: { code: string; date: string }[]) {
  const discovery = { getProviders: () => instances.map((instance) => ({ instance, metatype: instance.constructor })) };
  const settings = { workingYear: async () => ({ year: 2022, hasProfile: true }) };
  const profiles = {
    calendar: async () => calendar.map((c) => ({ ...c, rule: 'R9', zh: c.code, en: c.code, sectorSpecific: false })),
  };
  const dataSource = { manager: { findOne: async () => null } };
  const config = { workbenchDueSoonDays: 30 };
  const service = new WorkbenchService(
    dataSource as never,
    settings as never,
    profiles as never,
    discovery as never,
    new Reflector(),
    config as never,
  );
  service.onModuleInit();
  return service;
}

const caller = (permissions: Permission[]): Principal => ({
  kind: 'user',
  id: 'u1',
  name: 'u1',
  roles: ['unit'],
  permissions: new Set(permissions),
  organizationId: null,
  dataScope: 'own',
  readOnly: false,
});

describe('WorkbenchService (one registration)', () => {
  const now = new Date();
  const today = shanghaiDate(now);

  it('lists a marked provider’s items for callers holding their permission, and counts nothing else', async () => {
    const counted: string[] = [];
    const service = serviceWith([new LaterModuleWorkbench(counted), new NotAProvider()], []);
    const wb = await service.forCaller(caller([Permission.MonitoringWrite, Permission.MonitoringRead]), now);
    expect(wb.todo.map((i) => i.key)).toEqual(['monitoring.first_tracking']);
    expect(wb.todo[0]).toMatchObject({ count: 3, countExact: true, link: { route: 'monitoring', query: { year: '2022' } } });
    // A share of an empty scope is left out; a share is a percent with two decimals.
    expect(wb.coverage).toEqual([expect.objectContaining({ key: 'monitoring.share', count: 2, total: 8, percent: 25 })]);
    // Items without the permission, or that do not apply, are not even counted.
    expect(counted).toEqual(['monitoring.first_tracking']);
  });

  it('makes a passed deadline overdue while a registered item still counts open work against it', async () => {
    const calendar = [
      { code: 'first_tracking', date: addDays(today, -1) },
      { code: 'self_evaluation', date: addDays(today, -2) },
      { code: 'later_tracking', date: addDays(today, 30) },
      { code: 'supervision', date: addDays(today, 31) },
    ];
    const service = serviceWith([new LaterModuleWorkbench([])], calendar);
    const wb = await service.forCaller(caller([Permission.MonitoringWrite]), now);
    expect(wb.deadlines.map((d) => [d.code, d.state, d.openCount, d.daysLeft])).toEqual([
      ['first_tracking', 'overdue', 3, -1],
      ['self_evaluation', 'passed', null, -2],
      ['later_tracking', 'due_soon', null, 30],
      ['supervision', 'upcoming', null, 31],
    ]);
    expect(wb.deadlines[0].link).toEqual({ route: 'monitoring', query: { year: '2022' } });
    // Without the permission the open work is not the caller's: the deadline has merely passed.
    const other = await service.forCaller(caller([]), now);
    expect(other.deadlines[0]).toMatchObject({ state: 'passed', openCount: null, link: null });
  });

  it('shows a to-do counted above the list contract’s bound as the bound, not exact, and so the open work of its deadline', async () => {
    const calendar = [{ code: 'first_tracking', date: addDays(today, -1) }];
    @AsWorkbenchProvider()
    class Crowded implements WorkbenchProvider {
      items(): WorkbenchItem[] {
        const base = { label: { zh: 'x', en: 'x' }, order: 1, link: () => ({ route: 'monitoring', query: {} }) };
        return [
          // the counter counts up to the bound + 1: 10,001 stands for "more than 10,000"
          {
            ...base,
            key: 'm.many',
            section: 'todo',
            permission: Permission.MonitoringWrite,
            deadline: 'first_tracking',
            count: async () => ({ count: 10001 }),
          },
          {
            ...base,
            key: 'm.few',
            section: 'todo',
            permission: Permission.MonitoringWrite,
            deadline: 'first_tracking',
            count: async () => ({ count: 4 }),
          },
          { ...base, key: 'm.at', section: 'todo', permission: Permission.MonitoringWrite, count: async () => ({ count: 10000 }) },
          // a share's figures are exact, however large
          {
            ...base,
            key: 'm.share',
            section: 'coverage',
            permission: Permission.MonitoringWrite,
            count: async () => ({ count: 20000, total: 40000 }),
          },
        ];
      }
    }
    const wb = await serviceWith([new Crowded()], calendar).forCaller(caller([Permission.MonitoringWrite]), now);
    expect(wb.todo.map((i) => [i.key, i.count, i.countExact])).toEqual([
      ['m.at', 10000, true],
      ['m.few', 4, true],
      ['m.many', 10000, false],
    ]);
    expect(wb.coverage).toEqual([expect.objectContaining({ key: 'm.share', count: 20000, total: 40000, percent: 50 })]);
    expect(wb.deadlines[0]).toMatchObject({ state: 'overdue', openCount: 10004, openCountExact: false });
  });

  it('refuses two registrations of one key', () => {
    expect(() => serviceWith([new LaterModuleWorkbench([]), new LaterModuleWorkbench([])], [])).toThrow(/registered twice/);
  });
});
