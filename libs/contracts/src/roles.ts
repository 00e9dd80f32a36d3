import { Label, labelled } from './labels';
import { ALL_PERMISSIONS, isDistrictOnly, Permission } from './permissions';

/** The roles of DOMAIN.md's "who sees what" table. */
export const Role = {
  Finance: 'finance',
  Department: 'department',
  Unit: 'unit',
  Town: 'town',
  Agency: 'agency',
  Expert: 'expert',
  Auditor: 'auditor',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLE_LABELS: Record<Role, Label> = {
  finance: { zh: '财政局绩效科', en: 'Finance bureau staff' },
  department: { zh: '预算部门', en: 'Department user' },
  unit: { zh: '预算单位', en: 'Unit user' },
  town: { zh: '镇/街道财政所', en: 'Town user' },
  agency: { zh: '第三方机构', en: 'Third-party agency' },
  expert: { zh: '评审专家', en: 'Review expert' },
  auditor: { zh: '审计/人大', en: 'Auditor / People\'s Congress' },
};
export const ROLES = labelled(ROLE_LABELS);

/**
 * How far a role reads and writes rows that belong to organizations.
 * - all: every organization in the district
 * - subtree: the caller's organization and the organizations below it
 * - own: the caller's organization only
 * - assigned: only rows a module assigns to the caller (commissioned evaluations, review tasks)
 */
export const DataScopeKind = {
  All: 'all',
  Subtree: 'subtree',
  Own: 'own',
  Assigned: 'assigned',
} as const;
export type DataScopeKind = (typeof DataScopeKind)[keyof typeof DataScopeKind];

export const ROLE_DATA_SCOPE: Record<Role, DataScopeKind> = {
  finance: 'all',
  department: 'subtree',
  unit: 'own',
  town: 'subtree',
  agency: 'assigned',
  expert: 'assigned',
  auditor: 'all',
};

/** Roles that may never write, whatever permissions say (auditors read everything, change nothing). */
export const READ_ONLY_ROLES: Role[] = ['auditor'];

const readOf = (prefixes: string[]): Permission[] =>
  ALL_PERMISSIONS.filter((perm) => perm.endsWith(':read') && prefixes.some((x) => perm.startsWith(`${x}:`)));

const CYCLE = [
  'project',
  'key_project_list',
  'indicator',
  'pre_assessment',
  'target',
  'target_review',
  'monitoring',
  'evaluation',
  'rectification',
  'disclosure',
  'supervision',
  'appraisal',
  'work_plan',
];

/** Budget departments, units and towns keep their own cycle records. */
const OWNER_PERMISSIONS: Permission[] = [
  ...readOf(['organization', 'policy_profile', ...CYCLE]),
  Permission.ProjectWrite,
  Permission.KeyProjectListWrite,
  Permission.IndicatorWrite,
  Permission.PreAssessmentWrite,
  Permission.TargetWrite,
  Permission.MonitoringWrite,
  Permission.EvaluationWrite,
  Permission.RectificationWrite,
  Permission.SupervisionWrite,
];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  finance: [...ALL_PERMISSIONS],
  // Departments and towns commission third parties (R13) and so read the agency registry; units do not commission.
  department: [...OWNER_PERMISSIONS, Permission.UserRead, Permission.TargetPreReview, Permission.EvaluationPreReview, Permission.AgencyRead],
  unit: OWNER_PERMISSIONS,
  town: [...OWNER_PERMISSIONS, Permission.UserRead, Permission.TargetPreReview, Permission.EvaluationPreReview, Permission.AgencyRead],
  // An agency reads its own registry entry only (the route scope `registry` confines it).
  agency: [
    Permission.AgencyRead,
    Permission.OrganizationRead,
    Permission.PolicyProfileRead,
    Permission.IndicatorRead,
    Permission.EvaluationRead,
    Permission.EvaluationWrite,
    Permission.PreAssessmentRead,
    Permission.PreAssessmentWrite,
  ],
  expert: [
    Permission.OrganizationRead,
    Permission.PolicyProfileRead,
    Permission.IndicatorRead,
    Permission.TargetReviewRead,
    Permission.TargetReviewWrite,
  ],
  auditor: [...readOf(['organization', 'user', 'policy_profile', 'audit_log', 'agency', ...CYCLE])],
};

/**
 * May a caller with this data scope hold (and exercise) the permission? District-only permissions
 * (PERMISSION_REACH) need district-wide scope; every other permission acts within the caller's scope.
 */
export function mayHoldPermission(permission: string, scope: DataScopeKind): boolean {
  return scope === 'all' || !isDistrictOnly(permission);
}

/** The permissions a caller with this data scope keeps: district-only ones are dropped below district scope. */
export function permissionsWithinScope<P extends string>(permissions: Iterable<P>, scope: DataScopeKind): P[] {
  return [...permissions].filter((perm) => mayHoldPermission(perm, scope));
}

/** The permissions of a user with these roles, within the data scope those roles give. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const perm of ROLE_PERMISSIONS[role] ?? []) set.add(perm);
  return permissionsWithinScope(set, dataScopeOf(roles)).sort();
}

/** The widest data scope among the roles; a user with several roles reads the union. */
export function dataScopeOf(roles: readonly Role[]): DataScopeKind {
  const order: DataScopeKind[] = ['all', 'subtree', 'own', 'assigned'];
  const kinds = roles.map((r) => ROLE_DATA_SCOPE[r]);
  return order.find((k) => kinds.includes(k)) ?? 'assigned';
}

export function isReadOnly(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((r) => READ_ONLY_ROLES.includes(r));
}

/** Which organization kinds a user of each role may belong to. */
export const ROLE_ORGANIZATION_KINDS: Record<Role, string[]> = {
  finance: ['finance_bureau'],
  department: ['department'],
  unit: ['unit'],
  town: ['town'],
  agency: ['agency'],
  expert: ['finance_bureau', 'department', 'unit', 'town', 'agency', 'auditor', 'congress'],
  auditor: ['auditor', 'congress'],
};
