import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { ApiProblem } from '@jixiao/api-client';
import { authApi } from '@/api/auth';
import { DEFAULT_LOCALE, i18n, setLocale } from '@/locales';
import { routes } from '@/router/routes';
import { setupRouterGuard } from '@/router/guard';
import LoginPage from '@/views/_core/authentication/login.vue';
import { meWith } from './helpers';

// The API answers a wrong password, an unknown username and a locked account alike.
const refused = new ApiProblem({
  status: 401,
  code: 'AUTH_INVALID_CREDENTIALS',
  message: '用户名或密码错误（连续失败多次后账户将被临时锁定）',
  messageEn: 'Wrong username or password (repeated failures lock the account for a while)',
});

const tokens = (overrides: Partial<{ mustChangePassword: boolean; mfaEnrolmentRequired: boolean }> = {}) => ({
  accessToken: 'a',
  refreshToken: 'r',
  tokenType: 'Bearer' as const,
  expiresIn: 900,
  mustChangePassword: false,
  mfaEnrolmentRequired: false,
  ...overrides,
});

async function mountLogin(path = '/login') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router: Router = createRouter({ history: createMemoryHistory(), routes });
  setupRouterGuard(router);
  await router.push(path);
  const wrapper = mount(LoginPage, { global: { plugins: [pinia, router, i18n, ElementPlus] }, attachTo: document.body });
  return { wrapper, router };
}

async function submit(wrapper: Awaited<ReturnType<typeof mountLogin>>['wrapper'], username: string, password: string) {
  await wrapper.find('input[name=username]').setValue(username);
  await wrapper.find('input[name=password]').setValue(password);
  await wrapper.find('form').trigger('submit');
  await flushPromises();
  await vi.waitFor(() => undefined);
  await flushPromises();
}

describe('login page', () => {
  beforeEach(() => setLocale(DEFAULT_LOCALE));
  afterEach(() => {
    document.body.innerHTML = '';
    setLocale(DEFAULT_LOCALE);
  });

  it('shows the refusal, which says nothing about whether the account exists or is locked', async () => {
    vi.spyOn(authApi, 'login').mockRejectedValue(refused);
    const { wrapper } = await mountLogin();
    await submit(wrapper, 'finance', 'wrong');
    await vi.waitFor(() => expect(wrapper.find('[data-testid=login-error]').exists()).toBe(true));
    const alert = wrapper.find('[data-testid=login-error]');
    expect(alert.attributes('data-code')).toBe('AUTH_INVALID_CREDENTIALS');
    expect(alert.text()).toContain('用户名或密码错误');
  });

  it('shows the English message after a language switch', async () => {
    vi.spyOn(authApi, 'login').mockRejectedValue(refused);
    const { wrapper } = await mountLogin();
    await submit(wrapper, 'finance', 'wrong');
    setLocale('en-US');
    await flushPromises();
    expect(wrapper.find('[data-testid=login-error]').text()).toContain('repeated failures lock the account');
  });

  it('asks for the code when two-factor authentication is on, and signs in with it', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue({ mfaRequired: true, mfaToken: 'mfa.ticket', expiresIn: 300 });
    const second = vi.spyOn(authApi, 'loginMfa').mockResolvedValue({ ...tokens(), user: meWith(['auditor']) });
    const { wrapper, router } = await mountLogin('/login?redirect=/audit-logs');
    await submit(wrapper, 'auditor', 'Demo#2022');
    await vi.waitFor(() => expect(wrapper.find('[data-testid=login-mfa-form]').exists()).toBe(true), { timeout: 5000 });
    expect(wrapper.find('input[name=password]').exists()).toBe(false);
    await wrapper.find('input[name=code]').setValue(' 123456 ');
    await wrapper.find('[data-testid=login-mfa-form]').trigger('submit');
    await flushPromises();
    expect(second).toHaveBeenCalledWith({ mfaToken: 'mfa.ticket', code: '123456' });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('audit-logs'), { timeout: 5000 });
  });

  it('goes back to the password when the second step has expired', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue({ mfaRequired: true, mfaToken: 'mfa.ticket', expiresIn: 300 });
    vi.spyOn(authApi, 'loginMfa').mockRejectedValue(
      new ApiProblem({ status: 401, code: 'AUTH_MFA_TOKEN_INVALID', message: '登录验证已失效，请重新输入用户名和密码', messageEn: 'expired' }),
    );
    const { wrapper } = await mountLogin();
    await submit(wrapper, 'auditor', 'Demo#2022');
    await wrapper.find('input[name=code]').setValue('123456');
    await wrapper.find('[data-testid=login-mfa-form]').trigger('submit');
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('input[name=password]').exists()).toBe(true), { timeout: 5000 });
    expect(wrapper.find('[data-testid=login-error]').text()).toContain('登录验证已失效');
  });

  it('sends a user whose role requires two-factor authentication to enrol first', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue({ ...tokens({ mfaEnrolmentRequired: true }), user: meWith(['finance'], { mfaEnrolmentRequired: true }) });
    const { wrapper, router } = await mountLogin('/login?redirect=/audit-logs');
    await submit(wrapper, 'finance', 'Demo#2022');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('account-security'), { timeout: 5000 });
  });

  it('explains that the session expired', async () => {
    const { wrapper } = await mountLogin('/login?reason=session_expired');
    expect(wrapper.find('[data-testid=login-notice]').text()).toContain('会话已过期');
  });

  it('sends a user who must change the password to the change-password page', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue({ ...tokens({ mustChangePassword: true }), user: meWith(['department'], { mustChangePassword: true }) });
    const { wrapper, router } = await mountLogin('/login?redirect=/audit-logs');
    await submit(wrapper, 'edu', 'Demo#2022');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('change-password'));
  });

  it('follows the way back after signing in', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue({ ...tokens(), user: meWith(['auditor']) });
    const { wrapper, router } = await mountLogin('/login?redirect=/audit-logs');
    await submit(wrapper, 'auditor', 'Demo#2022');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('audit-logs'));
  });
});
