/** Texts of one area module, in both languages with the same keys, under the area's own top-level key. */
export interface AreaMessages {
  'zh-CN': Record<string, unknown>;
  'en-US': Record<string, unknown>;
}

/** Every area's texts from locales/modules, merged per language. */
export function loadAreaMessages(): AreaMessages {
  const found = import.meta.glob<{ default: AreaMessages }>('./*.ts', { eager: true });
  const merged: AreaMessages = { 'zh-CN': {}, 'en-US': {} };
  for (const [path, mod] of Object.entries(found)) {
    if (path.endsWith('/types.ts')) continue;
    Object.assign(merged['zh-CN'], mod.default['zh-CN']);
    Object.assign(merged['en-US'], mod.default['en-US']);
  }
  return merged;
}
