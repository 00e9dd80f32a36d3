import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { SafeQueryLogger } from './safe-query-logger';
import { POOL_IDLE_MS } from './pool-idle';

/**
 * One definition of the connection for the app, the migration tools and the tests. Entities and
 * migrations are found by file name, so a new module's entity is picked up by being in its folder.
 */
export function dataSourceOptions(url: string, poolMax: number): DataSourceOptions {
  const root = join(__dirname, '..');
  return {
    type: 'postgres',
    url,
    entities: [join(root, 'modules', '**', 'entities', '*.entity.{ts,js}')],
    migrations: [join(root, 'database', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    // Failed queries are logged without their parameters (see SafeQueryLogger).
    logging: ['error', 'warn'],
    logger: new SafeQueryLogger(),
    // JIT off for every connection, in the startup packet (no statement): the API's statements are
    // short reads and writes, and at city scale the planner costs list counts and the monitoring
    // coverage above `jit_above_cost`, where compiling took longer than running (150 ms – 2 s).
    // Idle connections stay open 10 minutes, not 10 s (pool-idle.ts): on the city year, a department's
    // gate list at 32 connections after 12 s idle had a p99 of 70–99 ms with 10 s, 51–57 ms with 10 min
    // (warm rounds 47–64 ms).
    extra: { max: poolMax, connectionTimeoutMillis: 30_000, idleTimeoutMillis: POOL_IDLE_MS, options: '-c jit=off' },
  };
}
