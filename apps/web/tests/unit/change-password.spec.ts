import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiProblem } from '@jixiao/api-client';
import { authApi } from '@/api/auth';
import { i18n } from '@/locales';
import { routes } from '@/router/routes';
import { useAuthStore } from '@/stores/auth';
import { passwordStatus } from '@/utils/password';
import ChangePassword from '@/views/_core/authentication/change-password.vue';
import { meWith } from './helpers';

async function mountPage() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().accessToken = 'a';
  useAuthStore().me = meWith(['department'], { username: 'edu', mustChangePassword: true });
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push('/change-password');
  return mount(ChangePassword, { global: { plugins: [pinia, router, i18n, ElementPlus] }, attachTo: document.body });
}

describe('password rules', () => {
  it('follow the shared rule: ≥ 8 characters of 3 of 4 classes, not containing the username', () => {
    expect(passwordStatus('Demo#2022').ok).toBe(true);
    expect(passwordStatus('short#1A')).toMatchObject({ lengthOk: true, classesOk: true, ok: true });
    expect(passwordStatus('Ab#1')).toMatchObject({ lengthOk: false, ok: false });
    expect(passwordStatus('alllowercase')).toMatchObject({ lengthOk: true, classesOk: false, lower: true, ok: false });
    expect(passwordStatus('Edu#2022x', 'edu')).toMatchObject({ usernameOk: false, ok: false });
  });
});

describe('change-password page', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('explains that the initial password must be changed and ticks the rules while typing', async () => {
    const wrapper = await mountPage();
    expect(wrapper.find('[data-testid=must-change-notice]').exists()).toBe(true);
    expect(wrapper.find('[data-testid=rule-length]').classes()).toContain('no');
    const inputs = wrapper.findAll('input[type=password]');
    await inputs[1].setValue('Better#2023');
    expect(wrapper.find('[data-testid=rule-length]').classes()).toContain('ok');
    expect(wrapper.find('[data-testid=rule-classes]').classes()).toContain('ok');
    expect(wrapper.find('[data-testid=rule-username]').classes()).toContain('ok');
  });

  it('shows the server’s field errors next to the fields', async () => {
    vi.spyOn(authApi, 'changePassword').mockRejectedValue(
      new ApiProblem({
        status: 400,
        code: 'AUTH_PASSWORD_WRONG',
        message: '当前密码不正确',
        messageEn: 'The current password is wrong',
        errors: [{ field: 'currentPassword', code: 'wrong', message: '当前密码不正确', messageEn: 'The current password is wrong' }],
      }),
    );
    const wrapper = await mountPage();
    const inputs = wrapper.findAll('input[type=password]');
    await inputs[0].setValue('Wrong#2022');
    await inputs[1].setValue('Better#2023');
    await inputs[2].setValue('Better#2023');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid=change-password-error]').exists()).toBe(true));
    await flushPromises();
    // Element Plus shows a form item's error after a short debounce
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item__error').map((e) => e.text())).toContain('当前密码不正确'));
  });
});
