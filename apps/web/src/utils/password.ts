import { DEFAULT_SECURITY_POLICY, characterClasses, checkPassword } from '@jixiao/domain';

/**
 * The password rules as the API checks them (the shared check in @jixiao/domain), broken down
 * for the checklist on the change-password page.
 */
/** The rule numbers the API uses (minimum length, character classes). */
export const PASSWORD_POLICY = DEFAULT_SECURITY_POLICY;

export interface PasswordStatus {
  minLength: number;
  minClasses: number;
  lengthOk: boolean;
  classesOk: boolean;
  usernameOk: boolean;
  upper: boolean;
  lower: boolean;
  digit: boolean;
  symbol: boolean;
  ok: boolean;
}

export function passwordStatus(password: string, username?: string): PasswordStatus {
  const policy = DEFAULT_SECURITY_POLICY;
  const violations = new Set(checkPassword(password, policy, { username }).map((v) => v.code));
  const classes = characterClasses(password);
  return {
    minLength: policy.minLength,
    minClasses: policy.minClasses,
    lengthOk: !violations.has('TOO_SHORT'),
    classesOk: !violations.has('TOO_FEW_CLASSES'),
    usernameOk: !violations.has('CONTAINS_USERNAME'),
    upper: classes.has('uppercase'),
    lower: classes.has('lowercase'),
    digit: classes.has('digit'),
    symbol: classes.has('symbol'),
    ok: violations.size === 0,
  };
}
