/**
 * The indicator library (R24, N4): the bureau curates the tree and the indicators, departments
 * propose additions that only they and the bureau see until the bureau decides, search with
 * usage counts, and suggestions for target writing with the values other projects used.
 */
import { startTestApp, TestApp } from './support/test-app';
import { orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';

describe('indicator library', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  let edu: string;
  let healthOrg: string;
  let eduOrg: string;
  let levelId: string;

  const tree = async (token: string) => (await t.request('GET', '/api/v1/indicator-categories/tree', { token })).body;
  const findNode = (nodes: any[], names: string[]): any => {
    let list = nodes;
    let node: any;
    for (const name of names) {
      node = list.find((n) => n.name === name);
      if (!node) throw new Error(`no node ${names.join('/')}`);
      list = node.children;
    }
    return node;
  };

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.login('finance');
    health = await t.login('health');
    edu = await t.login('edu');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    eduOrg = await orgIdByName(t, '区教育局');
    levelId = findNode(await tree(finance), ['卫生健康', '公共卫生', '效益']).id;
  });
  afterAll(async () => t?.close());

  it('serves the demo tree sector → domain → level with counts summed upwards', async () => {
    const nodes = await tree(edu);
    const education = findNode(nodes, ['教育']);
    expect(education.level).toBe('sector');
    expect(education.sector).toBe('education');
    const basic = findNode(nodes, ['教育', '基础教育']);
    expect(basic.level).toBe('domain');
    const output = findNode(nodes, ['教育', '基础教育', '产出']);
    expect(output.level).toBe('level');
    expect(output.indicatorCount).toBe(5);
    expect(basic.indicatorCount).toBe(basic.children.reduce((s: number, c: any) => s + c.indicatorCount, 0));
  });

  describe('curation by the finance bureau only', () => {
    const body = () => ({
      categoryId: levelId,
      level1: 'effect',
      level2: 'social',
      name: '孕产妇系统管理率',
      comparison: '>=',
      value: '90',
      unit: '%',
      standardSource: 'industry',
      isCore: true,
    });

    it('refuses departments (403) and changes nothing', async () => {
      const before = await t.sql(`SELECT count(*)::int AS n FROM indicators`);
      expectProblem(await t.request('POST', '/api/v1/indicators', { token: health, body: body() }), 403, 'FORBIDDEN');
      expectProblem(await t.request('POST', '/api/v1/indicator-categories', { token: edu, body: { name: '职业教育', parentId: null, sector: 'education' } }), 403);
      const any = (await t.sql<{ id: string; version: number }>(`SELECT id, version FROM indicators WHERE status = 'active' LIMIT 1`))[0];
      expectProblem(await t.request('PATCH', `/api/v1/indicators/${any.id}`, { token: health, body: { version: any.version, name: 'x' } }), 403);
      expectProblem(await t.request('DELETE', `/api/v1/indicators/${any.id}`, { token: edu }), 403);
      expect(await t.sql(`SELECT count(*)::int AS n FROM indicators`)).toEqual(before);
    });

    it('creates, updates and deletes an indicator; refuses bad definitions with field errors', async () => {
      const created = await t.request('POST', '/api/v1/indicators', { token: finance, body: body() });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: '孕产妇系统管理率', status: 'active', isCore: true, sector: 'health', organizationId: null });
      expect(created.body.categoryPath).toEqual(['卫生健康', '公共卫生', '效益']);

      expectProblem(await t.request('POST', '/api/v1/indicators', { token: finance, body: body() }), 409, 'INDICATOR_NAME_TAKEN');
      const uncontrolled = await t.request('POST', '/api/v1/indicators', { token: finance, body: { ...body(), name: '错误指标', unit: '斤' } });
      expectProblem(uncontrolled, 400, 'VALIDATION_FAILED');
      expect(uncontrolled.body.errors.map((e: any) => e.field)).toEqual(['unit']);
      const mismatch = await t.request('POST', '/api/v1/indicators', { token: finance, body: { ...body(), name: '错误指标', level1: 'output' } });
      expectProblem(mismatch, 400, 'VALIDATION_FAILED');
      expect(mismatch.body.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual(['level2:LEVEL2_MISMATCH']);
      const qualitativeUnit = await t.request('POST', '/api/v1/indicators', {
        token: finance,
        body: { ...body(), name: '错误指标', comparison: 'qualitative', value: '明显改善' },
      });
      expect(qualitativeUnit.body.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual(['unit:UNIT_NOT_ALLOWED']);
      const notNumber = await t.request('POST', '/api/v1/indicators', { token: finance, body: { ...body(), name: '错误指标', value: '很多' } });
      expectProblem(notNumber, 400, 'VALIDATION_FAILED');
      expect(notNumber.body.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual(['value:NOT_A_NUMBER']);
      const sector = findNode(await tree(finance), ['卫生健康']);
      expectProblem(await t.request('POST', '/api/v1/indicators', { token: finance, body: { ...body(), name: '挂在行业下', categoryId: sector.id } }), 400, 'CATEGORY_NOT_A_LEVEL');

      const updated = await t.request('PATCH', `/api/v1/indicators/${created.body.id}`, {
        token: finance,
        body: { version: created.body.version, value: '92', note: '参照市级标准' },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ value: '92', note: '参照市级标准', version: created.body.version + 1 });
      expectProblem(
        await t.request('PATCH', `/api/v1/indicators/${created.body.id}`, { token: finance, body: { version: created.body.version, value: '93' } }),
        409,
        'VERSION_CONFLICT',
      );
      expect((await t.request('DELETE', `/api/v1/indicators/${created.body.id}`, { token: finance })).status).toBe(204);
      expect((await t.request('GET', '/api/v1/indicators?q=孕产妇系统管理率', { token: finance })).body.total).toBe(0);
      const audit = await t.sql<{ action: string }>(`SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success' ORDER BY id`, [created.body.id]);
      expect(audit.map((a) => a.action)).toEqual(['indicator.create', 'indicator.update', 'indicator.delete']);
    });

    it('manages the tree: a new sector, domain and level; no fourth level; empty nodes only are deleted', async () => {
      const sector = await t.request('POST', '/api/v1/indicator-categories', { token: finance, body: { name: '交通运输', sector: 'transport' } });
      expect(sector.status).toBe(201);
      expect(sector.body).toMatchObject({ level: 'sector', sector: 'transport' });
      const noSector = await t.request('POST', '/api/v1/indicator-categories', { token: finance, body: { name: '无行业代码' } });
      expectProblem(noSector, 400, 'VALIDATION_FAILED');
      const domain = await t.request('POST', '/api/v1/indicator-categories', { token: finance, body: { name: '公共交通', parentId: sector.body.id } });
      expect(domain.body).toMatchObject({ level: 'domain', sector: 'transport' });
      const level = await t.request('POST', '/api/v1/indicator-categories', { token: finance, body: { name: '产出', parentId: domain.body.id } });
      expect(level.body.level).toBe('level');
      expectProblem(await t.request('POST', '/api/v1/indicator-categories', { token: finance, body: { name: '更深', parentId: level.body.id } }), 400, 'CATEGORY_TOO_DEEP');
      expectProblem(await t.request('POST', '/api/v1/indicator-categories', { token: finance, body: { name: '产出', parentId: domain.body.id } }), 409, 'CATEGORY_NAME_TAKEN');
      expectProblem(await t.request('DELETE', `/api/v1/indicator-categories/${domain.body.id}`, { token: finance }), 409, 'CATEGORY_IN_USE');
      const renamed = await t.request('PATCH', `/api/v1/indicator-categories/${level.body.id}`, { token: finance, body: { version: 1, name: '产出指标' } });
      expect(renamed.body.name).toBe('产出指标');
      expect((await t.request('DELETE', `/api/v1/indicator-categories/${level.body.id}`, { token: finance })).status).toBe(204);
    });
  });

  describe('proposals', () => {
    let proposalId: string;

    it('lets a department propose for itself, not for another department', async () => {
      const body = {
        organizationId: healthOrg,
        categoryId: levelId,
        level1: 'effect',
        level2: 'social',
        name: '高血压患者规范管理率',
        comparison: '>=',
        value: '65',
        unit: '%',
        standardSource: 'history',
        note: '参照近三年平均水平',
      };
      const res = await t.request('POST', '/api/v1/indicators/proposals', { token: health, body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'proposed', organizationId: healthOrg, organizationName: '区卫生健康委员会' });
      proposalId = res.body.id;
      expectProblem(await t.request('POST', '/api/v1/indicators/proposals', { token: edu, body: { ...body, name: '冒名建议' } }), 403, 'OUT_OF_SCOPE');
    });

    it('shows the proposal to its department and the bureau, not to another department', async () => {
      const own = await t.request('GET', '/api/v1/indicators/proposals?pageSize=100', { token: health });
      expect(own.body.items.map((i: any) => i.id)).toContain(proposalId);
      expect(own.body.items.every((i: any) => i.organizationId === healthOrg)).toBe(true);
      const other = await t.request('GET', '/api/v1/indicators/proposals?pageSize=100', { token: edu });
      expect(other.body.items.map((i: any) => i.id)).not.toContain(proposalId);
      expect(other.body.items.length).toBeGreaterThan(0);
      expect(other.body.items.every((i: any) => i.organizationId === eduOrg)).toBe(true);
      expectProblem(await t.request('GET', `/api/v1/indicators/proposals/${proposalId}`, { token: edu }), 404);
      const filtered = await t.request('GET', `/api/v1/indicators/proposals?organizationId=${healthOrg}`, { token: edu });
      expect(filtered.body).toMatchObject({ items: [], total: 0, totalExact: true });
      const searchOther = await t.request('GET', '/api/v1/indicators?status=proposed&pageSize=100', { token: edu });
      expect(searchOther.body.items.map((i: any) => i.id)).not.toContain(proposalId);
      expect((await t.request('GET', `/api/v1/indicators/proposals/${proposalId}`, { token: health })).status).toBe(200);
      const byFinance = await t.request('GET', '/api/v1/indicators/proposals?status=proposed&pageSize=100', { token: finance });
      expect(byFinance.body.items.map((i: any) => i.id)).toContain(proposalId);
      // Not in the library yet.
      const library = await t.request('GET', '/api/v1/indicators?q=高血压', { token: finance });
      expect(library.body.total).toBe(0);
    });

    it('is accepted by the bureau only, then active in the library with the proposer hidden from others', async () => {
      const current = await t.request('GET', `/api/v1/indicators/proposals/${proposalId}`, { token: health });
      expectProblem(await t.request('POST', `/api/v1/indicators/${proposalId}/accept`, { token: health, body: { version: current.body.version } }), 403);
      const accepted = await t.request('POST', `/api/v1/indicators/${proposalId}/accept`, {
        token: finance,
        body: { version: current.body.version, comment: '同意纳入', isCore: false },
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'active', reviewComment: '同意纳入' });
      expectProblem(
        await t.request('POST', `/api/v1/indicators/${proposalId}/accept`, { token: finance, body: { version: accepted.body.version } }),
        409,
        'ILLEGAL_TRANSITION',
      );
      expectProblem(
        await t.request('POST', `/api/v1/indicators/${proposalId}/reject`, { token: finance, body: { version: accepted.body.version, comment: '晚了' } }),
        409,
        'ILLEGAL_TRANSITION',
      );
      const seenByEdu = await t.request('GET', '/api/v1/indicators?q=高血压', { token: edu });
      expect(seenByEdu.body.total).toBe(1);
      expect(seenByEdu.body.items[0]).toMatchObject({ id: proposalId, status: 'active', organizationId: null, organizationName: null });
      const seenByHealth = await t.request('GET', '/api/v1/indicators?q=高血压', { token: health });
      expect(seenByHealth.body.items[0].organizationId).toBe(healthOrg);
    });

    it('is rejected with a required comment', async () => {
      const [demo] = await t.sql<{ id: string; version: number }>(
        `SELECT id, version FROM indicators WHERE status = 'proposed' AND proposed_by_organization_id = $1 LIMIT 1`,
        [eduOrg],
      );
      expectProblem(await t.request('POST', `/api/v1/indicators/${demo.id}/reject`, { token: finance, body: { version: demo.version } }), 400, 'VALIDATION_FAILED');
      const rejected = await t.request('POST', `/api/v1/indicators/${demo.id}/reject`, {
        token: finance,
        body: { version: demo.version, comment: '与现有指标重复' },
      });
      expect(rejected.body).toMatchObject({ status: 'rejected', reviewComment: '与现有指标重复' });
      const own = await t.request('GET', `/api/v1/indicators/proposals?status=rejected`, { token: edu });
      expect(own.body.items.map((i: any) => i.id)).toEqual([demo.id]);
    });
  });

  describe('search, usage and suggestions', () => {
    let projectId: string;
    let otherProjectId: string;
    let indicatorId: string;

    beforeAll(async () => {
      [{ id: indicatorId }] = await t.sql<{ id: string }>(`SELECT id FROM indicators WHERE name = '重点人群健康管理率'`);
      const projects = await t.sql<{ id: string; organization_id: string }>(
        `SELECT p.id, p.organization_id FROM projects p JOIN organizations o ON o.id = p.organization_id
          WHERE o.name = '区卫生健康委员会' ORDER BY p.code LIMIT 2`,
      );
      projectId = projects[0].id;
      otherProjectId = projects[1].id;
      // Three indicators of another health project's target use the library indicator, with two values.
      let targets = await t.sql<{ id: string }>(`SELECT id FROM targets WHERE project_id = $1`, [otherProjectId]);
      if (!targets.length) {
        targets = await t.sql<{ id: string }>(
          `INSERT INTO targets (project_id, organization_id, year) VALUES ($1, $2, 2022) RETURNING id`,
          [otherProjectId, projects[1].organization_id],
        );
      }
      const [used] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM target_indicators WHERE library_indicator_id = $1`, [indicatorId]);
      expect(used.n).toBe(0);
      await t.sql(
        `INSERT INTO target_indicators (target_id, level1, level2, name, comparison, value, unit, library_indicator_id)
         VALUES ($1, 'effect', 'social', '重点人群健康管理率', '>=', '85', '%', $2),
                ($1, 'effect', 'social', '重点人群健康管理率（老年人）', '>=', '85', '%', $2),
                ($1, 'effect', 'social', '重点人群健康管理率（儿童）', '>=', '90', '%', $2)`,
        [targets[0].id, indicatorId],
      );
    });

    it('searches by name, unit and category with filters, paged, with usage counts', async () => {
      const byName = await t.request('GET', '/api/v1/indicators?q=重点人群', { token: edu });
      expect(byName.body.items.map((i: any) => i.name)).toContain('重点人群健康管理率');
      expect(byName.body.items.find((i: any) => i.id === indicatorId).usageCount).toBe(3);
      const byCategory = await t.request('GET', '/api/v1/indicators?q=学前教育&pageSize=100', { token: edu });
      expect(byCategory.body.items.length).toBeGreaterThan(0);
      expect(byCategory.body.items.every((i: any) => i.categoryPath[1] === '学前教育')).toBe(true);
      const byUnit = await t.request('GET', `/api/v1/indicators?q=${encodeURIComponent('亩')}`, { token: edu });
      expect(byUnit.body.items.every((i: any) => i.unit === '亩' || i.name.includes('亩'))).toBe(true);
      expect(byUnit.body.total).toBeGreaterThan(0);
      const core = await t.request('GET', '/api/v1/indicators?sector=education&core=true&pageSize=100', { token: edu });
      expect(core.body.items.length).toBeGreaterThan(0);
      expect(core.body.items.every((i: any) => i.isCore && i.sector === 'education')).toBe(true);
      const satisfaction = await t.request('GET', '/api/v1/indicators?level1=satisfaction&pageSize=100', { token: edu });
      expect(satisfaction.body.items.every((i: any) => i.level1 === 'satisfaction')).toBe(true);
      const page = await t.request('GET', '/api/v1/indicators?pageSize=2&page=2&sort=name', { token: edu });
      expect(page.body.items.length).toBe(2);
      expect(page.body.total).toBeGreaterThan(4);
    });

    it('refuses to delete a used indicator', async () => {
      expectProblem(await t.request('DELETE', `/api/v1/indicators/${indicatorId}`, { token: finance }), 409, 'INDICATOR_IN_USE');
    });

    it('suggests indicators of the project sector by usage, with the values other projects used', async () => {
      const res = await t.request('GET', `/api/v1/indicators/suggestions?projectId=${projectId}`, { token: health });
      expect(res.status).toBe(200);
      expect(res.body.sectors).toEqual(['health', 'general']);
      expect(res.body.items[0].id).toBe(indicatorId);
      expect(res.body.items[0].usedValues).toEqual([
        { comparison: '>=', value: '85', unit: '%', count: 2 },
        { comparison: '>=', value: '90', unit: '%', count: 1 },
      ]);
      expect(res.body.items.every((i: any) => ['health', 'general'].includes(i.sector) && i.status === 'active')).toBe(true);
      expect(res.body.items.map((i: any) => i.name)).toContain('服务对象满意度');
      // The project's own targets are not "other projects".
      const own = await t.request('GET', `/api/v1/indicators/suggestions?projectId=${otherProjectId}`, { token: health });
      expect(own.body.items.find((i: any) => i.id === indicatorId).usedValues).toEqual([]);
    });

    it('hides suggestions for a project outside the caller scope', async () => {
      expectProblem(await t.request('GET', `/api/v1/indicators/suggestions?projectId=${projectId}`, { token: edu }), 404);
      expectProblem(await t.request('GET', '/api/v1/indicators/suggestions?projectId=not-a-uuid', { token: edu }), 400, 'VALIDATION_FAILED');
      const own = await t.request('GET', '/api/v1/indicators/suggestions', { token: edu });
      expect(own.body.sectors).toEqual(['education', 'general']);
      expect(own.body.projectId).toBeNull();
    });
  });
});
