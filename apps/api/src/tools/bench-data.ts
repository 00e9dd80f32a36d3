import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { createApp } from '../app.factory';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres';
import { DEFAULT_PROFILE_YEAR } from '../modules/demo/bootstrap.service';
import { generateCityYear, MAX_DISTRICTS } from './bench/city-year';
import { benchDatabaseUrl, DEFAULT_BENCH_DATABASE } from './bench/bench-database';

/**
 * `pnpm bench:data [--projects N] [--previous N] [--districts N] [--database name]` (not a test;
 * needs DATABASE_URL): (re)creates the database `name` (default jixiao_bench_city) on the
 * PostgreSQL server of DATABASE_URL, runs the real migrations and first-start data (profiles, demo
 * organizations and users), and generates with set-based SQL (bench/city-year.ts) a city year:
 * 200,000 projects of 2022 (default) over 16 districts' departments and towns and generated units,
 * ~150,000 targets with ~1.5 million indicators, fund sources, pre-assessments, trackings,
 * warnings and suggestions, key project lists, evaluation records, users, target change requests and the year's audit trail, and the evaluated year 2021 (`--previous`, default a quarter as many projects)
 * with its trackings and evaluations. `--projects 5000` gives a district (one district's
 * organizations unless `--districts` says otherwise). `--pglite dir` generates into the embedded
 * PGlite of that directory instead (emptied first; DATABASE_URL not needed). `pnpm bench:api`
 * then measures the database.
 */
interface Options {
  projects: number;
  previous: number | null;
  districts: number | null;
  database: string;
  pglite: string | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { projects: 200_000, previous: null, districts: null, database: DEFAULT_BENCH_DATABASE, pglite: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--pglite') {
      const dir = argv[++i] ?? '';
      if (!dir || dir.startsWith('-')) throw new Error('--pglite needs a directory (it is emptied)');
      options.pglite = resolve(dir);
    } else if (arg === '--database') {
      const name = argv[++i] ?? '';
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error('--database needs a lower-case SQL name (letters, digits, _)');
      options.database = name;
    } else if (arg === '--projects' || arg === '--previous' || arg === '--districts') {
      const value = Number(argv[++i]);
      const min = arg === '--previous' ? 0 : 1;
      if (!Number.isInteger(value) || value < min) throw new Error(`${arg} needs a whole number of at least ${min}`);
      if (arg === '--districts' && value > MAX_DISTRICTS) throw new Error(`--districts is at most ${MAX_DISTRICTS}`);
      if (arg === '--projects') options.projects = value;
      else if (arg === '--previous') options.previous = value;
      else options.districts = value;
    } else throw new Error(`unknown option ${arg}; known: --projects N, --previous N, --districts N, --database name, --pglite dir`);
  }
  return options;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl && !options.pglite) {
    console.error(
      'bench:data needs a PostgreSQL server: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres), or give --pglite dir.',
    );
    process.exit(2);
  }
  const districts = options.districts ?? (options.projects >= 50_000 ? MAX_DISTRICTS : 1);
  const previous = options.previous ?? Math.round(options.projects / 4);
  const began = process.hrtime.bigint();
  let url: string;
  let embedded: EmbeddedPostgres | null = null;
  const where = options.pglite ? `the embedded PGlite in ${options.pglite}` : `database ${options.database}`;
  if (options.pglite) {
    rmSync(options.pglite, { recursive: true, force: true });
    url = '';
  } else {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${options.database} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${options.database}`);
    } finally {
      await admin.end();
    }
    url = benchDatabaseUrl(adminUrl!, options.database);
  }
  console.log(
    `${options.projects} projects of ${DEFAULT_PROFILE_YEAR} and ${previous} of ${DEFAULT_PROFILE_YEAR - 1} over ${districts} district(s), ` +
      `${where}, ${cpus().length} CPU(s), load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  const prepared = process.hrtime.bigint();
  const running = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: url,
      DATA_DIR: options.pglite ?? 'memory://',
      DEMO_DATA: 'true',
      WEB_DIST: '/nonexistent',
    }),
  );
  await running.close();
  console.log(`migrations and demo data: ${seconds(prepared).toFixed(1)} s`);
  if (options.pglite) {
    embedded = await startEmbeddedPostgres(options.pglite);
    url = embedded.url;
  }
  const generating = process.hrtime.bigint();
  const db = new Client({ connectionString: url });
  await db.connect();
  // A second connection on PostgreSQL (PGlite serves one): the evaluated year, indexes and VACUUM in parallel.
  const second = options.pglite ? undefined : new Client({ connectionString: url });
  await second?.connect();
  try {
    console.log(`generating (set-based SQL, ${second ? 'two connections' : 'one connection'}):`);
    await generateCityYear(
      db,
      {
        projects: options.projects,
        year: DEFAULT_PROFILE_YEAR,
        districts,
        previousProjects: previous,
        targetPct: 75,
        indicators: [8, 12],
      },
      console.log,
      second,
    );
    const generation = seconds(generating);
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM projects WHERE year = $1)::int AS projects, (SELECT count(*) FROM projects WHERE year = $1 - 1)::int AS previous,
              (SELECT count(*) FROM organizations)::int AS organizations, (SELECT count(*) FROM targets WHERE year = $1)::int AS targets,
              (SELECT count(*) FROM target_indicators)::int AS indicators, (SELECT count(*) FROM pre_assessments)::int AS pre_assessments,
              (SELECT count(*) FROM trackings)::int AS trackings, (SELECT count(*) FROM tracking_warnings)::int AS warnings,
              (SELECT count(*) FROM evaluations)::int AS evaluations, (SELECT count(*) FROM key_project_lists)::int AS key_lists,
              (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM target_change_requests)::int AS change_requests,
              (SELECT count(*) FROM audit_logs)::int AS audit, (SELECT count(*) FROM evaluation_records)::int AS records,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
      [DEFAULT_PROFILE_YEAR],
    );
    const s = rows[0];
    console.log(
      `${where}: ${s.projects} projects (${DEFAULT_PROFILE_YEAR}) and ${s.previous} (${DEFAULT_PROFILE_YEAR - 1}), ` +
        `${s.organizations} organizations, ${s.targets} targets of ${DEFAULT_PROFILE_YEAR}, ${s.indicators} target indicators (both years), ` +
        `${s.pre_assessments} pre-assessments, ${s.trackings} trackings, ${s.warnings} warnings, ${s.evaluations} evaluations, ${s.key_lists} key project lists, ` +
        `${s.users} users, ${s.change_requests} target change requests, ${s.audit} audit entries, ${s.records} evaluation records, ${s.size}`,
    );
    console.log(
      `generation: ${generation.toFixed(1)} s; in all (database, migrations, demo data, generation): ${seconds(began).toFixed(1)} s`,
    );
  } finally {
    await second?.end();
    await db.end();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
