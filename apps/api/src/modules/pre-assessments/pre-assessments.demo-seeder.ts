import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { PreAssessmentConclusionCode, PreAssessmentStatus } from '@jixiao/contracts';
import { AsDemoSeeder, DemoContext, DemoSeeder } from '../demo/demo-seeder';
import { EDU_CODE, HEALTH_CODE, ZHUJIAJIAO_CODE } from '../demo/demo-organizations';
import { StoredFileEntity } from '../files/entities/stored-file.entity';
import { ProjectEntity } from '../projects/entities/project.entity';
import { PreAssessmentEntity } from './entities/pre-assessment.entity';
import { demoPdf } from './demo-report';

interface DemoPreAssessment {
  project: string;
  status: PreAssessmentStatus;
  scores: [number, number, number, number, number] | null;
  conclusion: PreAssessmentConclusionCode | null;
  report: boolean;
  agency?: boolean;
  reviewComment?: string;
  /** 调整后支持: what is to be adjusted. */
  adjustment?: string;
}

const DIMENSIONS = ['necessity', 'economy', 'target_reasonableness', 'feasibility', 'funding_compliance'];
const OPINIONS: Record<string, string> = {
  necessity: '项目符合区域发展规划和部门职能，立项依据充分。',
  economy: '投入测算基本合理，部分单价高于同类项目，建议压减。',
  target_reasonableness: '绩效目标与预算匹配，指标可衡量。',
  feasibility: '实施方案明确，进度安排可行。',
  funding_compliance: '资金来源合规，债券资金使用符合规定。',
};

/**
 * New major / capital-construction demo projects of 卫健委, 教育局 and 朱家角镇, at every stage of the
 * review. Conclusions agree with the 2022 bands (80 支持, 60 调整后支持), and 调整后支持 says what to adjust.
 */
const DEMO: DemoPreAssessment[] = [
  { project: '区中心医院改扩建工程', status: 'accepted', scores: [19, 17, 18, 18.5, 19], conclusion: 'support', report: true, reviewComment: '同意，评估结论作为预算安排依据' },
  {
    project: '社区卫生服务中心标准化建设',
    status: 'submitted',
    scores: [17, 13, 15, 15, 16],
    conclusion: 'support_after_adjustment',
    report: true,
    adjustment: '按标准化建设指标核减非必需设备，压减设备购置预算约 10%',
  },
  { project: '区中心医院医疗设备购置', status: 'draft', scores: null, conclusion: null, report: false },
  { project: '青浦新城九年一贯制学校新建工程', status: 'draft', scores: [18, 16, 17, 0, 0], conclusion: null, report: true, agency: true },
  {
    project: '校园安全技防系统升级',
    status: 'returned',
    scores: [17, 12, 15, 16, 18],
    conclusion: 'support_after_adjustment',
    report: true,
    reviewComment: '投入经济性分析不足，请补充同类项目设备单价对比后重新提交',
    adjustment: '监控点位按重点区域优先配置，分两年实施',
  },
  { project: '朱家角古镇保护修缮工程', status: 'submitted', scores: [19, 16, 17, 17, 18], conclusion: 'support', report: true },
  { project: '美丽乡村示范村建设', status: 'draft', scores: [16, 15, 0, 0, 0], conclusion: null, report: false },
];

const AGENCY_CODE = 'QP-A01';

@Injectable()
@AsDemoSeeder(30)
export class PreAssessmentsDemoSeeder implements DemoSeeder {
  async seed(manager: EntityManager, context: DemoContext): Promise<void> {
    if (await manager.exists(PreAssessmentEntity, {})) return;
    const roots = [HEALTH_CODE, EDU_CODE, ZHUJIAJIAO_CODE];
    const orgIds = [...context.organizationIds.entries()].filter(([code]) => roots.some((r) => code === r || code.startsWith(`${r}-`))).map(([, id]) => id);
    if (!orgIds.length) return;
    const projects = await manager.find(ProjectEntity, {
      where: { year: context.year, organizationId: In(orgIds), name: In(DEMO.map((d) => d.project)) },
    });
    const agencyId = context.organizationIds.get(AGENCY_CODE) ?? null;
    const finance = context.userIds.get('finance') ?? null;
    for (const demo of DEMO) {
      const project = projects.find((p) => p.name === demo.project);
      if (!project) continue;
      let reportFileId: string | null = null;
      if (demo.report) {
        const data = demoPdf([
          'Pre-assessment report (demo)',
          `Project ${project.code}, budget year ${project.year}`,
          `Budget ${project.budgetAmount} yuan`,
        ]);
        const file = await manager.save(
          manager.create(StoredFileEntity, {
            organizationId: project.organizationId,
            filename: `${project.name}事前绩效评估报告.pdf`,
            contentType: 'application/pdf',
            size: data.length,
            sha256: createHash('sha256').update(data).digest('hex'),
            data,
            uploadedById: null,
          }),
        );
        reportFileId = file.id;
      }
      const scores = demo.scores ? Object.fromEntries(DIMENSIONS.map((code, i) => [code, demo.scores![i]]).filter(([, v]) => v !== 0)) : {};
      const total = Object.values(scores).reduce((sum: number, v) => sum + Number(v) * 100, 0) / 100;
      const reviewed = demo.status === 'accepted' || demo.status === 'returned';
      await manager.save(
        manager.create(PreAssessmentEntity, {
          projectId: project.id,
          organizationId: project.organizationId,
          performedBy: demo.agency && agencyId ? 'agency' : 'department',
          agencyOrganizationId: demo.agency ? agencyId : null,
          scores,
          opinions: Object.fromEntries(Object.keys(scores).map((code) => [code, OPINIONS[code]])),
          totalScore: Object.keys(scores).length ? total.toFixed(2) : null,
          conclusion: demo.conclusion,
          adjustmentRequired: demo.adjustment ?? null,
          reportFileId,
          status: demo.status,
          reviewComment: demo.reviewComment ?? null,
          reviewedById: reviewed ? finance : null,
          reviewedAt: reviewed ? new Date(Date.UTC(context.year - 1, 9, 20)) : null,
        }),
      );
    }
  }
}
