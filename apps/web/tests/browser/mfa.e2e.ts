import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BASE_URL, fillLogin, shot, useBrowser } from './support';

/** RFC 6238 code of a base32 secret for a time step (the authenticator app's part). */
function totp(secret: string, step: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
const step = () => Math.floor(Date.now() / 30_000);

const browser = useBrowser();

describe('two-factor authentication in a browser', () => {
  it('a town user enrols with the QR code, keeps the recovery codes, and signs in with two steps', async () => {
    const page = await browser.page();
    await fillLogin(page, 'zhujiajiao', 'Demo#2022');
    await page.locator('[data-testid=page-dashboard]').waitFor();
    await page.goto(`${BASE_URL}/account/security`);
    await expect.poll(() => page.locator('[data-testid=mfa-status]').innerText()).toContain('未启用');
    await page.locator('[data-testid=mfa-start]').click();
    await page.locator('[data-testid=qr-code]').waitFor();
    const secret = (await page.locator('[data-testid=mfa-secret]').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot(page, 'mfa-01-enrol');
    await page.locator('[data-testid=mfa-confirm-code] input, input[data-testid=mfa-confirm-code]').first().fill(totp(secret, step()));
    await page.locator('[data-testid=mfa-confirm]').click();
    await expect.poll(() => page.locator('[data-testid=mfa-recovery-codes] li').count()).toBe(10);
    const recovery = (await page.locator('[data-testid=mfa-recovery-codes] li').first().innerText()).trim();
    await shot(page, 'mfa-02-recovery-codes');
    await page.locator('[data-testid=mfa-done]').click();
    await page.locator('[data-testid=page-dashboard]').waitFor();

    await page.locator('[data-testid=user-menu]').click();
    await page.locator('[data-testid=logout]').click();
    await page.locator('input[name=username]').waitFor();
    await fillLogin(page, 'zhujiajiao', 'Demo#2022');
    await page.locator('[data-testid=login-mfa-form]').waitFor();
    await shot(page, 'mfa-03-second-step');
    // A wrong code first: refused, still on the second step.
    await page.locator('input[name=code]').fill('000000');
    await page.locator('[data-testid=login-mfa-submit]').click();
    await expect.poll(() => page.locator('[data-testid=login-error]').getAttribute('data-code')).toBe('AUTH_MFA_CODE_INVALID');
    await page.locator('input[name=code]').fill(recovery);
    await page.locator('[data-testid=login-mfa-submit]').click();
    await page.locator('[data-testid=page-dashboard]').waitFor();
    await page.close();
  });
});
