/**
 * The audit log in words: every action the API writes, every entity type and actor kind, in
 * Chinese and English. The API accepts only the actions listed here (`AuditAction`), so an entry
 * can never reach the audit page as a bare code; a test checks every action string in the API's
 * sources against this table.
 */
import type { Label } from './labels';

export const AUDIT_ACTION_LABELS = {
  // sign-in and account
  'auth.login': { zh: '登录', en: 'Sign in' },
  'auth.login_password': { zh: '密码核验通过（待二次验证）', en: 'Password accepted (second factor pending)' },
  'auth.logout': { zh: '退出登录', en: 'Sign out' },
  'auth.refresh_reuse': { zh: '刷新令牌被重复使用', en: 'Refresh token reused' },
  'auth.change_password': { zh: '修改密码', en: 'Change password' },
  'auth.mfa_enrol_start': { zh: '开始绑定两步验证', en: 'Start two-factor enrolment' },
  'auth.mfa_enable': { zh: '启用两步验证', en: 'Enable two-factor authentication' },
  'auth.mfa_disable': { zh: '停用两步验证', en: 'Disable two-factor authentication' },
  'auth.mfa_recovery_codes': { zh: '重新生成恢复码', en: 'Regenerate recovery codes' },
  'rate_limit.refusals': { zh: '拒绝次数超限，已限流', en: 'Too many refusals: rate limited' },
  // platform
  'user.create': { zh: '新建用户', en: 'Create user' },
  'user.update': { zh: '修改用户', en: 'Update user' },
  'user.reset_password': { zh: '重置密码', en: 'Reset password' },
  'user.reset_mfa': { zh: '重置两步验证', en: 'Reset two-factor authentication' },
  'user.unlock': { zh: '解除锁定', en: 'Unlock user' },
  'user.bootstrap_admin': { zh: '初始化管理员账号', en: 'Create the first administrator' },
  'organization.create': { zh: '新建组织机构', en: 'Create organization' },
  'organization.update': { zh: '修改组织机构', en: 'Update organization' },
  'api_key.create': { zh: '新建 API 密钥', en: 'Create API key' },
  'api_key.revoke': { zh: '吊销 API 密钥', en: 'Revoke API key' },
  'policy_profile.bootstrap': { zh: '载入初始政策参数', en: 'Load the initial policy profile' },
  'policy_profile.upgrade': { zh: '升级政策参数', en: 'Upgrade policy profile' },
  'policy_profile.update': { zh: '修改政策参数', en: 'Update policy profile' },
  'policy_profile.copy': { zh: '复制政策参数到新年度', en: 'Copy policy profile to a new year' },
  'setting.working_year': { zh: '设置工作年度', en: 'Set the working year' },
  'demo.load': { zh: '载入演示数据', en: 'Load demo data' },
  'file.upload': { zh: '上传文件', en: 'Upload file' },
  // project library
  'project.create': { zh: '新建项目', en: 'Create project' },
  'project.update': { zh: '修改项目', en: 'Update project' },
  'project.delete': { zh: '删除项目', en: 'Delete project' },
  'project.import': { zh: '导入项目', en: 'Import projects' },
  'project.key_basis': { zh: '设置重点项目依据', en: 'Set key-project basis' },
  'project.pre_assessment_opened': { zh: '开展事前绩效评估', en: 'Pre-assessment opened' },
  // key project lists
  'key_project_list.open': { zh: '建立重点项目清单', en: 'Open key project list' },
  'key_project_list.submit': { zh: '报送重点项目清单', en: 'Submit key project list' },
  'key_project_list.file': { zh: '备案重点项目清单', en: 'File key project list' },
  'key_project_list.return': { zh: '退回重点项目清单', en: 'Return key project list' },
  'key_project_list.amend': { zh: '修订重点项目清单', en: 'Amend key project list' },
  // indicator library
  'indicator.create': { zh: '新增指标', en: 'Create indicator' },
  'indicator.update': { zh: '修改指标', en: 'Update indicator' },
  'indicator.delete': { zh: '删除指标', en: 'Delete indicator' },
  'indicator.propose': { zh: '建议新增指标', en: 'Propose indicator' },
  'indicator.accept': { zh: '采纳建议指标', en: 'Accept proposed indicator' },
  'indicator.reject': { zh: '不予采纳建议指标', en: 'Reject proposed indicator' },
  'indicator_category.create': { zh: '新增指标分类', en: 'Create indicator category' },
  'indicator_category.update': { zh: '修改指标分类', en: 'Update indicator category' },
  'indicator_category.delete': { zh: '删除指标分类', en: 'Delete indicator category' },
  // pre-assessments
  'pre_assessment.create': { zh: '新建事前绩效评估', en: 'Create pre-assessment' },
  'pre_assessment.update': { zh: '修改事前绩效评估', en: 'Update pre-assessment' },
  'pre_assessment.attach_report': { zh: '上传评估报告', en: 'Attach assessment report' },
  'pre_assessment.submit': { zh: '提交事前绩效评估', en: 'Submit pre-assessment' },
  'pre_assessment.accept': { zh: '审核通过事前绩效评估', en: 'Accept pre-assessment' },
  'pre_assessment.return': { zh: '退回事前绩效评估', en: 'Return pre-assessment' },
  'pre_assessment.adjustment_complete': { zh: '确认已按要求调整', en: 'Record the adjustment as done' },
  // targets
  'target.create': { zh: '新建绩效目标', en: 'Create target' },
  'target.update': { zh: '修改绩效目标', en: 'Update target' },
  'target.submit': { zh: '提交绩效目标', en: 'Submit target' },
  'target.submit_to_department': { zh: '提交主管部门预审', en: 'Submit target to the department' },
  'target.department_pass': { zh: '预审通过，报送财政局', en: 'Pass pre-review to the bureau' },
  'target.department_return': { zh: '预审退回', en: 'Return from pre-review' },
  'target.pass': { zh: '审核通过绩效目标', en: 'Pass target' },
  'target.pass_to_expert_review': { zh: '审核通过，转专家评审', en: 'Pass target to expert review' },
  'target.return': { zh: '退回绩效目标', en: 'Return target' },
  'target.pick_for_expert_review': { zh: '选取专家评审', en: 'Pick for expert review' },
  'target.assign_experts': { zh: '指派评审专家', en: 'Assign experts' },
  'target.expert_score': { zh: '专家评分', en: 'Expert scoring' },
  'target.conclude_approve': { zh: '评审结论：批复', en: 'Conclude review: approve' },
  'target.conclude_consult': { zh: '评审结论：协商完善', en: 'Conclude review: consultation' },
  'target.conclude_return': { zh: '评审结论：退回修改', en: 'Conclude review: return' },
  'target.conclude_reject': { zh: '评审结论：不予通过', en: 'Conclude review: reject' },
  'target.consultation_submit': { zh: '提交协商修改', en: 'Submit consultation revision' },
  'target.consultation_confirm': { zh: '确认协商结果', en: 'Confirm consultation' },
  'target.consultation_return': { zh: '协商意见退回', en: 'Send consultation revision back' },
  'target.request_change': { zh: '申请调整绩效目标', en: 'Request target change' },
  'target.change_request.create': { zh: '申请调整绩效目标', en: 'Request target change' },
  'target.change_request.approve': { zh: '同意调整申请', en: 'Approve change request' },
  'target.change_request.reject': { zh: '驳回调整申请', en: 'Reject change request' },
  // expert reviews
  'expert.create': { zh: '加入专家库', en: 'Add expert to the pool' },
  'expert.update': { zh: '修改专家信息', en: 'Update expert' },
  'expert_review.submit': { zh: '提交评审意见', en: 'Submit expert review' },
  // bulk actions: a refused row is recorded under the bulk action (a done row under the single action)
  'target.bulk.pass': { zh: '批量通过绩效目标', en: 'Pass targets in bulk' },
  'target.bulk.return': { zh: '批量退回绩效目标', en: 'Return targets in bulk' },
  'target.bulk.department_pass': { zh: '批量预审通过', en: 'Pre-review pass in bulk' },
  'target.bulk.department_return': { zh: '批量预审退回', en: 'Pre-review return in bulk' },
  'target.bulk.assign_experts': { zh: '批量指派评审专家', en: 'Assign experts in bulk' },
  // dual monitoring
  'tracking.create': { zh: '填报绩效跟踪', en: 'Record a tracking' },
  'tracking.import': { zh: '导入执行数据', en: 'Import executed amounts' },
  'tracking.answer': { zh: '答复监控预警', en: 'Answer a monitoring warning' },
  'tracking.review': { zh: '审核绩效跟踪', en: 'Review a tracking' },
  // evaluation records (the old system's history and finished key evaluations, R4)
  'evaluation_record.import': { zh: '导入历史评价记录', en: 'Import evaluation records' },
  'evaluation_record.record': { zh: '记录评价结果', en: 'Record a finished evaluation' },
  'project.budget_adjustment': { zh: '登记调整后预算', en: 'Record an adjusted budget' },
  // evaluations
  'evaluation.create': { zh: '开始绩效评价', en: 'Start an evaluation' },
  'evaluation.save': { zh: '保存绩效评价', en: 'Save an evaluation' },
  'evaluation.submit': { zh: '提交绩效评价', en: 'Submit an evaluation' },
  'evaluation.pre_review': { zh: '审核单位自评', en: 'Review a self-evaluation' },
  'evaluation.commission': { zh: '委托第三方机构开展评价', en: 'Commission an evaluation to an agency' },
  'evaluation.attach_file': { zh: '上传评价附件', en: 'Attach a file to an evaluation' },
  /** Written before evaluation files were generalised (kept to label old entries). */
  'evaluation.commission_attach': { zh: '上传受托评价工作底稿或报告', en: 'Attach a work paper or report to a commission' },
  'evaluation.commission_grade': { zh: '评定受托机构工作质量', en: 'Grade a commissioned agency’s work' },
  'evaluation.finance_key_select': { zh: '选定财政重点评价', en: 'Select finance key evaluations' },
  // the bureau's spot-check of self-evaluation quality (质量管理)
  'evaluation_spot_check.draw': { zh: '抽取自评质量抽查样本', en: 'Draw a self-evaluation spot-check sample' },
  'evaluation_spot_check.verdict': { zh: '记录自评抽查结论', en: 'Record a spot-check verdict' },
  'evaluation_spot_check.conclude': { zh: '完成自评质量抽查', en: 'Conclude a self-evaluation spot check' },
  // third-party agency registry
  'agency.create': { zh: '登记第三方机构', en: 'Register agency' },
  'agency.update': { zh: '修改第三方机构信息', en: 'Update agency' },
  'agency.suspend': { zh: '暂停委托第三方机构', en: 'Suspend agency' },
  'agency.blacklist': { zh: '第三方机构列入黑名单', en: 'Blacklist agency' },
  'agency.reinstate': { zh: '恢复第三方机构正常状态', en: 'Reinstate agency' },
  'agency.violation_add': { zh: '登记机构违规记录', en: 'Record agency violation' },
  'agency.violation_remove': { zh: '删除机构违规记录', en: 'Remove agency violation' },
  'agency.tie_add': { zh: '登记机构关联关系', en: 'Record declared tie' },
  'agency.tie_remove': { zh: '删除机构关联关系', en: 'Remove declared tie' },
  'agency.grade': { zh: '评定机构委托业务质量', en: 'Grade commissioned work' },
} as const satisfies Record<string, Label>;

/** An action the API writes to the audit log. */
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** A refused request is recorded under its method and route, e.g. `POST targets/:id/pass`. */
export type RefusedRequestAction = `${'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'} ${string}`;

export function isAuditAction(action: string): action is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_LABELS, action);
}

/** The label of an audit action; a refused request is labelled by its method (the route stays as written). */
export function auditActionLabel(action: string): Label | null {
  if (isAuditAction(action)) return AUDIT_ACTION_LABELS[action];
  const method = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) /.exec(action)?.[1];
  if (!method) return null;
  return method === 'GET' || method === 'HEAD' ? { zh: '查询被拒绝', en: 'Read refused' } : { zh: '操作被拒绝', en: 'Write refused' };
}

/** Entity types of audit entries: the records written, and the route areas of refused requests. */
export const AUDIT_ENTITY_LABELS = {
  user: { zh: '用户', en: 'User' },
  session: { zh: '登录会话', en: 'Session' },
  organization: { zh: '组织机构', en: 'Organization' },
  api_key: { zh: 'API 密钥', en: 'API key' },
  policy_profile: { zh: '政策参数', en: 'Policy profile' },
  setting: { zh: '系统设置', en: 'Setting' },
  stored_file: { zh: '文件', en: 'File' },
  rate_limit: { zh: '限流', en: 'Rate limit' },
  project: { zh: '项目', en: 'Project' },
  key_project_list: { zh: '重点项目清单', en: 'Key project list' },
  indicator: { zh: '指标', en: 'Indicator' },
  indicator_category: { zh: '指标分类', en: 'Indicator category' },
  pre_assessment: { zh: '事前绩效评估', en: 'Pre-assessment' },
  target: { zh: '绩效目标', en: 'Performance target' },
  target_change_request: { zh: '目标调整申请', en: 'Target change request' },
  expert: { zh: '评审专家', en: 'Expert' },
  expert_review: { zh: '专家评审', en: 'Expert review' },
  // route areas (refused requests)
  auth: { zh: '登录与账号', en: 'Sign-in and account' },
  users: { zh: '用户', en: 'Users' },
  organizations: { zh: '组织机构', en: 'Organizations' },
  'api-keys': { zh: 'API 密钥', en: 'API keys' },
  'policy-profiles': { zh: '政策参数', en: 'Policy profiles' },
  settings: { zh: '系统设置', en: 'Settings' },
  'audit-logs': { zh: '审计日志', en: 'Audit log' },
  files: { zh: '文件', en: 'Files' },
  projects: { zh: '项目库', en: 'Projects' },
  'key-project-lists': { zh: '重点项目清单', en: 'Key project lists' },
  indicators: { zh: '指标库', en: 'Indicators' },
  'indicator-categories': { zh: '指标分类', en: 'Indicator categories' },
  'pre-assessments': { zh: '事前绩效评估', en: 'Pre-assessments' },
  targets: { zh: '绩效目标', en: 'Performance targets' },
  'target-reviews': { zh: '目标评审', en: 'Target reviews' },
  experts: { zh: '评审专家', en: 'Experts' },
  'budget-gate': { zh: '预算安排校验', en: 'Budget gate' },
  tracking: { zh: '绩效跟踪', en: 'Tracking' },
  evaluation: { zh: '绩效评价', en: 'Evaluation' },
  finance_key_selection: { zh: '财政重点评价选定', en: 'Finance key selection' },
  tracking_warning: { zh: '监控预警', en: 'Monitoring warning' },
  project_budget_adjustment: { zh: '调整后预算', en: 'Adjusted budget' },
  agency: { zh: '第三方机构', en: 'Third-party agency' },
  trackings: { zh: '双监控', en: 'Dual monitoring' },
  evaluation_record: { zh: '评价记录', en: 'Evaluation record' },
  'evaluation-records': { zh: '历史评价记录', en: 'Evaluation records' },
  agencies: { zh: '第三方机构', en: 'Third-party agencies' },
  evaluation_spot_check: { zh: '自评质量抽查', en: 'Self-evaluation spot check' },
  'evaluation-spot-checks': { zh: '自评质量抽查', en: 'Self-evaluation spot checks' },
  workbench: { zh: '工作台', en: 'Workbench' },
} as const satisfies Record<string, Label>;

export type AuditEntityType = keyof typeof AUDIT_ENTITY_LABELS;

export function auditEntityLabel(entityType: string): Label | null {
  return Object.prototype.hasOwnProperty.call(AUDIT_ENTITY_LABELS, entityType) ? AUDIT_ENTITY_LABELS[entityType as AuditEntityType] : null;
}

export type AuditActorKind = 'user' | 'api_key' | 'anonymous' | 'system';
export const AUDIT_ACTOR_KIND_LABELS: Record<AuditActorKind, Label> = {
  user: { zh: '用户', en: 'User' },
  api_key: { zh: 'API 密钥', en: 'API key' },
  anonymous: { zh: '匿名', en: 'Anonymous' },
  system: { zh: '系统', en: 'System' },
};

export type AuditResult = 'success' | 'failure';
