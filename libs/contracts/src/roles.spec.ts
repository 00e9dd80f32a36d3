import { ALL_PERMISSIONS, DISTRICT_ONLY_PERMISSIONS, PERMISSION_REACH, Permission } from './permissions';
import { dataScopeOf, isReadOnly, mayHoldPermission, permissionsOf, permissionsWithinScope, ROLE_DATA_SCOPE, ROLE_PERMISSIONS, Role } from './roles';

describe('roles', () => {
  it('gives auditors read permissions only, including the audit log', () => {
    const perms = permissionsOf(['auditor']);
    expect(perms).toContain(Permission.AuditLogRead);
    expect(perms.every((perm) => perm.endsWith(':read'))).toBe(true);
    expect(isReadOnly(['auditor'])).toBe(true);
  });

  it('does not let a department manage users or the policy profile', () => {
    const perms = permissionsOf(['department']);
    expect(perms).not.toContain(Permission.UserManage);
    expect(perms).not.toContain(Permission.PolicyProfileManage);
    expect(perms).toContain(Permission.TargetWrite);
  });

  it('takes the widest data scope of several roles', () => {
    expect(dataScopeOf(['unit', 'department'])).toBe('subtree');
    expect(dataScopeOf(['expert'])).toBe('assigned');
    expect(dataScopeOf(['finance', 'expert'])).toBe('all');
  });

  describe('district-only permissions (issue 6)', () => {
    it('classifies every permission, and keeps the bureau\'s review and management acts district-only', () => {
      expect(Object.keys(PERMISSION_REACH).sort()).toEqual([...ALL_PERMISSIONS].sort());
      for (const perm of [
        Permission.TargetReview,
        Permission.UserManage,
        Permission.KeyProjectListReview,
        Permission.PreAssessmentReview,
        Permission.IndicatorManage,
        Permission.AuditLogRead,
        Permission.ApiKeyManage,
        Permission.PolicyProfileManage,
        Permission.OrganizationManage,
      ])
        expect(DISTRICT_ONLY_PERMISSIONS).toContain(perm);
      for (const perm of [Permission.TargetWrite, Permission.UserRead, Permission.TargetReviewWrite, Permission.ProjectWrite])
        expect(DISTRICT_ONLY_PERMISSIONS).not.toContain(perm);
    });

    it('lets only a district-wide scope hold them', () => {
      for (const perm of DISTRICT_ONLY_PERMISSIONS) {
        expect(mayHoldPermission(perm, 'all')).toBe(true);
        for (const scope of ['subtree', 'own', 'assigned'] as const) expect(mayHoldPermission(perm, scope)).toBe(false);
      }
      expect(permissionsWithinScope([Permission.TargetReview, Permission.TargetWrite], 'subtree')).toEqual([Permission.TargetWrite]);
      expect(permissionsWithinScope([Permission.TargetReview, Permission.TargetWrite], 'all')).toEqual([Permission.TargetReview, Permission.TargetWrite]);
    });

    it('gives no role below district scope a district-only permission in the role table itself', () => {
      for (const role of Object.keys(ROLE_PERMISSIONS) as Role[]) {
        if (ROLE_DATA_SCOPE[role] === 'all') continue;
        expect({ role, districtOnly: ROLE_PERMISSIONS[role].filter((perm) => DISTRICT_ONLY_PERMISSIONS.includes(perm)) }).toEqual({
          role,
          districtOnly: [],
        });
      }
      expect(permissionsOf(['finance'])).toEqual(expect.arrayContaining(DISTRICT_ONLY_PERMISSIONS));
    });
  });
});

describe('target pre-review (谁批预算谁批目标)', () => {
  it('is held by departments and towns, not by units, agencies or experts', () => {
    expect(permissionsOf(['department'])).toContain(Permission.TargetPreReview);
    expect(permissionsOf(['town'])).toContain(Permission.TargetPreReview);
    for (const role of ['unit', 'agency', 'expert', 'auditor'] as const)
      expect(permissionsOf([role])).not.toContain(Permission.TargetPreReview);
  });
});

describe('the agency registry (R13, N8)', () => {
  it('is read by departments, towns, agencies and auditors, kept by the bureau only', () => {
    for (const role of ['finance', 'department', 'town', 'agency', 'auditor'] as const) expect(permissionsOf([role])).toContain(Permission.AgencyRead);
    for (const role of ['unit', 'expert'] as const) expect(permissionsOf([role])).not.toContain(Permission.AgencyRead);
    expect(DISTRICT_ONLY_PERMISSIONS).toContain(Permission.AgencyManage);
    expect(DISTRICT_ONLY_PERMISSIONS).not.toContain(Permission.AgencyRead);
    for (const role of ['department', 'town', 'unit', 'agency', 'expert', 'auditor'] as const)
      expect(permissionsOf([role])).not.toContain(Permission.AgencyManage);
    expect(permissionsOf(['finance'])).toContain(Permission.AgencyManage);
  });
});
