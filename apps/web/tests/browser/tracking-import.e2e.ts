/**
 * Issue 8: executed amounts imported from the budget system's .xlsx in the browser. A department
 * clerk downloads the template from the trackings list, fills one row for a project listed on its
 * reference sheet, uploads it and sees the count and the new tracking; the same file a second time
 * writes nothing and says so — in Chinese and in English.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BASE_URL, login, shot, useBrowser } from './support';

/** exceljs, from the API package (the SPA does not depend on it), typed as far as this test uses it. */
interface Sheet {
  name: string;
  rowCount: number;
  getRow(n: number): { getCell(n: number): { text: string; value: unknown } };
}
const ExcelJS = createRequire(resolve(process.cwd(), '../api/package.json'))('exceljs') as {
  Workbook: new () => {
    worksheets: Sheet[];
    getWorksheet(name: string): Sheet | undefined;
    xlsx: { readFile(path: string): Promise<unknown>; writeFile(path: string): Promise<void> };
  };
};

const browser = useBrowser();

async function openImport(page: Page) {
  await page.goto(`${BASE_URL}/trackings`);
  await page.locator('[data-testid=trackings-table]').waitFor();
  await page.locator('[data-testid=tracking-import]').click();
  const dialog = page.locator('[data-testid=tracking-import-dialog]');
  await dialog.locator('[data-testid=upload-choose]').waitFor();
  return dialog;
}

describe('the execution import (issue 8)', () => {
  it('imports a filled template once, and a second upload of it writes nothing', async () => {
    const page = await browser.page();
    await page.setViewportSize({ width: 1366, height: 768 });
    await login(page, 'health');
    const dialog = await openImport(page);
    const downloading = page.waitForEvent('download');
    await dialog.locator('[data-testid=upload-template]').click();
    const download = await downloading;
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-execution-'));
    const file = join(dir, 'template.xlsx');
    await download.saveAs(file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const data = workbook.worksheets[0];
    expect(data.name).toBe('执行数据');
    const reference = workbook.getWorksheet('可跟踪项目')!;
    const code = reference.getRow(2).getCell(1).text;
    expect(code).not.toBe('');
    const column = (header: string) => {
      for (let c = 1; c <= 20; c++) if (data.getRow(1).getCell(c).text.trim() === header) return c;
      throw new Error(`the template has no column ${header}`);
    };
    // A day of the project's year that no demo tracking uses, so the row is new.
    const asOf = `2022-10-${String(10 + (Date.now() % 19)).padStart(2, '0')}`;
    data.getRow(2).getCell(column('项目编码')).value = code;
    data.getRow(2).getCell(column('截止日期')).value = asOf;
    data.getRow(2).getCell(column('累计执行金额（元）')).value = '1000.00';
    await workbook.xlsx.writeFile(file);

    await dialog.locator('[data-testid=upload-file]').setInputFiles(file);
    await expect.poll(() => dialog.innerText(), { timeout: 15_000 }).toContain('导入完成：共 1 行，新建跟踪 1 条');
    await shot(page, 'tracking-import-01-done-zh');
    await page.keyboard.press('Escape');
    // The list shows the new tracking (newest as-of first).
    const table = page.locator('[data-testid=trackings-table]');
    await expect.poll(() => table.innerText()).toContain(asOf);

    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'en-US'));
    await page.reload();
    const again = await openImport(page);
    await again.locator('[data-testid=upload-file]').setInputFiles(file);
    await expect
      .poll(() => again.innerText(), { timeout: 15_000 })
      .toContain('Imported 1 row(s): 0 tracking(s) recorded, 1 imported before');
    await shot(page, 'tracking-import-02-again-en');
    await page.close();
  });
});
