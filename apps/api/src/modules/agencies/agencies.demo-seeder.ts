import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { addDays, creditCodeCheckCharacter, dateInYear, shanghaiDate, type Grade } from '@jixiao/domain';
import type { AgencyState, AgencyTieKind } from '@jixiao/contracts';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { DEMO_ORGANIZATIONS, HEALTH_CODE } from '../demo/demo-organizations';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { ProjectEntity } from '../projects/entities/project.entity';
import { AgencyCommissionGradeEntity } from './entities/agency-commission-grade.entity';
import { AgencyEntity, type AgencyContact, type AgencyQualification } from './entities/agency.entity';
import { AgencyTieEntity } from './entities/agency-tie.entity';
import { AgencyViolationEntity } from './entities/agency-violation.entity';

const codeOf = (name: string) => DEMO_ORGANIZATIONS.find((o) => o.name === name)!.code;

interface DemoAgency {
  code: string;
  /** Only for agencies the platform's demo organizations do not have yet. */
  name?: string;
  /** First 17 characters of the credit code; the check character is computed. */
  credit: string;
  /** Qualifications: valid through this many years from today (negative: expired), or null (no end). */
  qualifications: [name: string, number: string, years: number | null][];
  contacts: AgencyContact[];
  state?: { state: AgencyState; reason: string; daysAgo: number };
  violations?: { daysAgo?: number; year?: number; description: string; authority: string }[];
  ties?: { kind: AgencyTieKind; org: string; project?: string; description: string; year: number }[];
  grades?: { year: number; reference: string; grade: Grade; comment: string }[];
}

/** Fictional Shanghai performance-evaluation firms; QP-A01…A03 are the platform's demo agencies. */
const AGENCIES: DemoAgency[] = [
  {
    code: 'QP-A01',
    credit: '91310118MA1JL0A1X',
    qualifications: [
      ['会计师事务所执业证书', '31000118', null],
      ['预算绩效评价业务备案（上海市财政局）', 'SHJX-2020-0117', 3],
    ],
    contacts: [
      { name: '陈立群', phone: '021-59721180', email: 'chenlq@qingxin-cpa.example' },
      { name: '周敏', phone: '13816602231', email: null },
    ],
    grades: [
      { year: 2020, reference: 'QPCZ-PJ-2020-003', grade: 'good', comment: '报告结构完整，个别指标取数口径需统一' },
      { year: 2021, reference: 'QPCZ-PJ-2021-007', grade: 'excellent', comment: '现场核查充分，问题分析深入，建议可操作' },
    ],
  },
  {
    code: 'QP-A02',
    credit: '91310118MA1JL0B2Y',
    qualifications: [
      ['工程咨询单位甲级资信证书', '甲242021010113', 2],
      ['ISO 9001 质量管理体系认证', '01521Q30418R1M', -1],
    ],
    contacts: [{ name: '顾晓峰', phone: '021-69213305', email: 'guxf@hudong-pm.example' }],
    violations: [{ year: 4, description: '评价底稿缺少现场核查记录，被责令补正', authority: '上海市财政局绩效管理处' }],
    // A tie with a unit of 区卫生健康委员会: other departments do not see it; the health commission and the bureau do.
    ties: [
      {
        kind: 'staff',
        org: `${HEALTH_CODE}-U01`,
        description: '项目经理曾任青浦区中心医院财务科副科长（2019 年离任）',
        year: 1,
      },
    ],
    grades: [{ year: 2021, reference: 'QPCZ-PJ-2021-012', grade: 'fair', comment: '满意度调查样本量不足，结论支撑偏弱' }],
  },
  {
    code: 'QP-A03',
    credit: '12310000425012345',
    qualifications: [['事业单位法人证书', '事证第131000000123号', 4]],
    contacts: [{ name: '林嘉禾', phone: '021-65900123', email: 'perf-center@hdcj-edu.example' }],
  },
  {
    code: 'QP-A04',
    name: '上海申衡工程咨询有限公司（演示）',
    credit: '91310118MA1JL0C3U',
    qualifications: [
      ['工程咨询单位甲级资信证书', '甲242019010588', 1],
      ['工程造价咨询企业甲级资质', '甲310118002', 2],
    ],
    contacts: [{ name: '沈一帆', phone: '021-59886620', email: 'shenyf@shenheng-ec.example' }],
    // Earlier work on a project of 区水务局: it may not evaluate that project (N8).
    ties: [
      {
        kind: 'prior_work',
        org: codeOf('区水务局'),
        project: '防汛排涝泵站更新改造',
        description: '承担该项目可行性研究报告和初步设计编制',
        year: 1,
      },
    ],
  },
  {
    code: 'QP-A05',
    name: '上海淀湖财务咨询有限公司（演示）',
    credit: '91310118MA1JL0D4P',
    qualifications: [['代理记账许可证', 'DLJZ31011820190045', 1]],
    contacts: [{ name: '徐文静', phone: '13917725568', email: 'xuwj@dianhu-fc.example' }],
    violations: [
      {
        daysAgo: 240,
        description: '绩效评价报告引用数据未经核实、部分结论与底稿不符',
        authority: '青浦区财政局',
      },
    ],
    state: { state: 'suspended', reason: '评价报告质量问题，暂停委托，待整改验收后恢复', daysAgo: 200 },
  },
];

/**
 * Demo registry (order 60, after the projects it names by code): profiles of the platform's three
 * demo agencies plus two more firms — one suspended with a recent violation, one with earlier work on a
 * 区水务局 project, one with a staff tie to a unit of 区卫生健康委员会 — and past commission grades.
 * Dates that must stay current (validity, the suspension) are counted from the day the demo loads.
 */
@Injectable()
@AsDemoSeeder(60)
export class AgenciesDemoSeeder implements DemoSeeder {
  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    if (await manager.exists(AgencyEntity, {})) return;
    const today = shanghaiDate();
    const yearsFromToday = (years: number) => dateInYear(Number(today.slice(0, 4)) + years, today.slice(5));
    const finance = context.userIds.get('finance') ?? null;
    const projectNames = AGENCIES.flatMap((a) => a.ties ?? []).flatMap((t) => (t.project ? [t.project] : []));
    const projects = projectNames.length
      ? await manager.find(ProjectEntity, { where: { name: In(projectNames), year: context.year } })
      : [];

    for (const demo of AGENCIES) {
      let id = context.organizationIds.get(demo.code);
      if (!id && demo.name) {
        const org = await manager.save(
          manager.create(OrganizationEntity, { code: demo.code, name: demo.name, kind: 'agency', sector: null, parentId: null }),
        );
        id = org.id;
        context.organizationIds.set(demo.code, id);
      }
      if (!id) continue;
      const qualifications: AgencyQualification[] = demo.qualifications.map(([name, number, years]) => ({
        name,
        number,
        validUntil: years === null ? null : yearsFromToday(years),
      }));
      await manager.insert(AgencyEntity, {
        id,
        creditCode: demo.credit + creditCodeCheckCharacter(demo.credit),
        qualifications,
        contacts: demo.contacts,
        state: demo.state?.state ?? 'active',
        stateReason: demo.state?.reason ?? null,
        stateChangedOn: demo.state ? addDays(today, -demo.state.daysAgo) : null,
        stateChangedById: demo.state ? finance : null,
        // Demo sanctions carry no actor, so the demo bureau user may lift them.
        actors: {},
      });
      for (const v of demo.violations ?? []) {
        const date = v.daysAgo !== undefined ? addDays(today, -v.daysAgo) : yearsFromToday(-(v.year ?? 0));
        await manager.insert(AgencyViolationEntity, {
          agencyId: id,
          occurredOn: date,
          description: v.description,
          authority: v.authority,
          recordedById: finance,
        });
      }
      for (const tie of demo.ties ?? []) {
        const tied = context.organizationIds.get(tie.org);
        if (!tied) continue;
        await manager.insert(AgencyTieEntity, {
          agencyId: id,
          kind: tie.kind,
          tiedOrganizationId: tied,
          projectCode: tie.project ? (projects.find((p) => p.name === tie.project && p.organizationId === tied)?.code ?? null) : null,
          description: tie.description,
          declaredOn: yearsFromToday(-tie.year),
          recordedById: finance,
        });
      }
      for (const g of demo.grades ?? []) {
        await manager.insert(AgencyCommissionGradeEntity, {
          agencyId: id,
          year: g.year,
          evaluationReference: g.reference,
          grade: g.grade,
          comment: g.comment,
          gradedById: finance,
        });
      }
    }
  }
}
