/**
 * Issue 9, 质量管理: the bureau spot-checks the quality of units' self-evaluations in the browser. It
 * opens 绩效评价 › 自评质量抽查, asks for more than there are (refused in the confirm dialog, naming
 * the population), draws one of the 2021 round's completed self-evaluations, finds a deficient
 * verdict refused without findings, records it with findings and concludes — in Chinese and English.
 */
import { describe, expect, it } from 'vitest';
import { BASE_URL, confirmAction, confirmDialog, field, login, shot, useBrowser } from './support';

const browser = useBrowser();

const TEXT = {
  'zh-CN': {
    group: '绩效评价',
    menu: '自评质量抽查',
    tooMany: '已完成的单位自评共',
    findingsRequired: '认定质量不合格时须写明发现的问题',
    findings: '实际值无佐证材料，未完全实现的指标说明过于笼统',
    deficient: '质量不合格',
    conclusion: '抽查 1 份，质量不合格 1 份，已通知主管部门督促整改',
    concluded: '已完成',
  },
  'en-US': {
    group: 'Evaluations',
    menu: 'Self-evaluation spot checks',
    tooMany: 'completed self-evaluations to draw from: there are',
    findingsRequired: 'A deficient verdict needs its findings',
    findings: 'Actual values have no evidence; the explanations are too general',
    deficient: 'Deficient',
    conclusion: 'One checked, one deficient; the department has been told to follow up',
    concluded: 'Concluded',
  },
} as const;

describe('self-evaluation spot checks (issue 9)', () => {
  it.each(['zh-CN', 'en-US'] as const)('draws a sample, records a deficient verdict with findings and concludes (%s)', async (locale) => {
    const text = TEXT[locale];
    const page = await browser.page();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate((l) => localStorage.setItem('jixiao.locale', l), locale);
    await page.reload();
    await login(page, 'finance');
    const group = page.locator('[data-testid=menu-evaluation]');
    expect(await group.locator('.el-sub-menu__title').innerText()).toContain(text.group);
    await group.locator('.el-sub-menu__title').click();
    await page.locator('[data-testid=menu-evaluation-spot-checks]').getByText(text.menu).click();
    await page.locator('[data-testid=page-evaluation-spot-checks]').waitFor();

    // More than there are: refused in the confirm dialog, which stays open.
    await page.locator('[data-testid=spot-check-draw]').click();
    const drawDialog = page.locator('[data-testid=spot-check-draw-dialog]');
    await field(page, 'spot-check-draw-year').fill('2021');
    await field(page, 'spot-check-draw-size').fill('9999');
    await shot(page, `spot-checks-${locale}-01-draw`);
    await drawDialog.locator('[data-testid=spot-check-draw-next]').click();
    const confirm = confirmDialog(page);
    await confirm.waitFor();
    await confirm.locator('[data-testid=confirm-action-confirm]').click();
    await expect
      .poll(() =>
        page
          .locator('.el-message')
          .allInnerTexts()
          .then((x) => x.join(' ')),
      )
      .toContain(text.tooMany);
    expect(await confirm.isVisible()).toBe(true);
    await shot(page, `spot-checks-${locale}-02-too-many`);
    await confirm.locator('.el-dialog__footer button').first().click();
    await confirm.waitFor({ state: 'hidden' });

    // One: drawn, and the detail opens with the sampled self-evaluation.
    await field(page, 'spot-check-draw-size').fill('1');
    await drawDialog.locator('[data-testid=spot-check-draw-next]').click();
    await confirmAction(page);
    await page.locator('[data-testid=page-evaluation-spot-check]').waitFor();
    const items = page.locator('[data-testid=spot-check-items]');
    await items.locator('.el-table__row').first().waitFor();
    expect(await items.locator('.el-table__row').count()).toBe(1);

    // Deficient without findings: refused in the dialog.
    await page.locator('[data-testid=spot-check-edit-1]').click();
    const verdict = page.locator('[data-testid=spot-check-verdict-dialog]');
    await verdict.locator('[data-testid=spot-check-verdict-deficient]').click();
    await verdict.locator('[data-testid=spot-check-verdict-save]').click();
    await expect.poll(() => verdict.innerText()).toContain(text.findingsRequired);
    await field(page, 'spot-check-findings').fill(text.findings);
    await shot(page, `spot-checks-${locale}-03-verdict`);
    await verdict.locator('[data-testid=spot-check-verdict-save]').click();
    await verdict.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('[data-testid=spot-check-verdict-1]').innerText()).toBe(text.deficient);
    expect(await items.innerText()).toContain(text.findings);

    await page.locator('[data-testid=spot-check-conclude]').click();
    await confirmAction(page, text.conclusion);
    await expect.poll(() => page.locator('[data-testid=spot-check-status]').innerText()).toBe(text.concluded);
    expect(await page.locator('[data-testid=spot-check-conclusion]').innerText()).toBe(text.conclusion);
    await expect.poll(() => page.locator('[data-testid=spot-check-edit-1]').count()).toBe(0);
    await shot(page, `spot-checks-${locale}-04-concluded`);

    // The sampled self-evaluation opens from its code.
    await page.locator('[data-testid=spot-check-evaluation-1]').click();
    await page.waitForURL(/\/evaluations\/[0-9a-f-]{36}$/);

    // And the list shows it concluded, newest first.
    await page.goto(`${BASE_URL}/evaluations/spot-checks`);
    const first = page.locator('[data-testid=spot-checks-table] .el-table__body-wrapper .el-table__row').first();
    await expect.poll(() => first.innerText()).toContain(text.concluded);
    await shot(page, `spot-checks-${locale}-05-list`);
    await page.close();
  });
});
