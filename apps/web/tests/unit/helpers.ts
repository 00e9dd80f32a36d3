import type { Me } from '@jixiao/api-client';
import { permissionsOf, type Role } from '@jixiao/contracts';

/** A signed-in user with the permissions the contracts give the roles. */
export function meWith(roles: Role[], overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    username: roles[0] ?? 'nobody',
    displayName: `${roles[0] ?? 'nobody'} 演示用户`,
    organizationId: '00000000-0000-4000-8000-000000000002',
    organizationName: '区财政局',
    organizationKind: 'finance_bureau',
    sector: null,
    roles,
    permissions: permissionsOf(roles) as Me['permissions'],
    dataScope: 'all',
    mustChangePassword: false,
    mfaEnabled: false,
    mfaEnrolmentRequired: false,
    ...overrides,
  };
}
