import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EvaluationKind } from '@jixiao/contracts';
import { evaluationGrade, KEY_ELIGIBLE_KINDS, profileForYear, PROFILE_SCHEMA_VERSION, type PolicyProfileValues } from '@jixiao/domain';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { PolicyProfileEntity } from '../policy-profiles/entities/policy-profile.entity';
import { ProjectEntity } from '../projects/entities/project.entity';
import { EvaluationRecordEntity } from './entities/evaluation-record.entity';

/** A past evaluation of a demo key project: years before the demo year, the kind, the score. */
type Past = { age: number; kind: EvaluationKind; score: string; evaluator: string | null };

const AGENCY = '上海青信会计师事务所（演示）';
const CONSULTANCY = '沪东绩效管理咨询有限公司（演示）';

/**
 * What each continuing key project of an organization has behind it, in turn; the n-th
 * organization (by code) starts at the n-th entry, so that organizations with two or three such
 * projects still show a mix. With the five-year cycle and the 2022 demo year: 2017 → due this
 * year; 2019 (after a 2017 self-evaluation, which does not count) → due 2024; typed 2016 → overdue;
 * 2021 → 2026; 2018 → 2023; 2020 (after a poor 2017) → 2025; none → due within the first cycle.
 */
const PLAN: (Past[] | 'typed' | null)[] = [
  [{ age: 5, kind: 'department', score: '86.50', evaluator: CONSULTANCY }],
  [
    { age: 5, kind: 'self', score: '92.00', evaluator: null },
    { age: 3, kind: 'department', score: '91.25', evaluator: CONSULTANCY },
  ],
  'typed',
  [{ age: 1, kind: 'department', score: '83.00', evaluator: null }],
  [{ age: 4, kind: 'finance_key', score: '78.00', evaluator: AGENCY }],
  [
    { age: 5, kind: 'department', score: '58.50', evaluator: CONSULTANCY },
    { age: 2, kind: 'finance_key', score: '88.75', evaluator: AGENCY },
  ],
  null,
];
/** The year typed on a project before evaluations were recorded ('typed' above): kept, and still counted. */
const TYPED_AGE = 6;

/**
 * Demo history (order 90, after the key lists): evaluation records of 2017–2021 for the demo year's
 * continuing key projects, as if imported from the old system, so the five-year planner (R4) shows
 * projects due, not due and overdue — fed by the records, not by hand. The years' policy profiles are
 * copied from the demo year's where missing, since a record's score and grade are read under its
 * year's profile.
 */
@Injectable()
@AsDemoSeeder(90)
export class EvaluationRecordsDemoSeeder implements DemoSeeder {
  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    const { year } = context;
    const profileRow = await manager.findOne(PolicyProfileEntity, { where: { year } });
    if (!profileRow) return;
    const base = profileRow.values as PolicyProfileValues;
    const profiles = new Map<number, PolicyProfileValues>();
    for (let age = 1; age <= 5; age++) {
      const y = year - age;
      await manager
        .createQueryBuilder()
        .insert()
        .into(PolicyProfileEntity)
        .values({ year: y, values: profileForYear(base, y), schemaVersion: PROFILE_SCHEMA_VERSION })
        .orIgnore()
        .execute();
      const stored = await manager.findOneOrFail(PolicyProfileEntity, { where: { year: y } });
      profiles.set(y, stored.values as PolicyProfileValues);
    }

    // The demo year's key projects (keyBasisOf as SQL: an eligible kind, at or above the threshold or a hand-set basis).
    const keyProjects = await manager
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .where('p.year = :year', { year })
      .andWhere('p.kind IN (:...kinds)', { kinds: [...KEY_ELIGIBLE_KINDS] })
      .andWhere('(p.budgetAmount >= CAST(:threshold AS numeric) OR p.manualKeyBasis IS NOT NULL)', {
        threshold: base.keyProjects.amountThreshold,
      })
      .innerJoin('p.organization', 'po')
      .orderBy('po.code')
      .addOrderBy('p.budgetAmount', 'DESC')
      .addOrderBy('p.code')
      .getMany();
    /** The next entry of PLAN for each organization. */
    const turn = new Map<string, number>();
    const records: Partial<EvaluationRecordEntity>[] = [];
    for (const p of keyProjects) {
      const continuing = !p.isNew && (p.startYear ?? year - 1) < year;
      // The planner reads the records: nothing typed by hand, except the one 'typed' case below.
      let typed: number | null = null;
      let earliest: number | null = null;
      if (continuing) {
        if (!turn.has(p.organizationId)) turn.set(p.organizationId, turn.size);
        const n = turn.get(p.organizationId)!;
        turn.set(p.organizationId, n + 1);
        const plan = PLAN[n % PLAN.length];
        if (plan === 'typed') typed = earliest = year - TYPED_AGE;
        else
          for (const past of plan ?? []) {
            const y = year - past.age;
            earliest = Math.min(earliest ?? y, y);
            records.push({
              projectCode: p.code,
              organizationId: p.organizationId,
              year: y,
              kind: past.kind,
              score: past.score,
              grade: evaluationGrade(Number(past.score), profiles.get(y)!),
              evaluator: past.evaluator,
              source: 'history_import',
              evaluationId: null,
              sourceFile: '旧绩效系统评价记录导出（演示）.xlsx',
              recordedById: context.userIds.get('finance') ?? null,
            });
          }
      }
      // A continuing project existed before its first evaluation.
      const startYear = earliest !== null && p.startYear !== null && p.startYear > earliest ? earliest - 1 : p.startYear;
      await manager.update(ProjectEntity, { id: p.id }, { enteredKeyEvaluationYear: typed, startYear });
    }
    if (records.length) await manager.insert(EvaluationRecordEntity, records);
  }
}
