import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, nextTick, ref } from 'vue';
import { Permission } from '@jixiao/contracts';
import { vAccess } from '@/directives/access';
import { useAuthStore } from '@/stores/auth';
import { meWith } from './helpers';

const Host = defineComponent({
  directives: { access: vAccess },
  setup() {
    const required = ref<Permission | Permission[]>(Permission.UserManage);
    return { required };
  },
  template: `
    <div>
      <button class="manage" v-access="required">manage</button>
      <button class="read" v-access="'${Permission.AuditLogRead}'">read</button>
      <button class="free">free</button>
    </div>`,
});

describe('v-access', () => {
  let pinia: ReturnType<typeof createPinia>;

  beforeEach(() => {
    pinia = createPinia();
    setActivePinia(pinia);
  });

  const visible = (el: Element) => (el as HTMLElement).style.display !== 'none';

  it('hides elements whose permission the user lacks', () => {
    useAuthStore().me = meWith(['auditor']);
    const wrapper = mount(Host, { global: { plugins: [pinia] } });
    expect(visible(wrapper.find('.manage').element)).toBe(false);
    expect(wrapper.find('.manage').attributes('data-access')).toBe('denied');
    expect(visible(wrapper.find('.read').element)).toBe(true);
    expect(visible(wrapper.find('.free').element)).toBe(true);
  });

  it('shows them for a user who holds the permission', () => {
    useAuthStore().me = meWith(['finance']);
    const wrapper = mount(Host, { global: { plugins: [pinia] } });
    expect(visible(wrapper.find('.manage').element)).toBe(true);
    expect(visible(wrapper.find('.read').element)).toBe(true);
  });

  it('follows a change of user without re-rendering the page', async () => {
    const auth = useAuthStore();
    auth.me = meWith(['department']);
    const wrapper = mount(Host, { global: { plugins: [pinia] } });
    expect(visible(wrapper.find('.manage').element)).toBe(false);
    auth.me = meWith(['finance']);
    await nextTick();
    expect(visible(wrapper.find('.manage').element)).toBe(true);
    auth.me = null;
    await nextTick();
    expect(visible(wrapper.find('.manage').element)).toBe(false);
  });

  it('accepts a list of which any one permission suffices, and follows a changed value', async () => {
    useAuthStore().me = meWith(['auditor']);
    const wrapper = mount(Host, { global: { plugins: [pinia] } });
    expect(visible(wrapper.find('.manage').element)).toBe(false);
    (wrapper.vm as unknown as { required: Permission[] }).required = [Permission.UserManage, Permission.AuditLogRead];
    await nextTick();
    expect(visible(wrapper.find('.manage').element)).toBe(true);
  });

  it('restores the element’s own display when access is granted again', async () => {
    const auth = useAuthStore();
    auth.me = meWith(['finance']);
    const wrapper = mount(
      defineComponent({
        directives: { access: vAccess },
        template: `<span style="display: inline-block" v-access="'${Permission.UserManage}'">x</span>`,
      }),
      { global: { plugins: [pinia] } },
    );
    const el = wrapper.element as HTMLElement;
    expect(el.style.display).toBe('inline-block');
    auth.me = meWith(['unit']);
    await nextTick();
    expect(el.style.display).toBe('none');
    auth.me = meWith(['finance']);
    await nextTick();
    expect(el.style.display).toBe('inline-block');
  });
});
