import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { CommonErrors } from '../../common/errors/common.errors';
import { DataScope } from '../../common/scope/data-scope.service';
import { requestContext } from '../../common/http/request-context';
import { PolicyProfileEntity } from '../policy-profiles/entities/policy-profile.entity';
import { noProfileFieldError } from '../policy-profiles/policy-profiles.errors';
import { SettingEntity } from './entities/setting.entity';
import { SetWorkingYearDto, WorkingYearDto } from './dto/working-year.dto';

export const WORKING_YEAR_KEY = 'working_year';

/**
 * District settings the finance bureau chooses. The working year is the default year of every
 * form and filter: the year the bureau set, else the latest year with a policy profile (so a
 * department's first save does not land on a year nobody has prepared).
 */
/** The working year from the setting as read and the years that have a policy profile (the same answer `workingYear` reads). */
function workingYearOf(setting: { value: unknown; updatedAt: string } | null, profileYears: number[]): WorkingYearDto {
  const set = typeof setting?.value === 'number' ? setting.value : null;
  const updatedAt = setting ? new Date(setting.updatedAt).toISOString() : null;
  if (set !== null) return { year: set, source: 'setting', hasProfile: profileYears.includes(set), updatedAt };
  if (profileYears.length) return { year: Math.max(...profileYears), source: 'latest_profile', hasProfile: true, updatedAt };
  return { year: new Date().getFullYear(), source: 'calendar', hasProfile: false, updatedAt };
}

@Injectable()
export class SettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scope: DataScope,
  ) {}

  /**
   * The working year: the setting, else the latest year with a policy profile, else the calendar's.
   * Outside a transaction it comes from what the request's credentials statement read (the setting
   * and every profile's version) without a statement of its own; inside one (a write) it is read.
   */
  async workingYear(manager: EntityManager = this.dataSource.manager): Promise<WorkingYearDto> {
    const inTransaction = manager.queryRunner?.isTransactionActive ?? false;
    const principal = requestContext.get()?.principal;
    if (!inTransaction && principal?.profileVersions !== undefined && principal.workingYearSetting !== undefined) {
      return workingYearOf(principal.workingYearSetting, Object.keys(principal.profileVersions).map(Number));
    }
    const row = await manager.findOne(SettingEntity, { where: { key: WORKING_YEAR_KEY } });
    const set = typeof row?.value === 'number' ? row.value : null;
    const [{ latest }] = await manager.query<{ latest: number | null }[]>(`SELECT MAX(year)::int AS latest FROM policy_profiles`);
    const updatedAt = row?.updatedAt.toISOString() ?? null;
    if (set !== null) {
      const hasProfile = await manager.exists(PolicyProfileEntity, { where: { year: set } });
      return { year: set, source: 'setting', hasProfile, updatedAt };
    }
    if (latest !== null) return { year: latest, source: 'latest_profile', hasProfile: true, updatedAt };
    return { year: new Date().getFullYear(), source: 'calendar', hasProfile: false, updatedAt };
  }

  /** The finance bureau sets the working year; it must be a year with a policy profile. */
  async setWorkingYear(caller: Principal, dto: SetWorkingYearDto): Promise<WorkingYearDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.exists(PolicyProfileEntity, { where: { year: dto.year } }))) {
        throw CommonErrors.VALIDATION_FAILED({ errors: [noProfileFieldError('year', dto.year)] });
      }
      const before = await this.workingYear(manager);
      const updatedById = caller.kind === 'user' ? caller.id : null;
      const row = await manager.findOne(SettingEntity, { where: { key: WORKING_YEAR_KEY } });
      if (row)
        await manager.update(SettingEntity, { key: WORKING_YEAR_KEY }, { value: dto.year, updatedById, version: () => 'version + 1' });
      else await manager.insert(SettingEntity, { key: WORKING_YEAR_KEY, value: dto.year, updatedById });
      const after = await this.workingYear(manager);
      await this.audit.record(manager, {
        action: 'setting.working_year',
        entityType: 'setting',
        entityId: WORKING_YEAR_KEY,
        before: { year: before.year, source: before.source },
        after: { year: after.year, source: after.source },
      });
      return after;
    });
  }
}
