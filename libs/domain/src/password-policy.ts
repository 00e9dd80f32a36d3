/** Account security settings (not a DOMAIN rule) and the password check the API and SPA share. */

export interface SecurityPolicy {
  /** Minimum password length, in characters (code points). */
  minLength: number;
  /** Minimum number of character classes (lowercase, uppercase, digits, symbols). */
  minClasses: number;
  /** Failed logins in a row that lock the account. */
  maxFailedLogins: number;
  lockoutMinutes: number;
  /** Session ends after this long without activity. */
  idleMinutes: number;
  accessTokenMinutes: number;
  refreshTokenDays: number;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  minLength: 8,
  minClasses: 3,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  idleMinutes: 30,
  accessTokenMinutes: 15,
  refreshTokenDays: 7,
};

export type PasswordViolationCode = 'TOO_SHORT' | 'TOO_FEW_CLASSES' | 'CONTAINS_USERNAME';

export interface PasswordViolation {
  code: PasswordViolationCode;
  message: string;
  messageEn: string;
}

/** Usernames shorter than this are not looked for inside passwords (too many false matches). */
export const MIN_USERNAME_LENGTH_TO_CHECK = 3;

export type CharacterClass = 'lowercase' | 'uppercase' | 'digit' | 'symbol';

/** Classes present in a password; anything not an ASCII letter or digit counts as a symbol. */
export function characterClasses(password: string): Set<CharacterClass> {
  const classes = new Set<CharacterClass>();
  for (const ch of password) {
    if (ch >= 'a' && ch <= 'z') classes.add('lowercase');
    else if (ch >= 'A' && ch <= 'Z') classes.add('uppercase');
    else if (ch >= '0' && ch <= '9') classes.add('digit');
    else classes.add('symbol');
  }
  return classes;
}

/** Every rule the password breaks; empty when acceptable. */
export function checkPassword(
  password: string,
  policy: SecurityPolicy = DEFAULT_SECURITY_POLICY,
  context: { username?: string } = {},
): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < policy.minLength) {
    violations.push({
      code: 'TOO_SHORT',
      message: `密码长度至少 ${policy.minLength} 位`,
      messageEn: `Password must be at least ${policy.minLength} characters long`,
    });
  }
  if (characterClasses(password).size < policy.minClasses) {
    violations.push({
      code: 'TOO_FEW_CLASSES',
      message: `密码须包含小写字母、大写字母、数字、符号中的至少 ${policy.minClasses} 类`,
      messageEn: `Password must mix at least ${policy.minClasses} of: lowercase, uppercase, digits, symbols`,
    });
  }
  const username = context.username?.trim().toLowerCase() ?? '';
  if (username.length >= MIN_USERNAME_LENGTH_TO_CHECK && password.toLowerCase().includes(username)) {
    violations.push({
      code: 'CONTAINS_USERNAME',
      message: '密码不能包含用户名',
      messageEn: 'Password must not contain the username',
    });
  }
  return violations;
}
