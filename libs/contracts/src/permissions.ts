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
  Agency: 'agency',
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
  /** R11: a department or town confirms its units' self-evaluations before they count. */
  EvaluationPreReview: p('evaluation', 'pre_review'),
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
  /** The registry of third-party agencies (R13, N8): departments read it to choose; an agency reads its own entry. */
  AgencyRead: p('agency', 'read'),
  /** Keeping the registry: registering agencies, their state, violations and declared ties — the bureau's. */
  AgencyManage: p('agency', 'manage'),
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
  agency: { zh: '第三方机构', en: 'Third-party agencies' },
};

export const ACTION_LABELS: Record<Action, Label> = {
  read: { zh: '查看', en: 'Read' },
  write: { zh: '编辑', en: 'Write' },
  review: { zh: '审核', en: 'Review' },
  manage: { zh: '管理', en: 'Manage' },
  pre_review: { zh: '预审', en: 'Pre-review' },
};

/**
 * How far a permission reaches. This is data, next to the role table: adding a permission means
 * saying here which kind it is (the Record makes a missing entry a type error).
 * - district: an act of the finance bureau over the whole district — reviewing, filing, approving,
 *   managing accounts, keys, the policy profile and the libraries, reading the audit log. Only a
 *   caller with district-wide data scope (`all`) may hold or exercise it; an API key limited to one
 *   organization can never be granted one, and one stored on such a key is dropped on every request.
 * - scoped: acts within whatever data scope the caller has (the district, a subtree, one unit, or
 *   the rows assigned to it). A department's own work, including a review step of its own units'
 *   records, is `scoped`.
 */
export type PermissionReach = 'district' | 'scoped';

export const PERMISSION_REACH: Record<KnownPermission, PermissionReach> = {
  'organization:read': 'scoped',
  'organization:manage': 'district',
  'user:read': 'scoped',
  'user:manage': 'district',
  'api_key:manage': 'district',
  'policy_profile:read': 'scoped',
  'policy_profile:manage': 'district',
  'audit_log:read': 'district',
  'project:read': 'scoped',
  'project:write': 'scoped',
  'key_project_list:read': 'scoped',
  'key_project_list:write': 'scoped',
  'key_project_list:review': 'district',
  'indicator:read': 'scoped',
  'indicator:write': 'scoped',
  'indicator:manage': 'district',
  'pre_assessment:read': 'scoped',
  'pre_assessment:write': 'scoped',
  'pre_assessment:review': 'district',
  'target:read': 'scoped',
  'target:write': 'scoped',
  // A department's pre-review of its units' targets (谁批预算谁批目标) acts within its subtree.
  'target:pre_review': 'scoped',
  'target_review:review': 'district',
  // An expert's own assigned reviews (scope `assigned`); submitting is the assigned expert's alone.
  'target_review:read': 'scoped',
  'target_review:write': 'scoped',
  'monitoring:read': 'scoped',
  'monitoring:write': 'scoped',
  'monitoring:review': 'district',
  'evaluation:read': 'scoped',
  'evaluation:write': 'scoped',
  'evaluation:review': 'district',
  'evaluation:pre_review': 'scoped',
  'rectification:read': 'scoped',
  'rectification:write': 'scoped',
  'rectification:review': 'district',
  'disclosure:read': 'scoped',
  'disclosure:manage': 'district',
  'supervision:read': 'scoped',
  'supervision:write': 'scoped',
  'supervision:manage': 'district',
  'appraisal:read': 'scoped',
  'appraisal:manage': 'district',
  'work_plan:read': 'scoped',
  'work_plan:manage': 'district',
  // Reading the agency registry acts within the caller's scope (an agency: its own entry); keeping it is the bureau's.
  'agency:read': 'scoped',
  'agency:manage': 'district',
};

/**
 * Permissions that act on the whole district and so need district-wide scope (derived from
 * PERMISSION_REACH): an API key limited to one organization may not hold them, no caller without
 * district-wide scope exercises them, and services refuse callers without that scope.
 */
export const DISTRICT_ONLY_PERMISSIONS: Permission[] = ALL_PERMISSIONS.filter((perm) => PERMISSION_REACH[perm] === 'district');

export function isDistrictOnly(permission: string): boolean {
  return PERMISSION_REACH[permission as KnownPermission] === 'district';
}
