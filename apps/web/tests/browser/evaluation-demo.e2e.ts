/**
 * Issue 9, the demo commission (R13): the demo agency user (青信会计师事务所, QP-A01) signs in and finds on
 * its workbench "commissioned evaluations to complete", which opens the evaluations list filtered to its
 * commissions in progress — 区教育局's department evaluation of 校园安全视频监控系统建设, commissioned by the
 * demo data through the commission use case — and opens it (zh-CN, then the tile in en-US).
 */
import { describe, expect, it } from 'vitest';
import { BASE_URL, login, shot, useBrowser } from './support';

const browser = useBrowser();

describe('the demo commission (issue 9)', () => {
  it('shows the agency its commission on the workbench and in the list it opens', async () => {
    const page = await browser.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    await page.reload();
    await login(page, 'agency');
    const tile = page.locator('[data-testid="workbench-item-evaluations.commissions_to_complete"]');
    await tile.waitFor();
    expect(await tile.innerText()).toContain('受托待完成的评价（上一年度）');
    const count = Number(await tile.locator('[data-testid=workbench-count]').innerText());
    expect(count).toBeGreaterThanOrEqual(1);
    // Nothing to grade for an agency.
    expect(await page.locator('[data-testid="workbench-item-evaluations.commissions_to_grade"]').count()).toBe(0);
    await shot(page, 'evaluation-demo-zh-CN-agency-workbench');

    await tile.click();
    await page.locator('[data-testid=page-evaluations]').waitFor();
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ commission: 'commissioned', status: 'in_progress', year: '2021' });
    const row = page.locator('.el-table__row', { hasText: '校园安全视频监控系统建设' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('区教育局');
    // The list behind the tile has as many rows as the tile counts.
    await expect.poll(() => page.locator('.el-table__body-wrapper .el-table__row').count()).toBe(count);
    await shot(page, 'evaluation-demo-zh-CN-agency-list');

    await row.first().locator('[data-testid^=open-]').click();
    await page.locator('[data-testid=page-evaluation-detail]').waitFor();
    await expect.poll(() => page.locator('[data-testid=commission-status]').innerText()).toBe('受托机构评价中');
    expect(await page.locator('[data-testid=commission-platform-reference]').innerText()).toBe('SHJX-2022-QP-0042');
    expect(await page.locator('[data-testid=evaluation-save]').isVisible()).toBe(true);
    await shot(page, 'evaluation-demo-zh-CN-agency-detail');

    // en-US: the tile's English label.
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'en-US'));
    await page.goto(`${BASE_URL}/`);
    await tile.waitFor();
    expect(await tile.innerText()).toContain('Commissioned evaluations to complete (last year)');
    await shot(page, 'evaluation-demo-en-US-agency-workbench');
  });
});
