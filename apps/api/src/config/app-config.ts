import { resolve } from 'node:path';
import { ALL_PERMISSIONS, Permission } from '@jixiao/contracts';
import { DEFAULT_SECURITY_POLICY } from '@jixiao/domain';

/** Two-factor authentication (TOTP, RFC 6238) policy. */
export interface MfaConfig {
  /** Enforce enrolment for holders of `requiredPermissions` (default: on in production, off otherwise). */
  enforce: boolean;
  /** Holding any of these makes TOTP mandatory. */
  requiredPermissions: Permission[];
  /** The issuer shown in authenticator apps. */
  issuer: string;
  /** Key material the TOTP secrets are encrypted with (SM4); derived from AUTH_SECRET unless TOTP_ENCRYPTION_KEY is set. */
  encryptionKey: string;
  /** How long the second login step may take after the password was accepted. */
  challengeMinutes: number;
}

export const DEFAULT_MFA_REQUIRED_PERMISSIONS: Permission[] = [
  Permission.UserManage,
  Permission.ApiKeyManage,
  Permission.PolicyProfileManage,
];

/** The API's settings, read once from the environment and checked before anything starts. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** A real PostgreSQL server; when absent the embedded PGlite is used. */
  databaseUrl: string | null;
  /** Where the embedded database keeps its files (`memory://` keeps nothing). */
  dataDir: string;
  authSecret: string;
  /** Load the demo organizations, users and profile on first start. */
  demoData: boolean;
  /** The built SPA to serve at `/`, if present. */
  webDist: string;
  bodyLimitBytes: number;
  /** Largest file accepted by multipart uploads (Excel imports, reports). */
  uploadLimitBytes: number;
  /** JSON bodies nested deeper than this (objects and arrays) answer 400 JSON_TOO_DEEP before validation. */
  jsonMaxDepth: number;
  /** Text fields a multipart upload may carry; more answer 400 MULTIPART_TOO_MANY_FIELDS. */
  multipartMaxFields: number;
  /** Strict-Transport-Security max-age sent on answers to requests that came over TLS; 0 sends none. */
  hstsMaxAgeSeconds: number;
  security: typeof DEFAULT_SECURITY_POLICY;
  mfa: MfaConfig;
  /** Limits of every spreadsheet import (common/excel), checked before and while a workbook is read. */
  imports: ImportLimits;
  /** Behind a reverse proxy (nginx): take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * The tables' owner, used only to run migrations and grant the app role (the user of
   * DATABASE_URL) its rights; the API then works as that non-owner role. Null: one role does both.
   */
  databaseMigrationUrl: string | null;
  audit: AuditConfig;
  /** Rows one bulk request may name (BULK_MAX_IDS); more answer 413 BULK_TOO_MANY. */
  bulkMaxIds: number;
  /** Days ahead in which a deadline of the year's calendar shows as due soon on the workbench (WORKBENCH_DUE_SOON_DAYS). */
  workbenchDueSoonDays: number;
  /**
   * How far V8 lets the heap grow past what a full collection left live before the next one, in
   * percent (HEAP_GROWING_PERCENT, 100; 0 = V8's own factor, up to 4×): ordinarily. Measured on a
   * city year's trackings list: at 100 % one connection's p99 17–18 ms and RSS ~245 MB under 32
   * connections; V8's own 14–23 ms and 315–370 MB; 20 % 25–26 ms and ~195 MB.
   */
  heapGrowingPercent: number;
  /**
   * The same while an import runs or an export reads past its first batch (BULK_HEAP_GROWING_PERCENT,
   * 20; 0 = no bound): a long export allocates steadily, and under V8's factor the heap of a
   * 1,000,000-row export grew to about four times the live heap (RSS ~380 MB); at 20 % it stays near
   * 200 MB, as fast (common/memory/heap-bound.ts).
   */
  bulkHeapGrowingPercent: number;
  /**
   * Seconds between reads of PostgreSQL's statistics of the projects' search keys, which pick how a
   * department's search of two characters is read (SEARCH_STATISTICS_SECONDS, 300; 0 = read once, at
   * start): modules/projects/search-key-statistics.service.ts.
   */
  searchStatisticsSeconds: number;
}

/** The audit log's chain, its signing key, retention and the refusal rate limit. */
export interface AuditConfig {
  /** HMAC-SM3 key for the chain's checkpoints; kept outside the database. */
  signingKey: string;
  /** Seconds between sealing runs; 0 turns the periodic sealer off (tests call it themselves). */
  sealIntervalSeconds: number;
  /** Optional file to which every checkpoint is also appended as a JSON line (a copy outside the database). */
  checkpointFile: string | null;
  /** An entry dated more than this before the previous seal is reported as backdated. */
  sealGraceSeconds: number;
  /** Entries are kept at least this long (等保: 180 days or more); there is no path that deletes them. */
  retentionDays: number;
  /** Refused requests one actor may make in a window before it is answered 429. */
  refusalLimit: number;
  refusalWindowSeconds: number;
}

export const DEFAULT_AUDIT_SIGNING_KEY = 'jixiao-development-audit-key-change-me';
export const MIN_AUDIT_RETENTION_DAYS = 180;

export interface ImportLimits {
  /** Data rows a sheet may have; reading stops at the next one (IMPORT_MAX_ROWS). */
  maxRows: number;
  /** Cell errors listed in a refusal; the total is counted beyond it (IMPORT_MAX_ERRORS). */
  maxErrors: number;
  /** Sum of the uncompressed sizes of the .xlsx (zip) entries (IMPORT_MAX_UNCOMPRESSED_BYTES). */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed size of any entry of 1 MiB or more (IMPORT_MAX_COMPRESSION_RATIO). */
  maxCompressionRatio: number;
  /** Entries in the .xlsx (zip) file (IMPORT_MAX_ZIP_ENTRIES). */
  maxZipEntries: number;
  /** Workbooks read at the same time by the whole API; more answer 429 IMPORT_BUSY (IMPORT_MAX_CONCURRENT). */
  maxConcurrent: number;
}

export const DEFAULT_AUTH_SECRET = 'jixiao-development-secret-change-me';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function boolSetting(env: NodeJS.ProcessEnv, name: string, problems: string[]): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return undefined;
}

/** Reads and validates the configuration; throws a ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const production = nodeEnv === 'production';

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const authSecret = env.AUTH_SECRET ?? DEFAULT_AUTH_SECRET;
  if (production && (authSecret === DEFAULT_AUTH_SECRET || authSecret.length < 32)) {
    problems.push('AUTH_SECRET must be set to a secret of at least 32 characters in production');
  }

  const databaseMigrationUrl = env.DATABASE_MIGRATION_URL?.trim() || null;
  if (databaseMigrationUrl && !/^postgres(ql)?:\/\/.+/.test(databaseMigrationUrl)) {
    problems.push('DATABASE_MIGRATION_URL must be a postgres:// or postgresql:// URL');
  }
  if (databaseMigrationUrl && !databaseUrl) problems.push('DATABASE_MIGRATION_URL needs DATABASE_URL (the embedded database has no roles)');

  const auditSigningKey = env.AUDIT_SIGNING_KEY ?? DEFAULT_AUDIT_SIGNING_KEY;
  if (production && (auditSigningKey === DEFAULT_AUDIT_SIGNING_KEY || auditSigningKey.length < 32)) {
    problems.push('AUDIT_SIGNING_KEY must be set to a secret of at least 32 characters in production');
  }
  if (production && auditSigningKey === authSecret) problems.push('AUDIT_SIGNING_KEY must differ from AUTH_SECRET');
  const sealIntervalSeconds = intSetting(env, 'AUDIT_SEAL_INTERVAL_SECONDS', 10, 0, 3600, problems);
  if (production && sealIntervalSeconds === 0) problems.push('AUDIT_SEAL_INTERVAL_SECONDS cannot be 0 in production');
  const audit: AuditConfig = {
    signingKey: auditSigningKey,
    sealIntervalSeconds,
    checkpointFile: env.AUDIT_CHECKPOINT_FILE ? resolve(env.INIT_CWD ?? process.cwd(), env.AUDIT_CHECKPOINT_FILE) : null,
    sealGraceSeconds: intSetting(env, 'AUDIT_SEAL_GRACE_SECONDS', 3600, 60, 7 * 24 * 3600, problems),
    retentionDays: intSetting(env, 'AUDIT_RETENTION_DAYS', MIN_AUDIT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS, 100 * 365, problems),
    refusalLimit: intSetting(env, 'AUDIT_REFUSAL_LIMIT', 100, 1, 1_000_000, problems),
    refusalWindowSeconds: intSetting(env, 'AUDIT_REFUSAL_WINDOW_SECONDS', 60, 1, 24 * 3600, problems),
  };

  const demoSetting = boolSetting(env, 'DEMO_DATA', problems);
  if (production && demoSetting === true) problems.push('DEMO_DATA cannot be true in production');
  // Demo data only in the embedded/demo mode unless asked for explicitly; never in production.
  const demoData = production ? false : (demoSetting ?? !databaseUrl);

  const baseDir = env.INIT_CWD ?? process.cwd();
  const security = {
    ...DEFAULT_SECURITY_POLICY,
    idleMinutes: intSetting(env, 'SESSION_IDLE_MINUTES', DEFAULT_SECURITY_POLICY.idleMinutes, 1, 24 * 60, problems),
    accessTokenMinutes: intSetting(env, 'ACCESS_TOKEN_MINUTES', DEFAULT_SECURITY_POLICY.accessTokenMinutes, 1, 24 * 60, problems),
    maxFailedLogins: intSetting(env, 'LOCKOUT_MAX_FAILURES', DEFAULT_SECURITY_POLICY.maxFailedLogins, 1, 100, problems),
    lockoutMinutes: intSetting(env, 'LOCKOUT_MINUTES', DEFAULT_SECURITY_POLICY.lockoutMinutes, 1, 24 * 60, problems),
  };

  const requiredRaw = env.MFA_REQUIRED_PERMISSIONS;
  const requiredPermissions =
    requiredRaw === undefined
      ? DEFAULT_MFA_REQUIRED_PERMISSIONS
      : requiredRaw
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
  const unknown = requiredPermissions.filter((p) => !(ALL_PERMISSIONS as string[]).includes(p));
  if (unknown.length) problems.push(`MFA_REQUIRED_PERMISSIONS names unknown permissions: ${unknown.join(', ')}`);
  const totpKey = env.TOTP_ENCRYPTION_KEY;
  if (totpKey !== undefined && totpKey.length < 32) problems.push('TOTP_ENCRYPTION_KEY must have at least 32 characters');
  const mfa: MfaConfig = {
    enforce: boolSetting(env, 'MFA_ENFORCE', problems) ?? production,
    requiredPermissions: requiredPermissions as Permission[],
    issuer: (env.MFA_ISSUER ?? '').trim() || 'Jixiao',
    encryptionKey: totpKey ?? `totp:${authSecret}`,
    challengeMinutes: intSetting(env, 'MFA_CHALLENGE_MINUTES', 5, 1, 30, problems),
  };

  const config: AppConfig = {
    env: nodeEnv as AppConfig['env'],
    host: env.HOST ?? '0.0.0.0',
    port: intSetting(env, 'PORT', 3000, 0, 65535, problems),
    databaseUrl,
    dataDir: env.DATA_DIR === 'memory://' ? 'memory://' : resolve(baseDir, env.DATA_DIR ?? 'data'),
    authSecret,
    demoData,
    webDist: resolve(env.WEB_DIST ?? resolve(__dirname, '..', '..', '..', 'web', 'dist')),
    bodyLimitBytes: intSetting(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024, problems),
    uploadLimitBytes: intSetting(env, 'UPLOAD_LIMIT_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024, problems),
    jsonMaxDepth: intSetting(env, 'JSON_MAX_DEPTH', 32, 4, 1000, problems),
    multipartMaxFields: intSetting(env, 'MULTIPART_MAX_FIELDS', 20, 1, 1000, problems),
    hstsMaxAgeSeconds: intSetting(env, 'HSTS_MAX_AGE_SECONDS', 365 * 24 * 3600, 0, 2 * 365 * 24 * 3600, problems),
    security,
    mfa,
    imports: {
      maxRows: intSetting(env, 'IMPORT_MAX_ROWS', 50_000, 1, 1_000_000, problems),
      maxErrors: intSetting(env, 'IMPORT_MAX_ERRORS', 2000, 1, 100_000, problems),
      maxUncompressedBytes: intSetting(env, 'IMPORT_MAX_UNCOMPRESSED_BYTES', 256 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024, problems),
      maxCompressionRatio: intSetting(env, 'IMPORT_MAX_COMPRESSION_RATIO', 100, 2, 100_000, problems),
      maxZipEntries: intSetting(env, 'IMPORT_MAX_ZIP_ENTRIES', 1000, 10, 100_000, problems),
      maxConcurrent: intSetting(env, 'IMPORT_MAX_CONCURRENT', 2, 1, 64, problems),
    },
    trustProxy: boolSetting(env, 'TRUST_PROXY', problems) ?? false,
    databaseMigrationUrl,
    audit,
    bulkMaxIds: intSetting(env, 'BULK_MAX_IDS', 100, 1, 1000, problems),
    workbenchDueSoonDays: intSetting(env, 'WORKBENCH_DUE_SOON_DAYS', 30, 1, 366, problems),
    heapGrowingPercent: intSetting(env, 'HEAP_GROWING_PERCENT', 100, 0, 300, problems),
    bulkHeapGrowingPercent: intSetting(env, 'BULK_HEAP_GROWING_PERCENT', 20, 0, 300, problems),
    searchStatisticsSeconds: intSetting(env, 'SEARCH_STATISTICS_SECONDS', 300, 0, 24 * 3600, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
