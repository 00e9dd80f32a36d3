import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource, QueryFailedError, type QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The data sources whose statements may be named: those on a PostgreSQL server. On the embedded
 * PGlite statements run unnamed — its one backend session outlives the socket's connections, so a
 * new connection's first `Parse` of a name would find it taken.
 */
const naming = new WeakSet<DataSource>();

/** Whether `dataSource` runs named prepared statements (a PostgreSQL server, not the embedded PGlite). */
export function namesStatements(dataSource: DataSource): boolean {
  return naming.has(dataSource);
}

/** Marks the app's data source as one whose statements may be named, when it is a PostgreSQL server (DATABASE_URL). */
@Injectable()
export class NamedStatements implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.databaseUrl) naming.add(this.dataSource);
  }
}

/**
 * Runs a statement that every request sends (the sign-in check: session or API key, user, scope and
 * profile versions) as a named prepared statement on PostgreSQL: each pooled connection parses and
 * plans it once instead of at every request — on the generated city year `pgbench -M prepared`
 * against `-M extended` gives 0.12 against 0.56 ms for the session check. Unnamed where
 * `namesStatements` says no. `name` must be unique to `text`. On `runner`'s connection when given
 * (a transaction's), else on one of the pool's. Errors are TypeORM's `QueryFailedError`, as the
 * data source's own statements throw.
 */
export async function queryNamed<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
  runner?: QueryRunner,
): Promise<T[]> {
  if (!namesStatements(dataSource)) return runUnnamed<T>(dataSource, text, values, runner);
  const own = runner ?? dataSource.createQueryRunner();
  try {
    const client = (await own.connect()) as PoolClient;
    try {
      const result = await client.query<T & Record<string, unknown>>({ name, text, values });
      return result.rows;
    } catch (error) {
      throw new QueryFailedError(text, values, error as Error);
    }
  } finally {
    if (!runner) await own.release();
  }
}

/** The one way a statement runs unnamed: parsed and planned where it runs, on `runner`'s connection or one of the pool's. */
async function runUnnamed<T>(dataSource: DataSource, text: string, values: unknown[], runner?: QueryRunner): Promise<T[]> {
  return (await (runner ?? dataSource).query(text, values)) as T[];
}

/** A condition that searches text (`ILIKE '%…%'`, pg_trgm's similarity): no index says in advance how many rows it keeps. */
export const SEARCH_CONDITION = /\bI?LIKE\b|%>|<%/i;

/**
 * What keeps a statement built from code unnamed: a search (its plan depends on its words: a
 * generic plan cannot know that `%信息化%` is rare) and rows skipped by a number written into the
 * text (TypeORM's `OFFSET 40`: a name per page would pile up plans on every connection). `OFFSET 0`
 * skips nothing — it fences a subquery from being inlined (the coverage planner's levels, a
 * subtree's lateral) and is the same text on every page.
 */
const PLANNED_EACH_TIME = new RegExp(`${SEARCH_CONDITION.source}|\\bOFFSET\\s+0*[1-9]`, 'i');

/**
 * `queryNamed` for a statement built from code (a list shape: its route, scope kind, sort and cursor),
 * named by a hash of its text: a statement whose planning costs more than its run (the coverage
 * planner's five-year plan: ~7 ms of planning a request) is planned once per pooled connection, and
 * PostgreSQL may keep a generic plan. Its text must not carry values (they are parameters), so the
 * names stay as few as the shapes. Unnamed when its text searches or skips by a literal offset
 * (PLANNED_EACH_TIME) and once the process has named MAX_NAMED_SHAPES shapes.
 */
export function queryPrepared<T>(dataSource: DataSource, text: string, values: unknown[], runner?: QueryRunner): Promise<T[]> {
  if (!namesStatements(dataSource)) return runUnnamed<T>(dataSource, text, values, runner);
  let name = shapes.get(text);
  if (name === undefined) {
    if (PLANNED_EACH_TIME.test(text) || shapes.size >= MAX_NAMED_SHAPES) return runUnnamed<T>(dataSource, text, values, runner);
    name = `jx_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    shapes.set(text, name);
  }
  return queryNamed<T>(dataSource, name, text, values, runner);
}

/**
 * How many code-built shapes this process names at most; further shapes run unnamed. Each named
 * statement keeps its parsed query and plan on every pooled connection that ran it: ~130 KB for the
 * project list's page (`PREPARE` and seven `EXECUTE`s of it, `pg_backend_memory_contexts` before and
 * after), so at most ~26 MB a connection.
 */
export const MAX_NAMED_SHAPES = 200;
/** The named shapes' texts and their names (the text's hash, computed once). */
const shapes = new Map<string, string>();
