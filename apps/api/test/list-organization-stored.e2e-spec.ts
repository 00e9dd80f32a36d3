/**
 * Issue 10: each organization's department or town (organizations.list_organization_id) is stored and
 * kept current by the writes to organizations, in their own transaction. A property test builds a
 * random tree and changes it at random (organizations added under any other, moved to another parent
 * or to none, their kind changed — a unit becoming a department, a department a unit —, several moved
 * in one statement) and after each step compares every stored value with a walk of the raw rows done
 * here. Seeded: LIST_ORGANIZATION_SEED=<n> replays a run (the seed is printed). Then the coverage
 * planner through the API right after a move, and the functions in the database against what the
 * code generates now.
 */
import {
  LIST_ORGANIZATION_FUNCTIONS,
  LIST_ORGANIZATION_KINDS,
  listOrganizationTriggerStatements,
} from '../src/modules/key-project-lists/list-organization-stored.sql';
import { subtreeIds } from './support/db-state';
import { seededRandom } from './support/random';
import { expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';

const SEED = Number(process.env.LIST_ORGANIZATION_SEED ?? 20261201);
const STEPS = Number(process.env.LIST_ORGANIZATION_STEPS ?? 200);
const KINDS = ['department', 'town', 'unit', 'unit', 'unit', 'agency'];

describe('stored list organization', () => {
  let t: TestApp;
  const seen = new Set<string>();

  /** Every organization's stored value against the walk: itself or its nearest department or town, at most ten levels up. */
  const check = async (context: string) => {
    const rows = await t.sql<{ id: string; kind: string; parent_id: string | null; list_organization_id: string | null }>(
      `SELECT id, kind, parent_id, list_organization_id FROM organizations`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const wrong: string[] = [];
    for (const r of rows) {
      let at: typeof r | undefined = r;
      let expected: string | null = null;
      for (let depth = 0; at && depth <= 10; depth++) {
        if (LIST_ORGANIZATION_KINDS.includes(at.kind)) {
          expected = at.id;
          break;
        }
        at = at.parent_id ? byId.get(at.parent_id) : undefined;
      }
      if (r.list_organization_id !== expected) wrong.push(`${r.id} (${r.kind}): stored ${r.list_organization_id}, walk ${expected}`);
    }
    if (wrong.length) throw new Error(`${context} (seed ${SEED}): ${wrong.length} wrong: ${wrong.slice(0, 3).join('; ')}`);
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, LIST_ORGANIZATION_FUNCTIONS, {
      like: 'list\\_organization\\_%',
      statements: listOrganizationTriggerStatements(),
    });
  });

  it('holds for every organization the demo data wrote', async () => {
    await check('after the demo data');
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM organizations WHERE list_organization_id IS NOT NULL`);
    expect(n).toBeGreaterThan(10);
  });

  it('stays equal to the walk after every step of random changes of the tree', async () => {
    console.log(`list-organization-stored property test: seed ${SEED} (LIST_ORGANIZATION_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    let n = 0;
    const ours = async () =>
      (await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE code LIKE 'LOS-%' ORDER BY code COLLATE "C"`)).map((r) => r.id);
    const add = async (parent: string | null) => {
      n++;
      await t.sql(`INSERT INTO organizations (code, name, kind, parent_id) VALUES ($1, $2, $3, $4)`, [
        `LOS-${String(n).padStart(4, '0')}`,
        `存储归口 ${n}`,
        rnd.pick(KINDS),
        parent,
      ]);
    };
    for (let i = 0; i < 8; i++) await add(null);
    await check('after the first organizations');
    for (let step = 1; step <= STEPS; step++) {
      const ids = await ours();
      const pickOne = () => rnd.pick(ids);
      const op = rnd.int(10);
      let did: string;
      if (op <= 2 || ids.length < 12) {
        await add(rnd.chance(0.9) ? pickOne() : null);
        did = 'added';
      } else if (op <= 5) {
        // another parent, not one under it (the tree stays a tree), or none
        const id = pickOne();
        const under = new Set(await subtreeIds(t, id));
        const parents = ids.filter((p) => !under.has(p));
        const parent = parents.length && rnd.chance(0.85) ? rnd.pick(parents) : null;
        await t.sql(`UPDATE organizations SET parent_id = $2 WHERE id = $1`, [id, parent]);
        did = parent ? 'moved' : 'moved to the top';
      } else if (op <= 8) {
        await t.sql(`UPDATE organizations SET kind = $2 WHERE id = $1`, [pickOne(), rnd.pick(KINDS)]);
        did = 'kind changed';
      } else {
        // several in one statement: the leaves of one organization moved to another top organization
        const tops = (await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE code LIKE 'LOS-%' AND parent_id IS NULL`)).map(
          (r) => r.id,
        );
        const from = pickOne();
        const to = tops.filter((x) => x !== from);
        if (!to.length) {
          await add(null);
          did = 'added';
        } else {
          await t.sql(
            `UPDATE organizations SET parent_id = $2 WHERE parent_id = $1 AND NOT EXISTS (SELECT 1 FROM organizations c WHERE c.parent_id = organizations.id)`,
            [from, rnd.pick(to)],
          );
          did = 'leaves moved in one statement';
        }
      }
      seen.add(did);
      await check(`step ${step}: ${did}`);
    }
    expect([...seen].sort()).toEqual(['added', 'kind changed', 'leaves moved in one statement', 'moved', 'moved to the top']);
  });

  it('the coverage planner groups by the new department at once after a unit moves', async () => {
    const finance = await t.login('finance');
    const [unit] = await t.sql<{ id: string; parent_id: string }>(
      `SELECT o.id, o.parent_id FROM organizations o JOIN organizations d ON d.id = o.parent_id AND d.kind = 'department'
        WHERE o.kind = 'unit' AND o.code NOT LIKE 'LOS-%' ORDER BY o.code LIMIT 1`,
    );
    const [other] = await t.sql<{ id: string }>(
      `SELECT id FROM organizations WHERE kind = 'department' AND id <> $1 AND code NOT LIKE 'LOS-%' ORDER BY code LIMIT 1`,
      [unit.parent_id],
    );
    const year = 2096;
    const copy = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year, copyFromYear: 2022 } });
    expect(copy.status).toBe(201);
    await t.sql(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, manual_key_basis) VALUES ($1, 'LOS-P', '归口测试项目', 'project', $2, '100.00', 'CORE_FUNCTION')`,
      [year, unit.id],
    );
    const planOf = async () => {
      const res = await t.request('GET', `/api/v1/key-project-lists/coverage-plan?year=${year}&pageSize=200`, { token: finance });
      expect(res.status).toBe(200);
      const body = res.body as { hasMore: boolean; items: { organizationId: string; total: number }[] };
      expect(body.hasMore).toBe(false);
      return new Map(body.items.map((o) => [o.organizationId, o.total]));
    };
    expect((await planOf()).get(unit.parent_id)).toBe(1);
    await t.sql(`UPDATE organizations SET parent_id = $2 WHERE id = $1`, [unit.id, other.id]);
    const after = await planOf();
    expect(after.get(other.id)).toBe(1);
    expect(after.get(unit.parent_id) ?? 0).toBe(0);
    await t.sql(`UPDATE organizations SET parent_id = $2 WHERE id = $1`, [unit.id, unit.parent_id]);
  });
});
