import { afterEach, describe, expect, it } from 'vitest';
import { ApiProblem, CLIENT_ERROR_CODES, toApiProblem, unwrap } from '@jixiao/api-client';
import { DEFAULT_LOCALE, setLocale } from '@/locales';
import { isVersionConflict, normalizeFieldPath, problemFieldErrors, problemMessage } from '@/utils/problem';

const lockedBody = {
  type: 'urn:jixiao:problem:auth-account-locked',
  title: 'Locked',
  status: 423,
  code: 'AUTH_ACCOUNT_LOCKED',
  message: '登录失败次数过多，账户已临时锁定',
  messageEn: 'Too many failed logins; the account is locked for a while',
  lockedUntil: '2022-08-31T02:15:00.000Z',
};

const weakBody = {
  type: 'urn:jixiao:problem:auth-password-weak',
  title: 'Weak',
  status: 400,
  code: 'AUTH_PASSWORD_WEAK',
  message: '密码不符合安全要求',
  messageEn: 'The password does not meet the rules',
  errors: [
    { field: 'newPassword', code: 'TOO_SHORT', message: '密码长度至少 8 位', messageEn: 'At least 8 characters' },
    { field: 'newPassword', code: 'TOO_FEW_CLASSES', message: '至少 3 类字符', messageEn: 'At least 3 classes' },
    { field: 'values.deadlines[2].date', code: 'INVALID_MONTH_DAY', message: '日期无效', messageEn: 'Invalid date' },
  ],
};

describe('problem messages', () => {
  afterEach(() => setLocale(DEFAULT_LOCALE));

  it('shows the Chinese message in Chinese and the English one in English', () => {
    const problem = toApiProblem(lockedBody, new Response(null, { status: 423 }));
    expect(problemMessage(problem, 'zh-CN')).toBe('登录失败次数过多，账户已临时锁定');
    expect(problemMessage(problem, 'en-US')).toBe('Too many failed logins; the account is locked for a while');
  });

  it('follows the UI language when none is given', () => {
    const problem = toApiProblem(lockedBody);
    expect(problemMessage(problem)).toBe(lockedBody.message);
    setLocale('en-US');
    expect(problemMessage(problem)).toBe(lockedBody.messageEn);
  });

  it('keeps the code, status and extra members such as lockedUntil', () => {
    const problem = toApiProblem(lockedBody);
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(problem.status).toBe(423);
    expect(problem.extra('lockedUntil')).toBe('2022-08-31T02:15:00.000Z');
  });

  it('gathers field errors per field, normalized for form items', () => {
    const problem = toApiProblem(weakBody);
    expect(problemFieldErrors(problem, 'zh-CN')).toEqual({
      newPassword: '密码长度至少 8 位; 至少 3 类字符',
      'values.deadlines.2.date': '日期无效',
    });
    expect(problemFieldErrors(problem, 'en-US').newPassword).toBe('At least 8 characters; At least 3 classes');
    expect(normalizeFieldPath('a[0].b[12]')).toBe('a.0.b.12');
  });

  it('explains failures that came without a problem body', () => {
    const network = toApiProblem(new TypeError('fetch failed'));
    expect(network.code).toBe(CLIENT_ERROR_CODES.Network);
    expect(network.status).toBe(0);
    expect(problemMessage(network, 'en-US')).toMatch(/could not be reached/);

    const html = toApiProblem('<html>502 Bad Gateway</html>', new Response(null, { status: 502 }));
    expect(html.code).toBe(CLIENT_ERROR_CODES.UnexpectedResponse);
    expect(problemMessage(html, 'zh-CN')).toContain('502');
  });

  it('falls back to a generic sentence for anything else', () => {
    expect(problemMessage(undefined, 'zh-CN')).toBe('操作失败，请稍后重试');
    expect(problemMessage(new Error('boom'), 'zh-CN')).toBe('boom');
  });

  it('recognizes a version conflict', () => {
    expect(isVersionConflict(toApiProblem({ ...lockedBody, status: 409, code: 'VERSION_CONFLICT' }))).toBe(true);
    expect(isVersionConflict(toApiProblem(lockedBody))).toBe(false);
  });

  it('unwrap throws the problem of an error answer and returns data otherwise', async () => {
    const failing = Promise.resolve({ error: weakBody, response: new Response(null, { status: 400 }) });
    await expect(unwrap(failing)).rejects.toMatchObject({ code: 'AUTH_PASSWORD_WEAK', status: 400 });
    const ok = Promise.resolve({ data: { total: 1 }, response: new Response(null, { status: 200 }) });
    await expect(unwrap(ok)).resolves.toEqual({ total: 1 });
    await expect(unwrap(Promise.reject(new TypeError('fetch failed')))).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});
