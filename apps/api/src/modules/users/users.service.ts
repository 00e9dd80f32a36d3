import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ListResult, Role, ROLE_ORGANIZATION_KINDS } from '@jixiao/contracts';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { CommonErrors } from '../../common/errors/common.errors';
import { isoSql, type JsonFields } from '../../common/list/json-items';
import { paginate } from '../../common/list/paginate';
import { DataScope } from '../../common/scope/data-scope.service';
import { readOne } from '../../common/scope/read-one';
import { updateVersioned } from '../../database/versioned-update';
import { assertStrongPassword } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hasher';
import { SessionEntity } from '../auth/entities/session.entity';
import { MFA_CLEARED } from '../auth/mfa.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { escapeLike } from '../../common/list/escape-like';
import { UserEntity } from './entities/user.entity';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserDto, UserListQueryDto } from './dto/user.dto';
import { UserErrors } from './users.errors';

export function toUserDto(u: UserEntity): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    organizationId: u.organizationId,
    organizationName: u.organization?.name ?? '',
    roles: u.roles,
    active: u.active,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    mustChangePassword: u.mustChangePassword,
    mfaEnabled: u.mfaEnabledAt !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
  };
}

/** `toUserDto` as SQL over the list's aliases `u` and `org` (the user's organization): json-items.ts. */
const USER_JSON: JsonFields = {
  id: 'u.id',
  username: 'u.username',
  displayName: 'u.displayName',
  organizationId: 'u.organizationId',
  organizationName: { sql: `coalesce(org.name, '')` },
  roles: 'u.roles',
  active: 'u.active',
  // a lock that has run out is no lock
  lockedUntil: { sql: `CASE WHEN u.locked_until > clock_timestamp() THEN ${isoSql('u.locked_until')} END` },
  mustChangePassword: 'u.mustChangePassword',
  mfaEnabled: { sql: 'u.mfa_enabled_at IS NOT NULL' },
  lastLoginAt: 'u.lastLoginAt',
  version: 'u.version',
  createdAt: 'u.createdAt',
};

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(caller: Principal, query: UserListQueryDto): Promise<ListResult<UserDto>> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').leftJoinAndSelect('u.organization', 'org');
    await this.scope.applyTo(qb, 'u.organizationId', caller);
    if (query.q) qb.andWhere('(u.username ILIKE :q OR u.displayName ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.organizationId) qb.andWhere('u.organizationId = :org', { org: query.organizationId });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    return paginate(qb, query, {
      sortable: { username: 'u.username', displayName: 'u.displayName', createdAt: 'u.createdAt', lastLoginAt: 'u.lastLoginAt' },
      defaultSort: 'username',
      map: toUserDto,
      json: USER_JSON,
    });
  }

  async get(caller: Principal, id: string): Promise<UserDto> {
    // one statement, with the caller's credential and the route's owner check (readOne, common/scope/read-one.ts)
    const user = (
      await readOne(
        this.dataSource
          .getRepository(UserEntity)
          .createQueryBuilder('u')
          .leftJoinAndSelect('u.organization', 'o')
          .where('u.id = :id', { id }),
      )
    )?.entity;
    if (!user) throw CommonErrors.NOT_FOUND();
    await this.scope.assertVisible(caller, user.organizationId);
    return toUserDto(user);
  }

  async create(caller: Principal, dto: CreateUserDto): Promise<UserDto> {
    assertStrongPassword(dto.initialPassword, dto.username, this.config, 'initialPassword');
    const passwordHash = await hashPassword(dto.initialPassword);
    return this.dataSource.transaction(async (manager) => {
      await this.scope.assertWritable(caller, dto.organizationId, manager);
      await this.assertRolesFit(manager, dto.organizationId, dto.roles);
      if (await manager.exists(UserEntity, { where: { username: dto.username } })) throw UserErrors.USERNAME_TAKEN();
      const saved = await manager.save(
        manager.create(UserEntity, {
          username: dto.username,
          displayName: dto.displayName.trim(),
          organizationId: dto.organizationId,
          roles: dto.roles,
          passwordHash,
          mustChangePassword: true,
        }),
      );
      const after = toUserDto(await this.find(manager, saved.id));
      await this.audit.record(manager, { action: 'user.create', entityType: 'user', entityId: saved.id, after });
      return after;
    });
  }

  async update(caller: Principal, id: string, dto: UpdateUserDto): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.scope.assertWritable(caller, current.organizationId, manager);
      if (id === caller.id && (dto.active === false || dto.roles !== undefined)) throw UserErrors.USER_CANNOT_CHANGE_SELF();
      const organizationId = dto.organizationId ?? current.organizationId;
      if (dto.organizationId) await this.scope.assertWritable(caller, dto.organizationId, manager);
      await this.assertRolesFit(manager, organizationId, dto.roles ?? current.roles);
      const changes: Partial<UserEntity> = {};
      if (dto.displayName !== undefined) changes.displayName = dto.displayName.trim();
      if (dto.organizationId !== undefined) changes.organizationId = dto.organizationId;
      if (dto.roles !== undefined) changes.roles = dto.roles;
      if (dto.active !== undefined) changes.active = dto.active;
      await updateVersioned(manager, UserEntity, id, dto.version, changes);
      if (dto.active === false || dto.roles !== undefined || dto.organizationId !== undefined)
        await this.endSessions(manager, id, 'account_changed');
      const after = toUserDto(await this.find(manager, id));
      await this.audit.record(manager, { action: 'user.update', entityType: 'user', entityId: id, before: toUserDto(current), after });
      return after;
    });
  }

  async resetPassword(caller: Principal, id: string, dto: ResetPasswordDto): Promise<void> {
    const current = await this.find(this.dataSource.manager, id);
    assertStrongPassword(dto.newPassword, current.username, this.config, 'newPassword');
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.scope.assertWritable(caller, current.organizationId, manager);
      await manager.update(
        UserEntity,
        { id },
        { passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, version: () => 'version + 1' },
      );
      await this.endSessions(manager, id, 'password_reset');
      await this.audit.record(manager, { action: 'user.reset_password', entityType: 'user', entityId: id });
    });
  }

  async unlock(caller: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.scope.assertWritable(caller, current.organizationId, manager);
      await manager.update(UserEntity, { id }, { failedLoginCount: 0, lockedUntil: null, version: () => 'version + 1' });
      await this.audit.record(manager, {
        action: 'user.unlock',
        entityType: 'user',
        entityId: id,
        before: { lockedUntil: current.lockedUntil },
        after: { lockedUntil: null },
      });
    });
  }

  /** Clears a user's two-factor authentication (lost phone): they enrol again at the next sign-in. */
  async resetMfa(caller: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id);
      await this.scope.assertWritable(caller, current.organizationId, manager);
      await manager.update(UserEntity, { id }, { ...MFA_CLEARED, version: () => 'version + 1' });
      await this.endSessions(manager, id, 'mfa_reset');
      await this.audit.record(manager, {
        action: 'user.reset_mfa',
        entityType: 'user',
        entityId: id,
        before: { mfaEnabled: current.mfaEnabledAt !== null },
        after: { mfaEnabled: false },
      });
    });
  }

  private async find(manager: EntityManager, id: string): Promise<UserEntity> {
    const user = await manager.findOne(UserEntity, { where: { id }, relations: { organization: true } });
    if (!user) throw CommonErrors.NOT_FOUND();
    return user;
  }

  private async endSessions(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  private async assertRolesFit(manager: EntityManager, organizationId: string, roles: Role[]): Promise<void> {
    const org = await manager.findOne(OrganizationEntity, { where: { id: organizationId } });
    if (!org) throw CommonErrors.REFERENCE_INVALID({ detail: 'organizationId' });
    const misfit = roles.filter((r) => !ROLE_ORGANIZATION_KINDS[r].includes(org.kind));
    if (misfit.length) throw UserErrors.USER_ROLE_NOT_ALLOWED({ detail: misfit.join(', ') });
  }
}
