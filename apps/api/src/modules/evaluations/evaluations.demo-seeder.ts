import { createHash } from 'node:crypto';
import { EvaluationFileEntity, type EvaluationFileKind } from './entities/evaluation-file.entity';
import { StoredFileEntity } from '../files/entities/stored-file.entity';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  dataScopeOf,
  isReadOnly,
  permissionsOf,
  type Comparison,
  type IndicatorLevel1,
  type PublicAttention,
  type Role,
} from '@jixiao/contracts';
import {
  achievementDegree,
  defaultWorkingCalendar,
  executionRate,
  formatMoney,
  isMonitoredKind,
  parseMoney,
  profileForYear,
  PROFILE_SCHEMA_VERSION,
  responseDeadline,
  templateFor,
  trackingRoundDue,
  trackingWarnings,
  type PolicyProfileValues,
} from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { requestContext } from '../../common/http/request-context';
import { AgencyEntity } from '../agencies/entities/agency.entity';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { DEMO_USERS, EDU_CODE, HEALTH_CODE, ZHUJIAJIAO_CODE } from '../demo/demo-organizations';
import { PolicyProfileEntity } from '../policy-profiles/entities/policy-profile.entity';
import { ProjectFundSourceEntity } from '../projects/entities/project-fund-source.entity';
import { ProjectEntity, type ProjectKind } from '../projects/entities/project.entity';
import { TargetEventEntity } from '../targets/entities/target-event.entity';
import { TargetIndicatorEntity } from '../targets/entities/target-indicator.entity';
import { TargetEntity } from '../targets/entities/target.entity';
import { TrackingIndicatorReadingEntity } from '../trackings/entities/tracking-indicator-reading.entity';
import { TrackingWarningEntity } from '../trackings/entities/tracking-warning.entity';
import { TrackingEntity } from '../trackings/entities/tracking.entity';
import { EvaluationEntity, type EvaluationStatus } from './entities/evaluation.entity';
import { EvaluationFindingEntity } from './entities/evaluation-finding.entity';
import { EvaluationIndicatorEntity } from './entities/evaluation-indicator.entity';
import { EvaluationCommissionsService } from './evaluation-commissions.service';
import { EvaluationsService } from './evaluations.service';

/** One indicator of a 2021 target: what was promised, what the December tracking read, and the year's actual value. */
interface DemoIndicator {
  level1: IndicatorLevel1;
  level2: string;
  name: string;
  comparison: Comparison;
  value: string;
  unit: string | null;
  weight: string;
  /** December 2021 tracking: the value so far (quantitative) or the band (qualitative). */
  december: string;
  /** The self-evaluation's actual value (or band) where the demo has one. */
  actual?: string;
  /** Why it was not fully achieved (only where it was not). */
  explanation?: string;
}

interface DemoEvaluation {
  kind: 'self' | 'department';
  status: EvaluationStatus;
  /** The executed amount entered, as a share of the budget in tenths of a percent (e.g. 975 = 97.5 %). */
  executedPermille?: bigint;
  summary?: string;
  /** Department evaluations: how many items of the indicator system are scored so far. */
  templateScoredItems?: number;
  findings?: { finding: string; basis: string; amount: string | null; suggestedMeasure: string }[];
}

interface DemoProject {
  /** Organization code (demo-organizations.ts). */
  org: string;
  name: string;
  kind: ProjectKind;
  amount: string;
  goal: string;
  indicators: DemoIndicator[];
  /** December 2021 tracking (projects and policies only): executed share of the budget in tenths of a percent. */
  decemberPermille?: bigint;
  evaluations?: DemoEvaluation[];
  /** R14 ranking data where the demo sets it (else: policies are livelihood with high attention, projects 2 chain levels). */
  livelihood?: boolean;
  attention?: PublicAttention;
  chainLevels?: number;
}

const ind = (
  level1: IndicatorLevel1,
  level2: string,
  name: string,
  comparison: Comparison,
  value: string,
  unit: string | null,
  weight: string,
  december: string,
  actual?: string,
  explanation?: string,
): DemoIndicator => ({ level1, level2, name, comparison, value, unit, weight, december, actual, explanation });

/**
 * The 2021 budget year the 2022 round evaluates (in 2022 units self-evaluate 2021, R11): projects,
 * policies and department overall expenditure of 区卫生健康委员会, 区教育局 and two of its units, and
 * 朱家角镇, each with an approved target (output, cost, effect and satisfaction indicators: ≥, ≤, =
 * and qualitative) and, for projects and policies, a tracking as of 31 December 2021. Their
 * self-evaluations stand in different states: 卫健委's completed with a grade; 第一中学's submitted
 * and waiting for 区教育局; 区教育局's and 朱家角镇's in progress (朱家角镇's target has no satisfaction
 * indicator, so its weight moves to effect); 区教育局's department evaluation of a key project begun;
 * 青浦区实验中学's (the `edu-unit` user) not started, for the browser.
 */
const PROJECTS: DemoProject[] = [
  {
    org: HEALTH_CODE,
    name: '老年人健康体检服务',
    kind: 'project',
    amount: '3600000.00',
    goal: '为辖区 65 岁以上老年人提供一次免费健康体检，体检报告按时反馈，早期发现慢性病',
    decemberPermille: 960n,
    indicators: [
      ind('output', 'quantity', '老年人体检人数', '>=', '42000', '人', '30', '43150', '43150'),
      ind('output', 'timeliness', '体检报告按时反馈率', '>=', '98', '%', '10', '99.2', '99.2'),
      ind('cost', 'economic_cost', '人均体检成本', '<=', '85', '元/人', '10', '83.4', '83.4'),
      ind(
        'effect',
        'social',
        '慢性病早期发现人数',
        '>=',
        '1200',
        '人',
        '20',
        '1150',
        '1150',
        '部分街镇体检在四季度集中开展，复查转诊尚未全部完成',
      ),
      ind('effect', 'sustainable', '健康档案动态更新机制', 'qualitative', '建立并运行', null, '10', 'achieved', 'achieved'),
      ind('satisfaction', 'recipient_satisfaction', '受检老人满意度', '>=', '90', '%', '20', '93.5', '93.5'),
    ],
    evaluations: [
      {
        kind: 'self',
        status: 'completed',
        executedPermille: 975n,
        summary: '项目按计划完成，体检人数和报告反馈均达到目标；慢性病早期发现人数略低于目标，已督促各街镇加快复查转诊。',
      },
    ],
  },
  {
    org: HEALTH_CODE,
    name: '基本公共卫生服务项目补助',
    kind: 'policy',
    amount: '22800000.00',
    goal: '落实国家基本公共卫生服务项目，提高重点人群健康管理水平',
    decemberPermille: 948n,
    indicators: [
      ind('output', 'quantity', '65 岁以上老年人健康管理率', '>=', '70', '%', '25', '72.4'),
      ind('output', 'quality', '高血压患者规范管理率', '>=', '65', '%', '25', '63.8'),
      ind('effect', 'social', '居民电子健康档案建档率', '>=', '90', '%', '20', '91.2'),
      ind('effect', 'sustainable', '基本公卫服务长效机制', 'qualitative', '持续完善', null, '10', 'mostly_achieved'),
      ind('satisfaction', 'recipient_satisfaction', '居民满意度', '>=', '85', '%', '20', '88'),
    ],
  },
  {
    org: HEALTH_CODE,
    name: '区卫生健康委员会部门整体支出（2021 年度）',
    kind: 'department_overall',
    amount: '84000000.00',
    goal: '保障部门履职，完成年度卫生健康重点工作任务',
    indicators: [
      ind('output', 'quantity', '年度重点工作任务完成率', '>=', '100', '%', '40', '100'),
      ind('cost', 'economic_cost', '“三公”经费支出', '<=', '120', '万元', '10', '96'),
      ind('effect', 'social', '居民平均期望寿命', '>=', '83.5', '年', '30', '83.6'),
      ind('satisfaction', 'recipient_satisfaction', '群众满意度', '>=', '90', '%', '20', '92'),
    ],
  },
  {
    org: EDU_CODE,
    name: '中小学课后服务经费补助',
    kind: 'policy',
    amount: '18000000.00',
    goal: '义务教育学校课后服务全覆盖，缓解家长接送难',
    decemberPermille: 932n,
    indicators: [
      ind('output', 'quantity', '开展课后服务学校覆盖率', '=', '100', '%', '25', '100', '100'),
      ind('output', 'quality', '学生参加课后服务比例', '>=', '60', '%', '25', '68.5', '68.5'),
      ind('cost', 'economic_cost', '生均课后服务补助', '<=', '600', '元/人', '10', '580'),
      ind('effect', 'social', '家长接送难问题', 'qualitative', '有效缓解', null, '20', 'mostly_achieved'),
      ind('satisfaction', 'recipient_satisfaction', '家长满意度', '>=', '90', '%', '20', '94'),
    ],
    evaluations: [{ kind: 'self', status: 'draft', executedPermille: 932n }],
  },
  {
    org: EDU_CODE,
    name: '校园安全视频监控系统建设',
    kind: 'project',
    amount: '7200000.00',
    goal: '完成全区中小学校园视频监控高清化改造并接入区平台',
    decemberPermille: 986n,
    indicators: [
      ind('output', 'quantity', '完成改造学校数', '>=', '48', '所', '30', '48', '48'),
      ind('output', 'quality', '监控点位验收合格率', '=', '100', '%', '10', '99', '99'),
      ind('cost', 'economic_cost', '单校改造成本', '<=', '15', '万元', '10', '14.8', '14.8'),
      ind('effect', 'social', '校园安全事件发现处置时长', '<=', '30', '分', '20', '25', '25'),
      ind('effect', 'sustainable', '运维管理制度', 'qualitative', '建立并执行', null, '10', 'achieved', 'achieved'),
      ind('satisfaction', 'recipient_satisfaction', '学校满意度', '>=', '90', '%', '20', '95', '95'),
    ],
    evaluations: [
      {
        kind: 'self',
        status: 'completed',
        executedPermille: 986n,
        summary: '48 所学校全部完成改造并接入区平台，运行稳定。',
      },
      {
        kind: 'department',
        status: 'draft',
        templateScoredItems: 6,
        findings: [
          {
            finding: '部分学校监控点位设置与校园安全风险评估不匹配',
            basis: '《中小学幼儿园安全技术防范系统要求》',
            amount: '180000.00',
            suggestedMeasure: '按风险评估结果调整点位，2022 年内完成',
          },
        ],
      },
    ],
  },
  {
    org: `${EDU_CODE}-U02`,
    name: '青浦区第一中学塑胶跑道改造',
    kind: 'project',
    amount: '2600000.00',
    goal: '完成 400 米标准塑胶跑道翻新，满足体育教学和体质测试需要',
    decemberPermille: 990n,
    indicators: [
      ind('output', 'quantity', '翻新跑道面积', '>=', '6500', '平方米', '30', '6620', '6620'),
      ind('output', 'quality', '工程验收合格率', '=', '100', '%', '10', '100', '100'),
      ind(
        'output',
        'timeliness',
        '暑期内完工',
        'qualitative',
        '8 月底前完工',
        null,
        '10',
        'mostly_achieved',
        'mostly_achieved',
        '受汛期降雨影响，面层施工推迟至 9 月第一周完成',
      ),
      ind('effect', 'social', '体育课程开课率', '>=', '100', '%', '30', '100', '100'),
      ind('satisfaction', 'recipient_satisfaction', '师生满意度', '>=', '90', '%', '20', '96', '96'),
    ],
    evaluations: [
      {
        kind: 'self',
        status: 'submitted',
        executedPermille: 990n,
        summary: '跑道翻新按期完成验收，投入使用后体育课和体质测试正常开展。',
      },
    ],
  },
  {
    org: `${EDU_CODE}-U01`,
    name: '青浦区实验中学创新实验室建设',
    kind: 'project',
    amount: '3000000.00',
    goal: '建成物理、化学、生物创新实验室 6 间，开足开齐学生分组实验',
    decemberPermille: 960n,
    indicators: [
      ind('output', 'quantity', '建成创新实验室数量', '=', '6', '个', '20', '6'),
      ind('output', 'quality', '设备安装验收合格率', '>=', '100', '%', '10', '100'),
      ind('cost', 'economic_cost', '项目总成本', '<=', '300', '万元', '10', '288'),
      ind('effect', 'social', '学生分组实验开出率', '>=', '95', '%', '20', '90'),
      ind('effect', 'sustainable', '实验教学条件', 'qualitative', '明显改善', null, '20', 'mostly_achieved'),
      ind('satisfaction', 'recipient_satisfaction', '师生满意度', '>=', '90', '%', '20', '92'),
    ],
  },
  {
    org: `${EDU_CODE}-U01`,
    name: '青浦区实验中学部门整体支出（2021 年度）',
    kind: 'department_overall',
    amount: '27500000.00',
    goal: '保障学校正常运转，完成年度教育教学任务',
    indicators: [
      ind('output', 'quantity', '在校学生数', '>=', '1800', '人', '30', '1826'),
      ind('cost', 'economic_cost', '公用经费生均支出', '<=', '3000', '元/人', '20', '2860'),
      ind('effect', 'social', '学业水平考试合格率', '>=', '98', '%', '30', '99.1'),
      ind('satisfaction', 'recipient_satisfaction', '家长满意度', '>=', '90', '%', '20', '93'),
    ],
  },
  {
    org: ZHUJIAJIAO_CODE,
    name: '镇域河道保洁养护',
    kind: 'project',
    amount: '3800000.00',
    goal: '镇域河道保洁全覆盖，河道水质持续改善',
    decemberPermille: 955n,
    indicators: [
      ind('output', 'quantity', '保洁河道长度', '>=', '120', '公里', '30', '120', '120'),
      ind('output', 'quality', '河道保洁考核达标率', '>=', '95', '%', '20', '93', '93'),
      ind('cost', 'economic_cost', '每公里年保洁成本', '<=', '3.2', '万元', '10', '3.1', '3.1'),
      ind('effect', 'ecological', '河道水质达标率', '>=', '85', '%', '25', '82'),
      ind('effect', 'sustainable', '河道长效管护机制', 'qualitative', '建立并运行', null, '15', 'achieved'),
    ],
    evaluations: [{ kind: 'self', status: 'draft', executedPermille: 955n }],
  },
  {
    org: ZHUJIAJIAO_CODE,
    name: '朱家角镇部门整体支出（2021 年度）',
    kind: 'department_overall',
    amount: '205000000.00',
    goal: '保障镇政府履职，完成年度经济社会发展任务',
    indicators: [
      ind('output', 'quantity', '年度重点工作完成率', '>=', '100', '%', '40', '100'),
      ind('cost', 'economic_cost', '一般性支出压减比例', '>=', '5', '%', '10', '6'),
      ind('effect', 'social', '为民办实事项目完成率', '>=', '100', '%', '30', '100'),
      ind('satisfaction', 'recipient_satisfaction', '群众满意度', '>=', '90', '%', '20', '91'),
    ],
  },
  // More 2021 projects and policies for the bureau's R14 ranking (the 2022 selection of ten finance key
  // evaluations): different execution rates, management chains, livelihood and public attention, none
  // self-evaluated yet.
  {
    org: HEALTH_CODE,
    name: '家庭医生签约服务补助',
    kind: 'policy',
    amount: '9600000.00',
    goal: '推进家庭医生签约服务，提高重点人群签约覆盖率',
    decemberPermille: 812n,
    chainLevels: 3,
    indicators: [
      ind('output', 'quantity', '重点人群签约覆盖率', '>=', '75', '%', '30', '71.5'),
      ind('output', 'quality', '签约居民履约率', '>=', '90', '%', '20', '88'),
      ind('effect', 'social', '签约居民社区首诊比例', '>=', '60', '%', '30', '57'),
      ind('satisfaction', 'recipient_satisfaction', '签约居民满意度', '>=', '90', '%', '20', '91'),
    ],
  },
  {
    org: `${HEALTH_CODE}-U01`,
    name: '青浦区中心医院急诊综合楼设备购置',
    kind: 'project',
    amount: '12500000.00',
    goal: '完成急诊综合楼医疗设备购置和安装调试，提升急危重症救治能力',
    decemberPermille: 684n,
    livelihood: true,
    attention: 'high',
    chainLevels: 2,
    indicators: [
      ind('output', 'quantity', '购置设备台数', '>=', '86', '台', '30', '64'),
      ind('output', 'timeliness', '设备安装调试完成时间', 'qualitative', '年内完成', null, '20', 'partly_achieved'),
      ind('effect', 'social', '急诊患者平均滞留时长', '<=', '4', '小时', '30', '4.6'),
      ind('satisfaction', 'recipient_satisfaction', '患者满意度', '>=', '90', '%', '20', '89'),
    ],
  },
  {
    org: `${HEALTH_CODE}-U02`,
    name: '重大传染病防控经费',
    kind: 'project',
    amount: '5400000.00',
    goal: '落实重大传染病监测、流调和应急处置，保持疫情平稳',
    decemberPermille: 905n,
    livelihood: true,
    attention: 'high',
    chainLevels: 3,
    indicators: [
      ind('output', 'quantity', '重点场所监测点位数', '>=', '120', '个', '30', '126'),
      ind('output', 'timeliness', '疫情报告及时率', '>=', '99', '%', '20', '99.6'),
      ind('effect', 'social', '聚集性疫情规范处置率', '=', '100', '%', '30', '100'),
      ind('satisfaction', 'recipient_satisfaction', '社会公众满意度', '>=', '85', '%', '20', '90'),
    ],
  },
  {
    org: `${EDU_CODE}-U03`,
    name: '中小学教师专业发展培训',
    kind: 'project',
    amount: '1850000.00',
    goal: '完成全区中小学教师年度专业发展培训，提升课堂教学能力',
    decemberPermille: 738n,
    attention: 'low',
    chainLevels: 1,
    indicators: [
      ind('output', 'quantity', '培训教师人次', '>=', '3200', '人次', '30', '2650'),
      ind('output', 'quality', '培训考核合格率', '>=', '95', '%', '20', '97'),
      ind('effect', 'social', '参训教师课堂教学改进', 'qualitative', '明显改进', null, '30', 'mostly_achieved'),
      ind('satisfaction', 'recipient_satisfaction', '参训教师满意度', '>=', '90', '%', '20', '92'),
    ],
  },
  {
    org: EDU_CODE,
    name: '学前教育生均经费补助',
    kind: 'policy',
    amount: '31500000.00',
    goal: '落实学前教育生均经费标准，扩大普惠性学前教育资源',
    decemberPermille: 878n,
    chainLevels: 3,
    indicators: [
      ind('output', 'quantity', '享受补助在园幼儿数', '>=', '21000', '人', '30', '21480'),
      ind('output', 'quality', '普惠性幼儿园覆盖率', '>=', '85', '%', '20', '86.5'),
      ind('effect', 'social', '入园难问题', 'qualitative', '有效缓解', null, '30', 'achieved'),
      ind('satisfaction', 'recipient_satisfaction', '家长满意度', '>=', '90', '%', '20', '93'),
    ],
  },
  {
    org: ZHUJIAJIAO_CODE,
    name: '农村生活污水治理设施运维',
    kind: 'project',
    amount: '4600000.00',
    goal: '保障农村生活污水处理设施稳定运行，出水水质达标',
    decemberPermille: 763n,
    livelihood: true,
    attention: 'medium',
    chainLevels: 3,
    indicators: [
      ind('output', 'quantity', '运维设施数量', '>=', '210', '个', '30', '210'),
      ind('output', 'quality', '设施正常运行率', '>=', '95', '%', '20', '92'),
      ind('effect', 'ecological', '出水水质达标率', '>=', '90', '%', '30', '86'),
      ind('satisfaction', 'recipient_satisfaction', '村民满意度', '>=', '85', '%', '20', '88'),
    ],
  },
  {
    org: `${ZHUJIAJIAO_CODE}-U01`,
    name: '社区事务受理“一网通办”窗口改造',
    kind: 'project',
    amount: '960000.00',
    goal: '完成受理窗口综合化改造，实现事项“一窗通办”',
    decemberPermille: 991n,
    attention: 'low',
    chainLevels: 1,
    indicators: [
      ind('output', 'quantity', '改造综合窗口数', '>=', '12', '个', '30', '12'),
      ind('output', 'timeliness', '改造完成时间', 'qualitative', '9 月底前完成', null, '20', 'achieved'),
      ind('effect', 'social', '群众办事平均跑动次数', '<=', '1', '次', '30', '1'),
      ind('satisfaction', 'recipient_satisfaction', '办事群众满意度', '>=', '90', '%', '20', '96'),
    ],
  },
];

/** Who acted for an organization in the demo (the unit 第一中学 has no demo user). */
const USER_OF: Record<string, string> = {
  [HEALTH_CODE]: 'health',
  [EDU_CODE]: 'edu',
  [`${EDU_CODE}-U01`]: 'edu-unit',
  [ZHUJIAJIAO_CODE]: 'zhujiajiao',
};

const at = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`);

/**
 * Demo data of the 2022 evaluation round (issue 9): the 2021 policy profile (the 2022 values with
 * the 2021 working calendar), the 2021 projects above with their targets and December trackings, and
 * their evaluations, each scored by the service's own rules. Only what is absent is created.
 */
@Injectable()
@AsDemoSeeder(60)
export class EvaluationsDemoSeeder implements DemoSeeder {
  constructor(private readonly evaluations: EvaluationsService) {}

  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    const year = context.year - 1;
    const profile = await this.ensureProfile(manager, context.year, year);
    if (!profile) return;
    const counters = new Map<string, number>();
    for (const plan of PROJECTS) {
      const organizationId = context.organizationIds.get(plan.org);
      if (!organizationId) continue;
      const n = (counters.get(plan.org) ?? 0) + 1;
      counters.set(plan.org, n);
      const code = `${plan.org}-${year}-${String(n).padStart(3, '0')}`;
      if (await manager.exists(ProjectEntity, { where: { year, code } })) continue;
      const userId = context.userIds.get(USER_OF[plan.org] ?? '') ?? null;
      const project = await this.seedProject(manager, plan, code, year, organizationId);
      const indicators = await this.seedTarget(manager, plan, project, userId, context.userIds.get('finance') ?? null);
      if (plan.decemberPermille !== undefined && isMonitoredKind(plan.kind)) {
        await this.seedTracking(manager, plan, project, indicators, profile, userId, context.userIds.get('finance') ?? null);
      }
      for (const evaluation of plan.evaluations ?? []) {
        await this.seedEvaluation(manager, plan, evaluation, project, indicators, profile, userId);
      }
    }
  }

  /** The evaluated year's profile: a copy of the working year's values with that year's working calendar. */
  private async ensureProfile(manager: EntityManager, workYear: number, year: number): Promise<PolicyProfileValues | null> {
    const existing = await manager.findOne(PolicyProfileEntity, { where: { year } });
    if (existing) return existing.values as PolicyProfileValues;
    const source = await manager.findOne(PolicyProfileEntity, { where: { year: workYear } });
    if (!source) return null;
    const values = profileForYear(source.values as PolicyProfileValues, year);
    await manager.insert(PolicyProfileEntity, { year, values, schemaVersion: PROFILE_SCHEMA_VERSION, updatedById: null });
    return values;
  }

  private async seedProject(
    manager: EntityManager,
    plan: DemoProject,
    code: string,
    year: number,
    organizationId: string,
  ): Promise<ProjectEntity> {
    const overall = plan.kind === 'department_overall';
    const project = await manager.save(
      manager.create(ProjectEntity, {
        year,
        code,
        name: plan.name,
        kind: plan.kind,
        organizationId,
        budgetAmount: plan.amount,
        isNew: false,
        isMajor: false,
        isCapitalConstruction: false,
        isLivelihood: plan.livelihood ?? plan.kind === 'policy',
        publicAttention: plan.attention ?? (plan.kind === 'policy' ? 'high' : 'medium'),
        managementChainLevels: overall ? null : (plan.chainLevels ?? 2),
        lastYearExecutionRate: null,
        inDisclosureScope: plan.kind !== 'project',
        startYear: overall ? null : year,
        endYear: overall ? null : year,
        enteredKeyEvaluationYear: null,
      }),
    );
    await manager.insert(ProjectFundSourceEntity, { projectId: project.id, source: 'general_budget', amount: plan.amount });
    return project;
  }

  /** The approved target, approved on 1 March of the year. */
  private async seedTarget(
    manager: EntityManager,
    plan: DemoProject,
    project: ProjectEntity,
    owner: string | null,
    finance: string | null,
  ): Promise<TargetIndicatorEntity[]> {
    const inserted = await manager.insert(TargetEntity, {
      projectId: project.id,
      organizationId: project.organizationId,
      year: project.year,
      overallGoal: plan.goal,
      annualGoals: [`${project.year} 年${plan.goal}`],
      status: 'approved',
      expertReviewPicked: false,
      submittedAt: at(`${project.year}-02-20`),
      approvedAt: at(`${project.year}-03-01`),
      actors: owner ? { submit: owner } : {},
    });
    const targetId = inserted.identifiers[0].id as string;
    await manager.insert(
      TargetIndicatorEntity,
      plan.indicators.map((i, index) => ({
        targetId,
        sortOrder: index,
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        comparison: i.comparison,
        value: i.value,
        unit: i.unit,
        weight: i.weight,
        libraryIndicatorId: null,
        reviewComment: null,
      })),
    );
    const events: Partial<TargetEventEntity>[] = [
      { action: 'create', fromStatus: null, toStatus: 'draft', actorId: owner, createdAt: at(`${project.year}-02-15`) },
      { action: 'submit', fromStatus: 'draft', toStatus: 'submitted', actorId: owner, createdAt: at(`${project.year}-02-20`) },
      { action: 'pass', fromStatus: 'submitted', toStatus: 'approved', actorId: finance, createdAt: at(`${project.year}-03-01`) },
    ];
    for (const e of events) await manager.insert(TargetEventEntity, { targetId, comment: null, ...e });
    return manager.find(TargetIndicatorEntity, { where: { targetId }, order: { sortOrder: 'ASC' } });
  }

  /** The year-end tracking as of 31 December, reviewed by the bureau; any warning it raises answered "continue". */
  private async seedTracking(
    manager: EntityManager,
    plan: DemoProject,
    project: ProjectEntity,
    indicators: TargetIndicatorEntity[],
    profile: PolicyProfileValues,
    owner: string | null,
    finance: string | null,
  ): Promise<void> {
    const asOf = `${project.year}-12-31`;
    const executedAmount = formatMoney((parseMoney(project.budgetAmount) * plan.decemberPermille!) / 1000n);
    const rate = executionRate(executedAmount, project.budgetAmount);
    const readings = indicators.map((i, index) => {
      const december = plan.indicators[index].december;
      const qualitative = i.comparison === 'qualitative';
      return { indicator: i, valueSoFar: qualitative ? null : december, band: qualitative ? december : null };
    });
    const achievement = achievementDegree(
      readings.map((r) => ({
        key: r.indicator.id,
        comparison: r.indicator.comparison as Comparison,
        yearValue: r.indicator.value,
        valueSoFar: r.valueSoFar,
        band: r.band,
        weight: r.indicator.weight,
      })),
      profile,
    );
    const round = trackingRoundDue(
      { year: project.year, createdOn: `${project.year}-01-10`, targetApprovedOn: `${project.year}-03-01` },
      profile,
    );
    const inserted = await manager.insert(TrackingEntity, {
      projectId: project.id,
      organizationId: project.organizationId,
      year: project.year,
      asOf,
      executedAmount,
      base: rate.base,
      baseAmount: rate.baseAmount,
      executionRate: rate.rate,
      achievementRate: achievement.degree,
      round: round?.round ?? 'first_tracking',
      roundDue: round?.due ?? `${project.year}-08-31`,
      note: '截至年末的执行和目标完成情况',
      createdById: owner,
      reviewStatus: 'reviewed',
      reviewedById: finance,
      reviewedAt: at(`${project.year + 1}-01-12`),
      reviewComment: null,
      createdAt: at(asOf, '16:00:00'),
    });
    const trackingId = inserted.identifiers[0].id as string;
    const lines = new Map(achievement.lines.map((l) => [l.key, l]));
    await manager.insert(
      TrackingIndicatorReadingEntity,
      readings.map((r) => ({
        trackingId,
        targetIndicatorId: r.indicator.id,
        sortOrder: r.indicator.sortOrder,
        indicator: {
          name: r.indicator.name,
          level1: r.indicator.level1,
          comparison: r.indicator.comparison,
          value: r.indicator.value,
          unit: r.indicator.unit,
          weight: r.indicator.weight,
        },
        valueSoFar: r.valueSoFar,
        band: r.band,
        degree: lines.get(r.indicator.id)?.degree ?? null,
        willReach: null,
        deviationReason: null,
        measures: null,
      })),
    );
    const warnings = trackingWarnings({ asOf, executionRate: rate.rate, achievementRate: achievement.degree }, profile);
    const due = responseDeadline(asOf, profile, (y) => (y === project.year ? profile.workingCalendar : defaultWorkingCalendar(y)));
    for (const w of warnings) {
      await manager.insert(TrackingWarningEntity, {
        trackingId,
        organizationId: project.organizationId,
        code: w.code,
        rule: w.rule,
        threshold: w.threshold,
        actual: w.actual,
        checkpointMonth: w.checkpointMonth ?? null,
        message: w.message,
        messageEn: w.messageEn,
        answerDue: due.date,
        yearsWithoutCalendar: due.yearsWithoutCalendar,
        answer: 'continue',
        answerReason: '年末集中结算，差异已说明',
        answerAmount: null,
        answeredOn: asOf,
        answeredLate: false,
        answeredById: owner,
      });
    }
  }

  /** An evaluation in the planned state, scored by the service's rules (a completed one must be complete). */
  private async seedEvaluation(
    manager: EntityManager,
    plan: DemoProject,
    demo: DemoEvaluation,
    project: ProjectEntity,
    indicators: TargetIndicatorEntity[],
    profile: PolicyProfileValues,
    owner: string | null,
  ): Promise<void> {
    const workYear = project.year + 1;
    const submitted = demo.status === 'submitted' || demo.status === 'completed';
    const templateScores: Record<string, string> = {};
    if (demo.kind !== 'self' && demo.templateScoredItems) {
      const items = templateFor(project.kind, profile).dimensions.flatMap((d) => d.items);
      // Full marks but for the second item, which loses a point.
      items.slice(0, demo.templateScoredItems).forEach((item, index) => {
        templateScores[item.code] = String(index === 1 ? Math.max(item.points - 1, 0) : item.points);
      });
    }
    const inserted = await manager.insert(EvaluationEntity, {
      kind: demo.kind,
      projectId: project.id,
      organizationId: project.organizationId,
      year: project.year,
      workYear,
      status: demo.status,
      executedAmount:
        demo.executedPermille === undefined ? null : formatMoney((parseMoney(project.budgetAmount) * demo.executedPermille) / 1000n),
      templateScores,
      summary: demo.summary ?? null,
      actors: owner ? { create: owner, ...(submitted ? { submit: owner } : {}) } : {},
      // What the demo entered counts as saved; an evaluation with nothing entered is as started.
      savedAt: demo.executedPermille !== undefined || demo.templateScoredItems ? at(`${workYear}-03-05`) : null,
      submittedAt: submitted ? at(`${workYear}-03-10`) : null,
      completedAt: demo.status === 'completed' ? at(`${workYear}-03-15`) : null,
      createdAt: at(`${workYear}-02-20`),
    });
    const id = inserted.identifiers[0].id as string;
    if (demo.kind === 'self') {
      await manager.insert(
        EvaluationIndicatorEntity,
        indicators.map((i, index) => {
          // As the API starts one: pre-filled from the December tracking, then what the demo entered.
          const entered = plan.indicators[index].actual ?? plan.indicators[index].december;
          const qualitative = i.comparison === 'qualitative';
          return {
            evaluationId: id,
            targetIndicatorId: i.id,
            sortOrder: i.sortOrder,
            indicator: {
              name: i.name,
              level1: i.level1,
              level2: i.level2 ?? null,
              comparison: i.comparison,
              value: i.value,
              unit: i.unit,
              weight: i.weight === null ? null : String(i.weight),
            },
            actual: qualitative ? null : entered,
            band: qualitative ? entered : null,
            explanation: plan.indicators[index].explanation ?? null,
          };
        }),
      );
    }
    if (demo.findings?.length) {
      await manager.insert(
        EvaluationFindingEntity,
        demo.findings.map((f, sortOrder) => ({ evaluationId: id, organizationId: project.organizationId, sortOrder, ...f })),
      );
    }
    if (demo.status === 'completed') {
      // the evaluation's report, as the organization attached it before submitting
      await attachDemoFile(manager, {
        evaluationId: id,
        organizationId: project.organizationId,
        kind: 'report',
        filename: `${project.name}绩效自评报告.txt`,
        text: `${project.name}（${project.code}）${project.year} 年度绩效自评报告\n\n${demo.summary ?? ''}\n`,
        by: owner,
      });
    }
    const result = await this.evaluations.recompute(manager, id);
    if (submitted && result.issues.length) {
      throw new Error(
        `demo evaluation of ${project.code} is ${demo.status} but incomplete: ${result.issues.map((i) => i.field).join(', ')}`,
      );
    }
  }
}

/** A text file attached to a demo evaluation as the page attaches one: stored for the evaluated organization, read through the evaluation. */
async function attachDemoFile(
  manager: EntityManager,
  a: { evaluationId: string; organizationId: string; kind: EvaluationFileKind; filename: string; text: string; by: string | null },
): Promise<EvaluationFileEntity> {
  const data = Buffer.from(a.text, 'utf8');
  const file = await manager.save(
    manager.create(StoredFileEntity, {
      organizationId: a.organizationId,
      filename: a.filename,
      contentType: 'text/plain',
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
      uploadedById: a.by,
    }),
  );
  return manager.save(
    manager.create(EvaluationFileEntity, {
      evaluationId: a.evaluationId,
      organizationId: a.organizationId,
      agencyOrganizationId: null,
      fileId: file.id,
      kind: a.kind,
      attachedById: a.by,
    }),
  );
}

/**
 * The demo commission (R13, N8): 区教育局 commissions its department evaluation of 校园安全视频监控系统建设
 * to 上海青信会计师事务所 (QP-A01, the `agency` demo user's organization), so the agency signs in to
 * work on it. It goes through the commission use case as the `edu` user — the checklist of the
 * working year's profile, the declaration, the platform reference and the registry's independence
 * checks — inside the bootstrap transaction; after the registry (order 60) and the evaluations.
 */
export const DEMO_COMMISSION = {
  org: EDU_CODE,
  user: 'edu',
  project: '校园安全视频监控系统建设',
  agency: 'QP-A01',
  justification:
    '项目涉及全区 48 所学校视频监控点位的技术验收和运行效果核查，需工程和审计专业力量现场抽测，本部门不具备相应专业能力，委托第三方机构开展部门评价。',
  declarationText:
    '本机构及项目组成员与委托方区教育局、被评价单位及被评价项目不存在隶属、投资、业务往来等利害关系，未参与该项目的立项、设计、实施和监理，承诺独立、客观、公正开展评价。',
  declaredOn: '2022-04-15',
  platformReference: 'SHJX-2022-QP-0042',
} as const;

@Injectable()
@AsDemoSeeder(65)
export class EvaluationCommissionsDemoSeeder implements DemoSeeder {
  constructor(private readonly commissions: EvaluationCommissionsService) {}

  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    const organizationId = context.organizationIds.get(DEMO_COMMISSION.org);
    const agencyId = context.organizationIds.get(DEMO_COMMISSION.agency);
    const userId = context.userIds.get(DEMO_COMMISSION.user);
    const user = DEMO_USERS.find((u) => u.username === DEMO_COMMISSION.user);
    if (!organizationId || !agencyId || !userId || !user) return;
    if (!(await manager.exists(AgencyEntity, { where: { id: agencyId } }))) return;
    const evaluation = await manager
      .getRepository(EvaluationEntity)
      .createQueryBuilder('e')
      .innerJoin('e.project', 'p')
      .where('e.kind = :kind AND e.year = :year AND e.organizationId = :org AND p.name = :name', {
        kind: 'department',
        year: context.year - 1,
        org: organizationId,
        name: DEMO_COMMISSION.project,
      })
      .getOne();
    // Only a department evaluation not yet commissioned (a second run leaves the first commission alone).
    if (!evaluation || evaluation.agencyOrganizationId) return;
    const profile = await manager.findOne(PolicyProfileEntity, { where: { year: evaluation.workYear } });
    const checklist = ((profile?.values as PolicyProfileValues | undefined)?.evaluation.agencies.commissioningChecklist ?? []).map(
      (item) => item.code,
    );
    const roles = user.roles as Role[];
    const caller: Principal = {
      kind: 'user',
      id: userId,
      name: user.username,
      roles,
      permissions: new Set(permissionsOf(roles)),
      organizationId,
      dataScope: dataScopeOf(roles),
      readOnly: isReadOnly(roles),
    };
    // The agency's signed declaration, attached by edu before commissioning (as the page does) and referred to by the commission.
    const attached = await attachDemoFile(manager, {
      evaluationId: evaluation.id,
      organizationId,
      kind: 'declaration',
      filename: '独立性声明.txt',
      text: `独立性声明\n\n${DEMO_COMMISSION.declarationText}\n\n${DEMO_COMMISSION.declaredOn}\n`,
      by: userId,
    });
    // The audit entry names the edu user, as it would for the request.
    await requestContext.run({ requestId: 'demo', ip: null, userAgent: null, principal: caller }, () =>
      this.commissions.commission(
        caller,
        evaluation.id,
        {
          agencyId,
          justification: DEMO_COMMISSION.justification,
          checklist,
          declarationSigned: true,
          declarationFileId: attached.id,
          declarationText: DEMO_COMMISSION.declarationText,
          declaredOn: DEMO_COMMISSION.declaredOn,
          platformReference: DEMO_COMMISSION.platformReference,
          version: evaluation.version,
        },
        manager,
      ),
    );
  }
}
