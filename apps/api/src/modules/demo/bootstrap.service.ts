import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@jixiao/contracts';
import { DEFAULT_POLICY_PROFILE, profileForYear, PROFILE_SCHEMA_VERSION, upgradeProfile, validatePolicyProfile } from '@jixiao/domain';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../common/audit/audit.service';
import { hashPassword } from '../auth/password-hasher';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { PolicyProfileEntity } from '../policy-profiles/entities/policy-profile.entity';
import { UserEntity } from '../users/entities/user.entity';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-organizations';
import { DEMO_SEEDER_KEY, DemoSeeder } from './demo-seeder';

export const DEFAULT_PROFILE_YEAR = 2022;

/**
 * First-start data: the 2022 default policy profile always; the demo organizations and users only
 * in demo mode (never in production); a first administrator from BOOTSTRAP_ADMIN_PASSWORD when a
 * real deployment starts empty. All in one transaction, all audited as the system.
 */
@Injectable()
export class BootstrapService {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  /** Providers marked @AsDemoSeeder, in their order. */
  private seeders(): DemoSeeder[] {
    return this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && this.reflector.get<number>(DEMO_SEEDER_KEY, w.metatype) !== undefined)
      .sort((a, b) => this.reflector.get<number>(DEMO_SEEDER_KEY, a.metatype!) - this.reflector.get<number>(DEMO_SEEDER_KEY, b.metatype!))
      .map((w) => w.instance as DemoSeeder);
  }

  async run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    const demoHash = this.config.demoData ? await hashPassword(DEMO_PASSWORD) : null;
    const adminPassword = env.BOOTSTRAP_ADMIN_PASSWORD;
    const adminHash = adminPassword ? await hashPassword(adminPassword) : null;
    await this.dataSource.transaction(async (manager) => {
      await this.ensureDefaultProfile(manager);
      await this.upgradeProfiles(manager);
      const empty = (await manager.count(OrganizationEntity)) === 0;
      if (empty && demoHash) await this.loadDemo(manager, demoHash);
      else if (empty && adminHash) await this.createAdmin(manager, adminHash);
    });
  }

  private async ensureDefaultProfile(manager: EntityManager): Promise<void> {
    if ((await manager.count(PolicyProfileEntity)) > 0) return;
    await manager.insert(PolicyProfileEntity, {
      year: DEFAULT_PROFILE_YEAR,
      values: profileForYear(DEFAULT_POLICY_PROFILE, DEFAULT_PROFILE_YEAR),
      schemaVersion: PROFILE_SCHEMA_VERSION,
      updatedById: null,
    });
    await this.audit.record(manager, {
      action: 'policy_profile.bootstrap',
      entityType: 'policy_profile',
      entityId: String(DEFAULT_PROFILE_YEAR),
      actor: { id: null, name: 'system', kind: 'system' },
    });
    this.logger.log(`Loaded the ${DEFAULT_PROFILE_YEAR} default policy profile`);
  }

  /**
   * Profiles stored by an earlier release get the versioned steps of `PROFILE_UPGRADES` (each new
   * key its default), are validated and saved, and each step is audited. A profile that is still
   * invalid after the steps, or was saved by a newer release, stops the start with its reason.
   */
  private async upgradeProfiles(manager: EntityManager): Promise<void> {
    const stale = await manager
      .getRepository(PolicyProfileEntity)
      .createQueryBuilder('p')
      .where('p.schemaVersion <> :current', { current: PROFILE_SCHEMA_VERSION })
      .orderBy('p.year')
      .getMany();
    for (const profile of stale) {
      const { values, applied } = upgradeProfile(profile.values, profile.schemaVersion, profile.year);
      const problems = validatePolicyProfile(values, { year: profile.year });
      if (problems.length) {
        throw new Error(
          `The ${profile.year} policy profile is invalid after its upgrade to schema ${PROFILE_SCHEMA_VERSION}: ` +
            problems.map((p) => `${p.field} ${p.code}`).join('; '),
        );
      }
      await manager.update(PolicyProfileEntity, { id: profile.id }, { values, schemaVersion: PROFILE_SCHEMA_VERSION });
      await this.audit.record(manager, {
        action: 'policy_profile.upgrade',
        entityType: 'policy_profile',
        entityId: String(profile.year),
        before: { schemaVersion: profile.schemaVersion, values: profile.values },
        after: {
          schemaVersion: PROFILE_SCHEMA_VERSION,
          steps: applied.map((s) => ({ version: s.version, rule: s.rule, zh: s.zh, en: s.en })),
          values,
        },
        actor: { id: null, name: 'system', kind: 'system' },
      });
      this.logger.log(`Upgraded the ${profile.year} policy profile from schema ${profile.schemaVersion} to ${PROFILE_SCHEMA_VERSION}`);
    }
  }

  private async loadDemo(manager: EntityManager, passwordHash: string): Promise<void> {
    const ids = new Map<string, string>();
    for (const org of DEMO_ORGANIZATIONS) {
      const saved = await manager.save(
        manager.create(OrganizationEntity, {
          code: org.code,
          name: org.name,
          kind: org.kind,
          sector: org.sector ?? null,
          parentId: org.parent ? ids.get(org.parent)! : null,
        }),
      );
      ids.set(org.code, saved.id);
    }
    const userIds = new Map<string, string>();
    for (const user of DEMO_USERS) {
      const inserted = await manager.insert(UserEntity, {
        username: user.username,
        displayName: user.displayName,
        organizationId: ids.get(user.org)!,
        roles: user.roles as Role[],
        passwordHash,
        mustChangePassword: false,
      });
      userIds.set(user.username, inserted.identifiers[0].id as string);
    }
    for (const seeder of this.seeders()) {
      await seeder.seed(manager, { year: DEFAULT_PROFILE_YEAR, organizationIds: ids, userIds });
    }
    await this.audit.record(manager, {
      action: 'demo.load',
      entityType: 'organization',
      after: { organizations: DEMO_ORGANIZATIONS.length, users: DEMO_USERS.map((u) => u.username) },
      actor: { id: null, name: 'system', kind: 'system' },
    });
    this.logger.log(`Loaded demo data: ${DEMO_ORGANIZATIONS.length} organizations, ${DEMO_USERS.length} users (password ${DEMO_PASSWORD})`);
  }

  private async createAdmin(manager: EntityManager, passwordHash: string): Promise<void> {
    const bureau = await manager.save(manager.create(OrganizationEntity, { code: 'FIN', name: '财政局', kind: 'finance_bureau', sector: 'general' }));
    await manager.insert(UserEntity, {
      username: 'admin',
      displayName: '系统管理员',
      organizationId: bureau.id,
      roles: ['finance'],
      passwordHash,
      mustChangePassword: true,
    });
    await this.audit.record(manager, {
      action: 'user.bootstrap_admin',
      entityType: 'user',
      actor: { id: null, name: 'system', kind: 'system' },
    });
    this.logger.log('Created the first administrator "admin" (must change the password at first login)');
  }
}
