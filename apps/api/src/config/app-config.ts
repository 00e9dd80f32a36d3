import { resolve } from 'node:path';
import { DEFAULT_SECURITY_POLICY } from '@jixiao/domain';

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
  /** Behind a reverse proxy (nginx): take the client address from X-Forwarded-For. */
  trustProxy: boolean;
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

  const demoSetting = boolSetting(env, 'DEMO_DATA', problems);
  if (production && demoSetting === true) problems.push('DEMO_DATA cannot be true in production');
  // Demo data only in the embedded/demo mode unless asked for explicitly; never in production.
  const demoData = production ? false : (demoSetting ?? !databaseUrl);

  const baseDir = env.INIT_CWD ?? process.cwd();
  const security = {
    ...DEFAULT_SECURITY_POLICY,
    idleMinutes: intSetting(env, 'SESSION_IDLE_MINUTES', DEFAULT_SECURITY_POLICY.idleMinutes, 1, 24 * 60, problems),
    accessTokenMinutes: intSetting(env, 'ACCESS_TOKEN_MINUTES', DEFAULT_SECURITY_POLICY.accessTokenMinutes, 1, 24 * 60, problems),
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
    trustProxy: boolSetting(env, 'TRUST_PROXY', problems) ?? false,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
