import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { organizationsApi } from '@/api/organizations';
import { i18n } from '@/locales';
import OrgPicker from '@/components/org-picker.vue';

const row = (id: string, name: string, leaf: boolean) => ({
  id,
  code: id,
  name,
  kind: 'department' as const,
  parentId: null,
  active: true,
  leaf,
});

/** The picker asks the API a level at a time; a search asks for matches; a value set from outside is named. */
describe('org picker (organizations a level at a time)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  async function mounted(modelValue?: string, kinds?: string[]) {
    const options = vi.spyOn(organizationsApi, 'options').mockImplementation(async (query = {}) => {
      if (query.q) return [row('u7', `${query.q}所属单位7`, true)];
      if (query.parentId === 'd1') return [row('u1', '区教育局所属单位1', true)];
      return [row('d1', '区教育局', false), row('d2', '区卫生健康委员会', false)];
    });
    const get = vi
      .spyOn(organizationsApi, 'get')
      .mockResolvedValue({ ...row('u9', '远处的单位', true), sector: null, active: true, version: 1, createdAt: '', updatedAt: '' });
    const wrapper = mount(OrgPicker, {
      props: { modelValue, testid: 'picker', kinds },
      global: { plugins: [i18n, ElementPlus] },
      attachTo: document.body,
    });
    await flushPromises();
    return { wrapper, options, get };
  }

  it('loads the top level once on mount, never the whole tree', async () => {
    const tree = vi.spyOn(organizationsApi, 'tree');
    const { options, get } = await mounted();
    expect(options).toHaveBeenCalledTimes(1);
    expect(options).toHaveBeenCalledWith({});
    expect(tree).not.toHaveBeenCalled();
    expect(get).not.toHaveBeenCalled();
  });

  it('opens a level by asking for its children, and a search by asking for matches', async () => {
    const { wrapper, options } = await mounted();
    const tree = wrapper.findComponent({ name: 'ElTreeSelect' });
    const load = tree.props('load') as (node: unknown, resolve: (o: unknown[]) => void) => void;
    const top = await new Promise<unknown[]>((resolve) => load({ level: 0, data: {} }, resolve));
    expect(top).toEqual([
      { value: 'd1', label: '区教育局', leaf: false, kind: 'department' },
      { value: 'd2', label: '区卫生健康委员会', leaf: false, kind: 'department' },
    ]);
    const children = await new Promise<unknown[]>((resolve) => load({ level: 1, data: { value: 'd1' } }, resolve));
    expect(options).toHaveBeenLastCalledWith({ parentId: 'd1' });
    expect(children).toEqual([{ value: 'u1', label: '区教育局所属单位1', leaf: true, kind: 'department' }]);
    await (tree.props('remoteMethod') as (q: string) => Promise<void>)(' 教育 ');
    await flushPromises();
    expect(options).toHaveBeenLastCalledWith({ q: '教育' });
    expect(tree.props('data')).toEqual([{ value: 'u7', label: '教育所属单位7', leaf: true, kind: 'department' }]);
    // cleared, the top level is back without asking again
    const calls = options.mock.calls.length;
    await (tree.props('remoteMethod') as (q: string) => Promise<void>)('');
    await flushPromises();
    expect(tree.props('data')).toEqual(top);
    expect(options.mock.calls.length).toBe(calls);
  });

  it('offers only the kinds asked for, and names the organization picked', async () => {
    vi.spyOn(organizationsApi, 'options').mockResolvedValue([
      { ...row('d1', '区教育局', false), kind: 'department' },
      { ...row('a1', '某会计师事务所', true), kind: 'agency' },
    ]);
    const wrapper = mount(OrgPicker, {
      props: { modelValue: undefined, kinds: ['department', 'unit', 'town', 'finance_bureau'] },
      global: { plugins: [i18n, ElementPlus] },
      attachTo: document.body,
    });
    await flushPromises();
    const tree = wrapper.findComponent({ name: 'ElTreeSelect' });
    expect((tree.props('data') as { value: string }[]).map((o) => o.value)).toEqual(['d1']);
    tree.vm.$emit('update:modelValue', 'd1');
    expect(wrapper.emitted('change')).toEqual([['d1', '区教育局']]);
    tree.vm.$emit('update:modelValue', '');
    expect(wrapper.emitted('change')![1]).toEqual([undefined, undefined]);
  });

  it('names a value set from outside (a link’s filter) that the top level does not hold', async () => {
    const { wrapper, get } = await mounted('u9');
    expect(get).toHaveBeenCalledWith('u9');
    expect(wrapper.findComponent({ name: 'ElTreeSelect' }).props('cacheData')).toEqual([{ value: 'u9', label: '远处的单位' }]);
  });
});
