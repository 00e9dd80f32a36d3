import { PROJECT_IMPORT_COLUMNS } from './projects';

/** The budget system's execution export as the trackings import reads it (issue 8): one row per project and as-of date. */
export const TRACKING_IMPORT_SHEET = '执行数据';
export const TRACKING_IMPORT_INSTRUCTIONS_SHEET = '填写说明';

const FUND_COLUMNS = PROJECT_IMPORT_COLUMNS.filter((c) =>
  (
    [
      'general_budget',
      'direct_funds',
      'special_transfer',
      'district_to_town_transfer',
      'government_bonds',
      'fiscal_special_funds',
    ] as string[]
  ).includes(c.key),
);

/** The columns, in order: the header text is the Chinese label; fund-source columns use the project import's headers. */
export const TRACKING_IMPORT_COLUMNS = [
  { key: 'code', zh: '项目编码', en: 'Project code', required: true },
  { key: 'name', zh: '项目名称', en: 'Project name (not read)', required: false },
  { key: 'asOf', zh: '截止日期', en: 'As of', required: true },
  { key: 'executedAmount', zh: '累计执行金额（元）', en: 'Executed to date (yuan)', required: false },
  ...FUND_COLUMNS.map((c) => ({ key: c.key, zh: c.zh, en: c.en, required: false as const })),
  { key: 'note', zh: '备注', en: 'Note', required: false },
] as const;
export type TrackingImportColumnKey = (typeof TRACKING_IMPORT_COLUMNS)[number]['key'];
