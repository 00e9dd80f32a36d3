import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { DEFAULT_POLICY_PROFILE, copyProfile, type PolicyProfileValues } from '@jixiao/domain';
import { i18n } from '@/locales';
import ProfileForm from '@/views/system/policy-profiles/modules/form.vue';
import { localProblem } from '@/views/system/policy-profiles/data';

function mountForm(readonly = false) {
  const values = ref<PolicyProfileValues>(copyProfile(DEFAULT_POLICY_PROFILE));
  const Host = defineComponent({
    setup: () => () =>
      h(ProfileForm, {
        values: values.value,
        'onUpdate:values': (v: PolicyProfileValues) => (values.value = v),
        readonly,
        errorOf: () => undefined,
      }),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n, ElementPlus] }, attachTo: document.body });
  return { wrapper, values };
}

describe('policy profile form: the N7 numbers added in schema 3', () => {
  it('shows the year’s working calendar and the qualitative bands for editing', () => {
    const { wrapper, values } = mountForm();
    const holidays = wrapper.get('[data-testid=policy-calendar-holidays]');
    expect(holidays.findAll('input').length).toBe(values.value.workingCalendar.holidays.length);
    expect((holidays.find('input').element as HTMLInputElement).value).toBe('2022-01-03');
    expect(wrapper.get('[data-testid=policy-calendar-makeUpWorkingDays]').findAll('input').length).toBe(7);
    expect(wrapper.findAll('[data-testid=policy-band]').length).toBe(4);
  });

  it('adds a band before the last one and a date to a list, and the local check judges the result', async () => {
    const { wrapper, values } = mountForm();
    const bandsBefore = values.value.monitoring.qualitativeBands.length;
    const addButtons = wrapper.findAll('button.add');
    // The band's add button follows the bands; the calendar's two add buttons come last.
    const bandAdd = addButtons.find((b) => b.element.compareDocumentPosition(wrapper.findAll('[data-testid=policy-band]')[0].element) & 2);
    await bandAdd!.trigger('click');
    expect(values.value.monitoring.qualitativeBands.length).toBe(bandsBefore + 1);
    expect(values.value.monitoring.qualitativeBands.at(-1)?.pct).toBe(0);
    // A new band without a code is reported on its field path by the same rules as the server's.
    const problem = localProblem(values.value);
    expect(problem?.errors.map((e) => e.field)).toContain(`monitoring.qualitativeBands[${bandsBefore - 1}].code`);

    const holidaysBefore = values.value.workingCalendar.holidays.length;
    await addButtons.at(-2)!.trigger('click');
    expect(values.value.workingCalendar.holidays.length).toBe(holidaysBefore + 1);
  });

  it('hides the add and remove buttons when read-only', () => {
    const { wrapper } = mountForm(true);
    expect(wrapper.findAll('button.add')).toHaveLength(0);
  });
});
