/**
 * Issue 9: the old performance system's history imported in the browser. A department clerk opens
 * 绩效评价 › 历史评价记录, downloads the template, fills one row with its own organization code, uploads
 * it and finds the record in the list; a row whose grade disagrees with its score is refused in the
 * dialog, naming both; the same good file a second time writes nothing and says so — in Chinese and
 * in English.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, shot, useBrowser } from './support';

/** exceljs, from the API package (the SPA does not depend on it), typed as far as this test uses it. */
interface Sheet {
  name: string;
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
  await page.locator('[data-testid=evaluation-records-import]').click();
  const dialog = page.locator('[data-testid=evaluation-records-import-dialog]');
  await dialog.locator('[data-testid=upload-choose]').waitFor();
  return dialog;
}

describe('evaluation records (issue 9)', () => {
  it('imports a filled template, lists the record, refuses a grade that disagrees, and a second upload writes nothing', async () => {
    const page = await browser.page();
    await login(page, 'health');
    await page.locator('[data-testid=app-menu]').getByText('绩效评价').click();
    await page.locator('[data-testid=app-menu]').getByText('历史评价记录').click();
    const table = page.locator('[data-testid=evaluation-records-table]');
    await table.waitFor();
    // The demo history of the department's key projects is there already.
    await expect.poll(() => table.innerText()).toContain('QP-D16-');
    expect(await table.innerText()).not.toContain('QP-D02-');

    const dialog = await openImport(page);
    const downloading = page.waitForEvent('download');
    await dialog.locator('[data-testid=upload-template]').click();
    const download = await downloading;
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-history-'));
    const file = join(dir, 'template.xlsx');
    await download.saveAs(file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const data = workbook.worksheets[0];
    expect(data.name).toBe('评价记录');
    const orgCode = workbook.getWorksheet('单位编码')!.getRow(2).getCell(1).text;
    expect(orgCode).not.toBe('');
    const column = (header: string) => {
      for (let c = 1; c <= 10; c++) if (data.getRow(1).getCell(c).text.trim() === header) return c;
      throw new Error(`the template has no column ${header}`);
    };
    // A project of the old system that ended before the library began: a code of its own per run.
    const code = `LS-${Date.now().toString(36).toUpperCase()}`;
    const fill = (row: number, score: number, grade: string) => {
      data.getRow(row).getCell(column('项目编码')).value = code;
      data.getRow(row).getCell(column('单位编码')).value = orgCode;
      data.getRow(row).getCell(column('年度')).value = 2019;
      data.getRow(row).getCell(column('评价类型')).value = '部门评价';
      data.getRow(row).getCell(column('得分')).value = score;
      data.getRow(row).getCell(column('等级')).value = grade;
      data.getRow(row).getCell(column('评价机构/评价人')).value = '沪东绩效管理咨询有限公司';
    };

    // First a grade that disagrees with its score: refused in the dialog, nothing written.
    fill(2, 89.99, '优');
    const bad = join(dir, 'bad.xlsx');
    await workbook.xlsx.writeFile(bad);
    await dialog.locator('[data-testid=upload-file]').setInputFiles(bad);
    const errors = dialog.locator('[data-testid=import-errors]');
    await expect.poll(() => errors.innerText(), { timeout: 15_000 }).toContain('等级“优”与得分 89.99 不符');
    expect(await errors.innerText()).toContain('应为“良”');
    await shot(page, 'evaluation-records-01-grade-refused-zh');

    fill(2, 89.99, '良');
    await workbook.xlsx.writeFile(file);
    await dialog.locator('[data-testid=upload-file]').setInputFiles(file);
    await expect
      .poll(() => dialog.innerText(), { timeout: 15_000 })
      .toContain('导入完成：共 1 行，新建记录 1 条，此前已导入 0 行；其中 1 条的项目编码不在项目库中（已记录）');
    await shot(page, 'evaluation-records-02-imported-zh');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    const search = page.locator('[data-testid=filter-q] input, input[data-testid=filter-q]').first();
    await search.fill(code);
    await search.press('Enter');
    // Only the new record is left once the search has answered.
    await expect.poll(() => table.innerText()).not.toContain('QP-D16-');
    expect(await table.innerText()).toContain(code);
    const text = await table.innerText();
    expect(text).toContain('89.99');
    expect(text).toContain('良');
    expect(text).toContain('（项目库中无此编码）');
    await shot(page, 'evaluation-records-03-list-zh');

    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'en-US'));
    await page.reload();
    await table.waitFor();
    const again = await openImport(page);
    await again.locator('[data-testid=upload-file]').setInputFiles(file);
    await expect.poll(() => again.innerText(), { timeout: 15_000 }).toContain('Imported 1 row(s): 0 record(s) created, 1 imported before');
    await shot(page, 'evaluation-records-04-again-en');
    await page.keyboard.press('Escape');
    await expect.poll(() => table.innerText()).toContain('Department evaluation');
    await shot(page, 'evaluation-records-05-list-en');
    await page.close();
  });
});
