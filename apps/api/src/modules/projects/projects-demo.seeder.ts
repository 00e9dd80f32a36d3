import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { DEMO_ORGANIZATIONS, EDU_CODE, HEALTH_CODE, ZHUJIAJIAO_CODE } from '../demo/demo-organizations';
import { ProjectEntity, ProjectKind } from './entities/project.entity';
import { FundSource, ProjectFundSourceEntity } from './entities/project-fund-source.entity';

type Flags = 'new' | 'major' | 'capital' | 'livelihood' | 'public' | 'high';
type DemoProject = [org: string, name: string, kind: ProjectKind, amount: string, sources: [FundSource, string][], flags: Flags[]];

const codeOf = (name: string) => DEMO_ORGANIZATIONS.find((o) => o.name === name)!.code;
const TRANSPORT = codeOf('区交通委员会');
const WATER = codeOf('区水务局');

/** Realistic demo projects per department and town; amounts in yuan, some at or above the key-list threshold. */
const PROJECTS: DemoProject[] = [
  // 区卫生健康委员会 and its units
  [HEALTH_CODE, '区卫生健康委员会部门整体支出', 'department_overall', '86500000.00', [['general_budget', '86500000.00']], ['public']],
  [
    HEALTH_CODE,
    '区中心医院改扩建工程',
    'project',
    '58000000.00',
    [
      ['general_budget', '28000000.00'],
      ['government_bonds', '30000000.00'],
    ],
    ['new', 'major', 'capital', 'livelihood', 'high'],
  ],
  [
    HEALTH_CODE,
    '社区卫生服务中心标准化建设',
    'project',
    '12500000.00',
    [
      ['general_budget', '9500000.00'],
      ['special_transfer', '3000000.00'],
    ],
    ['new', 'capital', 'livelihood'],
  ],
  [
    HEALTH_CODE,
    '基本公共卫生服务补助',
    'policy',
    '23600000.00',
    [
      ['general_budget', '18600000.00'],
      ['direct_funds', '5000000.00'],
    ],
    ['livelihood', 'public', 'high'],
  ],
  [HEALTH_CODE, '家庭医生签约服务经费', 'project', '6000000.00', [['general_budget', '6000000.00']], ['livelihood', 'public']],
  [HEALTH_CODE, '卫生健康信息化平台运维', 'project', '5999999.99', [['general_budget', '5999999.99']], []],
  [HEALTH_CODE, '老年人健康体检项目', 'project', '3800000.00', [['general_budget', '3800000.00']], ['livelihood', 'high']],
  [
    `${HEALTH_CODE}-U01`,
    '区中心医院医疗设备购置',
    'project',
    '9200000.00',
    [
      ['general_budget', '6200000.00'],
      ['fiscal_special_funds', '3000000.00'],
    ],
    ['new', 'major'],
  ],
  [`${HEALTH_CODE}-U01`, '青浦区中心医院部门整体支出', 'department_overall', '41000000.00', [['general_budget', '41000000.00']], []],
  [
    `${HEALTH_CODE}-U02`,
    '传染病监测预警体系建设',
    'project',
    '4500000.00',
    [
      ['general_budget', '2500000.00'],
      ['direct_funds', '2000000.00'],
    ],
    ['new', 'public'],
  ],
  [`${HEALTH_CODE}-U02`, '疫苗冷链物流保障经费', 'project', '2100000.00', [['general_budget', '2100000.00']], ['livelihood']],
  // 区教育局 and its units
  [EDU_CODE, '区教育局部门整体支出', 'department_overall', '126000000.00', [['general_budget', '126000000.00']], ['public']],
  [
    EDU_CODE,
    '中小学课后服务补助',
    'policy',
    '18800000.00',
    [
      ['general_budget', '15800000.00'],
      ['direct_funds', '3000000.00'],
    ],
    ['livelihood', 'public', 'high'],
  ],
  [
    EDU_CODE,
    '青浦新城九年一贯制学校新建工程',
    'project',
    '96000000.00',
    [
      ['general_budget', '36000000.00'],
      ['government_bonds', '60000000.00'],
    ],
    ['new', 'major', 'capital', 'livelihood', 'high'],
  ],
  [EDU_CODE, '学前教育生均经费补助', 'policy', '32000000.00', [['general_budget', '32000000.00']], ['livelihood', 'public']],
  [EDU_CODE, '教师培训与专业发展项目', 'project', '2600000.00', [['general_budget', '2600000.00']], []],
  [
    EDU_CODE,
    '校园安全技防系统升级',
    'project',
    '7400000.00',
    [
      ['general_budget', '4400000.00'],
      ['special_transfer', '3000000.00'],
    ],
    ['new', 'capital'],
  ],
  [EDU_CODE, '智慧教育平台建设', 'project', '5200000.00', [['general_budget', '5200000.00']], ['new', 'major']],
  [`${EDU_CODE}-U01`, '青浦区实验中学实验室改造', 'project', '3200000.00', [['general_budget', '3200000.00']], ['capital']],
  [`${EDU_CODE}-U01`, '青浦区实验中学部门整体支出', 'department_overall', '28000000.00', [['general_budget', '28000000.00']], []],
  [`${EDU_CODE}-U02`, '青浦区第一中学体育场馆修缮', 'project', '6800000.00', [['general_budget', '6800000.00']], ['new', 'capital']],
  [`${EDU_CODE}-U03`, '教育科研课题经费', 'project', '1500000.00', [['general_budget', '1500000.00']], []],
  // 朱家角镇 and its unit
  [
    ZHUJIAJIAO_CODE,
    '朱家角镇部门整体支出',
    'department_overall',
    '210000000.00',
    [
      ['general_budget', '180000000.00'],
      ['district_to_town_transfer', '30000000.00'],
    ],
    [],
  ],
  [
    ZHUJIAJIAO_CODE,
    '朱家角古镇保护修缮工程',
    'project',
    '45000000.00',
    [
      ['general_budget', '15000000.00'],
      ['district_to_town_transfer', '20000000.00'],
      ['government_bonds', '10000000.00'],
    ],
    ['new', 'major', 'capital', 'high'],
  ],
  [
    ZHUJIAJIAO_CODE,
    '农村生活污水治理',
    'project',
    '13800000.00',
    [
      ['district_to_town_transfer', '8800000.00'],
      ['fiscal_special_funds', '5000000.00'],
    ],
    ['livelihood', 'public'],
  ],
  [
    ZHUJIAJIAO_CODE,
    '美丽乡村示范村建设',
    'project',
    '8600000.00',
    [['district_to_town_transfer', '8600000.00']],
    ['new', 'capital', 'livelihood'],
  ],
  [ZHUJIAJIAO_CODE, '镇域河道长效保洁', 'project', '3900000.00', [['general_budget', '3900000.00']], ['livelihood']],
  [ZHUJIAJIAO_CODE, '高龄老人营养补贴', 'policy', '2400000.00', [['general_budget', '2400000.00']], ['livelihood', 'public']],
  [ZHUJIAJIAO_CODE, '文旅融合发展扶持资金', 'policy', '5000000.00', [['general_budget', '5000000.00']], ['high']],
  [
    `${ZHUJIAJIAO_CODE}-U01`,
    '朱家角镇社区事务受理服务中心部门整体支出',
    'department_overall',
    '6200000.00',
    [['general_budget', '6200000.00']],
    [],
  ],
  [`${ZHUJIAJIAO_CODE}-U01`, '社区事务受理窗口智能化改造', 'project', '1800000.00', [['general_budget', '1800000.00']], ['new']],
  // Two other departments
  [TRANSPORT, '区交通委员会部门整体支出', 'department_overall', '64000000.00', [['general_budget', '64000000.00']], []],
  [TRANSPORT, '公交线网优化及运营补贴', 'policy', '38000000.00', [['general_budget', '38000000.00']], ['livelihood', 'public', 'high']],
  [
    TRANSPORT,
    '外青松公路拓宽改建工程',
    'project',
    '72000000.00',
    [
      ['general_budget', '22000000.00'],
      ['government_bonds', '50000000.00'],
    ],
    ['new', 'major', 'capital'],
  ],
  [TRANSPORT, '农村公路养护', 'project', '9600000.00', [['special_transfer', '9600000.00']], ['livelihood']],
  [WATER, '区水务局部门整体支出', 'department_overall', '52000000.00', [['general_budget', '52000000.00']], []],
  [
    WATER,
    '淀山湖水环境综合治理',
    'project',
    '27500000.00',
    [
      ['general_budget', '17500000.00'],
      ['fiscal_special_funds', '10000000.00'],
    ],
    ['major', 'public', 'high'],
  ],
  [WATER, '防汛排涝泵站更新改造', 'project', '11200000.00', [['general_budget', '11200000.00']], ['new', 'capital']],
  [WATER, '河长制工作经费', 'project', '1200000.00', [['general_budget', '1200000.00']], []],
];

/** Demo project library (order 10: before key lists, indicators, pre-assessments and targets). */
@Injectable()
@AsDemoSeeder(10)
export class ProjectsDemoSeeder implements DemoSeeder {
  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    const counters = new Map<string, number>();
    for (const [org, name, kind, amount, sources, flags] of PROJECTS) {
      const organizationId = context.organizationIds.get(org);
      if (!organizationId) continue;
      const n = (counters.get(org) ?? 0) + 1;
      counters.set(org, n);
      const isNew = flags.includes('new');
      const project = await manager.save(
        manager.create(ProjectEntity, {
          year: context.year,
          code: `${org}-${context.year}-${String(n).padStart(3, '0')}`,
          name,
          kind,
          organizationId,
          budgetAmount: amount,
          isNew,
          isMajor: flags.includes('major'),
          isCapitalConstruction: flags.includes('capital'),
          isLivelihood: flags.includes('livelihood'),
          publicAttention: flags.includes('high') ? 'high' : flags.includes('public') ? 'medium' : 'low',
          managementChainLevels: kind === 'department_overall' ? null : flags.includes('major') ? 3 : 2,
          lastYearExecutionRate: isNew || kind === 'department_overall' ? null : ['92.50', '78.30', '65.10', '99.00'][n % 4],
          inDisclosureScope: kind !== 'project' || flags.includes('public') || flags.includes('high'),
          startYear: kind === 'department_overall' ? null : isNew ? context.year : context.year - 2,
          endYear: kind === 'department_overall' ? null : flags.includes('capital') ? context.year + 2 : context.year,
          enteredKeyEvaluationYear: !isNew && n % 3 === 0 ? context.year - 2 : null,
        }),
      );
      await manager.insert(
        ProjectFundSourceEntity,
        sources.map(([source, value]) => ({ projectId: project.id, source, amount: value })),
      );
    }
  }
}
