import type { OrganizationKind, Sector } from '@jixiao/contracts';

export interface DemoOrganization {
  code: string;
  name: string;
  kind: OrganizationKind;
  sector?: Sector;
  parent?: string;
}

/** Qingpu district's public organization names (shared/data/qingpu-organizations.md); agencies are invented. */
const DEPARTMENTS: [string, Sector][] = [
  ['区发展和改革委员会', 'economy'],
  ['区教育局', 'education'],
  ['区科学技术委员会', 'science'],
  ['区经济委员会', 'economy'],
  ['区民政局', 'social'],
  ['区司法局', 'justice'],
  ['区人力资源和社会保障局', 'social'],
  ['区规划和自然资源局', 'land'],
  ['区生态环境局', 'environment'],
  ['区建设和管理委员会', 'construction'],
  ['区交通委员会', 'transport'],
  ['区水务局', 'water'],
  ['区农业农村委员会', 'agriculture'],
  ['区商务委员会', 'economy'],
  ['区文化和旅游局', 'culture'],
  ['区卫生健康委员会', 'health'],
  ['区退役军人事务局', 'social'],
  ['区应急管理局', 'safety'],
  ['区国有资产监督管理委员会', 'economy'],
  ['区市场监督管理局', 'regulation'],
  ['区体育局', 'culture'],
  ['区统计局', 'general'],
  ['区医疗保障局', 'health'],
  ['区绿化和市容管理局', 'environment'],
  ['区房屋管理局', 'construction'],
  ['区城市管理行政执法局', 'regulation'],
  ['区民防办公室', 'safety'],
  ['区机关事务管理局', 'general'],
  ['区大数据中心', 'general'],
  ['区档案局', 'general'],
  ['区总工会', 'social'],
  ['区妇女联合会', 'social'],
  ['区残疾人联合会', 'social'],
];

const TOWNS = ['夏阳街道', '盈浦街道', '香花桥街道', '朱家角镇', '练塘镇', '金泽镇', '赵巷镇', '徐泾镇', '华新镇', '重固镇', '白鹤镇'];

const pad = (n: number) => String(n).padStart(2, '0');

export const EDU_CODE = `QP-D${pad(DEPARTMENTS.findIndex(([n]) => n === '区教育局') + 1)}`;
export const HEALTH_CODE = `QP-D${pad(DEPARTMENTS.findIndex(([n]) => n === '区卫生健康委员会') + 1)}`;
export const ZHUJIAJIAO_CODE = `QP-T${pad(TOWNS.indexOf('朱家角镇') + 1)}`;

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { code: 'QP-FIN', name: '青浦区财政局', kind: 'finance_bureau', sector: 'general' },
  ...DEPARTMENTS.map(([name, sector], i): DemoOrganization => ({ code: `QP-D${pad(i + 1)}`, name, kind: 'department', sector })),
  { code: `${EDU_CODE}-U01`, name: '青浦区实验中学', kind: 'unit', parent: EDU_CODE },
  { code: `${EDU_CODE}-U02`, name: '青浦区第一中学', kind: 'unit', parent: EDU_CODE },
  { code: `${EDU_CODE}-U03`, name: '青浦区教育学院', kind: 'unit', parent: EDU_CODE },
  { code: `${HEALTH_CODE}-U01`, name: '青浦区中心医院', kind: 'unit', parent: HEALTH_CODE },
  { code: `${HEALTH_CODE}-U02`, name: '青浦区疾病预防控制中心', kind: 'unit', parent: HEALTH_CODE },
  ...TOWNS.map((name, i): DemoOrganization => ({ code: `QP-T${pad(i + 1)}`, name, kind: 'town', sector: 'general' })),
  { code: `${ZHUJIAJIAO_CODE}-U01`, name: '朱家角镇社区事务受理服务中心', kind: 'unit', parent: ZHUJIAJIAO_CODE },
  { code: 'QP-AUD', name: '区审计局', kind: 'auditor', sector: 'audit' },
  { code: 'QP-NPC', name: '区人民代表大会常务委员会', kind: 'congress' },
  { code: 'QP-A01', name: '上海青信会计师事务所（演示）', kind: 'agency' },
  { code: 'QP-A02', name: '沪东绩效管理咨询有限公司（演示）', kind: 'agency' },
  { code: 'QP-A03', name: '华东财经大学公共绩效研究中心（演示）', kind: 'agency' },
];

/** Demo users: one per role, all with the password Demo#2022 and no forced change. */
export const DEMO_USERS: { username: string; displayName: string; org: string; roles: string[] }[] = [
  { username: 'finance', displayName: '财政局绩效科（演示）', org: 'QP-FIN', roles: ['finance'] },
  { username: 'edu', displayName: '区教育局财务科（演示）', org: EDU_CODE, roles: ['department'] },
  { username: 'health', displayName: '区卫健委财务科（演示）', org: HEALTH_CODE, roles: ['department'] },
  { username: 'edu-unit', displayName: '青浦区实验中学（演示）', org: `${EDU_CODE}-U01`, roles: ['unit'] },
  { username: 'zhujiajiao', displayName: '朱家角镇财政所（演示）', org: ZHUJIAJIAO_CODE, roles: ['town'] },
  { username: 'agency', displayName: '青信会计师事务所（演示）', org: 'QP-A01', roles: ['agency'] },
  { username: 'expert', displayName: '评审专家（演示）', org: 'QP-A03', roles: ['expert'] },
  { username: 'auditor', displayName: '区审计局（演示）', org: 'QP-AUD', roles: ['auditor'] },
];

export const DEMO_PASSWORD = 'Demo#2022';
