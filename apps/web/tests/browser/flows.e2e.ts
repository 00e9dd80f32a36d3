import { describe, expect, it } from 'vitest';
import { BASE_URL, PASSWORD, fillLogin, login, menuText, shot, useBrowser } from './support';

const browser = useBrowser();

describe('Jixiao SPA in a browser', () => {
  it('finance staff see the system menu and every system page', async () => {
    const page = await browser.page();
    await shot(page, '01-login');
    await login(page, 'finance');
    const menu = await menuText(page);
    for (const item of ['首页', '系统管理', '组织机构', '用户管理', '接口密钥', '政策参数', '审计日志']) expect(menu).toContain(item);
    // The workbench lists what is due soon; the year's whole calendar opens behind a toggle.
    await page.locator('[data-testid=workbench-calendar-toggle]').click();
    await expect.poll(() => page.locator('[data-testid=workbench-calendar]').innerText()).toContain('R9');
    await shot(page, '02-finance-dashboard');

    await page.locator('[data-testid=menu-organizations]').click();
    await page.locator('[data-testid=organization-tree]').getByText('区教育局', { exact: true }).first().click();
    await expect
      .poll(() => page.locator('[data-testid=organization-name] input, input[data-testid=organization-name]').first().inputValue())
      .toBe('区教育局');
    await shot(page, '03-finance-organizations');

    await page.locator('[data-testid=menu-users]').click();
    await expect.poll(() => page.locator('[data-testid=users-table]').innerText()).toContain('auditor');
    expect(page.url()).toBe(`${BASE_URL}/system/users`);
    await shot(page, '04-finance-users');

    await page.locator('[data-testid=menu-api-keys]').click();
    await page.locator('[data-testid=api-keys-table]').waitFor();
    await shot(page, '05-finance-api-keys');

    await page.locator('[data-testid=menu-policy-profiles]').click();
    await expect.poll(() => page.locator('[data-testid=policy-profiles-table]').innerText()).toContain('2022');
    await shot(page, '06-finance-policy-profiles');
    await page.goto(`${BASE_URL}/system/policy-profiles/2022`);
    await page.locator('[data-testid=policy-form]').waitFor();
    await expect(page.locator('[data-testid=policy-save]').isVisible()).resolves.toBe(true);
    await shot(page, '07-finance-policy-profile-2022');

    await page.locator('[data-testid=menu-audit-logs]').click();
    // Actions in words (the code stays in a tooltip): a sign-in reads 登录.
    await expect.poll(() => page.locator('[data-testid=audit-table]').innerText()).toContain('登录');
    await shot(page, '08-finance-audit-logs');
    await page.close();
  });

  it('a department user has no system menu and gets 403 on user administration', async () => {
    const page = await browser.page();
    await login(page, 'edu');
    const menu = await menuText(page);
    expect(menu).not.toContain('系统管理');
    expect(menu).not.toContain('用户管理');
    expect(menu).not.toContain('审计日志');
    // the education sector's own, later date for the first tracking (R9: 30 Sep instead of 31 Aug)
    await page.locator('[data-testid=workbench-calendar-toggle]').click();
    await expect.poll(() => page.locator('[data-testid=workbench-calendar]').innerText()).toContain('09-30');
    await shot(page, '09-edu-dashboard');

    await page.goto(`${BASE_URL}/system/users`);
    await page.locator('[data-testid=page-403]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/403');
    await shot(page, '10-edu-403');

    await page.goto(`${BASE_URL}/system/policy-profiles/2022`);
    await page.locator('[data-testid=policy-form]').waitFor();
    expect(await page.locator('[data-testid=policy-save]').count()).toBe(0);
    await shot(page, '11-edu-policy-profile-readonly');

    await page.goto(`${BASE_URL}/no/such/page`);
    await page.locator('[data-testid=page-404]').waitFor();
    await shot(page, '12-edu-404');
    await page.close();
  });

  it('switches to English, keeps it after a reload, and back', async () => {
    const page = await browser.page();
    await login(page, 'finance');
    await page.locator('[data-testid=language-switch]').click();
    await page.locator('[data-testid=language-en-US]').click();
    await expect.poll(() => menuText(page)).toContain('Organizations');
    const menu = await menuText(page);
    for (const item of ['Home', 'System', 'Users', 'API keys', 'Policy profile', 'Audit log']) expect(menu).toContain(item);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await shot(page, '13-finance-english');

    await page.reload();
    await expect.poll(() => menuText(page)).toContain('Audit log');
    await page.locator('[data-testid=menu-users]').click();
    // Element Plus texts (pagination) follow the language too
    await expect.poll(() => page.locator('.el-pagination').innerText()).toContain('Total');
    await shot(page, '14-finance-users-english');

    await page.locator('[data-testid=language-switch]').click();
    await page.locator('[data-testid=language-zh-CN]').click();
    await expect.poll(() => menuText(page)).toContain('用户管理');
    await page.close();
  });

  it('an auditor reads the audit log with before/after details', async () => {
    const page = await browser.page();
    await login(page, 'auditor');
    const menu = await menuText(page);
    expect(menu).toContain('审计日志');
    expect(menu).not.toContain('系统管理');
    await page.locator('[data-testid=menu-audit-logs]').click();
    // Actions in words (the code stays in a tooltip): a sign-in reads 登录.
    await expect.poll(() => page.locator('[data-testid=audit-table]').innerText()).toContain('登录');
    await page.locator('[data-testid=audit-table] .el-table__expand-icon').first().click();
    await page.getByText('修改后').first().waitFor();
    await shot(page, '15-auditor-audit-logs');
    await page.goto(`${BASE_URL}/system/users`);
    await page.locator('[data-testid=page-403]').waitFor();
    await page.close();
  });

  it('a wrong password shows the coded error, in the chosen language', async () => {
    const page = await browser.page();
    await fillLogin(page, 'agency', 'not-the-password');
    const error = page.locator('[data-testid=login-error]');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('AUTH_INVALID_CREDENTIALS');
    expect(await error.innerText()).toContain('用户名或密码错误');
    await shot(page, '16-login-wrong-password');

    await page.locator('[data-testid=language-switch]').click();
    await page.locator('[data-testid=language-en-US]').click();
    await expect.poll(() => error.innerText()).toContain('Wrong username or password');
    await shot(page, '17-login-wrong-password-english');

    // the right password still works (and resets the failure count)
    await login(page, 'agency', PASSWORD);
    await page.close();
  });

  it('signing out returns to the login page and protects the pages again', async () => {
    const page = await browser.page();
    await login(page, 'health');
    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.locator('[data-testid=login-notice]').waitFor();
    await shot(page, '18-signed-out');
    await page.goto(`${BASE_URL}/audit-logs`);
    await page.locator('input[name=username]').waitFor();
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/audit-logs');
    await page.close();
  });
});
