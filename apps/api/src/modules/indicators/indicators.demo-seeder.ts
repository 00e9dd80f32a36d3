import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Comparison, IndicatorLevel1, IndicatorLevel2, Sector, StandardSource } from '@jixiao/contracts';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { EDU_CODE, HEALTH_CODE } from '../demo/demo-organizations';
import { IndicatorCategoryEntity } from './entities/indicator-category.entity';
import { IndicatorEntity, IndicatorStatus } from './entities/indicator.entity';
import { stableCategoryId } from './category-tree';

type Row = [IndicatorLevel1, IndicatorLevel2, string, Comparison, string | null, string | null, StandardSource, boolean?];

interface Sector3 {
  sector: Sector;
  name: string;
  domains: { name: string; levels: { name: string; indicators: Row[] }[] }[];
}

/** A realistic starting library for four sectors (R24): sector → domain → level, with core indicators flagged. */
const LIBRARY: Sector3[] = [
  {
    sector: 'education',
    name: '教育',
    domains: [
      {
        name: '基础教育',
        levels: [
          {
            name: '产出',
            indicators: [
              ['output', 'quantity', '课后服务覆盖学校数', '>=', '45', '所', 'plan', true],
              ['output', 'quantity', '参加课后服务学生人数', '>=', '30000', '人', 'plan'],
              ['output', 'quality', '课后服务教师培训合格率', '>=', '95', '%', 'industry'],
              ['output', 'timeliness', '补助资金按时拨付率', '=', '100', '%', 'plan', true],
              ['output', 'cost', '生均课后服务补助标准', '<=', '1200', '元/人', 'plan'],
            ],
          },
          {
            name: '效益',
            indicators: [
              ['effect', 'social', '学生课后服务参与率', '>=', '85', '%', 'history', true],
              ['effect', 'sustainable', '课后服务长效机制', 'qualitative', '建立健全并持续运行', null, 'other'],
            ],
          },
          {
            name: '满意度',
            indicators: [['satisfaction', 'recipient_satisfaction', '家长满意度', '>=', '90', '%', 'industry', true]],
          },
        ],
      },
      {
        name: '学前教育',
        levels: [
          { name: '产出', indicators: [['output', 'quantity', '新增公办幼儿园学位数', '>=', '600', '个', 'plan']] },
          { name: '效益', indicators: [['effect', 'social', '学前三年毛入园率', '>=', '99', '%', 'industry', true]] },
        ],
      },
    ],
  },
  {
    sector: 'health',
    name: '卫生健康',
    domains: [
      {
        name: '公共卫生',
        levels: [
          {
            name: '产出',
            indicators: [
              ['output', 'quantity', '家庭医生签约服务人数', '>=', '120000', '人', 'plan'],
              ['output', 'quantity', '免疫规划疫苗接种人次', '>=', '80000', '人次', 'history'],
            ],
          },
          {
            name: '效益',
            indicators: [
              ['effect', 'social', '重点人群健康管理率', '>=', '80', '%', 'industry', true],
              ['effect', 'social', '法定传染病报告及时率', '>=', '98', '%', 'industry'],
            ],
          },
        ],
      },
      {
        name: '医疗服务',
        levels: [
          {
            name: '产出',
            indicators: [
              ['output', 'quantity', '新增床位数', '>=', '300', '床', 'plan'],
              ['output', 'quality', '工程竣工验收合格率', '=', '100', '%', 'industry', true],
              ['output', 'timeliness', '项目按期完工率', '=', '100', '%', 'plan'],
            ],
          },
          {
            name: '效益',
            indicators: [['effect', 'social', '区域医疗服务供给', 'qualitative', '满足区域居民就近就医需求', null, 'other']],
          },
          { name: '成本', indicators: [['cost', 'economic_cost', '单位床位建设成本', '<=', '150', '万元', 'industry']] },
        ],
      },
    ],
  },
  {
    sector: 'general',
    name: '综合',
    domains: [
      {
        name: '通用',
        levels: [
          {
            name: '产出',
            indicators: [
              ['output', 'quantity', '政策宣传覆盖人次', '>=', '10000', '人次', 'plan'],
              ['output', 'timeliness', '资金支付及时率', '>=', '95', '%', 'plan', true],
            ],
          },
          { name: '效益', indicators: [['effect', 'social', '政策知晓率', '>=', '85', '%', 'history']] },
          {
            name: '满意度',
            indicators: [['satisfaction', 'recipient_satisfaction', '服务对象满意度', '>=', '90', '%', 'industry', true]],
          },
          { name: '成本', indicators: [['cost', 'economic_cost', '项目成本控制率', '<=', '100', '%', 'plan']] },
        ],
      },
    ],
  },
  {
    sector: 'agriculture',
    name: '农业农村',
    domains: [
      {
        name: '农业生产',
        levels: [
          {
            name: '产出',
            indicators: [
              ['output', 'quantity', '高标准农田建设面积', '>=', '5000', '亩', 'plan', true],
              ['output', 'quantity', '农机购置补贴受益户数', '>=', '800', '户', 'history'],
            ],
          },
          { name: '效益', indicators: [['effect', 'economic', '水稻平均亩产', '>=', '550', '公斤', 'history']] },
        ],
      },
      {
        name: '乡村振兴',
        levels: [
          { name: '产出', indicators: [['output', 'quantity', '农村人居环境整治村数', '>=', '40', '个', 'plan']] },
          {
            name: '效益',
            indicators: [
              ['effect', 'economic', '农村居民人均可支配收入增长率', '>=', '6', '%', 'history', true],
              ['effect', 'ecological', '化肥使用量减少率', '>=', '3', '%', 'industry'],
            ],
          },
        ],
      },
    ],
  },
];

/** Demo library (order 15, after projects): the tree, its indicators, and one proposal each by 卫健委 and 教育局. */
@Injectable()
@AsDemoSeeder(15)
export class IndicatorsDemoSeeder implements DemoSeeder {
  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    if (await manager.exists(IndicatorCategoryEntity, {})) return;
    const add = async (path: string[], level: IndicatorCategoryEntity['level'], sector: Sector, parentId: string | null) => {
      const id = stableCategoryId(path);
      await manager.insert(IndicatorCategoryEntity, { id, parentId, level, name: path[path.length - 1], sector });
      return id;
    };
    const indicator = (categoryId: string, row: Row, status: IndicatorStatus = 'active', proposer: string | null = null) =>
      manager.create(IndicatorEntity, {
        categoryId,
        level1: row[0],
        level2: row[1],
        name: row[2],
        comparison: row[3],
        value: row[4],
        unit: row[5],
        standardSource: row[6],
        isCore: row[7] ?? false,
        note: null,
        status,
        proposedByOrganizationId: proposer,
      });
    const rows: IndicatorEntity[] = [];
    for (const s of LIBRARY) {
      const sectorId = await add([s.name], 'sector', s.sector, null);
      for (const d of s.domains) {
        const domainId = await add([s.name, d.name], 'domain', s.sector, sectorId);
        for (const l of d.levels) {
          const levelId = await add([s.name, d.name, l.name], 'level', s.sector, domainId);
          rows.push(...l.indicators.map((r) => indicator(levelId, r)));
        }
      }
    }
    const health = context.organizationIds.get(HEALTH_CODE) ?? null;
    const edu = context.organizationIds.get(EDU_CODE) ?? null;
    if (health) {
      rows.push(
        indicator(stableCategoryId(['卫生健康', '公共卫生', '效益']), ['effect', 'social', '65岁及以上老年人健康体检率', '>=', '70', '%', 'industry'], 'proposed', health),
      );
    }
    if (edu) {
      rows.push(
        indicator(stableCategoryId(['教育', '基础教育', '产出']), ['output', 'quantity', '校园安全设施改造学校数', '>=', '20', '所', 'plan'], 'proposed', edu),
      );
    }
    await manager.save(rows);
  }
}
