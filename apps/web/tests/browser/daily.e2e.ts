/**
 * Issue 7 (the daily experience), browser tests of the traps: the import template round trip,
 * refiling an amended key list, no self-approval of a change request, confirmations before every
 * irreversible step (cancel changes nothing), the quality check following the form, English pages
 * without Chinese in data labels, breadcrumbs and tab titles; screenshots at 1366×768 in both languages.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BASE_URL, confirmAction, confirmDialog, login, shot, api, field, token, useBrowser } from './support';

/** exceljs, from the API package (the SPA does not depend on it), typed as far as this test uses it. */
interface Cell {
  text: string;
  value: unknown;
}
interface Sheet {
  name: string;
  getRow(n: number): { getCell(n: number): Cell };
}
const ExcelJS = createRequire(resolve(process.cwd(), '../api/package.json'))('exceljs') as {
  Workbook: new () => {
    worksheets: Sheet[];
    getWorksheet(name: string): Sheet | undefined;
    xlsx: { readFile(path: string): Promise<unknown>; writeFile(path: string): Promise<void> };
  };
};

const browser = useBrowser();
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** A signed-in tab at 1366×768 in the given language. */
async function signedIn(username: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Page> {
  const page = await browser.page();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate((l) => localStorage.setItem('jixiao.locale', l), locale);
  await page.reload();
  await page.locator('input[name=username]').waitFor();
  await login(page, username);
  return page;
}

async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

/** Texts of the given label elements that carry Chinese: none expected on an English page. */
async function chineseIn(page: Page, selectors: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const selector of selectors)
    for (const text of await texts(page.locator(selector))) if (CJK.test(text)) found.push(`${selector}: ${text}`);
  return found;
}

const targetStatus = (page: Page) => page.locator('[data-testid=target-status]').getAttribute('data-status');

describe('the daily experience (issue 7)', () => {
  it('imports the template downloaded from the page once its visible rows are filled', async () => {
    const page = await signedIn('edu');
    await page.goto(`${BASE_URL}/projects`);
    await page.locator('[data-testid=projects-table]').waitFor();
    await page.getByRole('button', { name: '导入 Excel' }).click();
    const dialog = page.locator('.el-dialog:visible');
    await dialog.waitFor();
    const downloading = page.waitForEvent('download');
    await dialog.locator('[data-testid=upload-template]').click();
    const download = await downloading;
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-template-'));
    const file = join(dir, 'template.xlsx');
    await download.saveAs(file);

    // Fill the rows a clerk sees: the first ones below the header that hold nothing yet.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    // The first sheet is the one to fill; its header row names the columns (as a clerk reads them).
    const sheet = workbook.worksheets[0];
    const orgs = workbook.worksheets.find((s) => s !== sheet && s.getRow(2).getCell(1).text.startsWith('QP-'))!;
    const orgCode = orgs.getRow(2).getCell(1).text;
    const HEADERS: Record<string, string> = {
      year: '预算年度',
      code: '项目编码',
      name: '项目名称',
      kind: '类型',
      organizationCode: '单位编码',
      budgetAmount: '预算金额（元）',
      isNew: '是否新增',
      isMajor: '是否重大',
      isCapitalConstruction: '是否基本建设',
    };
    const column = (key: string) => {
      for (let c = 1; c <= 40; c++) if (sheet.getRow(1).getCell(c).text.trim() === HEADERS[key]) return c;
      throw new Error(`the template has no column ${HEADERS[key]}`);
    };
    const stamp = Date.now().toString().slice(-6);
    let row = 2;
    const codes: string[] = [];
    for (let n = 0; n < 2; n++) {
      while (sheet.getRow(row).getCell(column('code')).text.trim() !== '') row++;
      const code = `DAILY-${stamp}-${n + 1}`;
      codes.push(code);
      const values: Record<string, string | number> = {
        year: 2022,
        code,
        name: `日常导入测试项目 ${n + 1}`,
        kind: '项目',
        organizationCode: orgCode,
        budgetAmount: '1200000.00',
        isNew: '否',
        isMajor: '否',
        isCapitalConstruction: '否',
      };
      for (const [key, value] of Object.entries(values)) sheet.getRow(row).getCell(column(key)).value = value;
      row++;
    }
    await workbook.xlsx.writeFile(file);

    await dialog.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => dialog.innerText(), { timeout: 20_000 }).toMatch(/新增 2|created 2|2 created|新增：?2/);
    await shot(page, 'daily-01-import-round-trip');
    rmSync(dir, { recursive: true, force: true });

    // Exactly the two filled rows came in: nothing hidden in the template was imported with them.
    const edu = await token('edu');
    for (const code of codes) {
      const found = await api<{ items: { code: string; year: number }[] }>('GET', `/api/v1/projects?q=${code}`, edu);
      expect(found.body.items.map((p) => p.code)).toEqual([code]);
    }
    const samples = await api<{ total: number }>('GET', `/api/v1/projects?q=${encodeURIComponent('示例')}`, edu);
    expect(samples.body.total).toBe(0);
    await page.close();
  });

  it('amends a filed key list, submits it again and files it as the next revision, keeping the history', async () => {
    const dept = await signedIn('edu');
    await dept.goto(`${BASE_URL}/key-project-lists/mine`);
    await expect.poll(() => dept.locator('[data-testid=key-list-status]').innerText()).toBe('已备案');
    await dept.locator('[data-testid=key-list-amend]').click();
    // The reason is required: confirming without it leaves the list as it was.
    await confirmDialog(dept).locator('[data-testid=confirm-action-confirm]').click();
    await expect.poll(() => confirmDialog(dept).innerText()).toContain('请填写说明');
    await confirmAction(dept, '项目库中新增的重点项目须纳入清单');
    await expect.poll(() => dept.locator('[data-testid=key-list-status]').innerText()).toBe('修订中');
    await expect.poll(() => dept.locator('[data-testid=key-list-submit]').innerText()).toBe('重新报送');
    await dept.locator('[data-testid=key-list-submit]').click();
    expect(await confirmDialog(dept).innerText()).toContain('第 2 版');
    await confirmAction(dept);
    await expect.poll(() => dept.locator('[data-testid=key-list-status]').innerText()).toBe('已报送');
    await dept.close();

    const current = await api<{ id: string; status: string }>('GET', '/api/v1/key-project-lists/current?year=2022', await token('edu'));
    expect(current.body.status).toBe('submitted');
    const id = current.body.id;
    const finance = await signedIn('finance');
    await finance.goto(`${BASE_URL}/key-project-lists/${id}`);
    await finance.locator('[data-testid=key-list-file]').click();
    await confirmAction(finance, '同意按修订后清单备案');
    await expect.poll(() => finance.locator('[data-testid=key-list-status]').innerText()).toBe('已备案');
    // Both revisions stay: the first as amended, the second current; the history names every step.
    const revisions = finance.locator('[data-testid=key-list-revisions] .el-table__row');
    await expect.poll(() => revisions.count()).toBe(2);
    const history = await texts(finance.locator('[data-testid=key-list-history-action]'));
    expect(history).toEqual(expect.arrayContaining(['修订', '备案', '报送']));
    expect(history.filter((h) => h === '备案').length).toBeGreaterThanOrEqual(2);
    await shot(finance, 'daily-02-key-list-refiled');
    await finance.close();
  });

  it('does not let the finance user who requested a target change approve it (no button, and the API refuses)', async () => {
    const financeToken = await token('finance');
    const approved = await api<{ items: { id: string; projectCode: string }[] }>(
      'GET',
      '/api/v1/targets?status=approved&pageSize=50',
      financeToken,
    );
    const target = approved.body.items.find((t) => t.projectCode === 'QP-D02-2022-001') ?? approved.body.items[0];
    const page = await signedIn('finance');
    await page.goto(`${BASE_URL}/targets/${target.id}`);
    await page.locator('[data-testid=request-change]').click();
    await field(page, 'cr-reason').fill('年度任务调整，需相应调整产出指标');
    await page.locator('[data-testid=cr-submit]').click();
    const row = page.locator('[data-testid=change-requests] .el-table__row', { hasText: '年度任务调整' });
    await row.waitFor();
    expect(await row.locator('[data-testid=change-approve]').count()).toBe(0);
    await shot(page, 'daily-03-own-change-request');
    await page.close();

    const pending = await api<{ items: { id: string; version: number; reason: string }[] }>(
      'GET',
      `/api/v1/targets/change-requests?targetId=${target.id}&status=pending`,
      financeToken,
    );
    const mine = pending.body.items.find((c) => c.reason.startsWith('年度任务调整'))!;
    const refused = await api<{ code: string }>('POST', `/api/v1/targets/change-requests/${mine.id}/approve`, financeToken, {
      version: mine.version,
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const after = await api<{ items: { id: string; status: string }[] }>(
      'GET',
      `/api/v1/targets/change-requests?targetId=${target.id}`,
      financeToken,
    );
    expect(after.body.items.find((c) => c.id === mine.id)?.status).toBe('pending');
  });

  // Passing and concluding for real are the target flow's (target-flow.e2e.ts); here the dialogs and their cancel.
  it('asks before submit, pass, submitting scores and concluding; cancelling changes nothing', async () => {
    const financeToken = await token('finance');
    const all = await api<{ items: { id: string; projectCode: string; status: string }[] }>(
      'GET',
      '/api/v1/targets?pageSize=100',
      financeToken,
    );
    const byCode = (code: string) => all.body.items.find((t) => t.projectCode === code)!;

    // A department submits: the quality check follows the editor before any save, then the confirmation.
    const health = await signedIn('health');
    const draft = byCode('QP-D16-2022-004');
    await health.goto(`${BASE_URL}/targets/${draft.id}`);
    await expect.poll(() => targetStatus(health)).toBe('draft');
    const duplicates = health.locator('[data-testid=quality-NO_DUPLICATE_INDICATORS]');
    await expect.poll(() => duplicates.first().getAttribute('data-passed')).toBe('true');
    const rows = await health.locator('[data-testid=ind-name]').count();
    await health.locator('[data-testid=ind-add]').click();
    await health.locator('[data-testid=ind-add]').click();
    await field(health, 'ind-name', rows).fill('同名指标');
    await field(health, 'ind-name', rows + 1).fill('同名指标');
    // Flagged at once, without saving: the later row duplicates the earlier one.
    await expect.poll(() => duplicates.first().getAttribute('data-passed')).toBe('false');
    expect(await duplicates.count()).toBe(1);
    expect(await duplicates.first().innerText()).toContain(`第 ${rows + 2} 项指标`);
    // Fixed in the editor: no longer a duplicate, at once.
    await field(health, 'ind-name', rows + 1).fill('另一项指标');
    await expect.poll(() => duplicates.first().getAttribute('data-passed')).toBe('true');
    expect(await duplicates.count()).toBe(1);
    await shot(health, 'daily-04-quality-follows-the-form');
    await health.reload();
    await expect.poll(() => health.locator('[data-testid=target-submit]').isDisabled()).toBe(false);
    await health.locator('[data-testid=target-submit]').click();
    await confirmDialog(health).waitFor();
    await shot(health, 'daily-05-confirm-submit');
    await confirmDialog(health).getByRole('button', { name: '取消' }).click();
    await confirmDialog(health).waitFor({ state: 'hidden' });
    expect(await targetStatus(health)).toBe('draft');
    expect((await api<{ status: string }>('GET', `/api/v1/targets/${draft.id}`, financeToken)).body.status).toBe('draft');
    await health.close();

    // The bureau passes a submitted target: cancel first, then confirm.
    const submitted = byCode('QP-D02-2022-004');
    const finance = await signedIn('finance');
    await finance.goto(`${BASE_URL}/targets/${submitted.id}`);
    await finance.locator('[data-testid=review-pass], [data-testid=review-pass-experts]').first().click();
    await confirmDialog(finance).getByRole('button', { name: '取消' }).click();
    await confirmDialog(finance).waitFor({ state: 'hidden' });
    expect((await api<{ status: string }>('GET', `/api/v1/targets/${submitted.id}`, financeToken)).body.status).toBe('submitted');
    expect(await targetStatus(finance)).toBe('submitted');

    // The expert submits scores only after confirming.
    const expert = await signedIn('expert');
    const expertToken = await token('expert');
    const mine = await api<{ items: { id: string; projectCode: string; status: string }[] }>(
      'GET',
      '/api/v1/target-reviews/mine?pageSize=50',
      expertToken,
    );
    const review = mine.body.items.find((r) => r.projectCode === 'QP-D16-2022-001' && r.status === 'assigned')!;
    await expert.goto(`${BASE_URL}/target-reviews/${review.id}`);
    await field(expert, 'review-score').fill('88');
    await field(expert, 'review-opinion').fill('目标明确，指标可衡量');
    await expert.locator('[data-testid=review-submit]').click();
    await confirmDialog(expert).getByRole('button', { name: '取消' }).click();
    await confirmDialog(expert).waitFor({ state: 'hidden' });
    expect((await api<{ status: string }>('GET', `/api/v1/target-reviews/${review.id}`, expertToken)).body.status).toBe('assigned');
    await expert.locator('[data-testid=review-submit]').click();
    await confirmAction(expert);
    await expect
      .poll(async () => (await api<{ status: string }>('GET', `/api/v1/target-reviews/${review.id}`, expertToken)).body.status)
      .toBe('submitted');
    await expert.close();

    // The bureau concludes the review: cancel changes nothing, confirm concludes.
    const scored = byCode('QP-D16-2022-001');
    await finance.goto(`${BASE_URL}/targets/${scored.id}`);
    await finance.locator('[data-testid=review-conclude]').click();
    await shot(finance, 'daily-06-confirm-conclude');
    await confirmDialog(finance).getByRole('button', { name: '取消' }).click();
    await confirmDialog(finance).waitFor({ state: 'hidden' });
    expect((await api<{ status: string }>('GET', `/api/v1/targets/${scored.id}`, financeToken)).body.status).toBe('expert_review');
    expect(await targetStatus(finance)).toBe('expert_review');
    await finance.close();
  });

  it('shows English pages without Chinese in their data labels', async () => {
    const financeToken = await token('finance');
    const all = await api<{ items: { id: string; projectCode: string }[] }>('GET', '/api/v1/targets?pageSize=100', financeToken);
    const keyTarget = all.body.items.find((t) => t.projectCode === 'QP-D02-2022-003')!;
    const lists = await api<{ items: { id: string; organizationName: string }[] }>(
      'GET',
      '/api/v1/key-project-lists?pageSize=100',
      financeToken,
    );
    const eduList = lists.body.items.find((l) => l.organizationName === '区教育局')!;
    const page = await signedIn('finance', 'en-US');

    await page.goto(`${BASE_URL}/targets/${keyTarget.id}`);
    await page.locator('[data-testid=target-key-basis]').waitFor();
    expect(await page.locator('[data-testid=target-key-basis]').innerText()).toMatch(/^Key project · Basis \(1\)/);
    expect(await page.locator('[data-testid=target-budget]').innerText()).toMatch(/^Budget [\d,]+\.\d{2} yuan$/);
    expect(
      await chineseIn(page, [
        '[data-testid=target-status]',
        '[data-testid=target-key-basis]',
        '[data-testid=target-budget]',
        '[data-testid=ind-level1-label]',
        '[data-testid=ind-level2-label]',
        '[data-testid=ind-comparison-label]',
        '[data-testid=ind-unit-label]',
        '.el-table__header th',
        '.el-card__header',
        '[data-testid=breadcrumb]',
        '[data-testid=app-menu]',
      ]),
    ).toEqual([]);
    await shot(page, 'daily-07-target-english');

    await page.goto(`${BASE_URL}/budget-gate`);
    await page.locator('[data-testid=coverage-dial-text]').first().waitFor();
    for (const text of await texts(page.locator('[data-testid=coverage-dial-text]'))) expect(text).toMatch(/^(\d+(\.\d+)?%|—)$/);
    await page.locator('[data-testid=gate-table] .el-table__row').first().waitFor();
    // the departments and what is missing come page by page from the server
    await page.locator('[data-testid=coverage-byDepartment] .el-table__row').first().waitFor();
    await page.locator('[data-testid=coverage-missingTargets] .el-table__row').first().waitFor();
    expect(
      await chineseIn(page, [
        '[data-testid=coverage-dial-text]',
        '.total-label',
        '.el-table__header th',
        '[data-testid=gate-table] .el-tag',
        '[data-testid=coverage-missingTargets] .el-tag',
        '.el-tabs__item',
        '.el-card__header',
      ]),
    ).toEqual([]);
    await shot(page, 'daily-08-budget-gate-english');

    await page.goto(`${BASE_URL}/key-project-lists/${eduList.id}`);
    await page.locator('[data-testid=key-list-basis]').first().waitFor();
    expect(
      await chineseIn(page, [
        '[data-testid=key-list-status]',
        '[data-testid=key-list-basis]',
        '[data-testid=key-list-amount]',
        '[data-testid=key-list-history-action]',
        '.el-table__header th',
        '.hint',
        '.total',
      ]),
    ).toEqual([]);
    await shot(page, 'daily-09-key-list-english');
    await page.close();
  });

  it('titles the tab "<page> · 绩效管理" and shows the breadcrumb of a detail page', async () => {
    const financeToken = await token('finance');
    const projects = await api<{ items: { id: string; code: string }[] }>('GET', '/api/v1/projects?pageSize=5', financeToken);
    const page = await signedIn('finance');
    await page.goto(`${BASE_URL}/projects/${projects.body.items[0].id}`);
    await page.locator('[data-testid=page-project-detail]').waitFor();
    await expect.poll(() => page.title()).toBe('项目详情 · 绩效管理');
    const crumbs = page.locator('[data-testid=breadcrumb-item] .el-breadcrumb__inner');
    expect(await texts(crumbs)).toEqual(['项目库', '项目详情']);
    await page.locator('[data-testid=breadcrumb-item]').first().click();
    await page.locator('[data-testid=page-projects]').waitFor();
    await expect.poll(() => page.title()).toBe('项目库 · 绩效管理');
    await page.goBack();
    await page.locator('[data-testid=page-project-detail]').waitFor();

    await page.locator('[data-testid=language-switch]').click();
    await page.locator('[data-testid=language-en-US]').click();
    await expect.poll(() => page.title()).toBe('Project · Performance Management');
    await expect.poll(() => texts(crumbs)).toEqual(['Projects', 'Project library', 'Project']);
    await page.close();
  });

  it('shows menus without a sideways scrollbar, and only the entries the role can use', async () => {
    for (const [user, absent, present] of [
      ['finance', ['menu-key-project-list-mine', 'menu-target-reviews-mine', 'menu-target-pre-review'], ['menu-key-project-lists']],
      ['edu-unit', ['menu-key-project-lists-group', 'menu-target-pre-review', 'menu-target-reviews-mine'], ['menu-target-change-requests']],
      ['edu', ['menu-target-reviews-mine'], ['menu-key-project-list-mine', 'menu-target-pre-review']],
    ] as const) {
      const page = await signedIn(user, 'en-US');
      for (const id of absent) expect(await page.locator(`[data-testid=${id}]`).count(), `${user}: ${id}`).toBe(0);
      for (const id of present) expect(await page.locator(`[data-testid=${id}]`).count(), `${user}: ${id}`).toBeGreaterThan(0);
      const overflow = await page.evaluate(() => {
        const wrap = document.querySelector('.aside .el-scrollbar__wrap');
        return wrap ? wrap.scrollWidth - wrap.clientWidth : -1;
      });
      expect(overflow).toBe(0);
      await page.close();
    }
  });

  it('takes a budget typed with thousands separators, shows it grouped, and saves the exact amount (trap 6)', async () => {
    const page = await signedIn('edu');
    await page.goto(`${BASE_URL}/projects`);
    await page.locator('[data-testid=project-create]').click();
    const code = `SEP-${Date.now()}`;
    // The department's own organization and the working year are filled in already.
    await field(page, 'project-code').fill(code);
    await field(page, 'project-name').fill('千分位金额测试项目');
    const budget = field(page, 'project-budget');
    await budget.click();
    await budget.fill('6,000,000.00');
    await field(page, 'project-name').click();
    expect(await budget.inputValue()).toBe('6,000,000.00');
    await page.locator('[data-testid=project-save]').click();
    await page.locator('[data-testid=project-form]').waitFor({ state: 'detached' });
    const edu = await token('edu');
    const found = await api<{ items: { code: string; budgetAmount: string; year: number; keyBasis: string | null }[] }>(
      'GET',
      `/api/v1/projects?q=${code}`,
      edu,
    );
    expect(found.body.items).toEqual([expect.objectContaining({ code, budgetAmount: '6000000.00', year: 2022, keyBasis: 'AMOUNT' })]);
    // The list shows it grouped, with no raw decimal string (searched for: the demo years fill more than a page).
    await page.goto(`${BASE_URL}/projects?q=${encodeURIComponent(code)}`);
    await page.locator(`text=${code}`).first().waitFor();
    expect(await page.locator('[data-testid=page-projects]').innerText()).toContain('6,000,000.00');
    await page.close();
  });

  it('opens the list behind a workbench item, already filtered', async () => {
    const page = await signedIn('finance');
    const tile = page.locator('[data-testid="workbench-item-targets.to_review"]');
    await tile.waitFor();
    await tile.click();
    await page.waitForURL(/\/targets\?/);
    expect(new URL(page.url()).searchParams.get('status')).toBe('submitted');
    // The list loads after the route changes: wait for its rows, then every one is a submitted target.
    const statuses = () => texts(page.locator('[data-testid=targets-table] [data-testid^=status-]'));
    await expect.poll(async () => (await statuses()).length).toBeGreaterThan(0);
    expect(new Set(await statuses())).toEqual(new Set(['已提交待审核']));
    await page.close();
  });

  it('takes screenshots of the pages in both languages at 1366×768', async () => {
    const financeToken = await token('finance');
    const targets = await api<{ items: { id: string; projectCode: string }[] }>('GET', '/api/v1/targets?pageSize=100', financeToken);
    const lists = await api<{ items: { id: string }[] }>('GET', '/api/v1/key-project-lists?pageSize=10', financeToken);
    const assessments = await api<{ items: { id: string }[] }>('GET', '/api/v1/pre-assessments?pageSize=10', financeToken);
    const projects = await api<{ items: { id: string }[] }>('GET', '/api/v1/projects?pageSize=5', financeToken);
    const pages: [string, string][] = [
      ['target', `/targets/${targets.body.items.find((t) => t.projectCode === 'QP-D02-2022-003')!.id}`],
      ['budget-gate', '/budget-gate'],
      ['key-list', `/key-project-lists/${lists.body.items[0].id}`],
      ['coverage', '/key-project-lists/coverage'],
      ['pre-assessment', `/pre-assessments/${assessments.body.items[0].id}`],
      ['project', `/projects/${projects.body.items[0].id}`],
      ['change-requests', '/targets/change-requests'],
      ['experts', '/experts'],
    ];
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const page = await signedIn('finance', locale);
      for (const [name, path] of pages) {
        await page.goto(`${BASE_URL}${path}`);
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await page.screenshot({
          path: join(process.cwd(), 'test-output/screenshots', `daily-page-${name}-${locale}.png`),
          animations: 'disabled',
        });
        expect(await page.title()).toMatch(locale === 'zh-CN' ? / · 绩效管理$/ : / · Performance Management$/);
      }
      await page.close();
    }
  });
});
