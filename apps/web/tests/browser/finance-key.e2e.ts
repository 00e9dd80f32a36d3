/**
 * Issue 9, R14: the bureau selects the ten finance key evaluations of 2021 on the selection page —
 * the ranking with each criterion's weight and contribution, one of the first ten taken out and the
 * eleventh added, each with a reason, the count followed live, the selection confirmed once — and
 * sees the recorded selection with the override, the removal and their reasons, linked to the
 * finance key evaluations it started. The English page is looked at after the selection.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE_URL, api, confirmAction, field, login, shot, token, useBrowser } from './support';

interface Candidate {
  projectId: string;
  projectCode: string;
  projectName: string;
  rank: number;
  withinCount: boolean;
}

const browser = useBrowser();

const REMOVE_REASON = '该项目已列入区审计局 2022 年审计计划，避免重复评价';
const ADD_REASON = '群众来信反映集中，人大代表建议开展重点评价';

async function override(page: Page, testid: string, reason: string | null): Promise<void> {
  await page.locator(`[data-testid=${testid}]`).click();
  const dialog = page.locator('[data-testid=finance-key-override-dialog]');
  await dialog.waitFor();
  if (reason !== null) await field(page, 'finance-key-override-reason').fill(reason);
  await dialog.locator('[data-testid=finance-key-override-save]').click();
}

const countText = (page: Page) => page.locator('[data-testid=finance-key-count]').innerText();

describe('finance key evaluation selection (R14)', () => {
  it('finance removes one of the first ten, adds the eleventh with a reason, and confirms ten', async () => {
    const finance = await token('finance');
    const ranked = await api<{ year: number; required: number; total: number; items: Candidate[]; selection: unknown }>(
      'GET',
      '/api/v1/evaluations/finance-key/candidates?year=2021&pageSize=50',
      finance,
    );
    expect(ranked.status).toBe(200);
    expect(ranked.body).toMatchObject({ year: 2021, required: 10, selection: null });
    // The demo's 2021 round has more candidates than the ten to select, so the ranking decides something.
    expect(ranked.body.total).toBeGreaterThan(11);
    const removed = ranked.body.items[7];
    const added = ranked.body.items[10];
    expect(removed.withinCount).toBe(true);
    expect(added.withinCount).toBe(false);

    const page = await browser.page();
    await login(page, 'finance');
    // First a look at the English page before anything is decided.
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'en-US'));
    await page.goto(`${BASE_URL}/evaluations/finance-key`);
    await page.locator('[data-testid=finance-key-table]').waitFor();
    expect(await countText(page)).toBe('10 of 10 selected');
    await override(page, `finance-key-remove-${removed.projectCode}`, 'Audited in 2022');
    await expect.poll(() => countText(page)).toBe('9 of 10 selected');
    expect(await page.locator('[data-testid=finance-key-count-hint]').innerText()).toBe('1 short');
    await shot(page, 'finance-key-en-US-pending');
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    await page.goto(`${BASE_URL}/`);
    await page.locator('[data-testid=page-dashboard]').waitFor();
    // A leaf of the 绩效评价 group.
    await page.locator('[data-testid=app-menu]').getByText('绩效评价', { exact: true }).click();
    await page.locator('[data-testid=app-menu]').getByText('财政重点评价选定', { exact: true }).click();
    await page.locator('[data-testid=page-finance-key]').waitFor();
    await page.locator('[data-testid=finance-key-table]').waitFor();
    expect(await countText(page)).toBe('已选 10 / 应选 10');

    // Each criterion's weight and contribution, in the expanded row of the first candidate.
    await page.locator('[data-testid=finance-key-table] .el-table__expand-icon').first().click();
    const criteria = page.locator(`[data-testid=finance-key-criteria-${ranked.body.items[0].projectCode}]`);
    await criteria.waitFor();
    const criteriaText = await criteria.innerText();
    for (const label of ['上年预算执行率', '管理链条', '民生重点', '百姓关注度']) expect(criteriaText).toContain(label);
    expect(criteriaText).toContain('R14');
    await shot(page, 'finance-key-zh-CN-ranking');

    // Remove the eighth: a reason is required before the override is kept.
    await override(page, `finance-key-remove-${removed.projectCode}`, null);
    await page.locator('[data-testid=finance-key-override-dialog]').getByText('请填写调整理由').waitFor();
    await field(page, 'finance-key-override-reason').fill(REMOVE_REASON);
    await page.locator('[data-testid=finance-key-override-dialog] [data-testid=finance-key-override-save]').click();
    await expect.poll(() => countText(page)).toBe('已选 9 / 应选 10');
    expect(await page.locator('[data-testid=finance-key-count-hint]').innerText()).toBe('还差 1 个');
    expect(await page.locator('[data-testid=finance-key-submit]').isDisabled()).toBe(true);
    expect(await page.locator(`[data-testid=finance-key-row-${removed.projectCode}]`).getAttribute('data-chosen')).toBe('false');

    // Add the eleventh.
    await override(page, `finance-key-add-${added.projectCode}`, ADD_REASON);
    await expect.poll(() => countText(page)).toBe('已选 10 / 应选 10');
    expect(await page.locator(`[data-testid=finance-key-row-${added.projectCode}]`).getAttribute('data-chosen')).toBe('true');
    const pending = await page.locator('[data-testid=finance-key-overrides]').innerText();
    expect(pending).toContain(REMOVE_REASON);
    expect(pending).toContain(ADD_REASON);
    await shot(page, 'finance-key-zh-CN-overrides');

    // Confirm once, through the confirm-then-act dialog.
    await page.locator('[data-testid=finance-key-submit]').click();
    await confirmAction(page);
    const recorded = page.locator('[data-testid=finance-key-selection]');
    await recorded.waitFor();
    expect(await page.locator('[data-testid=finance-key-selected-count]').innerText()).toBe('已选 10 / 应选 10');
    expect(await page.locator('[data-testid=finance-key-selected-table] .el-table__body tr').count()).toBe(10);
    const selectedText = await page.locator('[data-testid=finance-key-selected-table]').innerText();
    expect(selectedText).toContain(added.projectName);
    expect(selectedText).toContain(ADD_REASON);
    expect(selectedText).toContain('调整加入');
    expect(selectedText).not.toContain(removed.projectName);
    const removedText = await page.locator('[data-testid=finance-key-removed-table]').innerText();
    expect(removedText).toContain(removed.projectName);
    expect(removedText).toContain(REMOVE_REASON);
    expect(await page.locator('[data-testid=finance-key-selected-by]').innerText()).toBe('财政局绩效科（演示）');
    // No more overrides once the year is selected.
    expect(await page.locator('[data-testid=finance-key-pending]').count()).toBe(0);
    await shot(page, 'finance-key-zh-CN-selected');

    // The server holds the same selection.
    const after = await api<{ selection: { selected: { projectId: string; via: string; reason: string | null; evaluationId: string }[] } }>(
      'GET',
      '/api/v1/evaluations/finance-key/candidates?year=2021',
      finance,
    );
    const selected = after.body.selection.selected;
    expect(selected).toHaveLength(10);
    expect(selected.find((s) => s.projectId === added.projectId)).toMatchObject({ via: 'override', reason: ADD_REASON });
    expect(selected.map((s) => s.projectId)).not.toContain(removed.projectId);

    // The link opens the finance key evaluation it started.
    await page.locator(`[data-testid=finance-key-evaluation-${added.projectCode}]`).click();
    await page.locator('[data-testid=page-evaluation-detail]').waitFor();
    expect(await page.locator('[data-testid=evaluation-kind]').innerText()).toBe('财政重点评价');
    expect(page.url()).toContain(selected.find((s) => s.projectId === added.projectId)!.evaluationId);

    // The recorded selection in English.
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'en-US'));
    await page.goto(`${BASE_URL}/evaluations/finance-key?year=2021`);
    await page.locator('[data-testid=finance-key-selection]').waitFor();
    expect(await page.locator('[data-testid=finance-key-selected-count]').innerText()).toBe('10 of 10 selected');
    expect(await page.locator('[data-testid=finance-key-selected-table]').innerText()).toContain('Added by override');
    await page.locator('[data-testid=finance-key-table] .el-table__expand-icon').first().click();
    const criteriaEn = await page.locator(`[data-testid=finance-key-criteria-${ranked.body.items[0].projectCode}]`).innerText();
    expect(criteriaEn).toContain('Last year’s execution rate');
    expect(criteriaEn).toContain('R14:');
    await shot(page, 'finance-key-en-US-selected');
    await page.close();
  });

  it('is not in the menu of a department, and its API refuses it', async () => {
    const page = await browser.page();
    await login(page, 'health');
    expect(await page.locator('[data-testid=app-menu]').innerText()).not.toContain('财政重点评价选定');
    const health = await token('health');
    expect((await api('GET', '/api/v1/evaluations/finance-key/candidates?year=2021', health)).status).toBe(403);
    await page.close();
  });
});
