import { Label, labelled } from './labels';

/** The kinds of organization in a district (DOMAIN.md: who the users are). */
export const OrganizationKind = {
  FinanceBureau: 'finance_bureau',
  Department: 'department',
  Unit: 'unit',
  Town: 'town',
  Agency: 'agency',
  Auditor: 'auditor',
  Congress: 'congress',
} as const;
export type OrganizationKind = (typeof OrganizationKind)[keyof typeof OrganizationKind];

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, Label> = {
  finance_bureau: { zh: '财政局', en: 'Finance bureau' },
  department: { zh: '预算部门', en: 'Budget department' },
  unit: { zh: '预算单位', en: 'Budget unit' },
  town: { zh: '镇/街道', en: 'Town / sub-district' },
  agency: { zh: '第三方机构', en: 'Third-party agency' },
  auditor: { zh: '审计机关', en: 'Auditor' },
  congress: { zh: '人大', en: "People's Congress" },
};
export const ORGANIZATION_KINDS = labelled(ORGANIZATION_KIND_LABELS);

/** Which kinds may be the parent of which: the tree is bureau-less; units sit under departments or towns. */
export const ORGANIZATION_PARENT_KINDS: Record<OrganizationKind, OrganizationKind[]> = {
  finance_bureau: [],
  department: [],
  unit: ['department', 'town'],
  town: [],
  agency: [],
  auditor: [],
  congress: [],
};

/** Sectors drive indicator suggestions and sector-specific deadlines (education has later dates). */
export const Sector = {
  Economy: 'economy',
  Education: 'education',
  Science: 'science',
  Social: 'social',
  Justice: 'justice',
  Land: 'land',
  Environment: 'environment',
  Construction: 'construction',
  Transport: 'transport',
  Water: 'water',
  Agriculture: 'agriculture',
  Culture: 'culture',
  Health: 'health',
  Safety: 'safety',
  Audit: 'audit',
  Regulation: 'regulation',
  General: 'general',
} as const;
export type Sector = (typeof Sector)[keyof typeof Sector];

export const SECTOR_LABELS: Record<Sector, Label> = {
  economy: { zh: '经济', en: 'Economy' },
  education: { zh: '教育', en: 'Education' },
  science: { zh: '科技', en: 'Science' },
  social: { zh: '社会保障', en: 'Social' },
  justice: { zh: '司法', en: 'Justice' },
  land: { zh: '规划资源', en: 'Land' },
  environment: { zh: '生态环境', en: 'Environment' },
  construction: { zh: '建设', en: 'Construction' },
  transport: { zh: '交通', en: 'Transport' },
  water: { zh: '水务', en: 'Water' },
  agriculture: { zh: '农业农村', en: 'Agriculture' },
  culture: { zh: '文化体育', en: 'Culture' },
  health: { zh: '卫生健康', en: 'Health' },
  safety: { zh: '安全应急', en: 'Safety' },
  audit: { zh: '审计', en: 'Audit' },
  regulation: { zh: '监管执法', en: 'Regulation' },
  general: { zh: '综合', en: 'General' },
};
export const SECTORS = labelled(SECTOR_LABELS);

/**
 * Matches an organization picker's search (GET /organizations/options?q=) returns at most, in code order:
 * a picker opens a level at a time, and a search narrows — a city has about 5,000 organizations.
 */
export const ORGANIZATION_OPTIONS_LIMIT = 50;
