import { Label } from './labels';

/**
 * Permissions are data: a resource and an action. Roles map to sets of them; the API guards
 * routes with them and the SPA shows or hides menus and buttons with the same constants.
 */
export const Resource = {
  Organization: 'organization',
  User: 'user',
  ApiKey: 'api_key',
  PolicyProfile: 'policy_profile',
  AuditLog: 'audit_log',
  Project: 'project',
  KeyProjectList: 'key_project_list',
  Indicator: 'indicator',
  PreAssessment: 'pre_assessment',
  Target: 'target',
  TargetReview: 'target_review',
  Monitoring: 'monitoring',
  Evaluation: 'evaluation',
  Rectification: 'rectification',
  Disclosure: 'disclosure',
  Supervision: 'supervision',
  Appraisal: 'appraisal',
  WorkPlan: 'work_plan',
} as const;
export type Resource = (typeof Resource)[keyof typeof Resource];

export const Action = {
  Read: 'read',
  Write: 'write',
  Review: 'review',
  Manage: 'manage',
  PreReview: 'pre_review',
} as const;
export type Action = (typeof Action)[keyof typeof Action];

export type Permission = `${Resource}:${Action}`;

function p<R extends Resource, A extends Action>(resource: R, action: A): `${R}:${A}` {
  return `${resource}:${action}`;
}

/** Every permission the product knows, by name, for use in decorators and the SPA. */
export const Permission = {
  OrganizationRead: p('organization', 'read'),
  OrganizationManage: p('organization', 'manage'),
  UserRead: p('user', 'read'),
  UserManage: p('user', 'manage'),
  ApiKeyManage: p('api_key', 'manage'),
  PolicyProfileRead: p('policy_profile', 'read'),
  PolicyProfileManage: p('policy_profile', 'manage'),
  AuditLogRead: p('audit_log', 'read'),
  ProjectRead: p('project', 'read'),
  ProjectWrite: p('project', 'write'),
  KeyProjectListRead: p('key_project_list', 'read'),
  KeyProjectListWrite: p('key_project_list', 'write'),
  KeyProjectListReview: p('key_project_list', 'review'),
  IndicatorRead: p('indicator', 'read'),
  IndicatorWrite: p('indicator', 'write'),
  IndicatorManage: p('indicator', 'manage'),
  PreAssessmentRead: p('pre_assessment', 'read'),
  PreAssessmentWrite: p('pre_assessment', 'write'),
  PreAssessmentReview: p('pre_assessment', 'review'),
  TargetRead: p('target', 'read'),
  TargetWrite: p('target', 'write'),
  /** 谁批预算谁批目标: a department (or town) pre-reviews its units' targets before the bureau. */
  TargetPreReview: p('target', 'pre_review'),
  TargetReview: p('target_review', 'review'),
  TargetReviewRead: p('target_review', 'read'),
  TargetReviewWrite: p('target_review', 'write'),
  MonitoringRead: p('monitoring', 'read'),
  MonitoringWrite: p('monitoring', 'write'),
  MonitoringReview: p('monitoring', 'review'),
  EvaluationRead: p('evaluation', 'read'),
  EvaluationWrite: p('evaluation', 'write'),
  EvaluationReview: p('evaluation', 'review'),
  RectificationRead: p('rectification', 'read'),
  RectificationWrite: p('rectification', 'write'),
  RectificationReview: p('rectification', 'review'),
  DisclosureRead: p('disclosure', 'read'),
  DisclosureManage: p('disclosure', 'manage'),
  SupervisionRead: p('supervision', 'read'),
  SupervisionWrite: p('supervision', 'write'),
  SupervisionManage: p('supervision', 'manage'),
  AppraisalRead: p('appraisal', 'read'),
  AppraisalManage: p('appraisal', 'manage'),
  WorkPlanRead: p('work_plan', 'read'),
  WorkPlanManage: p('work_plan', 'manage'),
} as const satisfies Record<string, Permission>;

/** Every permission constant, with its literal type kept (e.g. `'user:manage'`). */
export type KnownPermission = (typeof Permission)[keyof typeof Permission];
export const ALL_PERMISSIONS: KnownPermission[] = Object.values(Permission);

export const RESOURCE_LABELS: Record<Resource, Label> = {
  organization: { zh: '组织机构', en: 'Organizations' },
  user: { zh: '用户', en: 'Users' },
  api_key: { zh: '接口密钥', en: 'API keys' },
  policy_profile: { zh: '政策参数', en: 'Policy profile' },
  audit_log: { zh: '审计日志', en: 'Audit log' },
  project: { zh: '项目库', en: 'Projects' },
  key_project_list: { zh: '重点项目清单', en: 'Key project lists' },
  indicator: { zh: '指标库', en: 'Indicator library' },
  pre_assessment: { zh: '事前绩效评估', en: 'Pre-assessment' },
  target: { zh: '绩效目标', en: 'Performance targets' },
  target_review: { zh: '目标审核评审', en: 'Target review' },
  monitoring: { zh: '双监控', en: 'Dual monitoring' },
  evaluation: { zh: '绩效评价', en: 'Evaluation' },
  rectification: { zh: '整改与结果应用', en: 'Rectification' },
  disclosure: { zh: '信息公开', en: 'Disclosure' },
  supervision: { zh: '监督核查', en: 'Supervision' },
  appraisal: { zh: '部门考核', en: 'Appraisal' },
  work_plan: { zh: '工作计划', en: 'Work plan' },
};

export const ACTION_LABELS: Record<Action, Label> = {
  read: { zh: '查看', en: 'Read' },
  write: { zh: '编辑', en: 'Write' },
  review: { zh: '审核', en: 'Review' },
  manage: { zh: '管理', en: 'Manage' },
  pre_review: { zh: '预审', en: 'Pre-review' },
};

/**
 * Permissions that act on the whole district and so need district-wide scope: an API key limited
 * to one organization may not hold them, and services refuse callers without that scope.
 */
export const DISTRICT_ONLY_PERMISSIONS: Permission[] = [
  Permission.AuditLogRead,
  Permission.PolicyProfileManage,
  Permission.ApiKeyManage,
  Permission.OrganizationManage,
];
