import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import MoneyInput from '@/components/money-input.vue';
import { i18n, setLocale } from '@/locales';
import { formatAmount, moneyRule } from '@/utils/amount';

function host(initial: string, unit: 'yuan' | 'wan' = 'yuan') {
  const model = ref(initial);
  const Host = defineComponent({
    setup: () => () => h(MoneyInput, { modelValue: model.value, unit, 'onUpdate:modelValue': (v: string) => (model.value = v) }),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n, ElementPlus] }, attachTo: document.body });
  return { wrapper, model, input: () => wrapper.find('input') };
}

afterEach(() => setLocale('zh-CN'));

describe('formatAmount (the one amount formatter)', () => {
  it('groups, keeps two decimals and names the unit in the UI language', () => {
    setLocale('zh-CN');
    expect(formatAmount('6000000.00')).toBe('6,000,000.00 元');
    expect(formatAmount('6000000.00', { unit: 'wan' })).toBe('600.00 万元');
    expect(formatAmount('32000000', { withUnit: false })).toBe('32,000,000.00');
    setLocale('en-US');
    expect(formatAmount('6000000.00')).toBe('6,000,000.00 yuan');
    expect(formatAmount(null)).toBe('—');
  });
});

describe('money input', () => {
  it('accepts thousands separators and hands the form an exact amount', async () => {
    const { input, model } = host('');
    await input().trigger('focus');
    await input().setValue('6,000,000.00');
    expect(model.value).toBe('6000000.00');
    await input().trigger('blur');
    expect((input().element as HTMLInputElement).value).toBe('6,000,000.00');
  });

  it('shows a stored amount grouped and reads 万元 when asked', async () => {
    const { input, model } = host('6000000.00', 'wan');
    expect((input().element as HTMLInputElement).value).toBe('600.00');
    await input().trigger('focus');
    await input().setValue('1,234.5');
    expect(model.value).toBe('12345000.00');
  });

  it('keeps text that is not an amount so the form rule reports it', async () => {
    const { input, model } = host('');
    await input().trigger('focus');
    await input().setValue('1.234');
    expect(model.value).toBe('1.234');
    const errors: (Error | undefined)[] = [];
    moneyRule({ required: true }).validator(null, model.value, (e) => errors.push(e));
    moneyRule({ required: true }).validator(null, '', (e) => errors.push(e));
    moneyRule().validator(null, '6000000.00', (e) => errors.push(e));
    expect(errors.map((e) => e?.message)).toEqual(['请输入金额，可带千分位分隔符，最多两位小数', '必填项', undefined]);
  });
});
