import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { PROJECT_KINDS } from '@jixiao/contracts';
import { PagedTable, fitColumns, type Column, type FilterField } from '@/components/paged-table';
import { usePagedTable, type PagedAnswer } from '@/composables/use-paged-list';
import { i18n, setLocale } from '@/locales';

interface Row {
  id: string;
  code: string;
  kind: string;
  budgetAmount: string;
}

const COLUMNS: Column<Row>[] = [
  { prop: 'code', label: 'projects.code', minWidth: 140, sortable: true },
  { prop: 'kind', label: 'projects.kind', width: 120, formatter: 'label', labels: PROJECT_KINDS, priority: 2 },
  { prop: 'budgetAmount', label: 'projects.budgetAmount', minWidth: 150, formatter: 'amount', sortable: true },
];
const FILTERS: FilterField<{ q: string; kind: string }>[] = [
  { field: 'q', label: 'projects.name', kind: 'input', testid: 'f-q' },
  { field: 'kind', label: 'projects.kind', kind: 'select', options: PROJECT_KINDS },
];

const rows = (n: number, from = 1): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `r${from + i}`, code: `XM-${from + i}`, kind: 'project', budgetAmount: '6000000.00' }));

function mountTable(fetcher: (query: Record<string, unknown>) => Promise<PagedAnswer<Row>>, extra: Record<string, unknown> = {}) {
  const selected = ref<unknown[]>([]);
  const Host = defineComponent({
    setup() {
      const list = usePagedTable<Row, { q: string; kind: string }>(fetcher as never, { filters: { q: '', kind: '' }, sort: 'code', pageSize: 10 });
      return () =>
        h(PagedTable, {
          list,
          columns: COLUMNS,
          filters: FILTERS,
          testid: 'rows',
          ...extra,
          'onSelection-change': (value: unknown[]) => (selected.value = value),
        });
    },
  });
  const wrapper = mount(Host, { global: { plugins: [i18n, ElementPlus] }, attachTo: document.body });
  return { wrapper, selected };
}

afterEach(() => {
  document.body.innerHTML = '';
  setLocale('zh-CN');
});

describe('paged table', () => {
  it('renders the columns of the schema, formatting labels and amounts', async () => {
    const fetcher = vi.fn().mockResolvedValue({ items: rows(2), total: 2 });
    const { wrapper } = mountTable(fetcher);
    await flushPromises();
    const headers = wrapper.findAll('[data-testid=rows] th').map((th) => th.text());
    expect(headers).toEqual(['项目编码', '类型', '预算金额（元）']);
    const first = wrapper.findAll('[data-testid=rows] tbody tr')[0].findAll('td').map((td) => td.text());
    expect(first).toEqual(['XM-1', '项目', '6,000,000.00']);
    expect(wrapper.find('[data-testid=rows] td.amount-cell').exists()).toBe(true);
    // an exact total: Element Plus's own total (its language comes from the app's config provider), page numbers
    expect(wrapper.find('.el-pagination').text()).toContain('2');
    expect(wrapper.find('.el-pager').exists()).toBe(true);
    expect(wrapper.find('[data-testid=paged-table-total]').exists()).toBe(false);
  });

  it('sends the filters, the sort and the page to the fetcher', async () => {
    const fetcher = vi.fn(async (query: Record<string, unknown>) => ({ items: rows(10, ((query.page as number) - 1) * 10 + 1), total: 35 }));
    const { wrapper } = mountTable(fetcher);
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: 10, sort: 'code' });

    await wrapper.find('input[data-testid=f-q]').setValue('学校');
    await wrapper.find('[data-testid=paged-table-filters]').trigger('submit');
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: 10, sort: 'code', q: '学校' });

    await wrapper.find('.el-pagination .btn-next').trigger('click');
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 2, pageSize: 10, sort: 'code', q: '学校' });

    // the amount header's descending caret
    await wrapper.findAll('[data-testid=rows] th')[2].find('.sort-caret.descending').trigger('click');
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: 10, sort: '-budgetAmount', q: '学校' });

    await wrapper.find('[data-testid=paged-table-reset]').trigger('click');
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: 10, sort: '-budgetAmount' });
  });

  it('shows a bounded total as a lower bound, without page numbers, and pages with next / previous', async () => {
    const fetcher = vi.fn(async (query: Record<string, unknown>) => ({
      items: rows(10, ((query.page as number) - 1) * 10 + 1),
      total: 10000,
      totalExact: false,
      hasMore: true,
    }));
    const { wrapper } = mountTable(fetcher);
    await flushPromises();
    expect(wrapper.find('[data-testid=paged-table-total]').text()).toBe('10,000+ 条');
    expect(wrapper.find('.el-pager').exists()).toBe(false);
    expect(wrapper.find('.el-pagination__jump').exists()).toBe(false);
    expect(wrapper.find('.el-pagination .btn-prev').attributes('disabled')).toBeDefined();

    await wrapper.find('.el-pagination .btn-next').trigger('click');
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 2, pageSize: 10, sort: 'code' });
    expect(wrapper.find('.el-pagination .btn-prev').attributes('disabled')).toBeUndefined();

    setLocale('en-US');
    await flushPromises();
    expect(wrapper.find('[data-testid=paged-table-total]').text()).toBe('10,000+ rows');
  });

  it('pages by the cursor the server hands out when it pages by position', async () => {
    const fetcher = vi.fn(async (query: Record<string, unknown>) => ({
      items: rows(10),
      total: 10000,
      totalExact: false,
      nextCursor: query.cursor ? null : 'after-XM-10',
      prevCursor: null,
    }));
    const { wrapper } = mountTable(fetcher);
    await flushPromises();
    await wrapper.find('.el-pagination .btn-next').trigger('click');
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 2, pageSize: 10, sort: 'code', cursor: 'after-XM-10' });
    expect(wrapper.find('.el-pagination .btn-next').attributes('disabled')).toBeDefined();
  });

  it('keeps page numbers, and sends no cursor, while the total is exact even when cursors come with it', async () => {
    const fetcher = vi.fn(async (query: Record<string, unknown>) => ({
      items: rows(10, ((query.page as number) - 1) * 10 + 1),
      total: 41,
      totalExact: true,
      hasMore: true,
      nextCursor: 'after-page',
      prevCursor: null,
    }));
    const { wrapper } = mountTable(fetcher);
    await flushPromises();
    expect(wrapper.find('.el-pager').exists()).toBe(true);
    await wrapper.find('.el-pagination .btn-next').trigger('click');
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ page: 2, pageSize: 10, sort: 'code' });
  });

  it('lets rows be selected for bulk actions and tells the page', async () => {
    const fetcher = vi.fn().mockResolvedValue({ items: rows(3), total: 3 });
    const { wrapper, selected } = mountTable(fetcher, { selectable: true, selectableRow: (row: Row) => row.code !== 'XM-3' });
    await flushPromises();
    const boxes = wrapper.findAll('[data-testid=rows] tbody .el-checkbox input');
    expect(boxes).toHaveLength(3);
    await boxes[0].setValue(true);
    await flushPromises();
    expect((selected.value as Row[]).map((r) => r.code)).toEqual(['XM-1']);
    expect(boxes[2].attributes('disabled')).toBeDefined();
    const table = wrapper.findComponent(PagedTable);
    expect(((table.vm as unknown as { selection: Row[] }).selection ?? []).map((r) => r.code)).toEqual(['XM-1']);
  });
});

describe('columns on a narrow screen', () => {
  const columns = [
    { key: 'a', minWidth: 300 },
    { key: 'b', minWidth: 300, priority: 2 },
    { key: 'c', minWidth: 300, priority: 3 },
    { key: 'd', width: 300 },
  ];
  it('keeps every column when they fit, and hides the highest priority number first when they do not', () => {
    expect(fitColumns(columns, 1200).map((c) => c.key)).toEqual(['a', 'b', 'c', 'd']);
    expect(fitColumns(columns, 1000).map((c) => c.key)).toEqual(['a', 'b', 'd']);
    expect(fitColumns(columns, 700).map((c) => c.key)).toEqual(['a', 'd']);
    // columns without a priority never give way
    expect(fitColumns(columns, 100).map((c) => c.key)).toEqual(['a', 'd']);
    expect(fitColumns(columns, undefined)).toHaveLength(4);
  });
});
void i18n;
