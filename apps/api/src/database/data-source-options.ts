import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { SafeQueryLogger } from './safe-query-logger';
import { POOL_IDLE_MS } from './pool-idle';
import { primeBackend } from './backend-memory';

/**
 * What every connection of the API runs with, in its startup packet:
 * - `jit=off`: the API's statements are short reads and writes, and at city scale the planner costs
 *   list counts and the monitoring coverage above `jit_above_cost`, where compiling took longer than
 *   running (150 ms – 2 s);
 * - `max_parallel_workers_per_gather=0`: no statement of a request starts parallel workers. Planned
 *   with two, the bounded count of a frequent word on a list joined to its projects (finance's
 *   targets or trackings searched for 信息化, city year) waited ~100 ms for them to start and took
 *   137–200 ms a statement, against 11–21 ms read by the backend alone. None of the benchmark's other
 *   list, detail and dashboard reads was planned with workers (auto_explain, each row once as finance
 *   and as a department; an export reads through a cursor, never parallel). With many requests at
 *   once the cores are busy serving them anyway.
 */
export const CONNECTION_SETTINGS = '-c jit=off -c max_parallel_workers_per_gather=0';

/**
 * One definition of the connection for the app, the migration tools and the tests. Entities and
 * migrations are found by file name, so a new module's entity is picked up by being in its folder.
 * `server`: the database is a PostgreSQL server (DATABASE_URL), not the embedded PGlite.
 */
export function dataSourceOptions(url: string, poolMax: number, server = false): DataSourceOptions {
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
    // Every connection's settings (CONNECTION_SETTINGS) in the startup packet (no statement).
    // Idle connections stay open 10 minutes, not 10 s (pool-idle.ts): on the city year, a department's
    // gate list at 32 connections after 12 s idle had a p99 of 70–99 ms with 10 s, 51–57 ms with 10 min
    // (warm rounds 47–64 ms).
    // On a PostgreSQL server (`server`, not the embedded PGlite) each new connection's backend is primed (backend-memory.ts).
    extra: {
      max: poolMax,
      connectionTimeoutMillis: 30_000,
      idleTimeoutMillis: POOL_IDLE_MS,
      options: CONNECTION_SETTINGS,
      ...(server ? { onConnect: primeBackend } : {}),
    },
  };
}
