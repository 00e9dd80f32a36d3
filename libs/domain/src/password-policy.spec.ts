import { characterClasses, checkPassword, DEFAULT_SECURITY_POLICY as S } from './password-policy';

const codes = (pw: string, username?: string) => checkPassword(pw, S, { username }).map((v) => v.code);

describe('DEFAULT_SECURITY_POLICY', () => {
  it('holds the agreed settings', () => {
    expect(S).toEqual({
      minLength: 8,
      minClasses: 3,
      maxFailedLogins: 5,
      lockoutMinutes: 15,
      idleMinutes: 30,
      accessTokenMinutes: 15,
      refreshTokenDays: 7,
    });
  });
});

describe('checkPassword', () => {
  it('accepts eight characters of three classes', () => {
    expect(codes('Abcdef12')).toEqual([]);
    expect(codes('abcdef1!')).toEqual([]);
  });

  it('refuses seven characters', () => {
    expect(codes('Abcde12')).toEqual(['TOO_SHORT']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(codes('Ab1😀😀😀😀')).toEqual(['TOO_SHORT']);
    expect(codes('Ab1😀😀😀😀😀')).toEqual([]);
  });

  it('refuses two classes', () => {
    expect(codes('abcdefgh12')).toEqual(['TOO_FEW_CLASSES']);
    expect(codes('ABCDEFGH!!')).toEqual(['TOO_FEW_CLASSES']);
  });

  it('counts space and non-Latin characters as symbols', () => {
    expect([...characterClasses('a B1')].sort()).toEqual(['digit', 'lowercase', 'symbol', 'uppercase']);
    expect(characterClasses('财政').has('symbol')).toBe(true);
  });

  it('refuses the username in any case, and ignores very short usernames', () => {
    expect(codes('xZhangSan1!', 'zhangsan')).toEqual(['CONTAINS_USERNAME']);
    expect(codes('Abcdef12', 'bcd')).toEqual(['CONTAINS_USERNAME']);
    expect(codes('Abcdef12', 'ab')).toEqual([]);
    expect(codes('Abcdef12', '')).toEqual([]);
    expect(codes('Abcdef12')).toEqual([]);
  });

  it('reports every violation with messages in both languages', () => {
    const violations = checkPassword('zhang', S, { username: 'zhang' });
    expect(violations.map((v) => v.code)).toEqual(['TOO_SHORT', 'TOO_FEW_CLASSES', 'CONTAINS_USERNAME']);
    expect(violations[0].message).toContain('8');
    expect(violations[0].messageEn).toContain('8 characters');
  });

  it('follows the policy given', () => {
    const strict = { ...S, minLength: 12, minClasses: 4 };
    expect(checkPassword('Abcdef12!', strict).map((v) => v.code)).toEqual(['TOO_SHORT']);
    expect(checkPassword('Abcdefgh1234', strict).map((v) => v.code)).toEqual(['TOO_FEW_CLASSES']);
  });
});
