/**
 * Issue 9, the agency registry in the browser: the bureau registers an agency (with its credit code
 * and a qualification), then suspends it through the confirm dialog with a reason — in Chinese and in
 * English; an agency user's registry holds its own entry only.
 */
import { describe, expect, it } from 'vitest';
// The domain's own check character (the SPA's alias is not in this Node-side test's resolution).
import { creditCodeCheckCharacter } from '../../../../libs/domain/src/agency';
import { api, BASE_URL, confirmAction, field, login, shot, token, useBrowser } from './support';

const browser = useBrowser();

const TEXT = {
  'zh-CN': { suspended: '暂停委托', active: '正常', reason: '评价报告质量问题，暂停委托待整改' },
  'en-US': { suspended: 'Suspended', active: 'Active', reason: 'Report quality problems: suspended until remedied' },
} as const;

describe('the agency registry (issue 9)', () => {
  it.each(['zh-CN', 'en-US'] as const)('lets the bureau register an agency and suspend it with a reason (%s)', async (locale) => {
    const page = await browser.page();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate((l) => localStorage.setItem('jixiao.locale', l), locale);
    await page.reload();
    await login(page, 'finance');

    await page.goto(`${BASE_URL}/agencies`);
    await page.locator('[data-testid=agencies-table] .el-table__row').first().waitFor();
    await shot(page, `agencies-${locale}-list`);

    const n = String(Date.now() % 100000).padStart(5, '0');
    const code = `BR-A${n}${locale === 'zh-CN' ? 'Z' : 'E'}`;
    const body17 = `91310118MA1B${locale === 'zh-CN' ? '1' : '2'}${n.slice(1)}`;
    const creditCode = body17 + creditCodeCheckCharacter(body17);
    const name = locale === 'zh-CN' ? `上海浦江绩效评价咨询有限公司 ${n}` : `Pujiang Evaluation Consulting ${n}`;

    await page.locator('[data-testid=agency-create]').click();
    const form = page.locator('[data-testid=agency-form]');
    await field(page, 'agency-code').fill(code);
    await field(page, 'agency-name').fill(name);
    await field(page, 'agency-credit-code').fill(creditCode.toLowerCase());
    await field(page, 'agency-qualification-name').fill(locale === 'zh-CN' ? '工程咨询单位乙级资信证书' : 'Engineering consulting grade B');
    await field(page, 'agency-qualification-number').fill(`Z${n}`);
    await field(page, 'agency-contact-name').fill(locale === 'zh-CN' ? '张悦' : 'Zhang Yue');
    await shot(page, `agencies-${locale}-create`);
    await form.locator('[data-testid=agency-save]').click();

    await page.locator('[data-testid=page-agency-detail]').waitFor();
    await expect.poll(() => page.locator('[data-testid=agency-title]').innerText()).toBe(name);
    expect(await page.locator('[data-testid=agency-state]').innerText()).toBe(TEXT[locale].active);
    expect(await page.locator('[data-testid=agency-qualifications]').innerText()).toContain(`Z${n}`);

    await page.locator('[data-testid=agency-suspend]').click();
    await confirmAction(page, TEXT[locale].reason);
    await expect.poll(() => page.locator('[data-testid=agency-state]').innerText()).toBe(TEXT[locale].suspended);
    expect(await page.locator('[data-testid=agency-state-alert]').innerText()).toContain(TEXT[locale].reason);
    // The one who suspended is not offered the reinstatement (four eyes).
    expect(await page.locator('[data-testid=agency-reinstate]').count()).toBe(0);
    await shot(page, `agencies-${locale}-suspended`);

    const listed = await api<{ items: { id: string; state: string; creditCode: string }[] }>(
      'GET',
      `/api/v1/agencies?q=${encodeURIComponent(code)}`,
      await token('finance'),
    );
    expect(listed.body.items).toEqual([expect.objectContaining({ state: 'suspended', creditCode })]);
    const entry = await api<{ stateReason: string }>('GET', `/api/v1/agencies/${listed.body.items[0].id}`, await token('finance'));
    expect(entry.body.stateReason).toBe(TEXT[locale].reason);
    await page.close();
  });

  it('shows an agency user its own entry only', async () => {
    const page = await browser.page();
    await page.setViewportSize({ width: 1366, height: 768 });
    await login(page, 'agency');
    await page.goto(`${BASE_URL}/agencies`);
    await page.locator('[data-testid=agencies-table] .el-table__row').first().waitFor();
    expect(await page.locator('[data-testid=agencies-table] .el-table__row').count()).toBe(1);
    expect(await page.locator('[data-testid=agencies-table]').innerText()).toContain('QP-A01');
    // v-access hides what the role may not do (display: none); the server refuses it anyway.
    expect(await page.locator('[data-testid=agency-create]').isVisible()).toBe(false);
    await page.locator('[data-testid=agency-open]').click();
    await page.locator('[data-testid=agency-title]').waitFor();
    expect(await page.locator('[data-testid=agency-edit]').isVisible()).toBe(false);
    await shot(page, 'agencies-zh-CN-agency-own');
    await page.close();
  });
});
