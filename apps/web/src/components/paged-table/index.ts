export { default as PagedTable } from './paged-table.vue';
export { default as FilterForm } from './filter-form.vue';
export type { Column, FilterField, FilterOption, OrgOption, PagedTableList } from './types';
export { formatCell, fitColumns, totalText } from './types';
export { default as PagedTabs } from './paged-tabs.vue';
