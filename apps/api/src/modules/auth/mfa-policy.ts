import { permissionsOf, Role } from '@jixiao/contracts';
import type { AppConfig } from '../../config/app-config';

/** Whether the configuration makes two-factor authentication mandatory for these roles. */
export function mfaRequiredFor(roles: Role[], config: Pick<AppConfig, 'mfa'>): boolean {
  if (!config.mfa.enforce) return false;
  const held = new Set<string>(permissionsOf(roles));
  return config.mfa.requiredPermissions.some((p) => held.has(p));
}
