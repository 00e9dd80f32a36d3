import type { OpenAPIObject } from '@nestjs/swagger';
import { isDistrictOnly, permissionsOf, ROLE_LABELS, Role } from '@jixiao/contracts';

/**
 * What each tag (one per controller) is for, in Chinese and English. `buildOpenApi` declares them
 * all; the OpenAPI test fails when an operation uses a tag that is not listed here.
 */
export const API_TAGS: Record<string, string> = {
  auth: '登录、令牌刷新、退出、修改密码和双因素认证（本人）。 / Sign-in, token refresh, sign-out, password change and two-factor authentication of the caller.',
  organizations:
    '机构树：财政局、预算部门、预算单位、镇街和第三方机构。 / The organization tree: finance bureau, departments, units, towns and agencies.',
  users: '用户账户、角色、重置密码、解锁和重置双因素认证。 / User accounts, their roles, password reset, unlock and two-factor reset.',
  'api-keys':
    '供其他系统调用的 API 密钥（限定机构与权限，仅显示一次）。 / API keys for other systems (limited to an organization and permissions, shown once).',
  'policy-profiles':
    '年度政策参数（所有规则数值按年度取用）与年度工作日历。 / The yearly policy profile (every rule number, per year) and the year’s calendar.',
  settings: '平台设置，如当前工作年度。 / Platform settings such as the working year.',
  'audit-logs': '防篡改的审计日志（哈希链）及其校验。 / The tamper-evident audit log (hash chain) and its verification.',
  health: '服务与数据库的健康检查，供负载均衡和监控使用。 / Service and database health for load balancers and monitoring.',
  files:
    '附件上传与下载（PDF、Word、Excel、图片），按所属机构控制访问。 / Attachment upload and download (PDF, Word, Excel, images), access by owning organization.',
  projects:
    '预算项目库：登记、修改、Excel 导入导出、重点项目依据。 / The budget project register: entry, edits, Excel import and export, key-project basis.',
  'key-project-lists':
    '重点绩效项目清单：部门报送、财政局备案或退回、修订及覆盖计划。 / Key performance project lists: department submission, filing or return by the bureau, amendment and coverage plan.',
  indicators:
    '绩效指标库与分类、单位提出的新指标及其采纳。 / The performance indicator library and categories, indicators proposed by units and their acceptance.',
  'pre-assessments':
    '事前绩效评估：发起、委托机构、报告、财政局审核与调整。 / Ex-ante performance assessment: start, commissioned agency, report, bureau review and adjustment.',
  targets:
    '绩效目标的编制、部门初审、财政审核、意见征询与变更申请。 / Performance targets: drafting, department pre-review, bureau review, consultation and change requests.',
  'target-reviews':
    '绩效目标的专家评审：指派与专家提交意见。 / Expert review of performance targets: assignment and the experts’ opinions.',
  experts: '评审专家库。 / The review expert pool.',
  'budget-gate':
    '预算安排闸口：未完成事前评估或目标审核的项目不得安排预算，及覆盖情况。 / The budget gate: projects without a finished assessment or reviewed target get no budget, and coverage.',
  workbench:
    '各角色的工作台：待办事项、截止日期和覆盖情况，各附打开对应列表的链接。 / Each role’s workbench: what waits, deadlines and coverage, each with a link to the list behind it.',
  trackings:
    '双监控：项目和政策的绩效跟踪、执行率与目标实现程度、预警及答复（R9、R10、R25、N7）。 / Dual monitoring: trackings of projects and policies, execution rate and degree of achievement, warnings and answers (R9, R10, R25, N7).',
  evaluations:
    '绩效评价：单位自评（N2 评分、N1 等级）、部门预审、财政重点评价的排名与选定（R11–R14）。 / Evaluations: unit self-evaluations (N2 scoring, N1 grades), the department’s pre-review, ranking and selecting the finance key evaluations (R11–R14).',
  'evaluation-records':
    '评价记录：旧绩效系统的历史评价导入及本系统完成的评价，按项目编码记录，部门评价和财政重点评价计入五年覆盖（R4）。 / Evaluation records: the old performance system’s history imported and the evaluations finished in Jixiao, by project code; department and finance key evaluations count for the five-year coverage (R4).',
  'evaluation-spot-checks':
    '自评质量抽查：财政局从已完成的单位自评中随机抽取样本（记录抽取人、时间和总数），逐份给出结论和发现的问题，然后完成抽查。 / Self-evaluation spot checks: the bureau draws a random sample of completed unit self-evaluations (recording who, when and from how many), gives each a verdict with findings, then concludes.',
  agencies:
    '第三方机构名录：资质、联系人、状态（正常/暂停委托/黑名单）、违规记录、申报的关联关系和委托业务质量评定（R13、N8）。 / The third-party agency registry: qualifications, contacts, state (active / suspended / blacklisted), violations, declared ties and the quality grades of past commissions (R13, N8).',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  '200': '成功 / OK',
  '201': '已创建 / Created',
  '202': '已受理 / Accepted',
  '204': '成功，无内容 / Done, no content',
};

interface ScopeExtension {
  kind: string;
  entity?: string;
  column?: string;
  param?: string;
  field?: string;
  assignee?: { column: string; match: 'organization' | 'user' };
}

const ROLE_ORDER = Object.keys(ROLE_LABELS) as Role[];

/** What the rows an `owner` route names are called, for readers (the x-scope extension keeps the class name). */
const ENTITY_NAMES: Record<string, { zh: string; en: string }> = {
  AgencyEntity: { zh: '第三方机构', en: 'third-party agency' },
  ApiKeyEntity: { zh: 'API 密钥', en: 'API key' },
  ExpertReviewEntity: { zh: '专家评审任务', en: 'expert review' },
  IndicatorEntity: { zh: '建议指标', en: 'indicator proposal' },
  KeyProjectListEntity: { zh: '重点项目清单', en: 'key project list' },
  OrganizationEntity: { zh: '组织机构', en: 'organization' },
  PreAssessmentEntity: { zh: '事前绩效评估', en: 'pre-assessment' },
  ProjectEntity: { zh: '项目', en: 'project' },
  StoredFileEntity: { zh: '文件', en: 'file' },
  TargetChangeRequestEntity: { zh: '目标调整申请', en: 'target change request' },
  TargetEntity: { zh: '绩效目标', en: 'performance target' },
  UserEntity: { zh: '用户', en: 'user' },
  TrackingEntity: { zh: '绩效跟踪', en: 'tracking' },
  TrackingWarningEntity: { zh: '监控预警', en: 'monitoring warning' },
};

/** A readable name for an entity class (an unlisted one loses its `Entity` suffix rather than showing the class). */
export function entityName(entity: string | undefined): { zh: string; en: string } {
  if (entity && ENTITY_NAMES[entity]) return ENTITY_NAMES[entity];
  const bare = (entity ?? '').replace(/Entity$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() || 'record';
  return { zh: bare, en: bare };
}

/** The roles that hold a permission (within the data scope the role gives), and which API keys may. */
function rolesWith(permission: string): string {
  const roles = ROLE_ORDER.filter((role) => (permissionsOf([role]) as string[]).includes(permission));
  const keys = isDistrictOnly(permission)
    ? ['仅授予该权限的全区范围 API 密钥（限定某机构的密钥不能持有）', 'only district-wide API keys granted it (a key limited to one organization cannot hold it)']
    : ['授予该权限的 API 密钥（在其数据范围内）', 'API keys granted it (within their scope)'];
  if (!roles.length) return `无角色；${keys[0]} / no role; ${keys[1]}`;
  const zh = roles.map((r) => ROLE_LABELS[r].zh).join('、');
  const en = roles.map((r) => ROLE_LABELS[r].en).join(', ');
  return `${zh} / ${en}；及${keys[0]} / and ${keys[1]}`;
}

function whoMayCall(permission: string | undefined, scope: ScopeExtension | undefined): string {
  if (scope?.kind === 'public') return '**权限 / Permission**：公开，无需登录 / public, no sign-in needed.';
  if (!permission || permission === 'authenticated') {
    return '**权限 / Permission**：任何已登录用户或 API 密钥 / any signed-in user or API key.';
  }
  const reach = isDistrictOnly(permission)
    ? '（仅全区数据范围可用 / district-wide scope only — PERMISSION_REACH in libs/contracts/src/permissions.ts）'
    : '（在调用者的数据范围内 / within the caller’s data scope）';
  return `**权限 / Permission**：\`${permission}\`${reach}。角色 / Roles：${rolesWith(permission)}。`;
}

function scopeSentence(scope: ScopeExtension | undefined): string {
  switch (scope?.kind) {
    case 'public':
      return '公开接口，不检查数据范围 / public route, no data scope applies.';
    case 'owner': {
      const a = scope.assignee;
      const who = a?.match === 'user' ? ['被指派的用户', 'the assigned user'] : ['受托机构', 'the commissioned organization'];
      const zhAssignee = a ? `；${who[0]}（\`${a.column}\`）不受此限，也可访问` : '';
      const enAssignee = a ? `; ${who[1]} (\`${a.column}\`) reaches it regardless` : '';
      const name = entityName(scope.entity);
      return (
        `路径参数 \`${scope.param}\` 指向的${name.zh}，其机构（\`${scope.column}\`）须在调用者数据范围内，否则 404；写操作还须可写，否则 403${zhAssignee}。` +
        ` / The ${name.en} named by path parameter \`${scope.param}\` must belong (\`${scope.column}\`) to an organization in the caller’s data scope, else 404; writes also need it writable, else 403${enAssignee}.`
      );
    }
    case 'create':
      return (
        `请求体的 \`${scope.field}\` 所指机构须在调用者可写的数据范围内，否则 403。` +
        ` / The organization in the body’s \`${scope.field}\` must be writable by the caller, else 403.`
      );
    case 'list':
      return (
        `结果按调用者数据范围过滤（按每条记录的 \`${scope.field}\`）。` +
        ` / Rows are filtered to the caller’s data scope (by each row’s \`${scope.field}\`).`
      );
    case 'bulk': {
      const name = entityName(scope.entity);
      return (
        `请求体 \`${scope.field}\` 列出的每条${name.zh}逐条检查：其机构（\`${scope.column}\`）须在调用者数据范围内且可写，否则该条答复 404 / 403；逐条结果分别返回，每条各自一个事务和审计记录。` +
        ` / Each ${name.en} listed in the body’s \`${scope.field}\` is checked on its own: it must belong (\`${scope.column}\`) to an organization in the caller’s data scope and be writable, else that row is answered 404 / 403; each row is answered, in its own transaction, with its own audit entry.`
      );
    }
    case 'registry': {
      const name = entityName(scope.entity);
      const column = scope.assignee?.column ?? 'id';
      return (
        `路径参数 \`${scope.param}\` 指向全区共用名录中的${name.zh}（不属于任何部门）：有自身数据范围的调用者均可读取；受托机构等“指派”范围的调用者只能访问指派给自己的记录（\`${column}\`），否则 404；写操作须全区数据范围，否则 403。` +
        ` / The ${name.en} named by path parameter \`${scope.param}\` is an entry of a district-wide register no department owns: every caller with a scope of its own reads it; a caller with \`assigned\` scope (an agency) reaches only the entry assigned to it (\`${column}\`), else 404; writes need district-wide scope, else 403.`
      );
    }
    case 'self':
      return '仅限调用者本人的账户、会话或任务。 / Only the caller’s own account, session or tasks.';
    case 'global':
      return '全区共用数据，不属于某一机构；仅检查权限。 / District-wide data owned by no organization; only the permission is checked.';
    default:
      return '仅需登录。 / Authenticated only.';
  }
}

/** The generated "who may call it / scope" paragraph of one operation, from `x-permission` and `x-scope`. */
export function accessParagraph(permission: string | undefined, scope: ScopeExtension | undefined): string {
  return `${whoMayCall(permission, scope)}\n\n**数据范围 / Scope**（\`${scope?.kind ?? 'authenticated'}\`）：${scopeSentence(scope)}`;
}

/**
 * Completes the generated document for the systems and auditors that read it: every operation's
 * description ends with who may call it and the data scope applied (from the published `x-permission`
 * and `x-scope`), and every success response without a description gets one from its status.
 */
export function describeOperations(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as
        (Record<string, unknown> & { description?: string; responses?: Record<string, { description?: string }> }) | undefined;
      if (!op) continue;
      const paragraph = accessParagraph(op['x-permission'] as string | undefined, op['x-scope'] as ScopeExtension | undefined);
      op.description = op.description ? `${op.description}\n\n${paragraph}` : paragraph;
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        if (/^2/.test(code) && !response.description) response.description = SUCCESS_DESCRIPTIONS[code] ?? '成功 / Success';
      }
    }
  }
  return document;
}
