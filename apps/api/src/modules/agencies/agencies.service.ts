import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GRADES, type Grade, isQualificationValid, permittedActions, shanghaiDate, violationsWithin } from '@jixiao/domain';
import { AGENCY_LIMITS, type AgencyState, type AgencyTieKind, type ListResult, type OrganizationKind } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import type { Assignee } from '../../common/auth/authorize.decorator';
import { actorNames, actorNamesJsonSql, namesFromJson } from '../../common/audit/actor-names';
import { CHILD, childrenFrom, childrenSql, rowsSql } from '../../common/list/children';
import { readOne } from '../../common/scope/read-one';
import { AuditService } from '../../common/audit/audit.service';
import { CommonErrors } from '../../common/errors/common.errors';
import { fieldError } from '../../common/errors/app-error';
import { escapeLike } from '../../common/list/escape-like';
import { paginate } from '../../common/list/paginate';
import { DataScope } from '../../common/scope/data-scope.service';
import { assertSegregated, withActor } from '../../common/workflow/segregation';
import { assertTransition } from '../../common/workflow/transition';
import { updateVersioned } from '../../database/versioned-update';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { toOrganizationDto } from '../organizations/organizations.service';
import { PolicyProfilesService } from '../policy-profiles/policy-profiles.service';
import { SettingsService } from '../settings/settings.service';
import { AgencyCommissionGradeEntity } from './entities/agency-commission-grade.entity';
import { AgencyEntity, type AgencyContact, type AgencyQualification } from './entities/agency.entity';
import { AgencyTieEntity } from './entities/agency-tie.entity';
import { AgencyViolationEntity } from './entities/agency-violation.entity';
import {
  AgencyDetailDto,
  AgencyDto,
  AgencyGradeDto,
  AgencyListQueryDto,
  ChangeAgencyStateDto,
  ContactDto,
  CreateAgencyDto,
  CreateAgencyTieDto,
  CreateAgencyViolationDto,
  QualificationDto,
  UpdateAgencyDto,
} from './dto/agency.dto';
import { AgencyErrors } from './agencies.errors';
import { AGENCY_ACTION_RULES, AGENCY_STATE_WORKFLOW } from './agencies.workflow';

/**
 * An agency user reaches its own registry entry: the entry's id is its organization's id (the
 * route scope `registry` in the guard, and `applyToRegistry` for the list).
 */
export const AGENCY_ASSIGNEE: Assignee = { column: 'id', match: 'organization' };

/** Who an agency may declare a tie with: those who commission evaluations or are evaluated (N8). */
const TIE_ORGANIZATION_KINDS: readonly OrganizationKind[] = ['finance_bureau', 'department', 'unit', 'town'];

/** What the evaluations module records when the bureau grades an agency's work on one commission. */
export interface CommissionGradeInput {
  /** The agency's organization id (= its registry entry's id). */
  agencyId: string;
  /** The evaluated budget year. */
  year: number;
  /** Which commission: for now a text reference (the evaluation's number or platform reference). */
  evaluationReference: string;
  grade: Grade;
  comment?: string | null;
  /** Who graded (user or API key id). */
  gradedById?: string | null;
}

/**
 * An agency as the N8 independence rule reads it (`agencyIndependenceIssues` in libs/domain): its
 * state, its violations by date, and its declared ties with organizations and projects.
 */
export interface AgencyIndependenceRecord {
  name: string;
  state: AgencyState;
  violations: { date: string; description: string }[];
  ties: { kind: AgencyTieKind; organizationId: string; projectCode: string | null; note: string }[];
}

interface AgencyStats {
  violations: number;
  lastViolationOn: string | null;
  ties: number;
  lastGrade: Grade | null;
}

/**
 * N8: the violation look-back years of a profile. The evaluation rules add them to the profile as
 * `evaluation.agencies.violationLookBackYears` (profile schema 4); a profile without them answers
 * null, and the registry then shows violations without marking the recent ones.
 */
export function violationLookBackYearsOf(values: unknown): number | null {
  const years = (values as { evaluation?: { agencies?: { violationLookBackYears?: unknown } } } | null)?.evaluation?.agencies
    ?.violationLookBackYears;
  return typeof years === 'number' && Number.isInteger(years) && years >= 0 ? years : null;
}

function normalizeQualifications(list: readonly QualificationDto[] | undefined): AgencyQualification[] {
  const out = (list ?? []).map((q) => ({ name: q.name.trim(), number: q.number.trim(), validUntil: q.validUntil ?? null }));
  const seen = new Set<string>();
  const errors = [];
  for (const [i, q] of out.entries()) {
    if (seen.has(q.number)) {
      errors.push(fieldError(`qualifications.${i}.number`, 'duplicate', '证书编号重复', 'the same certificate number is listed twice'));
    }
    seen.add(q.number);
  }
  if (errors.length) throw AgencyErrors.AGENCY_QUALIFICATION_DUPLICATE({ errors });
  return out;
}

function normalizeContacts(list: readonly ContactDto[] | undefined): AgencyContact[] {
  return (list ?? []).map((c) => ({ name: c.name.trim(), phone: c.phone ?? null, email: c.email ?? null }));
}

function toAgencyDto(a: AgencyEntity, org: OrganizationEntity, stats: AgencyStats, today: string): AgencyDto {
  return {
    id: a.id,
    code: org.code,
    name: org.name,
    creditCode: a.creditCode,
    state: a.state,
    stateReason: a.stateReason,
    stateChangedOn: a.stateChangedOn,
    qualificationCount: a.qualifications.length,
    validQualificationCount: a.qualifications.filter((q) => isQualificationValid(q, today)).length,
    violationCount: stats.violations,
    lastViolationOn: stats.lastViolationOn,
    tieCount: stats.ties,
    lastGrade: stats.lastGrade,
    version: a.version,
    updatedAt: a.updatedAt.toISOString(),
  };
}

@Injectable()
export class AgenciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly profiles: PolicyProfilesService,
    private readonly settings: SettingsService,
  ) {}

  /** The registry, paged: the whole of it, or for an agency its own entry only. */
  async list(caller: Principal, query: AgencyListQueryDto): Promise<ListResult<AgencyDto>> {
    const qb = this.dataSource.getRepository(AgencyEntity).createQueryBuilder('a').innerJoinAndSelect('a.organization', 'o');
    this.scope.applyToRegistry(qb, caller, { ...AGENCY_ASSIGNEE, column: 'a.id' });
    if (query.state) qb.andWhere('a.state = :state', { state: query.state });
    if (query.q) {
      qb.andWhere('(o.name ILIKE :q OR o.code ILIKE :q OR a.creditCode ILIKE :q)', { q: `%${escapeLike(query.q.trim())}%` });
    }
    qb.setParameter('agencyTiesWith', await this.tieVisibility(caller, this.dataSource.manager));
    const today = shanghaiDate();
    return paginate(qb, query, {
      sortable: { code: 'o.code', name: 'o.name', state: 'a.state', stateChangedOn: 'a.stateChangedOn', updatedAt: 'a.updatedAt' },
      defaultSort: 'code',
      // the counts of each row in the page statement (ties: those the caller sees)
      columns: {
        violations: `SELECT count(*)::int FROM agency_violations v WHERE v.agency_id = a.id`,
        lastViolationOn: `SELECT to_char(max(v.occurred_on), 'YYYY-MM-DD') FROM agency_violations v WHERE v.agency_id = a.id`,
        ties: `SELECT count(*)::int FROM agency_ties t
                WHERE t.agency_id = a.id AND (:agencyTiesWith::uuid[] IS NULL OR t.tied_organization_id = ANY(:agencyTiesWith::uuid[]))`,
        lastGrade: `SELECT g.grade FROM agency_commission_grades g WHERE g.agency_id = a.id ORDER BY g.year DESC, g.graded_at DESC LIMIT 1`,
      },
      map: (a, c) =>
        toAgencyDto(
          a,
          a.organization!,
          {
            violations: Number(c.violations),
            lastViolationOn: (c.lastViolationOn as string | null) ?? null,
            ties: Number(c.ties),
            lastGrade: (c.lastGrade as Grade | null) ?? null,
          },
          today,
        ),
    });
  }

  /**
   * The entry's page in one statement (readOne, common/scope/read-one.ts: with the caller's credential
   * and the register's check of an agency's own entry): the entry with its organization, and its
   * violations, ties (those the caller sees), the tied organizations, grades and their actors' names
   * aggregated into it.
   */
  async get(caller: Principal, id: string, manager: EntityManager = this.dataSource.manager): Promise<AgencyDetailDto> {
    const ds = this.dataSource;
    const tiesSeen = `${CHILD}.agency_id = a.id AND (:agencyTiesWith::uuid[] IS NULL OR ${CHILD}.tied_organization_id = ANY(:agencyTiesWith::uuid[]))`;
    const read = await readOne(
      manager
        .getRepository(AgencyEntity)
        .createQueryBuilder('a')
        .leftJoinAndSelect('a.organization', 'o')
        .addSelect(`(${childrenSql(ds, AgencyViolationEntity, 'agencyId', 'a.id', ['-occurredOn', '-createdAt'])})`, 'lx_violations')
        .addSelect(`(${rowsSql(ds, AgencyTieEntity, tiesSeen, ['-declaredOn', '-createdAt'])})`, 'lx_ties')
        .addSelect(
          `(${rowsSql(ds, OrganizationEntity, `${CHILD}.id IN (SELECT tt.tied_organization_id FROM agency_ties tt WHERE tt.agency_id = a.id)`)})`,
          'lx_tied',
        )
        .addSelect(`(${childrenSql(ds, AgencyCommissionGradeEntity, 'agencyId', 'a.id', ['-year', '-gradedAt'])})`, 'lx_grades')
        .addSelect(
          actorNamesJsonSql(
            `SELECT a.state_changed_by_id UNION SELECT nv.recorded_by_id FROM agency_violations nv WHERE nv.agency_id = a.id
             UNION SELECT nt.recorded_by_id FROM agency_ties nt WHERE nt.agency_id = a.id
             UNION SELECT ng.graded_by_id FROM agency_commission_grades ng WHERE ng.agency_id = a.id`,
          ),
          'lx_names',
        )
        .where('a.id = :id', { id })
        .setParameter('agencyTiesWith', await this.tieVisibility(caller, manager)),
    );
    if (!read) throw CommonErrors.NOT_FOUND();
    const agency = read.entity;
    this.scope.assertRegistryVisible(caller, AGENCY_ASSIGNEE, agency.id);
    const tied = new Map(childrenFrom(ds, OrganizationEntity, read.raw.lx_tied).map((o) => [o.id, o]));
    const ties = childrenFrom(ds, AgencyTieEntity, read.raw.lx_ties);
    for (const t of ties) t.tiedOrganization = tied.get(t.tiedOrganizationId);
    return this.detail(manager, agency, caller, {
      violations: childrenFrom(ds, AgencyViolationEntity, read.raw.lx_violations),
      ties,
      grades: childrenFrom(ds, AgencyCommissionGradeEntity, read.raw.lx_grades),
      names: namesFromJson(read.raw.lx_names),
    });
  }

  /** Registers an agency: the organization (kind `agency`, top level) and its registry entry, in one transaction. */
  async create(caller: Principal, dto: CreateAgencyDto): Promise<AgencyDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertKeeper(caller, manager);
      const qualifications = normalizeQualifications(dto.qualifications);
      if (await manager.exists(OrganizationEntity, { where: { code: dto.code } })) throw AgencyErrors.AGENCY_CODE_TAKEN();
      await this.assertCreditCodeFree(manager, dto.creditCode, null);
      const organization = await manager.save(
        manager.create(OrganizationEntity, { code: dto.code, name: dto.name, kind: 'agency', sector: null, parentId: null }),
      );
      await this.audit.record(manager, {
        action: 'organization.create',
        entityType: 'organization',
        entityId: organization.id,
        after: toOrganizationDto(organization),
      });
      await manager.insert(AgencyEntity, {
        id: organization.id,
        creditCode: dto.creditCode,
        qualifications,
        contacts: normalizeContacts(dto.contacts),
        state: 'active',
        actors: {},
      });
      const detail = await this.get(caller, organization.id, manager);
      await this.audit.record(manager, {
        action: 'agency.create',
        entityType: 'agency',
        entityId: organization.id,
        after: auditView(detail),
      });
      return detail;
    });
  }

  /** Name, credit code, qualifications and contacts; the name is the organization's. */
  async update(caller: Principal, id: string, dto: UpdateAgencyDto): Promise<AgencyDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertKeeper(caller, manager);
      const current = await this.load(manager, id);
      const before = await this.get(caller, current.id, manager);
      const changes: Partial<AgencyEntity> = {};
      if (dto.creditCode !== undefined && dto.creditCode !== current.creditCode) {
        await this.assertCreditCodeFree(manager, dto.creditCode, id);
        changes.creditCode = dto.creditCode;
      }
      if (dto.qualifications !== undefined) changes.qualifications = normalizeQualifications(dto.qualifications);
      if (dto.contacts !== undefined) changes.contacts = normalizeContacts(dto.contacts);
      const updated = await updateVersioned(manager, AgencyEntity, id, dto.version, changes);
      if (dto.name !== undefined && dto.name !== current.organization!.name) {
        await manager
          .createQueryBuilder()
          .update(OrganizationEntity)
          .set({ name: dto.name, version: () => 'version + 1' })
          .where('id = :id', { id })
          .execute();
      }
      updated.organization = await manager.findOneByOrFail(OrganizationEntity, { id });
      const after = await this.get(caller, updated.id, manager);
      await this.audit.record(manager, {
        action: 'agency.update',
        entityType: 'agency',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    });
  }

  /** Suspend, blacklist or reinstate (the workflow table), with the reason and the day recorded. */
  async changeState(caller: Principal, id: string, dto: ChangeAgencyStateDto): Promise<AgencyDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertKeeper(caller, manager);
      const current = await this.load(manager, id);
      const to = assertTransition(AGENCY_STATE_WORKFLOW, current.state, dto.action);
      assertSegregated(AGENCY_ACTION_RULES, dto.action, caller, { organizationId: null, actors: current.actors });
      // A reinstated agency starts afresh: an earlier sanction's actors do not bind the next one.
      const actors = dto.action === 'reinstate' ? { reinstate: caller.id } : withActor(current.actors, dto.action, caller);
      const updated = await updateVersioned(manager, AgencyEntity, id, dto.version, {
        state: to,
        stateReason: dto.reason,
        stateChangedOn: shanghaiDate(),
        stateChangedById: caller.id,
        actors,
      });
      updated.organization = current.organization;
      await this.audit.record(manager, {
        action: `agency.${dto.action}`,
        entityType: 'agency',
        entityId: id,
        before: { state: current.state, stateReason: current.stateReason, stateChangedOn: current.stateChangedOn },
        after: { state: updated.state, stateReason: updated.stateReason, stateChangedOn: updated.stateChangedOn },
      });
      return this.get(caller, updated.id, manager);
    });
  }

  async addViolation(caller: Principal, id: string, dto: CreateAgencyViolationDto): Promise<AgencyDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertKeeper(caller, manager);
      const agency = await this.load(manager, id);
      if (dto.date > shanghaiDate()) {
        throw AgencyErrors.AGENCY_VIOLATION_IN_FUTURE({
          errors: [fieldError('date', 'inFuture', '违规日期不能晚于今天', 'a violation cannot be dated after today')],
        });
      }
      const saved = await manager.save(
        manager.create(AgencyViolationEntity, {
          agencyId: id,
          occurredOn: dto.date,
          description: dto.description,
          authority: dto.authority,
          recordedById: caller.id,
        }),
      );
      await this.audit.record(manager, {
        action: 'agency.violation_add',
        entityType: 'agency',
        entityId: id,
        after: { violationId: saved.id, date: dto.date, description: dto.description, authority: dto.authority },
      });
      return this.get(caller, agency.id, manager);
    });
  }

  async removeViolation(caller: Principal, id: string, violationId: string): Promise<AgencyDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertKeeper(caller, manager);
      const agency = await this.load(manager, id);
      const violation = await manager.findOne(AgencyViolationEntity, { where: { id: violationId, agencyId: id } });
      if (!violation) throw CommonErrors.NOT_FOUND();
      await manager.delete(AgencyViolationEntity, { id: violationId });
      await this.audit.record(manager, {
        action: 'agency.violation_remove',
        entityType: 'agency',
        entityId: id,
        before: { violationId, date: violation.occurredOn, description: violation.description, authority: violation.authority },
      });
      return this.get(caller, agency.id, manager);
    });
  }

  async addTie(caller: Principal, id: string, dto: CreateAgencyTieDto): Promise<AgencyDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertKeeper(caller, manager);
      const agency = await this.load(manager, id);
      const tied = await manager.findOne(OrganizationEntity, { where: { id: dto.tiedOrganizationId } });
      if (!tied) {
        throw CommonErrors.REFERENCE_INVALID({
          errors: [fieldError('tiedOrganizationId', 'notFound', '关联机构不存在', 'no such organization')],
        });
      }
      if (!TIE_ORGANIZATION_KINDS.includes(tied.kind)) {
        throw AgencyErrors.AGENCY_TIE_ORGANIZATION_INVALID({
          errors: [
            fieldError(
              'tiedOrganizationId',
              'kind',
              '须为财政局、预算部门、预算单位或镇街',
              'must be the finance bureau, a department, a unit or a town',
            ),
          ],
        });
      }
      if (dto.declaredOn > shanghaiDate()) {
        throw AgencyErrors.AGENCY_TIE_IN_FUTURE({
          errors: [fieldError('declaredOn', 'inFuture', '申报日期不能晚于今天', 'a tie cannot be declared after today')],
        });
      }
      const saved = await manager.save(
        manager.create(AgencyTieEntity, {
          agencyId: id,
          kind: dto.kind,
          tiedOrganizationId: tied.id,
          projectCode: dto.projectCode ?? null,
          description: dto.description,
          declaredOn: dto.declaredOn,
          recordedById: caller.id,
        }),
      );
      await this.audit.record(manager, {
        action: 'agency.tie_add',
        entityType: 'agency',
        entityId: id,
        after: {
          tieId: saved.id,
          kind: dto.kind,
          tiedOrganizationId: tied.id,
          tiedOrganizationName: tied.name,
          projectCode: saved.projectCode,
          description: dto.description,
          declaredOn: dto.declaredOn,
        },
      });
      return this.get(caller, agency.id, manager);
    });
  }

  async removeTie(caller: Principal, id: string, tieId: string): Promise<AgencyDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertKeeper(caller, manager);
      const agency = await this.load(manager, id);
      const tie = await manager.findOne(AgencyTieEntity, { where: { id: tieId, agencyId: id } });
      if (!tie) throw CommonErrors.NOT_FOUND();
      await manager.delete(AgencyTieEntity, { id: tieId });
      await this.audit.record(manager, {
        action: 'agency.tie_remove',
        entityType: 'agency',
        entityId: id,
        before: {
          tieId,
          kind: tie.kind,
          tiedOrganizationId: tie.tiedOrganizationId,
          projectCode: tie.projectCode,
          description: tie.description,
          declaredOn: tie.declaredOn,
        },
      });
      return this.get(caller, agency.id, manager);
    });
  }

  /**
   * For the evaluations module: records the bureau's grade of an agency's work on one commission,
   * inside the caller's transaction (`manager`), audited as `agency.grade`. One grade per agency and
   * evaluation reference: grading the same commission again replaces the grade (before and after in
   * the audit entry). Refuses an unknown agency (400 REFERENCE_INVALID) and bad values (400 VALIDATION_FAILED).
   */
  async recordCommissionGrade(manager: EntityManager, input: CommissionGradeInput): Promise<AgencyGradeDto> {
    const reference = typeof input.evaluationReference === 'string' ? input.evaluationReference.trim() : '';
    const comment = input.comment?.trim() || null;
    const errors = [];
    if (!reference || reference.length > AGENCY_LIMITS.evaluationReference) {
      errors.push(fieldError('evaluationReference', 'length', '评价项目编号不能为空且不超过 100 字', 'required, at most 100 characters'));
    }
    if (!GRADES.includes(input.grade))
      errors.push(fieldError('grade', 'isIn', '等级须为优、良、中、差', 'must be excellent, good, fair or poor'));
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
      errors.push(fieldError('year', 'year', '年度不正确', 'not a year between 2000 and 2100'));
    }
    if (comment && comment.length > AGENCY_LIMITS.gradeComment) errors.push(fieldError('comment', 'maxLength', '评语过长', 'too long'));
    if (errors.length) throw CommonErrors.VALIDATION_FAILED({ errors });
    if (!(await manager.exists(AgencyEntity, { where: { id: input.agencyId } }))) {
      throw CommonErrors.REFERENCE_INVALID({ errors: [fieldError('agencyId', 'notFound', '第三方机构不存在', 'no such agency')] });
    }
    const existing = await manager.findOne(AgencyCommissionGradeEntity, {
      where: { agencyId: input.agencyId, evaluationReference: reference },
    });
    const values = { year: input.year, grade: input.grade, comment, gradedById: input.gradedById ?? null };
    let row: AgencyCommissionGradeEntity;
    if (existing) {
      await manager.update(AgencyCommissionGradeEntity, { id: existing.id }, values);
      row = await manager.findOneByOrFail(AgencyCommissionGradeEntity, { id: existing.id });
    } else {
      row = await manager.save(
        manager.create(AgencyCommissionGradeEntity, { agencyId: input.agencyId, evaluationReference: reference, ...values }),
      );
    }
    const names = await actorNames(manager, [row.gradedById]);
    const dto = toGradeDto(row, names);
    await this.audit.record(manager, {
      action: 'agency.grade',
      entityType: 'agency',
      entityId: input.agencyId,
      before: existing
        ? { evaluationReference: reference, year: existing.year, grade: existing.grade, comment: existing.comment }
        : undefined,
      after: { evaluationReference: reference, year: row.year, grade: row.grade, comment: row.comment },
    });
    return dto;
  }

  /**
   * For the evaluations module: the agency as the N8 rule reads it (state, violations, ties), to
   * pass to `agencyIndependenceIssues` with the commission's parties, project and date. Undefined
   * when there is no such agency.
   */
  async independenceRecord(
    agencyId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AgencyIndependenceRecord | undefined> {
    const agency = await manager.findOne(AgencyEntity, { where: { id: agencyId }, relations: { organization: true } });
    if (!agency) return undefined;
    const violations = await manager.find(AgencyViolationEntity, { where: { agencyId }, order: { occurredOn: 'DESC' } });
    const ties = await manager.find(AgencyTieEntity, { where: { agencyId }, order: { declaredOn: 'DESC' } });
    return {
      name: agency.organization!.name,
      state: agency.state,
      violations: violations.map((v) => ({ date: v.occurredOn, description: v.description })),
      ties: ties.map((t) => ({ kind: t.kind, organizationId: t.tiedOrganizationId, projectCode: t.projectCode, note: t.description })),
    };
  }

  // -------------------------------------------------------------------------------------------

  /** Keeping the registry is the bureau's: district-wide scope, and not a read-only role. */
  private async assertKeeper(caller: Principal, manager: EntityManager): Promise<void> {
    if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
    await this.scope.assertDistrictWide(caller, manager);
  }

  private async load(manager: EntityManager, id: string): Promise<AgencyEntity> {
    const agency = await manager.findOne(AgencyEntity, { where: { id }, relations: { organization: true } });
    if (!agency) throw CommonErrors.NOT_FOUND();
    return agency;
  }

  private async assertCreditCodeFree(manager: EntityManager, creditCode: string, exceptId: string | null): Promise<void> {
    const other = await manager.findOne(AgencyEntity, { where: { creditCode } });
    if (other && other.id !== exceptId) {
      throw AgencyErrors.AGENCY_CREDIT_CODE_TAKEN({
        errors: [fieldError('creditCode', 'taken', '该代码已登记', 'already registered for another agency')],
      });
    }
  }

  /**
   * Which declared ties the caller sees: the bureau and the auditors all of them, an agency all of its
   * own; a department or town only ties with organizations in its own scope (what matters when it
   * commissions), not another department's. Null: every tie.
   */
  private async tieVisibility(caller: Principal, manager: EntityManager): Promise<string[] | null> {
    if (caller.dataScope === 'assigned') return null;
    return this.scope.visibleOrganizationIds(caller, manager);
  }

  /** N8 look-back years of the working year's profile (null when the profile has none, or no profile). */
  private async lookBackYears(manager: EntityManager): Promise<number | null> {
    try {
      const { year } = await this.settings.workingYear(manager);
      return violationLookBackYearsOf(await this.profiles.valuesFor(year, manager));
    } catch {
      return null;
    }
  }

  /** The entry's page from what `get`'s statement read of it. */
  private async detail(manager: EntityManager, agency: AgencyEntity, caller: Principal, read: AgencyParts): Promise<AgencyDetailDto> {
    const organization = agency.organization ?? (await manager.findOneByOrFail(OrganizationEntity, { id: agency.id }));
    const { violations, ties, grades, names } = read;
    const years = await this.lookBackYears(manager);
    const today = shanghaiDate();
    const recent =
      years === null
        ? null
        : new Set(
            violationsWithin(
              violations.map((v) => ({ id: v.id, date: v.occurredOn })),
              today,
              years,
            ).map((v) => v.id),
          );
    const stats: AgencyStats = {
      violations: violations.length,
      lastViolationOn: violations.reduce<string | null>((max, v) => (max === null || v.occurredOn > max ? v.occurredOn : max), null),
      ties: ties.length,
      lastGrade: grades[0]?.grade ?? null,
    };
    return {
      ...toAgencyDto(agency, organization, stats, today),
      stateChangedByName: agency.stateChangedById ? (names.get(agency.stateChangedById) ?? null) : null,
      qualifications: agency.qualifications.map((q) => ({ ...q, validUntil: q.validUntil ?? null, valid: isQualificationValid(q, today) })),
      contacts: agency.contacts.map((c) => ({ name: c.name, phone: c.phone ?? null, email: c.email ?? null })),
      violations: violations.map((v) => ({
        id: v.id,
        date: v.occurredOn,
        description: v.description,
        authority: v.authority,
        withinLookBack: recent === null ? null : recent.has(v.id),
        recordedByName: v.recordedById ? (names.get(v.recordedById) ?? null) : null,
        createdAt: v.createdAt.toISOString(),
      })),
      ties: ties.map((t) => ({
        id: t.id,
        kind: t.kind,
        tiedOrganizationId: t.tiedOrganizationId,
        tiedOrganizationCode: t.tiedOrganization!.code,
        tiedOrganizationName: t.tiedOrganization!.name,
        projectCode: t.projectCode,
        description: t.description,
        declaredOn: t.declaredOn,
        recordedByName: t.recordedById ? (names.get(t.recordedById) ?? null) : null,
      })),
      grades: grades.map((g) => toGradeDto(g, names)),
      violationLookBackYears: years,
      actions: permittedActions(AGENCY_STATE_WORKFLOW, agency.state, AGENCY_ACTION_RULES, caller, {
        organizationId: null,
        actors: agency.actors,
      }),
      createdAt: agency.createdAt.toISOString(),
    };
  }
}

/** What the entry's page shows besides the entry: read with it, in `get`'s statement. */
interface AgencyParts {
  violations: AgencyViolationEntity[];
  ties: AgencyTieEntity[];
  grades: AgencyCommissionGradeEntity[];
  names: Map<string, string>;
}

function toGradeDto(g: AgencyCommissionGradeEntity, names: Map<string, string>): AgencyGradeDto {
  return {
    id: g.id,
    year: g.year,
    evaluationReference: g.evaluationReference,
    grade: g.grade,
    comment: g.comment,
    gradedByName: g.gradedById ? (names.get(g.gradedById) ?? null) : null,
    gradedAt: g.gradedAt.toISOString(),
  };
}

/** What the audit log keeps of an entry (the profile, not the derived lists). */
function auditView(d: AgencyDetailDto) {
  return {
    code: d.code,
    name: d.name,
    creditCode: d.creditCode,
    state: d.state,
    qualifications: d.qualifications.map(({ name, number, validUntil }) => ({ name, number, validUntil })),
    contacts: d.contacts,
  };
}
