import { ConfigError, DEFAULT_AUDIT_SIGNING_KEY, DEFAULT_AUTH_SECRET, loadConfig, MIN_AUDIT_RETENTION_DAYS } from './app-config';

const SECRET = 'a-production-secret-of-forty-characters!!';
const AUDIT_KEY = 'another-production-secret-for-the-audit-chain';

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

describe('loadConfig', () => {
  describe('in production', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db:5432/jixiao',
      AUTH_SECRET: SECRET,
      AUDIT_SIGNING_KEY: AUDIT_KEY,
    };

    it('starts with a real secret and a database', () => {
      const config = loadConfig(production);
      expect(config.env).toBe('production');
      expect(config.authSecret).toBe(SECRET);
      expect(config.demoData).toBe(false);
    });

    it('refuses the default AUTH_SECRET, a missing one and a short one, naming AUTH_SECRET', () => {
      for (const env of [
        { ...production, AUTH_SECRET: DEFAULT_AUTH_SECRET },
        { NODE_ENV: 'production', DATABASE_URL: production.DATABASE_URL, AUDIT_SIGNING_KEY: AUDIT_KEY },
        { ...production, AUTH_SECRET: 'short-secret' },
      ]) {
        const found = problems(env);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatch(/AUTH_SECRET/);
      }
    });

    it('refuses DEMO_DATA=true, naming DEMO_DATA', () => {
      expect(problems({ ...production, DEMO_DATA: 'true' })).toEqual([expect.stringMatching(/DEMO_DATA/)]);
      expect(problems({ ...production, DEMO_DATA: '1' })).toEqual([expect.stringMatching(/DEMO_DATA/)]);
    });

    it('never loads demo data, even without DATABASE_URL', () => {
      expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: SECRET, AUDIT_SIGNING_KEY: AUDIT_KEY }).demoData).toBe(false);
      expect(loadConfig({ ...production, DEMO_DATA: 'false' }).demoData).toBe(false);
    });

    it('reports every bad setting at once', () => {
      const found = problems({ NODE_ENV: 'production', DEMO_DATA: 'true', PORT: 'abc', DATABASE_URL: 'mysql://x' });
      expect(found).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/AUTH_SECRET/),
          expect.stringMatching(/DEMO_DATA/),
          expect.stringMatching(/PORT/),
          expect.stringMatching(/DATABASE_URL/),
          expect.stringMatching(/AUDIT_SIGNING_KEY/),
        ]),
      );
      expect(found).toHaveLength(5);
      expect(() => loadConfig({ NODE_ENV: 'production', PORT: 'abc' })).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV: 'production', PORT: 'abc' })).toThrow(/^Invalid configuration:\n {2}- /);
    });
  });

  describe('the audit log', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://app@db:5432/jixiao', AUTH_SECRET: SECRET };

    it('refuses in production a missing, default, short or AUTH_SECRET-equal AUDIT_SIGNING_KEY', () => {
      for (const key of [undefined, DEFAULT_AUDIT_SIGNING_KEY, 'short-key', SECRET]) {
        expect(problems({ ...production, ...(key === undefined ? {} : { AUDIT_SIGNING_KEY: key }) })).toEqual([
          expect.stringMatching(/AUDIT_SIGNING_KEY/),
        ]);
      }
      expect(loadConfig({ ...production, AUDIT_SIGNING_KEY: AUDIT_KEY }).audit.signingKey).toBe(AUDIT_KEY);
    });

    it(`keeps entries ${MIN_AUDIT_RETENTION_DAYS} days or more: refuses a shorter AUDIT_RETENTION_DAYS`, () => {
      expect(loadConfig({}).audit.retentionDays).toBe(MIN_AUDIT_RETENTION_DAYS);
      expect(loadConfig({ AUDIT_RETENTION_DAYS: '365' }).audit.retentionDays).toBe(365);
      for (const days of ['179', '90', '0', 'forever']) {
        expect(problems({ AUDIT_RETENTION_DAYS: days })).toEqual([expect.stringMatching(/AUDIT_RETENTION_DAYS/)]);
      }
    });

    it('reads the refusal limit and the sealing interval, and refuses sealing off in production', () => {
      const config = loadConfig({ AUDIT_REFUSAL_LIMIT: '20', AUDIT_REFUSAL_WINDOW_SECONDS: '30', AUDIT_SEAL_INTERVAL_SECONDS: '0' });
      expect(config.audit).toMatchObject({ refusalLimit: 20, refusalWindowSeconds: 30, sealIntervalSeconds: 0 });
      expect(problems({ AUDIT_REFUSAL_LIMIT: '0' })).toEqual([expect.stringMatching(/AUDIT_REFUSAL_LIMIT/)]);
      expect(problems({ ...production, AUDIT_SIGNING_KEY: AUDIT_KEY, AUDIT_SEAL_INTERVAL_SECONDS: '0' })).toEqual([
        expect.stringMatching(/AUDIT_SEAL_INTERVAL_SECONDS/),
      ]);
    });

    it('takes DATABASE_MIGRATION_URL only with DATABASE_URL', () => {
      expect(problems({ DATABASE_MIGRATION_URL: 'postgres://owner@db/jixiao' })).toEqual([expect.stringMatching(/DATABASE_MIGRATION_URL/)]);
      expect(
        loadConfig({ DATABASE_URL: 'postgres://app@db/jixiao', DATABASE_MIGRATION_URL: 'postgres://owner@db/jixiao' }).databaseMigrationUrl,
      ).toBe('postgres://owner@db/jixiao');
    });
  });

  describe('settings checked by name', () => {
    it.each(['abc', '-1', '65536', '3000.5', '80x'])('refuses PORT=%s', (port) => {
      expect(problems({ PORT: port })).toEqual([expect.stringMatching(/^PORT .*"/)]);
    });

    it('has import limits with defaults, and refuses bad ones by name', () => {
      expect(loadConfig({}).imports).toEqual({
        maxRows: 50_000,
        maxErrors: 2000,
        maxUncompressedBytes: 256 * 1024 * 1024,
        maxCompressionRatio: 100,
        maxZipEntries: 1000,
        maxConcurrent: 2,
      });
      expect(loadConfig({ IMPORT_MAX_ROWS: '1000', IMPORT_MAX_ERRORS: '50' }).imports).toMatchObject({ maxRows: 1000, maxErrors: 50 });
      expect(
        problems({
          IMPORT_MAX_ROWS: '0',
          IMPORT_MAX_ERRORS: 'many',
          IMPORT_MAX_UNCOMPRESSED_BYTES: '1.5',
          IMPORT_MAX_COMPRESSION_RATIO: '1',
          IMPORT_MAX_ZIP_ENTRIES: '-3',
          IMPORT_MAX_CONCURRENT: '0',
        }),
      ).toEqual([
        expect.stringMatching(/^IMPORT_MAX_ROWS /),
        expect.stringMatching(/^IMPORT_MAX_ERRORS /),
        expect.stringMatching(/^IMPORT_MAX_UNCOMPRESSED_BYTES /),
        expect.stringMatching(/^IMPORT_MAX_COMPRESSION_RATIO /),
        expect.stringMatching(/^IMPORT_MAX_ZIP_ENTRIES /),
        expect.stringMatching(/^IMPORT_MAX_CONCURRENT /),
      ]);
    });

    it('accepts a valid PORT and defaults to 3000', () => {
      expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
      expect(loadConfig({}).port).toBe(3000);
      expect(loadConfig({ PORT: '' }).port).toBe(3000);
    });

    it.each(['mysql://u@h/db', 'localhost:5432', 'postgres:/missing-slash', 'not a url'])('refuses DATABASE_URL=%s', (url) => {
      expect(problems({ DATABASE_URL: url })).toEqual([expect.stringMatching(/^DATABASE_URL/)]);
    });

    it('accepts postgres:// and postgresql:// URLs', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' }).databaseUrl).toBe(
        'postgres://postgres@127.0.0.1:5432/postgres',
      );
      expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db/jixiao' }).databaseUrl).toBe('postgresql://u:p@db/jixiao');
    });

    it('refuses an unknown NODE_ENV and a DEMO_DATA that is not a boolean', () => {
      expect(problems({ NODE_ENV: 'staging' })).toEqual([expect.stringMatching(/NODE_ENV/)]);
      expect(problems({ DEMO_DATA: 'maybe' })).toEqual([expect.stringMatching(/DEMO_DATA/)]);
    });

    it('reads TRUST_PROXY as a boolean, off by default', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
      expect(problems({ TRUST_PROXY: 'nginx' })).toEqual([expect.stringMatching(/TRUST_PROXY/)]);
    });

    it("reads HEAP_GROWING_PERCENT (100 by default, 0 for V8's own) and refuses one out of range", () => {
      expect(loadConfig({}).heapGrowingPercent).toBe(100);
      expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
      expect(problems({ HEAP_GROWING_PERCENT: '301' })).toEqual([expect.stringMatching(/HEAP_GROWING_PERCENT/)]);
      expect(problems({ HEAP_GROWING_PERCENT: 'lots' })).toEqual([expect.stringMatching(/HEAP_GROWING_PERCENT/)]);
    });

    it('reads BULK_HEAP_GROWING_PERCENT, the factor while an export or import runs (20 by default, 0 for no bound)', () => {
      expect(loadConfig({}).bulkHeapGrowingPercent).toBe(20);
      expect(loadConfig({ BULK_HEAP_GROWING_PERCENT: '0' }).bulkHeapGrowingPercent).toBe(0);
      expect(problems({ BULK_HEAP_GROWING_PERCENT: '-1' })).toEqual([expect.stringMatching(/BULK_HEAP_GROWING_PERCENT/)]);
    });

    it('reads SEARCH_STATISTICS_SECONDS, how often the search keys’ statistics are read again (300 by default, 0 for only at start)', () => {
      expect(loadConfig({}).searchStatisticsSeconds).toBe(300);
      expect(loadConfig({ SEARCH_STATISTICS_SECONDS: '0' }).searchStatisticsSeconds).toBe(0);
      expect(problems({ SEARCH_STATISTICS_SECONDS: '86401' })).toEqual([expect.stringMatching(/SEARCH_STATISTICS_SECONDS/)]);
    });

    it('refuses out-of-range security and body settings by name', () => {
      expect(problems({ SESSION_IDLE_MINUTES: '0' })).toEqual([expect.stringMatching(/SESSION_IDLE_MINUTES/)]);
      expect(problems({ ACCESS_TOKEN_MINUTES: 'soon' })).toEqual([expect.stringMatching(/ACCESS_TOKEN_MINUTES/)]);
      expect(problems({ BODY_LIMIT_BYTES: '10' })).toEqual([expect.stringMatching(/BODY_LIMIT_BYTES/)]);
    });
  });

  describe('demo data', () => {
    it('is on by default without DATABASE_URL (the embedded database)', () => {
      const config = loadConfig({});
      expect(config.databaseUrl).toBeNull();
      expect(config.demoData).toBe(true);
    });

    it('is off by default with DATABASE_URL', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demoData).toBe(false);
    });

    it('follows an explicit DEMO_DATA outside production', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', DEMO_DATA: 'true' }).demoData).toBe(true);
      expect(loadConfig({ DEMO_DATA: 'false' }).demoData).toBe(false);
    });
  });

  it('uses the development defaults (secret, 1 MiB bodies, 30-minute idle) when nothing is set', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.authSecret).toBe(DEFAULT_AUTH_SECRET);
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.security.idleMinutes).toBe(30);
    expect(config.security.maxFailedLogins).toBe(5);
    expect(config.security.lockoutMinutes).toBe(15);
  });

  describe('lockout and two-factor settings', () => {
    it('reads the lockout threshold and duration', () => {
      const config = loadConfig({ LOCKOUT_MAX_FAILURES: '3', LOCKOUT_MINUTES: '30' });
      expect(config.security.maxFailedLogins).toBe(3);
      expect(config.security.lockoutMinutes).toBe(30);
      expect(() => loadConfig({ LOCKOUT_MAX_FAILURES: '0' })).toThrow('LOCKOUT_MAX_FAILURES');
    });

    it('enforces two-factor authentication in production by default, not elsewhere', () => {
      const secret = 'x'.repeat(40);
      expect(
        loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret, AUDIT_SIGNING_KEY: AUDIT_KEY, DATABASE_URL: 'postgres://u@h/db' }).mfa
          .enforce,
      ).toBe(true);
      expect(loadConfig({}).mfa.enforce).toBe(false);
      expect(loadConfig({ MFA_ENFORCE: 'true' }).mfa.enforce).toBe(true);
      expect(loadConfig({}).mfa.requiredPermissions).toEqual(['user:manage', 'api_key:manage', 'policy_profile:manage']);
    });

    it('refuses unknown permissions and a short TOTP key', () => {
      expect(loadConfig({ MFA_REQUIRED_PERMISSIONS: 'user:manage, audit_log:read' }).mfa.requiredPermissions).toEqual([
        'user:manage',
        'audit_log:read',
      ]);
      expect(() => loadConfig({ MFA_REQUIRED_PERMISSIONS: 'user:fly' })).toThrow('user:fly');
      expect(() => loadConfig({ TOTP_ENCRYPTION_KEY: 'short' })).toThrow('TOTP_ENCRYPTION_KEY');
    });
  });
});
