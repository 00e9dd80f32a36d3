import type { Component } from 'vue';
import {
  Aim,
  Bell,
  Briefcase,
  Checked,
  Collection,
  DocumentChecked,
  Edit,
  EditPen,
  Files,
  Finished,
  List,
  Medal,
  Memo,
  Money,
  Odometer,
  RefreshLeft,
  Stamp,
  TrendCharts,
  UserFilled,
  Warning,
} from '@element-plus/icons-vue';
import type { Label } from '@jixiao/contracts';

/**
 * THE registration table of workbench item kinds (the keys `GET /api/v1/workbench` answers with):
 * the label in both languages, the icon, and — when the SPA opens another page than the API's
 * link names — the route. A later module (monitoring, evaluation …) adds its keys here, or calls
 * `registerWorkbenchKinds` from its own file; the workbench page never changes. A key missing here
 * still shows, with the API's own label and a default icon.
 */
export interface WorkbenchKind {
  label: Label;
  icon: Component;
  /** SPA route name to open instead of the link's (its query is kept). */
  route?: string;
}

const KINDS: Record<string, WorkbenchKind> = {
  // What waits for the caller
  'targets.pre_review': { label: { zh: '待本部门预审的单位绩效目标', en: 'Units’ targets to pre-review' }, icon: Stamp },
  'targets.to_review': { label: { zh: '待财政审核的绩效目标', en: 'Targets to review' }, icon: DocumentChecked },
  'targets.expert_review': { label: { zh: '专家评审中的绩效目标', en: 'Targets in expert review' }, icon: UserFilled },
  'targets.consultation_to_confirm': { label: { zh: '待确认的协商修改', en: 'Consultation revisions to confirm' }, icon: Finished },
  'targets.returned': { label: { zh: '被退回待修改的绩效目标', en: 'Returned targets to fix' }, icon: RefreshLeft },
  'targets.in_consultation': { label: { zh: '待协商修改的绩效目标', en: 'Targets to revise in consultation' }, icon: EditPen },
  'targets.change_requests': { label: { zh: '待处理的目标调整申请', en: 'Change requests to decide' }, icon: Edit },
  'target_reviews.assigned': { label: { zh: '指派给我的目标评审', en: 'Reviews assigned to me' }, icon: Memo },
  'key_project_lists.to_file': { label: { zh: '待备案的重点项目清单', en: 'Key project lists to file' }, icon: Files },
  'key_project_lists.to_submit': { label: { zh: '本部门重点项目清单待报送', en: 'Our key project list to submit' }, icon: List },
  'pre_assessments.to_conclude': { label: { zh: '待审核的事前绩效评估', en: 'Pre-assessments to conclude' }, icon: Checked },
  'pre_assessments.returned': { label: { zh: '被退回待修改的事前绩效评估', en: 'Returned pre-assessments to fix' }, icon: RefreshLeft },
  'indicators.proposals': { label: { zh: '待处理的新增指标建议', en: 'Indicator proposals to decide' }, icon: Collection },
  'trackings.warnings_to_answer': { label: { zh: '有预警待答复的绩效跟踪', en: 'Trackings with warnings to answer' }, icon: Warning },
  'trackings.to_review': { label: { zh: '待财政审核的绩效跟踪', en: 'Trackings to review' }, icon: Odometer },
  'evaluations.self_to_submit': {
    label: { zh: '未提交的单位自评（上一年度）', en: 'Self-evaluations to submit (last year)' },
    icon: EditPen,
  },
  'evaluations.to_confirm': { label: { zh: '待本部门确认的单位自评', en: 'Units’ self-evaluations to confirm' }, icon: Stamp },
  'evaluations.commissions_to_complete': {
    label: { zh: '受托待完成的评价（上一年度）', en: 'Commissioned evaluations to complete (last year)' },
    icon: Briefcase,
  },
  'evaluations.commissions_to_grade': {
    label: { zh: '待评定受托机构工作质量', en: 'Completed commissions awaiting a quality grade' },
    icon: Medal,
  },
  // Coverage of the caller's scope
  'key_project_lists.filed': { label: { zh: '重点项目清单已备案', en: 'Key project lists filed' }, icon: Files },
  'targets.approved': { label: { zh: '绩效目标已批复', en: 'Targets approved' }, icon: Aim },
  'budget_gate.ready': { label: { zh: '可安排预算的项目', en: 'Projects ready for a budget' }, icon: Money },
  'trackings.coverage': { label: { zh: '已跟踪的项目和政策', en: 'Projects and policies tracked' }, icon: Odometer },
  'evaluations.self_coverage': { label: { zh: '已完成自评（上一年度）', en: 'Self-evaluated (last year)' }, icon: Finished },
};

export const DEFAULT_WORKBENCH_ICON: Component = Bell;
export const COVERAGE_ICON: Component = TrendCharts;

/** Adds (or replaces) item kinds: for modules that keep their kinds next to their own pages. */
export function registerWorkbenchKinds(kinds: Record<string, WorkbenchKind>): void {
  Object.assign(KINDS, kinds);
}

export function workbenchKind(key: string): WorkbenchKind | undefined {
  return KINDS[key];
}

export function registeredWorkbenchKeys(): string[] {
  return Object.keys(KINDS);
}
