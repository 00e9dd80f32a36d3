import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, nextTick } from 'vue';
import { useI18n } from 'vue-i18n';
import { ROLE_LABELS } from '@jixiao/contracts';
import { DEFAULT_LOCALE, LOCALE_STORAGE_KEY, currentLocale, elementLocale, i18n, pickLabel, readStoredLocale, setLocale } from '@/locales';
import enUS from '@/locales/en-US';
import zhCN from '@/locales/zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n', () => {
  afterEach(() => setLocale(DEFAULT_LOCALE));

  it('speaks Chinese by default, whatever the browser prefers', () => {
    expect(readStoredLocale()).toBe('zh-CN');
    expect(currentLocale()).toBe('zh-CN');
    expect(i18n.global.t('route.users')).toBe('用户管理');
  });

  it('switches to English, remembers it and tells the document', () => {
    setLocale('en-US');
    expect(i18n.global.t('route.users')).toBe('Users');
    expect(i18n.global.t('menu.system')).toBe('System');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en-US');
    expect(readStoredLocale()).toBe('en-US');
    expect(document.documentElement.lang).toBe('en-US');
  });

  it('switches Element Plus texts along', () => {
    expect(elementLocale.value.name).toBe('zh-cn');
    setLocale('en-US');
    expect(elementLocale.value.name).toBe('en');
  });

  it('ignores an unknown stored language', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr-FR');
    expect(readStoredLocale()).toBe('zh-CN');
  });

  it('re-renders mounted components in the new language', async () => {
    const Title = defineComponent({
      setup() {
        const { t } = useI18n();
        return { t };
      },
      template: '<h1>{{ t("route.auditLogs") }}</h1>',
    });
    const wrapper = mount(Title, { global: { plugins: [i18n] } });
    expect(wrapper.text()).toBe('审计日志');
    setLocale('en-US');
    await nextTick();
    expect(wrapper.text()).toBe('Audit log');
  });

  it('picks contracts labels in the current language', () => {
    expect(pickLabel(ROLE_LABELS.finance)).toBe('财政局绩效科');
    setLocale('en-US');
    expect(pickLabel(ROLE_LABELS.finance)).toBe('Finance bureau staff');
  });

  it('has the same message keys in both languages', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });
});
