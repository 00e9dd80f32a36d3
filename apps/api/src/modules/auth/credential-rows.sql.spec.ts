import {
  API_KEY_PRINCIPAL_COLUMNS,
  API_KEY_ROW_SQL,
  SESSION_PRINCIPAL_COLUMNS,
  SESSION_ROW_SQL,
  USER_PRINCIPAL_COLUMNS,
} from './credential-rows.sql';

/** The columns of table alias `alias` a principal row reads (`s.revoked_at`, `u.mfa_enabled_at IS NOT NULL` …). */
const readOf = (sql: string, alias: string): string[] => [
  ...new Set([...sql.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, 'g'))].map((m) => m[1])),
];

/** Read from the row but not what the principal is made of: ids that never change, marks that move on their own, the version itself. */
const NOT_PRINCIPAL = ['id', 'last_seen_at', 'last_used_at', 'principal_version'];

describe('the columns a principal is made of (the triggers that count its version up)', () => {
  it('holds every column a session principal reads, of the session and of its user', () => {
    const sql = SESSION_ROW_SQL('$1');
    const session = readOf(sql, 's').filter((c) => !NOT_PRINCIPAL.includes(c));
    const user = readOf(sql, 'u').filter((c) => !NOT_PRINCIPAL.includes(c));
    expect(session.length).toBeGreaterThan(0);
    expect(user.length).toBeGreaterThan(0);
    // the token's hash the row is found by, and the user it joins, are principal columns as well
    expect(session.filter((c) => !(SESSION_PRINCIPAL_COLUMNS as readonly string[]).includes(c))).toEqual([]);
    expect(user.filter((c) => !(USER_PRINCIPAL_COLUMNS as readonly string[]).includes(c))).toEqual([]);
  });

  it('holds every column an API key principal reads', () => {
    const key = readOf(API_KEY_ROW_SQL('$1'), 'k').filter((c) => !NOT_PRINCIPAL.includes(c));
    expect(key.length).toBeGreaterThan(0);
    expect(key.filter((c) => !(API_KEY_PRINCIPAL_COLUMNS as readonly string[]).includes(c))).toEqual([]);
  });
});
