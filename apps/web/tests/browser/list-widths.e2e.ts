/**
 * Issue 7, trap 2: every list page fits a 1366 × 768 screen with the sidebar open — the table is
 * no wider than its card (no horizontal scrollbar) and no column lies under the fixed actions
 * column — in Chinese and in English. Screenshots of each list land in test-output/screenshots.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE_URL, login, shot, useBrowser } from './support';

const browser = useBrowser();

/** Each list: who opens it, where, and the table's data-testid. */
const LISTS: { user: string; path: string; table: string; name: string }[] = [
  { user: 'finance', path: '/system/users', table: 'users-table', name: 'users' },
  { user: 'finance', path: '/system/api-keys', table: 'api-keys-table', name: 'api-keys' },
  { user: 'finance', path: '/system/policy-profiles', table: 'policy-profiles-table', name: 'policy-profiles' },
  { user: 'finance', path: '/projects', table: 'projects-table', name: 'projects' },
  { user: 'finance', path: '/key-project-lists', table: 'key-lists-table', name: 'key-lists' },
  { user: 'finance', path: '/indicators', table: 'indicators-table', name: 'indicators' },
  { user: 'finance', path: '/indicators/proposals', table: 'proposals-table', name: 'indicator-proposals' },
  { user: 'finance', path: '/pre-assessments', table: 'pre-assessments-table', name: 'pre-assessments' },
  { user: 'finance', path: '/targets', table: 'targets-table', name: 'targets' },
  { user: 'finance', path: '/targets/change-requests', table: 'change-requests-table', name: 'change-requests' },
  { user: 'edu', path: '/key-project-lists/mine', table: 'key-list-items', name: 'key-list-mine' },
  { user: 'finance', path: '/budget-gate', table: 'gate-table', name: 'budget-gate' },
  { user: 'finance', path: '/key-project-lists/coverage', table: 'coverage-table', name: 'key-list-coverage' },
  { user: 'finance', path: '/audit-logs', table: 'audit-table', name: 'audit-logs' },
  { user: 'finance', path: '/experts', table: 'experts-table', name: 'experts' },
  { user: 'expert', path: '/target-reviews/mine', table: 'my-reviews-table', name: 'my-reviews' },
  { user: 'finance', path: '/agencies', table: 'agencies-table', name: 'agencies' },
];

/** How the table sits in its card: overflow, and headers covered by the fixed right column. */
async function measure(page: Page, table: string) {
  return page.locator(`[data-testid=${table}]`).evaluate((el) => {
    const card = el.closest('.el-card')!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    const fixed = el.querySelector('.el-table__header-wrapper th.el-table-fixed-column--right');
    const fixedLeft = fixed ? fixed.getBoundingClientRect().left : Infinity;
    const covered = [...el.querySelectorAll('.el-table__header-wrapper th')]
      .filter((th) => !th.classList.contains('el-table-fixed-column--right'))
      .filter((th) => th.getBoundingClientRect().right > fixedLeft + 1)
      .map((th) => th.textContent?.trim());
    return {
      scrollableX: el.classList.contains('el-table--scrollable-x'),
      overflow: Math.round(box.right - card.right),
      covered,
      headers: [...el.querySelectorAll('.el-table__header-wrapper th')].map((th) => th.textContent?.trim()).filter(Boolean),
    };
  });
}

async function checkLists(locale: 'zh-CN' | 'en-US'): Promise<void> {
  const byUser = new Map<string, Page>();
  for (const list of LISTS) {
    let page = byUser.get(list.user);
    if (!page) {
      page = await browser.page();
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.evaluate((l) => localStorage.setItem('jixiao.locale', l), locale);
      await page.reload();
      await login(page, list.user);
      byUser.set(list.user, page);
    }
    await page.goto(`${BASE_URL}${list.path}`);
    await page.locator(`[data-testid=${list.table}]`).waitFor();
    await page.locator(`[data-testid=${list.table}] .el-table__row, [data-testid=${list.table}] .el-table__empty-text`).first().waitFor();
    await page.waitForTimeout(300);
    const m = await measure(page, list.table);
    await shot(page, `widths-${locale}-${list.name}`);
    expect(m.headers.length, `${list.name}: headers`).toBeGreaterThan(1);
    expect(m.scrollableX, `${list.name} (${locale}): horizontal scrollbar`).toBe(false);
    expect(m.overflow, `${list.name} (${locale}): wider than its card`).toBeLessThanOrEqual(0);
    expect(m.covered, `${list.name} (${locale}): under the fixed actions column`).toEqual([]);
  }
  for (const page of byUser.values()) await page.close();
}

describe('list pages at 1366 × 768', () => {
  it('fit their cards in Chinese', async () => {
    await checkLists('zh-CN');
  });

  it('fit their cards in English', async () => {
    await checkLists('en-US');
  });
});
