import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ListResult } from '@jixiao/contracts';
import { buildCalendar, PolicyProfileValues, profileForYear, PROFILE_SCHEMA_VERSION, validatePolicyProfile } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { paginate } from '../../common/list/paginate';
import { DataScope } from '../../common/scope/data-scope.service';
import { AppError } from '../../common/errors/app-error';
import { requestContext } from '../../common/http/request-context';
import { updateVersioned } from '../../database/versioned-update';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { PolicyProfileEntity } from './entities/policy-profile.entity';
import {
  CalendarEntryDto,
  CopyPolicyProfileDto,
  PolicyProfileDto,
  PolicyProfileListQueryDto,
  PolicyProfileSummaryDto,
  UpdatePolicyProfileDto,
} from './dto/policy-profile.dto';
import { PolicyProfileErrors } from './policy-profiles.errors';

function toSummary(p: PolicyProfileEntity): PolicyProfileSummaryDto {
  return { year: p.year, version: p.version, updatedAt: p.updatedAt.toISOString() };
}

function toDto(p: PolicyProfileEntity): PolicyProfileDto {
  return { ...toSummary(p), values: p.values };
}

/**
 * The per-year policy profile. Other modules read a year's numbers through `valuesFor(year)`;
 * none of them hard-codes a rule number.
 */
@Injectable()
export class PolicyProfilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scope: DataScope,
  ) {}

  async list(query: PolicyProfileListQueryDto): Promise<ListResult<PolicyProfileSummaryDto>> {
    const qb = this.dataSource.getRepository(PolicyProfileEntity).createQueryBuilder('p');
    return paginate(qb, query, { sortable: { year: 'p.year', updatedAt: 'p.updatedAt' }, defaultSort: '-year', map: toSummary });
  }

  async get(year: number): Promise<PolicyProfileDto> {
    return toDto(await this.find(this.dataSource.manager, year));
  }

  /** Each year's profile as last read: valid while the request's `profileVersions` names the same version. */
  private readonly cache = new Map<number, { version: number; values: PolicyProfileValues }>();

  /**
   * The year's numbers for a rule; a year without a profile is an error the user can act on.
   * Outside a transaction, a profile cached at the version the request's credentials statement read
   * (`Principal.profileVersions`) is used without a statement; inside one (a write), and without a
   * known version, it is read. The values are frozen: a rule that changed them would change them for
   * every request.
   */
  async valuesFor(year: number, manager: EntityManager = this.dataSource.manager): Promise<PolicyProfileValues> {
    const inTransaction = manager.queryRunner?.isTransactionActive ?? false;
    const known = requestContext.get()?.principal?.profileVersions?.[String(year)];
    const cached = this.cache.get(year);
    if (!inTransaction && known !== undefined && cached?.version === known) return cached.values;
    const profile = await this.find(manager, year);
    const values = deepFreeze(profile.values);
    if (!inTransaction) this.cache.set(year, { version: profile.version, values });
    return values;
  }

  /** The profiles of several years (those that exist), through the same cache. */
  async valuesForYears(
    years: Iterable<number>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<number, PolicyProfileValues>> {
    const out = new Map<number, PolicyProfileValues>();
    for (const year of new Set(years)) {
      try {
        out.set(year, await this.valuesFor(year, manager));
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'POLICY_PROFILE_NOT_FOUND')) throw error;
      }
    }
    return out;
  }

  async update(caller: Principal, year: number, dto: UpdatePolicyProfileDto): Promise<PolicyProfileDto> {
    await this.scope.assertDistrictWide(caller);
    assertValid(dto.values, year);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, year);
      const updated = await updateVersioned(manager, PolicyProfileEntity, current.id, dto.version, {
        values: dto.values,
        schemaVersion: PROFILE_SCHEMA_VERSION,
        updatedById: caller.kind === 'user' ? caller.id : null,
      });
      await this.audit.record(manager, {
        action: 'policy_profile.update',
        entityType: 'policy_profile',
        entityId: String(year),
        before: current.values,
        after: updated.values,
      });
      return toDto(updated);
    });
  }

  async copy(caller: Principal, dto: CopyPolicyProfileDto): Promise<PolicyProfileDto> {
    await this.scope.assertDistrictWide(caller);
    return this.dataSource.transaction(async (manager) => {
      const source = await this.find(manager, dto.copyFromYear);
      if (await manager.exists(PolicyProfileEntity, { where: { year: dto.year } })) throw PolicyProfileErrors.POLICY_PROFILE_EXISTS();
      const saved = await manager.save(
        manager.create(PolicyProfileEntity, {
          year: dto.year,
          values: profileForYear(source.values, dto.year),
          schemaVersion: PROFILE_SCHEMA_VERSION,
          updatedById: caller.kind === 'user' ? caller.id : null,
        }),
      );
      await this.audit.record(manager, {
        action: 'policy_profile.copy',
        entityType: 'policy_profile',
        entityId: String(dto.year),
        after: { year: dto.year, copyFromYear: dto.copyFromYear },
      });
      return toDto(saved);
    });
  }

  /** The year's deadlines for the caller's sector (or the one asked for). */
  async calendar(caller: Principal, year: number, sector?: string | null): Promise<CalendarEntryDto[]> {
    const values = await this.valuesFor(year);
    // null: the caller's sector is known to be none (the workbench read it with the caller's organization)
    let effective = sector ?? undefined;
    if (sector === undefined && caller.organizationId) {
      const org = await this.dataSource.getRepository(OrganizationEntity).findOne({ where: { id: caller.organizationId } });
      let sectorOf = org?.sector ?? null;
      if (!sectorOf && org?.parentId) {
        const parent = await this.dataSource.getRepository(OrganizationEntity).findOne({ where: { id: org.parentId } });
        sectorOf = parent?.sector ?? null;
      }
      effective = sectorOf ?? undefined;
    }
    return buildCalendar(values, year, effective);
  }

  private async find(manager: EntityManager, year: number): Promise<PolicyProfileEntity> {
    const profile = await manager.findOne(PolicyProfileEntity, { where: { year } });
    if (!profile) throw PolicyProfileErrors.POLICY_PROFILE_NOT_FOUND({ params: { year } });
    return profile;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as Record<string, unknown>)) deepFreeze(inner);
  }
  return value;
}

function assertValid(values: unknown, year: number): void {
  const problems = validatePolicyProfile(values, { year });
  if (problems.length) {
    throw PolicyProfileErrors.POLICY_PROFILE_INVALID({
      errors: problems.map((p) => ({ field: `values.${p.field}`, code: p.code, message: p.message, messageEn: p.messageEn })),
    });
  }
}
