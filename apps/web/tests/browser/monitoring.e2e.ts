/**
 * Issue 8's browser test (dual monitoring, N7): a department user records a tracking of its demo
 * project through the record page, with an executed amount below the April checkpoint; the page shows
 * the working and the warning before saving; the saved tracking shows the warning with its rule text;
 * the department answers "adjust" with an amount. The finance user sees the warning counted on the
 * monitoring dashboard, opens the list behind the count, reviews the tracking and finds the budget
 * adjustment suggestion. Screenshots of the record page, the detail page and the dashboard in
 * Chinese and English.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, confirmAction, field, login, shot, token, useBrowser } from './support';

const browser = useBrowser();
const CJK = /[\u3400-\u9fff]/;

/** 区教育局's demo project with an approved target (2,600,000.00 yuan; targets demo plan). */
const PROJECT_CODE = 'QP-D02-2022-005';
const AS_OF = '2022-05-31';
/** 20.00 % of the budget: under the 25 % of April, the checkpoint that applies on 31 May. */
const EXECUTED = '520000';
/** Readings of the first three indicators (≥ 100 %, ≥ 95 %, ≥ 5000 人次): about 21 %, close to the execution, so no deviation. */
const READINGS = ['22', '20', '1000'];

type Dashboard = { summary: { warnings: { code: string; total: number; open: number }[]; towns: number } };

/** Switches the UI language (kept in localStorage) and reloads the page; the session survives a reload. */
async function useLanguage(page: Page, locale: 'zh-CN' | 'en-US'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('jixiao.locale', l), locale);
  await page.reload();
}

/** Fills the record page: the as-of date (typed, as the picker accepts it), the amount and three readings. */
async function fillRecord(page: Page): Promise<void> {
  await page.locator('[data-testid=record-indicator-2]').waitFor();
  const asOf = field(page, 'record-as-of');
  await asOf.fill(AS_OF);
  await asOf.press('Enter');
  await field(page, 'record-executed').fill(EXECUTED);
  for (const [index, value] of READINGS.entries()) await field(page, `record-value-${index}`).fill(value);
  await page.locator('[data-testid=page-tracking-record] h4').first().click(); // leave the inputs (the amount input formats on blur)
}

/**
 * A screenshot of the page from its top, the mouse out of the way (no hover tooltips); `height`
 * makes the window taller for it (the layout scrolls inside, so a full-page shot would not).
 */
async function shotFromTop(page: Page, name: string, height = 860): Promise<void> {
  await page.mouse.move(1, 1);
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('*'))) if (el.scrollTop > 0) el.scrollTop = 0;
  });
  if (height !== 860) await page.setViewportSize({ width: 1366, height });
  await shot(page, name);
  if (height !== 860) await page.setViewportSize({ width: 1366, height: 860 });
}

/** No Chinese in these elements' texts (an English page must not show raw Chinese labels or codes). */
async function chineseIn(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allInnerTexts()).filter((text) => CJK.test(text));
}

describe('dual monitoring in a browser (issue 8)', () => {
  it('records a tracking that warns, answers "adjust", and the bureau sees the warning, reviews it and gets the suggestion', async () => {
    const financeToken = await token('finance');
    const count = async (code: string) =>
      (await api<Dashboard>('GET', '/api/v1/trackings/dashboard?year=2022', financeToken)).body.summary.warnings.find(
        (w) => w.code === code,
      )?.total ?? 0;
    const before = await count('EXECUTION_BELOW_CHECKPOINT');
    const run = Date.now().toString(36);
    const reason = `部分培训改为线上开展，调减预算（${run}）`;

    // 区教育局 opens 双监控 › 绩效跟踪 and picks its project to record a tracking.
    const edu = await browser.page();
    await login(edu, 'edu');
    await edu.locator('[data-testid=menu-monitoring]').click();
    await edu.locator('[data-testid=menu-trackings]').click();
    await edu.locator('[data-testid=trackings-table]').waitFor();
    await edu.locator('[data-testid=tracking-record]').click();
    await edu.locator('[data-testid=tracking-project-select]').click();
    await edu.keyboard.type(PROJECT_CODE);
    await edu.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: PROJECT_CODE }).click();
    await edu.locator('[data-testid=tracking-project-go]').click();
    await edu.locator('[data-testid=page-tracking-record]').waitFor();
    const recordUrl = edu.url();

    // The page allows only dates of the project's year up to today: a later date in 2022 is accepted.
    await fillRecord(edu);
    expect(await field(edu, 'record-as-of').inputValue()).toBe(AS_OF);
    // The working, before saving: the division, each degree, the weighted degree and the warning to come.
    await expect.poll(() => edu.locator('[data-testid=live-rate]').innerText()).toContain('= 20.00%');
    expect(await edu.locator('[data-testid=live-rate]').innerText()).toContain('520,000.00');
    expect(await edu.locator('[data-testid=live-lines] li').count()).toBe(3);
    expect(await edu.locator('[data-testid=live-achievement]').innerText()).toContain('21.02%');
    const live = edu.locator('[data-testid=live-warning-EXECUTION_BELOW_CHECKPOINT]');
    expect(await live.innerText()).toMatch(/截至4月末累计预算执行率应不低于 25(\.00)?%/);
    expect(await edu.locator('[data-testid=live-warning-DEVIATION]').count()).toBe(0);
    await shotFromTop(edu, 'monitoring-01-record-working-zh-CN', 1500);
    await useLanguage(edu, 'en-US');
    await fillRecord(edu);
    await expect.poll(() => edu.locator('[data-testid=live-rate]').innerText()).toMatch(/^Execution = .* = 20\.00%$/);
    expect(await chineseIn(edu, '[data-testid=live-working] .el-alert__title, [data-testid=live-working] .el-card__header')).toEqual([]);
    await shotFromTop(edu, 'monitoring-01-record-working-en-US', 1500);
    await useLanguage(edu, 'zh-CN');
    expect(edu.url()).toBe(recordUrl);
    await fillRecord(edu);
    await expect.poll(() => edu.locator('[data-testid=live-rate]').innerText()).toContain('= 20.00%');
    await edu.locator('[data-testid=record-save]').click();

    // The saved tracking: the API's figures, and the warning with its rule and numbers.
    await edu.locator('[data-testid=page-tracking-detail]').waitFor();
    await expect.poll(() => edu.locator('[data-testid=tracking-execution-rate]').innerText()).toBe('20.00%');
    expect(await edu.locator('[data-testid=tracking-achievement-rate]').innerText()).toBe('21.02%');
    const warning = edu.locator('[data-testid=warning-EXECUTION_BELOW_CHECKPOINT]');
    await warning.waitFor();
    expect(await edu.locator('[data-testid^=warning-DEVIATION]').count()).toBe(0);
    const rule = await warning.locator('[data-testid=warning-message]').innerText();
    // The rule with its numbers: April's checkpoint (the latest month ended by 31 May) and the rate.
    expect(rule).toMatch(/^N7：截至4月末累计预算执行率应不低于 25(\.00)?%，截至 2022-05-31 为 20\.00%$/);
    expect(await warning.innerText()).toContain('规则 N7');
    const trackingUrl = edu.url();
    const trackingId = trackingUrl.split('/').pop()!;
    await shotFromTop(edu, 'monitoring-02-detail-warning-zh-CN', 1200);
    await useLanguage(edu, 'en-US');
    await warning.waitFor();
    expect(await warning.locator('[data-testid=warning-message]').innerText()).toMatch(
      /^N7: cumulative execution must be at least 25(\.00)?% by the end of month 4; as of 2022-05-31 it is 20\.00%$/,
    );
    expect(await chineseIn(edu, '[data-testid=warning-EXECUTION_BELOW_CHECKPOINT] .el-tag, [data-testid=warning-message]')).toEqual([]);
    // Readings carry their unit in the UI language (the third indicator counts 人次).
    const third = edu.locator('[data-testid=tracking-indicators] .el-table__body tr').nth(2).locator('td');
    expect(await third.nth(2).innerText()).toBe('1000 person-times');
    expect(await third.nth(5).innerText()).toBe('value so far ÷ year value: 1000 ÷ 5000 = 20.00%');
    await shotFromTop(edu, 'monitoring-02-detail-warning-en-US', 1200);
    await useLanguage(edu, 'zh-CN');

    // The department answers "adjust": the amount to take out, the reason in the confirm dialog.
    await warning.waitFor();
    await warning.locator('[data-testid=warning-answer-choice] label', { hasText: '调整' }).click();
    await field(edu, 'warning-answer-amount').fill('300000');
    await warning.locator('[data-testid=warning-answer-submit]').click();
    await confirmAction(edu, reason);
    const answer = warning.locator('[data-testid=warning-answer]');
    await answer.waitFor();
    expect(await answer.innerText()).toContain('300,000.00');
    expect(await answer.innerText()).toContain(reason);
    await shotFromTop(edu, 'monitoring-03-answered');
    await edu.close();

    // The bureau: the dashboard counts the warning; its count opens the list behind it.
    const finance = await browser.page();
    await login(finance, 'finance');
    await finance.locator('[data-testid=menu-monitoring]').click();
    await finance.locator('[data-testid=menu-monitoring-dashboard]').click();
    const total = finance.locator('[data-testid=dashboard-warnings-EXECUTION_BELOW_CHECKPOINT-total]');
    await expect.poll(() => total.innerText()).toBe(String(before + 1));
    await finance.locator('[data-testid=chart-warnings] canvas').first().waitFor();
    // The execution chart pages its departments and towns on the server: the towns alone, as many as the summary counts.
    const { towns } = (await api<Dashboard>('GET', '/api/v1/trackings/dashboard?year=2022', financeToken)).body.summary;
    await finance.locator('[data-testid=dashboard-kind] label', { hasText: '镇/街道' }).click();
    await expect.poll(() => finance.locator('[data-testid=paged-table-pager]').first().innerText()).toContain(String(towns));
    await finance.locator('[data-testid=chart-execution] canvas').first().waitFor();
    await shotFromTop(finance, 'monitoring-04-dashboard-zh-CN', 1300);
    await useLanguage(finance, 'en-US');
    await expect.poll(() => total.innerText()).toBe(String(before + 1));
    await finance.locator('[data-testid=chart-warnings] canvas').first().waitFor();
    expect(await chineseIn(finance, '[data-testid=dashboard-warnings] th, [data-testid=dashboard-warnings] td, .el-card__header')).toEqual(
      [],
    );
    await shotFromTop(finance, 'monitoring-04-dashboard-en-US', 1300);
    await useLanguage(finance, 'zh-CN');
    await total.click();
    await finance.waitForURL(/\/trackings\?/);
    expect(new URL(finance.url()).searchParams.get('year')).toBe('2022');
    const row = finance.locator('[data-testid=trackings-table] .el-table__row', { hasText: AS_OF }).filter({ hasText: PROJECT_CODE });
    await row.waitFor();
    expect(await row.innerText()).toContain('20.00%');
    await row.locator(`[data-testid=open-${PROJECT_CODE}]`).click();
    await finance.waitForURL(new RegExp(`/trackings/${trackingId}$`));

    // It reviews the tracking; the "adjust" answer becomes an adjustment suggestion.
    await finance.locator('[data-testid=tracking-review]').click();
    await confirmAction(finance, '同意调减，纳入年中预算调整');
    await expect.poll(() => finance.locator('[data-testid=tracking-review-status]').innerText()).toBe('已审核');
    expect(await finance.locator('[data-testid=tracking-review]').count()).toBe(0);
    await finance.locator('[data-testid=menu-adjustment-suggestions]').click();
    const suggestion = finance.locator('[data-testid=suggestions-table] .el-table__row', { hasText: run });
    await suggestion.waitFor();
    const text = await suggestion.innerText();
    expect(text).toContain(PROJECT_CODE);
    expect(text).toContain('调整');
    expect(text).toContain('300,000.00');
    expect(text).toContain('待应用');
    await shot(finance, 'monitoring-05-suggestions');
    await finance.close();

    // What the pages showed is what the API holds.
    const saved = await api<{ reviewStatus: string; warnings: { code: string; answer: string; answerAmount: string }[] }>(
      'GET',
      `/api/v1/trackings/${trackingId}`,
      financeToken,
    );
    expect(saved.body.reviewStatus).toBe('reviewed');
    expect(saved.body.warnings).toEqual([
      expect.objectContaining({ code: 'EXECUTION_BELOW_CHECKPOINT', answer: 'adjust', answerAmount: '300000.00' }),
    ]);
  }, 180_000); // two users and a dozen pages: longer than the default minute on a loaded machine
});
