/**
 * Issue 3's browser test: a department user writes a performance target, sees the quality check,
 * submits; the finance bureau returns it with a comment; the department fixes it and resubmits;
 * the bureau passes it; the project's budget gate turns ready.
 * Issue 6: the department pre-reviews its unit's demo target from 待本部门预审 and passes it on; the
 * demo 良 target is revised in consultation, submitted and confirmed by the bureau.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE_URL, confirmAction, login, shot, api, field, token, useBrowser } from './support';

const browser = useBrowser();

/** Opens an Element Plus select and picks the option with this exact text. */
async function choose(page: Page, id: string, n: number, option: string): Promise<void> {
  await page.locator(`[data-testid=${id}]`).nth(n).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').getByText(option, { exact: true }).click();
}

async function status(page: Page): Promise<string | null> {
  return page.locator('[data-testid=target-status]').getAttribute('data-status');
}

describe('a performance target, from draft to approval, in a browser', () => {
  it('is written, checked, returned, fixed, passed, and the budget gate turns ready', async () => {
    // Setup through the API: a health project without a target, below the key-list threshold, needing no pre-assessment.
    const healthToken = await token('health');
    const me = await api<{ organizationId: string }>('GET', '/api/v1/auth/me', healthToken);
    const code = `BT-${Date.now()}`;
    const project = await api<{ id: string; keyBasis: string | null; gate: { status: string; reasons: unknown[] } }>(
      'POST',
      '/api/v1/projects',
      healthToken,
      {
        year: 2022,
        code,
        name: '社区健康宣教活动',
        kind: 'project',
        organizationId: me.body.organizationId,
        budgetAmount: '500000.00',
        isNew: false,
        isMajor: false,
        isCapitalConstruction: false,
      },
    );
    expect(project.status).toBe(201);
    expect(project.body.keyBasis).toBeNull();
    expect(project.body.gate.status).toBe('blocked');

    // The department writes the target in the browser.
    const page = await browser.page();
    await login(page, 'health');
    await page.goto(`${BASE_URL}/targets`);
    await page.locator('[data-testid=targets-table]').waitFor();
    await shot(page, 'target-01-health-targets');
    await page.locator('[data-testid=target-create]').click();
    await page.locator('[data-testid=target-project-select]').click();
    await page.keyboard.type(code);
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').getByText(code).click();
    await page.locator('[data-testid=target-create-confirm]').click();
    await page.locator('[data-testid=page-target-detail]').waitFor();
    expect(await status(page)).toBe('draft');

    await field(page, 'overall-goal').fill('全年开展社区健康宣教活动 60 场，覆盖居民 3000 人次');
    await field(page, 'annual-goals').fill('2022 年完成 60 场宣教活动');
    await page.locator('[data-testid=ind-add]').click();
    await field(page, 'ind-name', 0).fill('宣教活动场次');
    await field(page, 'ind-value', 0).fill('60');
    await choose(page, 'ind-unit', 0, '场');
    await page.locator('[data-testid=target-save]').click();

    // The quality check, item by item: no effect indicator yet, so submitting is blocked.
    await expect.poll(() => page.locator('[data-testid=quality-OUTPUT_INDICATOR_REQUIRED]').getAttribute('data-passed')).toBe('true');
    expect(await page.locator('[data-testid=quality-EFFECT_INDICATOR_REQUIRED]').getAttribute('data-passed')).toBe('false');
    expect(await page.locator('[data-testid=target-submit]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=submit-blocked]').innerText()).toContain('效益');
    await shot(page, 'target-02-quality-check-blocking');

    await page.locator('[data-testid=ind-add]').click();
    await choose(page, 'ind-level1', 1, '效益指标');
    await field(page, 'ind-name', 1).fill('居民健康知识知晓率');
    await field(page, 'ind-value', 1).fill('85');
    await choose(page, 'ind-unit', 1, '%');
    await page.locator('[data-testid=target-save]').click();
    await expect.poll(() => page.locator('[data-testid=quality-EFFECT_INDICATOR_REQUIRED]').getAttribute('data-passed')).toBe('true');
    await expect.poll(() => page.locator('[data-testid=target-submit]').isDisabled()).toBe(false);
    await shot(page, 'target-03-quality-check-passed');
    await page.locator('[data-testid=target-submit]').click();
    await confirmAction(page);
    await expect.poll(() => status(page)).toBe('submitted');
    const targetUrl = page.url();
    await page.close();

    // The finance bureau returns it with a comment on the first indicator.
    const finance = await browser.page();
    await login(finance, 'finance');
    await finance.goto(targetUrl);
    await finance.locator('[data-testid=review-card]').waitFor();
    await shot(finance, 'target-04-finance-review');
    await finance.locator('[data-testid=review-return]').click();
    await field(finance, 'return-comment').fill('产出指标需与预算规模匹配，请调整');
    await field(finance, 'return-ind-0').fill('场次偏少，请按预算调整为 80 场');
    await finance.locator('[data-testid=return-confirm]').click();
    await expect.poll(() => status(finance)).toBe('returned');
    await finance.close();

    // The department sees the comments, fixes the indicator and resubmits.
    const again = await browser.page();
    await login(again, 'health');
    await again.goto(targetUrl);
    await expect.poll(() => status(again)).toBe('returned');
    expect(await again.locator('[data-testid=return-alert]').innerText()).toContain('产出指标需与预算规模匹配');
    expect(await again.locator('[data-testid=ind-review-comment]').first().innerText()).toContain('场次偏少');
    await shot(again, 'target-05-returned-with-comments');
    await field(again, 'ind-value', 0).fill('80');
    await again.locator('[data-testid=target-save]').click();
    await expect.poll(() => again.locator('[data-testid=target-submit]').isDisabled()).toBe(false);
    await again.locator('[data-testid=target-submit]').click();
    await confirmAction(again);
    await expect.poll(() => status(again)).toBe('submitted');
    await again.close();

    // The bureau passes it: approved (not a key project, not picked, so no expert review).
    const pass = await browser.page();
    await login(pass, 'finance');
    await pass.goto(targetUrl);
    await pass.locator('[data-testid=review-pass]').click();
    await confirmAction(pass);
    await expect.poll(() => status(pass)).toBe('approved');
    expect(await pass.locator('[data-testid=event-timeline]').innerText()).toContain('退回修改');
    await shot(pass, 'target-06-approved');
    await pass.close();

    // The project's budget gate turns ready.
    const financeToken = await token('finance');
    const after = await api<{ gate: { status: string; reasons: unknown[] } }>('GET', `/api/v1/projects/${project.body.id}`, financeToken);
    expect(after.status).toBe(200);
    expect(after.body.gate.status).toBe('ready');
    expect(after.body.gate.reasons).toEqual([]);
  });

  it('is pre-reviewed by the unit’s department, and a 良 target is confirmed after consultation', async () => {
    /** Confirms the confirm-then-act dialog that the step opens (with an optional comment). */
    const confirmBox = (page: Page, comment?: string) => confirmAction(page, comment);

    // 区教育局 opens its workbench entry and passes 青浦区实验中学's target on to the bureau.
    const edu = await browser.page();
    await login(edu, 'edu');
    await edu.goto(`${BASE_URL}/targets/pre-review`);
    await edu.locator('[data-testid=targets-table]').waitFor();
    await edu.locator('[data-testid=targets-table] .el-table__row', { hasText: '青浦区实验中学' }).first().waitFor();
    await shot(edu, 'target-07-department-pre-review-list');
    await edu.locator('[data-testid=targets-table] .el-table__row', { hasText: '青浦区实验中学' }).first().getByRole('button').click();
    await edu.locator('[data-testid=department-review-card]').waitFor();
    expect(await status(edu)).toBe('department_review');
    await edu.locator('[data-testid=department-pass]').click();
    await confirmBox(edu, '部门预审通过');
    await expect.poll(() => status(edu)).toBe('submitted');
    await edu.close();

    // The demo 良 target: the department sees the bureau's comments, submits its revision.
    const healthToken = await token('health');
    const list = await api<{ items: { id: string; projectId: string }[] }>('GET', '/api/v1/targets?status=in_consultation', healthToken);
    expect(list.body.items.length).toBeGreaterThan(0);
    const good = list.body.items[0];
    const gateBefore = await api<{ gate: { reasons: { code: string }[] } }>('GET', `/api/v1/projects/${good.projectId}`, healthToken);
    expect(gateBefore.body.gate.reasons.map((r) => r.code)).toContain('TARGET_IN_CONSULTATION');
    const health = await browser.page();
    await login(health, 'health');
    await health.goto(`${BASE_URL}/targets/${good.id}`);
    await expect.poll(() => status(health)).toBe('in_consultation');
    expect(await health.locator('[data-testid=consultation-alert]').innerText()).toContain('良');
    await shot(health, 'target-08-in-consultation');
    await expect.poll(() => health.locator('[data-testid=consultation-submit]').isDisabled()).toBe(false);
    await health.locator('[data-testid=consultation-submit]').click();
    await confirmBox(health, '已按协商意见修改');
    await expect.poll(() => status(health)).toBe('consultation_submitted');
    await health.close();

    // The bureau confirms: approved, and the gate no longer names the consultation.
    const finance = await browser.page();
    await login(finance, 'finance');
    await finance.goto(`${BASE_URL}/targets/${good.id}`);
    await finance.locator('[data-testid=consultation-confirm]').click();
    await confirmBox(finance);
    await expect.poll(() => status(finance)).toBe('approved');
    await shot(finance, 'target-09-consultation-confirmed');
    await finance.close();
    const gateAfter = await api<{ gate: { reasons: { code: string }[] } }>('GET', `/api/v1/projects/${good.projectId}`, healthToken);
    expect(gateAfter.body.gate.reasons.map((r) => r.code)).not.toContain('TARGET_IN_CONSULTATION');
  });
});
