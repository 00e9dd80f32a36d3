import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** The running app: BASE_URL (passed through by vitest.browser.config.ts), default http://localhost:3000. */
export const BASE_URL = (process.env.JIXIAO_BASE_URL ?? process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
export const PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo#2022';
export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-output/screenshots');

/** Debian's chromium driven by playwright-core (no browser download). */
export async function launch(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'jixiao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The browser of one spec file, in one line (`const browser = useBrowser();`): before the file's
 * tests it checks that the app answers and launches Chromium, after them it closes it;
 * `browser.page()` opens a new tab with no session (freshPage).
 */
export function useBrowser(): { readonly context: BrowserContext; page(): Promise<Page> } {
  let launched: Awaited<ReturnType<typeof launch>> | undefined;
  beforeAll(async () => {
    const health = await fetch(`${BASE_URL}/api/health`).catch(() => undefined);
    if (!health?.ok) throw new Error(`The app is not running at ${BASE_URL} (GET /api/health failed); start it first.`);
    launched = await launch();
  });
  afterAll(async () => {
    await launched?.close();
  });
  const context = (): BrowserContext => {
    if (!launched) throw new Error('the browser is not launched yet: use it inside a test');
    return launched.context;
  };
  return {
    get context() {
      return context();
    },
    page: () => freshPage(context()),
  };
}

/** A new tab with no session and the default language. */
export async function freshPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/login`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.reload();
  await page.locator('input[name=username]').waitFor();
  return page;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export async function fillLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('[data-testid=login-submit]').click();
}

/** Signs in and waits for the home page. */
export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await fillLogin(page, username, password);
  await page.locator('[data-testid=page-dashboard]').waitFor();
}

export function menuText(page: Page): Promise<string> {
  return page.locator('[data-testid=app-menu]').innerText();
}

/** The confirm-then-act dialog (components/confirm-action.vue) that every irreversible step opens. */
export function confirmDialog(page: Page) {
  return page.locator('.el-dialog:visible').filter({ has: page.locator('[data-testid=confirm-action-confirm]') });
}

/** Confirms the open confirm-then-act dialog, with a note when given, and waits for it to close. */
export async function confirmAction(page: Page, note?: string): Promise<void> {
  const dialog = confirmDialog(page);
  await dialog.waitFor();
  if (note !== undefined)
    await dialog.locator('textarea[data-testid=confirm-action-note], [data-testid=confirm-action-note] textarea').fill(note);
  await dialog.locator('[data-testid=confirm-action-confirm]').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** A JSON request to the API beside the pages (to arrange data or check what a page saved). */
export async function api<T = unknown>(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** A demo user's access token. */
export async function token(username: string): Promise<string> {
  const res = await api<{ accessToken: string }>('POST', '/api/v1/auth/login', null, { username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.body.accessToken;
}

/** An Element Plus input or textarea by data-testid (the attribute sits on the element or its wrapper). */
export function field(page: Page, id: string, n = 0): Locator {
  return page
    .locator(`input[data-testid=${id}], textarea[data-testid=${id}], [data-testid=${id}] input, [data-testid=${id}] textarea`)
    .nth(n);
}
