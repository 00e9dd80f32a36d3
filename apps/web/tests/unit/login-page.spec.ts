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

const locked = new ApiProblem({
  status: 423,
  code: 'AUTH_ACCOUNT_LOCKED',
  message: '登录失败次数过多，账户已临时锁定',
  messageEn: 'Too many failed logins; the account is locked for a while',
  body: { lockedUntil: '2022-08-31T02:15:00.000Z' },
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

  it('says the account is locked and when it unlocks (Asia/Shanghai time)', async () => {
    vi.spyOn(authApi, 'login').mockRejectedValue(locked);
    const { wrapper } = await mountLogin();
    await submit(wrapper, 'finance', 'wrong');
    await vi.waitFor(() => expect(wrapper.find('[data-testid=login-error]').exists()).toBe(true));
    const alert = wrapper.find('[data-testid=login-error]');
    expect(alert.attributes('data-code')).toBe('AUTH_ACCOUNT_LOCKED');
    expect(alert.text()).toContain('账户已临时锁定');
    expect(alert.text()).toContain('2022-08-31 10:15');
  });

  it('shows the English message after a language switch', async () => {
    vi.spyOn(authApi, 'login').mockRejectedValue(locked);
    const { wrapper } = await mountLogin();
    await submit(wrapper, 'finance', 'wrong');
    setLocale('en-US');
    await flushPromises();
    expect(wrapper.find('[data-testid=login-error]').text()).toContain('the account is locked for a while');
    expect(wrapper.find('[data-testid=login-error]').text()).toContain('The account unlocks at');
  });

  it('explains that the session expired', async () => {
    const { wrapper } = await mountLogin('/login?reason=session_expired');
    expect(wrapper.find('[data-testid=login-notice]').text()).toContain('会话已过期');
  });

  it('sends a user who must change the password to the change-password page', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue({
      accessToken: 'a',
      refreshToken: 'r',
      tokenType: 'Bearer',
      expiresIn: 900,
      mustChangePassword: true,
      user: meWith(['department'], { mustChangePassword: true }),
    });
    const { wrapper, router } = await mountLogin('/login?redirect=/audit-logs');
    await submit(wrapper, 'edu', 'Demo#2022');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('change-password'));
  });

  it('follows the way back after signing in', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue({
      accessToken: 'a',
      refreshToken: 'r',
      tokenType: 'Bearer',
      expiresIn: 900,
      mustChangePassword: false,
      user: meWith(['auditor']),
    });
    const { wrapper, router } = await mountLogin('/login?redirect=/audit-logs');
    await submit(wrapper, 'auditor', 'Demo#2022');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('audit-logs'));
  });
});
