import { computed, type ComputedRef } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from 'element-plus/es/locale';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import type { Label } from '@jixiao/contracts';
import enUS from './en-US';
import zhCN, { type MessageSchema } from './zh-CN';
import { loadAreaMessages } from './modules/types';

const areaMessages = loadAreaMessages();

export const SUPPORTED_LOCALES = ['zh-CN', 'en-US'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'jixiao.locale';

export const LOCALE_NAMES: Record<AppLocale, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

const ELEMENT_LOCALES: Record<AppLocale, Language> = { 'zh-CN': elementZhCn, 'en-US': elementEn };

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The language saved by the last switch, else Chinese (the product's default, whatever the browser says). */
export function readStoredLocale(): AppLocale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: readStoredLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  // The platform's texts plus each area module's (locales/modules), under the area's own key.
  messages: { 'zh-CN': { ...zhCN, ...areaMessages['zh-CN'] } as MessageSchema, 'en-US': { ...enUS, ...areaMessages['en-US'] } as MessageSchema },
  missingWarn: false,
  fallbackWarn: false,
});

export function currentLocale(): AppLocale {
  const value = i18n.global.locale.value;
  return isAppLocale(value) ? value : DEFAULT_LOCALE;
}

/** Switches the UI language, remembers it and tells the document (screen readers, fonts). */
export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // storage may be disabled; the switch still applies to this page
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Element Plus's own texts (pagination, date pickers, dialogs) in the current language. */
export const elementLocale: ComputedRef<Language> = computed(() => ELEMENT_LOCALES[currentLocale()]);

/** Picks the label of a contracts constant (roles, kinds, sectors …) in the current language. */
export function pickLabel(label: Label | undefined, locale: AppLocale = currentLocale()): string {
  if (!label) return '';
  return locale === 'en-US' ? label.en : label.zh;
}

/** Translates outside components (stores, guards, helpers). */
export const t = i18n.global.t;
