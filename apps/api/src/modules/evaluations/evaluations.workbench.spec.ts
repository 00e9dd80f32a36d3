import { Permission } from '@jixiao/contracts';
import type { Principal } from '../../common/auth/principal';
import type { RowCounter, WorkbenchContext, WorkbenchItem } from '../workbench/workbench-provider';
import { EvaluationsWorkbench } from './evaluations.workbench';

/** A query builder that records its conditions (the count is the rows it would select). */
class RecordingQuery {
  readonly conditions: string[] = [];
  readonly params: Record<string, unknown> = {};
  where(sql: string, params?: Record<string, unknown>) {
    return this.andWhere(sql, params);
  }
  andWhere(sql: string, params?: Record<string, unknown>) {
    this.conditions.push(sql);
    Object.assign(this.params, params ?? {});
    return this;
  }
  async getCount() {
    return 2;
  }
}

/** The workbench's row counter (workbenchBatch) for the recording query: its count. */
const rows: RowCounter = (qb) => (qb as unknown as RecordingQuery).getCount();

const principal = (over: Partial<Principal>): Principal => ({
  kind: 'user',
  id: 'u1',
  name: 'u1',
  roles: ['department'],
  permissions: new Set([Permission.EvaluationRead, Permission.EvaluationWrite]),
  organizationId: 'org-1',
  dataScope: 'subtree',
  readOnly: false,
  ...over,
});

function setUp() {
  const queries: RecordingQuery[] = [];
  const scoped: { column: string; assignee: unknown }[] = [];
  const scope = {
    applyTo: async (qb: RecordingQuery, column: string, _caller: Principal, assignee?: unknown) => {
      scoped.push({ column, assignee });
      return qb;
    },
  };
  const workbench = new EvaluationsWorkbench(scope as never);
  const byKey = new Map(workbench.items().map((i) => [i.key, i]));
  const ctx = (caller: Principal, kind: string | null): WorkbenchContext => ({
    caller,
    manager: {
      getRepository: () => ({
        createQueryBuilder: () => {
          const q = new RecordingQuery();
          queries.push(q);
          return q;
        },
      }),
    } as never,
    year: 2022,
    today: '2022-05-01',
    organization: kind ? { id: caller.organizationId ?? 'x', kind, parentId: null } : null,
    value: async () => {
      throw new Error('no statement expected');
    },
  });
  return { byKey, ctx, queries, scoped };
}

describe('EvaluationsWorkbench: commissions (R13)', () => {
  const agency = principal({ roles: ['agency'], dataScope: 'assigned', organizationId: 'agency-1' });
  const department = principal({});
  const bureau = principal({
    roles: ['finance'],
    dataScope: 'all',
    organizationId: 'bureau-1',
    permissions: new Set([Permission.EvaluationRead, Permission.EvaluationWrite, Permission.EvaluationReview]),
  });
  const auditor = principal({ roles: ['auditor'], dataScope: 'all', readOnly: true });

  it('gives the agency its commissioned evaluations to complete, nothing to grade', async () => {
    const { byKey, ctx, queries, scoped } = setUp();
    const toComplete = byKey.get('evaluations.commissions_to_complete')! as WorkbenchItem;
    const toGrade = byKey.get('evaluations.commissions_to_grade')! as WorkbenchItem;
    expect(toComplete).toMatchObject({ section: 'todo', permission: Permission.EvaluationWrite });
    expect(toComplete.label).toEqual({ zh: '受托待完成的评价', en: 'Commissioned evaluations to complete' });
    expect(toComplete.applies!(ctx(agency, 'agency'))).toBe(true);
    expect(toGrade.applies!(ctx(agency, 'agency'))).toBe(false);
    // An `assigned` caller of another kind of organization has no commissions (experts also lack the permission).
    expect(toComplete.applies!(ctx(principal({ roles: ['expert'], dataScope: 'assigned' }), 'department'))).toBe(false);
    expect(toComplete.applies!(ctx(department, 'department'))).toBe(false);

    expect(await toComplete.count(ctx(agency, 'agency'), rows)).toEqual({ count: 2 });
    // The evaluated year (working year − 1), still being edited, commissioned; the agency's assignment is its scope.
    expect(queries[0].conditions).toEqual(['e.year = :year', 'e.status IN (:...statuses)', 'e.agencyOrganizationId IS NOT NULL']);
    expect(queries[0].params).toMatchObject({ year: 2021, statuses: ['draft', 'returned'] });
    expect(scoped).toEqual([{ column: 'e.organizationId', assignee: { column: 'e.agencyOrganizationId', match: 'organization' } }]);
    expect(toComplete.link(ctx(agency, 'agency'))).toEqual({
      route: 'evaluations',
      query: { commission: 'commissioned', status: 'in_progress', year: '2021' },
    });
  });

  it('gives the commissioning party the completed commissions to grade, the bureau all of them, the auditor none', async () => {
    const { byKey, ctx, queries } = setUp();
    const toGrade = byKey.get('evaluations.commissions_to_grade')! as WorkbenchItem;
    expect(toGrade.label).toEqual({ zh: '待评定受托机构工作质量', en: 'Completed commissions awaiting a quality grade' });
    expect(toGrade.applies!(ctx(department, 'department'))).toBe(true);
    expect(toGrade.applies!(ctx(bureau, 'finance_bureau'))).toBe(true);
    expect(toGrade.applies!(ctx(auditor, 'auditor'))).toBe(false);

    await toGrade.count(ctx(department, 'department'), rows);
    const [dept] = queries;
    expect(dept.conditions[1]).toContain(`e.status = 'completed'`);
    expect(dept.conditions[1]).toContain('c.grade IS NULL');
    // Only what the department itself commissioned.
    expect(dept.conditions[1]).toContain('c.commissioning_organization_id = :commissioningOrg');
    expect(dept.params).toMatchObject({ year: 2021, commissioningOrg: 'org-1' });

    await toGrade.count(ctx(bureau, 'finance_bureau'), rows);
    // The bureau grades any commission.
    expect(queries[1].conditions[1]).not.toContain('commissioning_organization_id');
    expect(toGrade.link(ctx(bureau, 'finance_bureau'))).toEqual({ route: 'evaluations', query: { commission: 'to_grade', year: '2021' } });
  });
});
