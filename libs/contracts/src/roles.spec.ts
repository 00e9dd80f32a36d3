import { Permission } from './permissions';
import { dataScopeOf, isReadOnly, permissionsOf } from './roles';

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
});

describe('target pre-review (谁批预算谁批目标)', () => {
  it('is held by departments and towns, not by units, agencies or experts', () => {
    expect(permissionsOf(['department'])).toContain(Permission.TargetPreReview);
    expect(permissionsOf(['town'])).toContain(Permission.TargetPreReview);
    for (const role of ['unit', 'agency', 'expert', 'auditor'] as const)
      expect(permissionsOf([role])).not.toContain(Permission.TargetPreReview);
  });
});
