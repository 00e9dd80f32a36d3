/**
 * Issue 9, R11 / N1 / N2: a unit (the demo's `edu-unit`, 青浦区实验中学) starts its self-evaluation
 * of a 2021 project, enters the actual values, explains what was not fully achieved, watches the
 * score and grade move as it types, submits through the confirm dialog, and the detail shows the
 * grade the server gave — once in Chinese, once in English (one project each).
 */
import { describe, expect, it } from 'vitest';
import { BASE_URL, api, confirmAction, field, login, shot, token, useBrowser } from './support';

const browser = useBrowser();

/** What the unit enters, by the indicator's name (the order of the approved target). */
interface Plan {
  project: string;
  executed: string;
  actuals: Record<string, string>;
  explanations: Record<string, string>;
  text: { submitted: string; grades: string[] };
}

const PLANS: Record<'zh-CN' | 'en-US', Plan> = {
  'zh-CN': {
    project: '青浦区实验中学创新实验室建设',
    executed: '2,904,000',
    actuals: { 学生分组实验开出率: '92' },
    explanations: {
      学生分组实验开出率: '两间实验室设备 10 月才完成调试，秋季学期前期部分分组实验未能开出',
      实验教学条件: '实验教学管理制度仍在完善，预计 2022 年上半年完成',
    },
    text: { submitted: '待部门审核', grades: ['优', '良', '中', '差'] },
  },
  'en-US': {
    project: '青浦区实验中学部门整体支出（2021 年度）',
    executed: '26950000',
    // No tracking of an overall expenditure: nothing is pre-filled.
    actuals: { 在校学生数: '1826', 公用经费生均支出: '2860', 学业水平考试合格率: '96.5', 家长满意度: '93' },
    explanations: { 学业水平考试合格率: 'Two classes were examined again in January; the retake results are not counted in 2021' },
    text: { submitted: 'Awaiting department', grades: ['Excellent', 'Good', 'Fair', 'Poor'] },
  },
};

describe('unit self-evaluation (R11)', () => {
  it.each(['zh-CN', 'en-US'] as const)('edu-unit completes a 2021 self-evaluation and sees its grade (%s)', async (locale) => {
    const plan = PLANS[locale];
    const unit = await token('edu-unit');
    const projects = await api<{ items: { id: string; code: string; name: string }[] }>(
      'GET',
      '/api/v1/projects?year=2021&pageSize=100',
      unit,
    );
    const project = projects.body.items.find((p) => p.name === plan.project);
    expect(project, `demo project ${plan.project}`).toBeDefined();

    const page = await browser.page();
    await page.evaluate((l) => localStorage.setItem('jixiao.locale', l), locale);
    await page.reload();
    await login(page, 'edu-unit');
    await page.goto(`${BASE_URL}/evaluations?year=2021`);
    await page.locator('[data-testid=page-evaluations]').waitFor();

    // Start it: the unit picks its project (its target is approved) in the start dialog.
    await page.locator('[data-testid=evaluation-start]').click();
    const dialog = page.locator('[data-testid=evaluation-start-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-testid=evaluation-start-project]').click();
    await page.keyboard.type(project!.code);
    await page.locator(`[data-testid=evaluation-start-option-${project!.code}]`).click();
    await dialog.locator('[data-testid=evaluation-start-go]').click();
    await page.locator('[data-testid=self-editor]').waitFor();
    expect(await page.locator('[data-testid=evaluation-detail-status]').innerText()).toBe(locale === 'zh-CN' ? '填报中' : 'Draft');

    // Enter the year's figures.
    // Pre-filled from the December tracking where there is one; focused, the input shows the plain amount to replace.
    const executed = field(page, 'evaluation-executed');
    await executed.click();
    await executed.fill(plan.executed);
    await executed.blur();
    const names = await page.locator('[data-testid^=evaluation-indicator-] .name').allInnerTexts();
    for (const [name, value] of Object.entries(plan.actuals)) {
      const index = names.indexOf(name);
      expect(index, name).toBeGreaterThanOrEqual(0);
      await field(page, `evaluation-actual-${index}`).fill(value);
    }
    // What is not fully achieved must be explained: the page says so before anything is sent.
    await expect.poll(() => page.locator('[data-testid=evaluation-issues]').count()).toBe(1);
    await shot(page, `evaluation-self-${locale}-explain`);
    for (const [name, text] of Object.entries(plan.explanations)) {
      await field(page, `evaluation-explanation-${names.indexOf(name)}`).fill(text);
    }
    await page.locator('[data-testid=evaluation-complete]').waitFor();

    // The score and grade the page computes as the unit types.
    const liveScore = await page.locator('[data-testid=evaluation-live-score]').innerText();
    const liveGrade = (await page.locator('[data-testid=evaluation-live-grade]').innerText()).trim();
    expect(liveScore).toMatch(/^\d{1,3}\.\d{2}$/);
    expect(plan.text.grades).toContain(liveGrade);
    await shot(page, `evaluation-self-${locale}-live`);

    await page.locator('[data-testid=evaluation-submit]').click();
    await confirmAction(page);
    await expect.poll(() => page.locator('[data-testid=evaluation-detail-status]').innerText()).toBe(plan.text.submitted);
    // The server's score and grade are the ones the page showed.
    expect(await page.locator('[data-testid=evaluation-score]').innerText()).toBe(liveScore);
    expect((await page.locator('[data-testid=evaluation-grade]').innerText()).trim()).toBe(liveGrade);
    await shot(page, `evaluation-self-${locale}-submitted`);

    const list = await api<{ items: { projectId: string; status: string; score: string; grade: string }[] }>(
      'GET',
      '/api/v1/evaluations?year=2021&kind=self&pageSize=100',
      unit,
    );
    expect(list.body.items.find((e) => e.projectId === project!.id)).toMatchObject({ status: 'submitted', score: liveScore });
    await page.close();
  });
});
