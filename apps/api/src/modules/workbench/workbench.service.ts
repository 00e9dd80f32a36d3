import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { boundedCount } from '@jixiao/contracts';
import { daysUntil, shanghaiDate, type CalendarEntry } from '@jixiao/domain';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Principal } from '../../common/auth/principal';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { SettingsService } from '../settings/settings.service';
import { workbenchBatch, WORKBENCH_PROVIDER_KEY, WorkbenchContext, WorkbenchItem, WorkbenchProvider } from './workbench-provider';
import { DeadlineState, WorkbenchCoverageDto, WorkbenchDeadlineDto, WorkbenchDto, WorkbenchItemDto } from './dto/workbench.dto';

/** Open work counted against a deadline: the items' counts summed (a lower bound when one of them is). */
type OpenWork = { count: number; exact: boolean; item: WorkbenchItem };

/**
 * The caller's workbench: what waits for them, the working year's deadlines, and the coverage of
 * their scope. Items come from the modules' @AsWorkbenchProvider classes, found at start; an item
 * is computed only for a caller who holds the permission of the list it opens.
 */
@Injectable()
export class WorkbenchService implements OnModuleInit {
  private registered: WorkbenchItem[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly profiles: PolicyProfilesService,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const providers = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && this.reflector.get<boolean>(WORKBENCH_PROVIDER_KEY, w.metatype))
      .map((w) => w.instance as WorkbenchProvider);
    const items = providers.flatMap((p) => p.items());
    const keys = new Set<string>();
    for (const item of items) {
      if (keys.has(item.key)) throw new Error(`workbench item ${item.key} is registered twice`);
      keys.add(item.key);
    }
    this.registered = items.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  }

  /** The registered items (for tests and documentation). */
  items(): readonly WorkbenchItem[] {
    return this.registered;
  }

  async forCaller(caller: Principal, now: Date = new Date()): Promise<WorkbenchDto> {
    const manager = this.dataSource.manager;
    const { year, hasProfile } = await this.settings.workingYear(manager);
    // the caller's organization, and the sector its calendar follows (its own, else its parent's), in one statement
    const [org] = caller.organizationId
      ? await manager.query<{ id: string; kind: string; parentId: string | null; sector: string | null }[]>(
          `SELECT o.id, o.kind, o.parent_id AS "parentId", coalesce(o.sector, p.sector) AS sector
             FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id WHERE o.id = $1`,
          [caller.organizationId],
        )
      : [];
    const batch = workbenchBatch(manager);
    const ctx: WorkbenchContext = {
      caller,
      manager,
      year,
      today: shanghaiDate(now),
      organization: org ? { id: org.id, kind: org.kind, parentId: org.parentId } : null,
      value: batch.value,
    };
    const todo: WorkbenchItemDto[] = [];
    const coverage: WorkbenchCoverageDto[] = [];
    const openByDeadline = new Map<string, OpenWork>();
    const shown = this.registered.filter((item) => caller.permissions.has(item.permission) && (!item.applies || item.applies(ctx)));
    // All at once: what they read goes to PostgreSQL together, as one statement (workbenchBatch).
    const counted = await Promise.all(shown.map((item) => item.count(ctx, batch.rows[item.section])));
    shown.forEach((item, i) => {
      const total = counted[i].total;
      // a to-do above the list contract's bound is shown as the bound, "10,000+" (its rows were counted up to it)
      const { count, exact } = item.section === 'todo' ? boundedCount(counted[i].count) : { count: counted[i].count, exact: true };
      const base = { key: item.key, labelZh: item.label.zh, labelEn: item.label.en, count, link: item.link(ctx) };
      if (item.section === 'coverage') {
        // A share of nothing says nothing: an empty scope shows no figure.
        if (!total) return;
        coverage.push({ ...base, total, percent: Math.round((count / total) * 10000) / 100 });
      } else todo.push({ ...base, countExact: exact });
      if (item.deadline) {
        const open = openByDeadline.get(item.deadline);
        openByDeadline.set(item.deadline, {
          count: (open?.count ?? 0) + count,
          exact: (open?.exact ?? true) && exact,
          item: open?.item ?? item,
        });
      }
    });
    // The calendar as the policy-profiles module gives it (the caller's sector, else its parent's).
    const deadlines = hasProfile
      ? this.deadlines(ctx, await this.profiles.calendar(caller, year, org?.sector ?? null), openByDeadline)
      : [];
    return { year, hasProfile, today: ctx.today, dueSoonDays: this.config.workbenchDueSoonDays, todo, deadlines, coverage };
  }

  private deadlines(ctx: WorkbenchContext, calendar: readonly CalendarEntry[], open: Map<string, OpenWork>): WorkbenchDeadlineDto[] {
    return calendar.map((entry) => {
      const daysLeft = daysUntil(entry.date, ctx.today);
      const tracked = open.get(entry.code);
      let state: DeadlineState;
      if (daysLeft < 0) state = tracked && tracked.count > 0 ? 'overdue' : 'passed';
      else state = daysLeft <= this.config.workbenchDueSoonDays ? 'due_soon' : 'upcoming';
      return {
        code: entry.code,
        rule: entry.rule,
        labelZh: entry.zh,
        labelEn: entry.en,
        date: entry.date,
        daysLeft,
        sectorSpecific: entry.sectorSpecific,
        state,
        openCount: tracked ? tracked.count : null,
        openCountExact: tracked ? tracked.exact : true,
        link: tracked ? tracked.item.link(ctx) : null,
      };
    });
  }
}
