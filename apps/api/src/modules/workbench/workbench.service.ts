import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { daysUntil, shanghaiDate, type CalendarEntry } from '@jixiao/domain';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Principal } from '../../common/auth/principal';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { SettingsService } from '../settings/settings.service';
import { WORKBENCH_PROVIDER_KEY, WorkbenchContext, WorkbenchItem, WorkbenchProvider } from './workbench-provider';
import { DeadlineState, WorkbenchCoverageDto, WorkbenchDeadlineDto, WorkbenchDto, WorkbenchItemDto } from './dto/workbench.dto';

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
    const org = caller.organizationId ? await manager.findOne(OrganizationEntity, { where: { id: caller.organizationId } }) : null;
    const ctx: WorkbenchContext = {
      caller,
      manager,
      year,
      today: shanghaiDate(now),
      organization: org ? { id: org.id, kind: org.kind, parentId: org.parentId } : null,
    };
    const todo: WorkbenchItemDto[] = [];
    const coverage: WorkbenchCoverageDto[] = [];
    const openByDeadline = new Map<string, { count: number; item: WorkbenchItem }>();
    // One after another: the items share the request's connection budget (PGlite serves one).
    for (const item of this.registered) {
      if (!caller.permissions.has(item.permission)) continue;
      if (item.applies && !item.applies(ctx)) continue;
      const { count, total } = await item.count(ctx);
      const base = { key: item.key, labelZh: item.label.zh, labelEn: item.label.en, count, link: item.link(ctx) };
      if (item.section === 'coverage') {
        // A share of nothing says nothing: an empty scope shows no figure.
        if (!total) continue;
        coverage.push({ ...base, total, percent: Math.round((count / total) * 10000) / 100 });
      } else todo.push(base);
      if (item.deadline) {
        const open = openByDeadline.get(item.deadline);
        openByDeadline.set(item.deadline, { count: (open?.count ?? 0) + count, item: open?.item ?? item });
      }
    }
    // The calendar as the policy-profiles module gives it (the caller's sector, else its parent's).
    const deadlines = hasProfile ? this.deadlines(ctx, await this.profiles.calendar(caller, year), openByDeadline) : [];
    return { year, hasProfile, today: ctx.today, dueSoonDays: this.config.workbenchDueSoonDays, todo, deadlines, coverage };
  }

  private deadlines(
    ctx: WorkbenchContext,
    calendar: readonly CalendarEntry[],
    open: Map<string, { count: number; item: WorkbenchItem }>,
  ): WorkbenchDeadlineDto[] {
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
        link: tracked ? tracked.item.link(ctx) : null,
      };
    });
  }
}
