/**
 * Issue 9, commissioning in the browser (R13, N8): 区教育局 commissions its department evaluation of
 * a key project to an agency of the registry with the justification, the year's checklist, the
 * signed declaration (a file attached to the evaluation) and the platform reference (zh-CN); the
 * agency then finds the evaluation in its list and opens it, with the commission, its status and the
 * declaration, and attaches its report in the attachments card (en-US).
 */
import { describe, expect, it } from 'vitest';
import { api, BASE_URL, field, login, shot, token, useBrowser } from './support';

const browser = useBrowser();

describe('commissioning an evaluation to an agency (issue 9)', () => {
  it('lets a department commission its evaluation, and the agency then works on it', async () => {
    // 区教育局 starts its department evaluation of a key policy of 2021 (the demo's 校园安全视频监控系统建设 is
    // commissioned already: evaluation-demo.e2e.ts).
    const edu = await token('edu');
    const projects = await api<{ items: { id: string; name: string }[] }>(
      'GET',
      `/api/v1/projects?year=2021&q=${encodeURIComponent('学前教育生均经费补助')}`,
      edu,
    );
    expect(projects.status).toBe(200);
    const project = projects.body.items.find((p) => p.name === '学前教育生均经费补助');
    expect(project).toBeTruthy();
    const started = await api<{ id: string; projectCode: string; agencyId: string | null }>(
      'POST',
      `/api/v1/evaluations/projects/${project!.id}`,
      edu,
      { kind: 'department' },
    );
    expect(started.status).toBe(201);
    const target = started.body;
    expect(target.agencyId).toBeNull();

    // zh-CN: the department commissions it.
    const page = await browser.page();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh-CN'));
    await page.reload();
    await login(page, 'edu');
    await page.goto(`${BASE_URL}/evaluations/${target.id}`);
    await page.locator('[data-testid=commission-open]').click();
    const dialog = page.locator('[data-testid=commission-dialog]');
    await dialog.waitFor();
    await page.locator('[data-testid=commission-agency]').click();
    await page.locator('.el-select-dropdown__item', { hasText: 'QP-A01' }).click();
    await field(page, 'commission-justification').fill('政策覆盖全区幼儿园，需入园核查和家长满意度调查，部门缺少评价力量，确需委托第三方');
    const boxes = page.locator('[data-testid=commission-checklist] .el-checkbox');
    await expect.poll(() => boxes.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).click();
    await page.locator('[data-testid=commission-declaration-signed]').click();
    // The signed declaration is uploaded to the evaluation itself (no text).
    await dialog.locator('input[type=file]').setInputFiles({
      name: '独立性声明.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await expect.poll(() => page.locator('[data-testid=commission-declaration-filename]').innerText()).toBe('独立性声明.pdf');
    await field(page, 'commission-declared-on').fill('2022-04-15');
    await field(page, 'commission-declared-on').press('Enter');
    await field(page, 'commission-platform').fill('SHJX-2022-QP-0107');
    await shot(page, 'commission-zh-CN-form');
    await page.locator('[data-testid=commission-submit]').click();
    await expect.poll(() => page.locator('[data-testid=commission-status]').innerText()).toBe('受托机构评价中');
    await expect.poll(() => page.locator('[data-testid=commission-platform-reference]').innerText()).toBe('SHJX-2022-QP-0107');
    // The department no longer enters the scores; the declaration is among the evaluation's attachments.
    expect(await page.locator('[data-testid=evaluation-save]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=attachment-list]').innerText()).toContain('独立性声明.pdf');
    expect(await page.locator('[data-testid=attachment-list]').innerText()).toContain('独立性声明');
    await shot(page, 'commission-zh-CN-commissioned');

    // en-US: the agency finds it in its list and opens it.
    const agencyPage = await browser.page();
    await agencyPage.setViewportSize({ width: 1366, height: 900 });
    await agencyPage.evaluate(() => localStorage.setItem('jixiao.locale', 'en-US'));
    await agencyPage.reload();
    await login(agencyPage, 'agency');
    await agencyPage.goto(`${BASE_URL}/evaluations?year=2021`);
    const row = agencyPage.locator('.el-table__row', { hasText: target.projectCode });
    await row.first().waitFor();
    await shot(agencyPage, 'commission-en-US-agency-list');
    await agencyPage.goto(`${BASE_URL}/evaluations/${target.id}`);
    await expect.poll(() => agencyPage.locator('[data-testid=commission-status]').innerText()).toBe('The agency is evaluating');
    expect(await agencyPage.locator('[data-testid=evaluation-save]').count()).toBe(1);
    // The agency reads the declaration, and attaches its report.
    expect(await agencyPage.locator('[data-testid=commission-declaration-file]').isVisible()).toBe(true);
    await expect.poll(() => agencyPage.locator('[data-testid=attachment-list]').innerText()).toContain('Independence declaration');
    expect(await agencyPage.locator('[data-testid=attachment-upload]').isVisible()).toBe(true);
    await agencyPage.locator('[data-testid=evaluation-attachments] input[type=file]').setInputFiles({
      name: 'evaluation-report.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await expect.poll(() => agencyPage.locator('[data-testid=attachment-list]').innerText()).toContain('evaluation-report.pdf');
    expect(await agencyPage.locator('[data-testid=attachment-list]').innerText()).toContain('Evaluation report');
    await shot(agencyPage, 'commission-en-US-agency-detail');
  });
});
