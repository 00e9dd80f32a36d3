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
