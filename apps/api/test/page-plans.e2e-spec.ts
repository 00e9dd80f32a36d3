/**
 * The page plans of `paginate` (common/list/page-plans.ts): a list shape's page statement is built
 * at its first request and read again at the next ones. The shape key tells apart every query that
 * builds another statement (conditions, joins, selects, order, window) and not the parameter values;
 * under jest every reused plan is compared with the statement built afresh, and a difference throws.
 */
import { Brackets, DataSource, Not } from 'typeorm';
import { pagePlan, pagePlanCount, queryShape } from '../src/common/list/page-plans';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';
import { entityMaker } from '../src/common/list/lean-entities';
import { ProjectEntity } from '../src/modules/projects/entities/project.entity';
import { startTestApp, TestApp } from './support/test-app';

describe('page plans', () => {
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ AUDIT_SEAL_INTERVAL_SECONDS: '0' });
    dataSource = t.running.app.get(DataSource);
  });
  afterAll(() => t?.close());

  const projects = () => dataSource.getRepository(ProjectEntity).createQueryBuilder('p');

  it('keys a query by what its statement is built of, not by its parameter values', () => {
    const base = queryShape(projects().where('p.year = :year', { year: 2022 }));
    expect(base).not.toBeNull();
    expect(queryShape(projects().where('p.year = :year', { year: 2021 }))).toBe(base);
    // an array parameter is expanded when the statement is filled in, whatever its length
    const inKinds = (kinds: string[]) => queryShape(projects().where('p.kind IN (:...kinds)', { kinds }));
    expect(inKinds(['project'])).toBe(inKinds(['project', 'policy']));

    const variants = [
      projects().where('p.year > :year', { year: 2022 }),
      projects().where('p.year = :year', { year: 2022 }).andWhere('p.kind = :kind', { kind: 'project' }),
      projects().where('p.year = :year', { year: 2022 }).orWhere('p.kind = :kind', { kind: 'project' }),
      projects().where(new Brackets((b) => b.where('p.year = :year', { year: 2022 }))),
      projects().where(new Brackets((b) => b.where('p.year = :year', { year: 2022 }).orWhere('p.code = :code', { code: 'x' }))),
      projects().where('p.year = :year', { year: 2022 }).orderBy('p.name'),
      projects().where('p.year = :year', { year: 2022 }).addSelect('p.name', 'n'),
      projects().where('p.year = :year', { year: 2022 }).leftJoin('p.organization', 'o'),
      projects().where('p.year = :year', { year: 2022 }).innerJoin('p.organization', 'o'),
      projects().where('p.year = :year', { year: 2022 }).leftJoinAndSelect('p.organization', 'o'),
      projects().where('p.year = :year', { year: 2022 }).limit(5),
      projects().where('p.year = :year', { year: 2022 }).withDeleted(),
      projects().where('p.year = :year', { year: 2022 }).distinct(true),
      projects().where({ year: 2022 }),
      projects().where({ year: Not(2022) }),
      dataSource.getRepository(ProjectEntity).createQueryBuilder('q').where('q.year = :year', { year: 2022 }),
    ];
    const shapes = variants.map((qb) => queryShape(qb));
    expect(shapes.every((s) => s !== null)).toBe(true);
    expect(new Set([base, ...shapes]).size).toBe(variants.length + 1);
  });

  it('does not key what it cannot tell apart: locks, sub-query sources, CTEs', () => {
    expect(queryShape(projects().setLock('pessimistic_read'))).toBeNull();
    expect(queryShape(dataSource.createQueryBuilder().select('x.n').from('(SELECT 1 AS n)', 'x'))).toBeNull();
    expect(queryShape(projects().addCommonTableExpression('SELECT 1', 'c'))).toBeNull();
  });

  it("makes a page's entities from its rows as TypeORM's transformer does, to-one joins included; not a to-many join", async () => {
    // projects with their organization and its parent (a left join that finds nothing for a department: null)
    const qb = projects()
      .leftJoinAndSelect('p.organization', 'o')
      .leftJoinAndSelect('o.parent', 'op')
      .where('p.year = :year', { year: 2022 })
      .orderBy('p.code')
      .limit(60);
    qb.expressionMap.queryEntity = true;
    const raw = await qb.getRawMany();
    expect(raw.length).toBeGreaterThan(0);
    const make = entityMaker(qb.expressionMap, dataSource.driver);
    expect(make).not.toBeNull();
    const ours = make!(raw) as (ProjectEntity & { organization: { parent: unknown } })[];
    const theirs = new RawSqlResultsToEntityTransformer(qb.expressionMap, dataSource.driver, [], undefined).transform(
      raw,
      qb.expressionMap.mainAlias!,
    );
    expect(ours).toStrictEqual(theirs);
    expect(ours[0]).toBeInstanceOf(ProjectEntity);
    expect(ours[0].createdAt).toBeInstanceOf(Date);
    expect(typeof ours[0].budgetAmount).toBe('string');
    expect(ours.some((p) => p.organization.parent === null)).toBe(true);
    expect(ours.some((p) => p.organization.parent !== null)).toBe(true);
    // a to-many join is TypeORM's to make (rows are not one entity each)
    expect(entityMaker(projects().leftJoinAndSelect('p.fundSources', 'f').expressionMap, dataSource.driver)).toBeNull();
  });

  it('throws when a reused plan differs from the statement built afresh (a shape key that misses a difference)', () => {
    const owner = {} as DataSource;
    const map = projects().expressionMap;
    pagePlan(owner, 'same-shape', () => ({ text: 'SELECT 1', map, oneRowEach: true, counts: true, plain: true, rowsRead: 21 }));
    expect(() =>
      pagePlan(owner, 'same-shape', () => ({ text: 'SELECT 1', map, oneRowEach: true, counts: true, plain: true, rowsRead: 21 })),
    ).not.toThrow();
    expect(() =>
      pagePlan(owner, 'same-shape', () => ({ text: 'SELECT 2', map, oneRowEach: true, counts: true, plain: true, rowsRead: 21 })),
    ).toThrow(/misses a difference/);
  });

  it('keeps one plan per list shape: the same shape again adds none, a filter or a sort adds one; a department reads its own rows', async () => {
    const finance = await t.login('finance');
    const edu = await t.login('edu');
    const list = async (query: string, token: string) => {
      const res = await t.request('GET', `/api/v1/projects?${query}`, { token });
      expect(res.status).toBe(200);
      return res.body as { items: { code: string; organizationId: string }[] };
    };
    // a caller's first read after signing in confirms its session by a statement of its own; the next
    // ones confirm it in the page statement (a column more): read once, so the count starts from there
    for (let i = 0; i < 2; i++) {
      await list('year=2022&pageSize=5', finance);
      await list('year=2022&pageSize=50', edu);
    }
    const before = pagePlanCount(dataSource).plans;
    const first = await list('year=2022&pageSize=5', finance);
    const once = pagePlanCount(dataSource).plans;
    expect(once).toBe(before);
    expect(await list('year=2022&pageSize=5', finance)).toEqual(first);
    expect(pagePlanCount(dataSource).plans).toBe(once);
    // another year: the same shape, other values — other rows from the same plan
    const other = await list('year=2021&pageSize=5', finance);
    expect(pagePlanCount(dataSource).plans).toBe(once);
    expect(other.items.map((i) => i.code)).not.toEqual(first.items.map((i) => i.code));
    await list('year=2022&pageSize=5&kind=project', finance);
    await list('year=2022&pageSize=5&sort=-code', finance);
    expect(pagePlanCount(dataSource).plans).toBe(once + 2);
    // a department's page: its own scope condition, its own rows only
    const own = await list('year=2022&pageSize=50', edu);
    const [{ ids }] = await t.sql<{ ids: string[] }>(
      `SELECT array_agg(o.id) AS ids FROM organizations o JOIN users u ON u.organization_id IN (o.id, o.parent_id) WHERE u.username = 'edu'`,
    );
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i) => ids.includes(i.organizationId))).toBe(true);
    // the project list's entities are made straight from its rows (checked against TypeORM's under jest)
    const { plans, lean } = pagePlanCount(dataSource);
    expect(lean).toBeGreaterThan(0);
    expect(lean).toBeLessThanOrEqual(plans);
  });
});
