import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { DEFAULT_POLICY_PROFILE, copyProfile, type PolicyProfileValues } from '@jixiao/domain';
import { i18n } from '@/locales';
import ProfileForm from '@/views/system/policy-profiles/modules/form.vue';
import { localProblem } from '@/views/system/policy-profiles/data';
import evaluationMessages from '@/locales/modules/policy-evaluation';

function mountForm(readonly = false, errorOf: (path: string) => string | undefined = () => undefined) {
  const values = ref<PolicyProfileValues>(copyProfile(DEFAULT_POLICY_PROFILE));
  const Host = defineComponent({
    setup: () => () =>
      h(ProfileForm, {
        values: values.value,
        'onUpdate:values': (v: PolicyProfileValues) => (values.value = v),
        readonly,
        errorOf,
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
    // The evaluation rules' too (schema 4).
    expect(wrapper.find('[data-testid=policy-checklist-add]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=policy-self-evaluation]').findAll('button').length).toBe(0);
    // Reading the indicator systems stays open (a link, which a read-only form does not disable).
    expect(wrapper.get('[data-testid=policy-templates-show]').classes()).not.toContain('is-disabled');
    expect(wrapper.get('[data-testid=policy-templates-show]').text()).toBe('查看二级指标');
  });
});

describe('policy profile form: the evaluation rules added in schema 4', () => {
  it('shows the self-evaluation rules, the templates, the criteria and the agency rules, and leaves the values as they were', async () => {
    const { wrapper, values } = mountForm();
    const tolerance = wrapper.get('[data-testid=policy-equal-tolerance] input').element as HTMLInputElement;
    expect(tolerance.value).toBe('5.00');
    expect(wrapper.get('[data-testid=policy-self-evaluation]').text()).toContain('单位自评计分规则');
    expect(wrapper.findAll('[data-testid=policy-fallback]')).toHaveLength(1);
    // The indicator systems show as a summary until opened.
    expect(wrapper.get('[data-testid=policy-templates-summary]').text()).toContain('决策 20（6 项）');
    expect(wrapper.find('[data-testid=policy-template-project]').exists()).toBe(false);
    await wrapper.get('[data-testid=policy-templates-show]').trigger('click');
    const project = wrapper.get('[data-testid=policy-template-project]');
    expect(project.findAll('[data-testid=policy-template-dimension]')).toHaveLength(4);
    expect(project.findAll('[data-testid=policy-template-item]')).toHaveLength(20);
    expect(project.text()).toContain('二级指标合计 20，应为 20');
    expect(wrapper.findAll('[data-testid=policy-checklist-item]')).toHaveLength(5);
    expect(wrapper.get('[data-testid=policy-criteria]').text()).toContain('权重合计 100，应为 100');
    // Rendering changes nothing: the values round-trip to the server as they came.
    expect(values.value).toEqual(DEFAULT_POLICY_PROFILE);
  });

  it('edits the tolerance, the checklist and a template, and the local check judges the result', async () => {
    const { wrapper, values } = mountForm();
    const input = wrapper.get('[data-testid=policy-equal-tolerance] input');
    await input.setValue('2.5');
    await input.trigger('change');
    expect(values.value.evaluation.selfEvaluation.equalTolerancePct).toBe(2.5);
    expect(localProblem(values.value)).toBeNull();

    // A dimension whose items no longer add up to its weight says so, here and in the local check.
    await wrapper.get('[data-testid=policy-templates-show]').trigger('click');
    values.value.evaluation.templates.project.dimensions[0].items[0].points = 5;
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid=policy-template-project]').text()).toContain('二级指标合计 21，应为 20');
    expect(localProblem(values.value)?.errors.map((e) => [e.field, e.code])).toEqual([
      ['evaluation.templates.project.dimensions[0].items', 'POINTS_SUM_MISMATCH'],
    ]);

    await wrapper.get('[data-testid=policy-checklist-add]').trigger('click');
    expect(values.value.evaluation.agencies.commissioningChecklist).toHaveLength(6);
    expect(localProblem(values.value)?.errors.map((e) => e.field)).toContain('evaluation.agencies.commissioningChecklist[5].code');
  });

  it('opens the indicator systems by themselves when one of their fields has an error', () => {
    const { wrapper } = mountForm(false, (path) =>
      path === 'evaluation.templates.policy.dimensions.0.items' ? '二级指标分值合计 25，应为该一级指标权重 20' : undefined,
    );
    expect(wrapper.find('[data-testid=policy-templates-summary]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=policy-templates]').findAll('[role=tab]')).toHaveLength(3);
  });

  it('has the same keys in Chinese and English', () => {
    const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' && v ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(evaluationMessages['en-US']).sort()).toEqual(keys(evaluationMessages['zh-CN']).sort());
  });
});
