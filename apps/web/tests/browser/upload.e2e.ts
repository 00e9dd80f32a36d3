/**
 * Issue 7, trap 9: a file that is not an .xlsx workbook, uploaded in the project import, is
 * refused in the dialog itself (no vanishing toast), in the UI language, without the unzip
 * library's words, and the progress does not stay at 100 %.
 */
import { describe, expect, it } from 'vitest';
import { BASE_URL, login, shot, useBrowser } from './support';

const browser = useBrowser();

describe('the upload dialog', () => {
  it('keeps the refusal of a text file named .xlsx in the dialog, in Chinese and in English', async () => {
    const page = await browser.page();
    await login(page, 'edu');
    await page.goto(`${BASE_URL}/projects`);
    await page.locator('[data-testid=projects-import]').click();
    const dialog = page.locator('[data-testid=project-import]');
    await dialog.locator('[data-testid=upload-choose]').waitFor();
    const upload = (name: string) =>
      dialog
        .locator('[data-testid=upload-file]')
        .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from('this is not a workbook') });

    await upload('projects.xlsx');
    const error = dialog.locator('[data-testid=upload-error]');
    await expect.poll(() => error.innerText()).toContain('不是有效的 Excel (.xlsx) 工作簿');
    expect(await dialog.locator('[data-testid=upload-progress]').count()).toBe(0);
    await page.waitForTimeout(3500); // longer than a toast lives: the message stays
    expect(await error.innerText()).toContain('不是有效的 Excel (.xlsx) 工作簿');
    await shot(page, 'upload-01-not-xlsx-zh');

    await page.keyboard.press('Escape');
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'en-US'));
    await page.reload();
    await page.locator('[data-testid=projects-import]').click();
    await dialog.locator('[data-testid=upload-choose]').waitFor();
    await upload('projects.xlsx');
    await expect.poll(() => error.innerText()).toContain('not a valid Excel (.xlsx) workbook');
    expect(await error.innerText()).not.toMatch(/signature|0x[0-9a-f]|zip/i);
    await shot(page, 'upload-02-not-xlsx-en');

    // a file of another type is refused before it is sent
    await upload('projects.csv');
    await expect.poll(() => error.innerText()).toContain('Choose an Excel workbook');
    await page.close();
  });
});
