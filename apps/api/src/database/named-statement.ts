import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { Pool, types, type FieldDef, type PoolClient, type PoolConfig, type QueryConfig, type QueryResult } from 'pg';
import { DataSource, QueryFailedError, type QueryRunner, TypeORMError } from 'typeorm';
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
export class NamedStatements implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.databaseUrl) naming.add(this.dataSource);
    closingEndedConnections(poolOf(this.dataSource));
  }

  /** Closes the searches' connections (`searchPoolOf`) with the data source's own (TypeORM's shutdown hook). */
  async onApplicationShutdown(): Promise<void> {
    const pool = searchPools.get(this.dataSource);
    searchPools.delete(this.dataSource);
    await pool?.end();
  }
}

/**
 * The connections a text search runs on (a PostgreSQL server only): as many as the data source's
 * own and opened the same way, each planning every execution of a prepared statement with its own
 * values (`plan_cache_mode=force_custom_plan`, in the startup packet). A search is named there, so
 * each connection parses and analyses its text once, yet planned at every request for its words: a
 * generic plan would serve `%项目%`, which most rows hold, with the plan of a rare word (on the city
 * year 496 ms instead of 5.5). Parsing a rare search's page statement was ~0.14 of its 0.72 ms
 * (finance, 医院: one connection, backend CPU, unnamed against named). Made at the first search.
 */
export function searchPoolOf(dataSource: DataSource): Pool {
  let pool = searchPools.get(dataSource);
  if (pool) return pool;
  const own = (poolOf(dataSource) as unknown as { options: PoolConfig }).options;
  pool = new Pool({ ...own, options: [own.options, `-c plan_cache_mode=${CUSTOM_PLANS}`].filter(Boolean).join(' ') });
  // a connection that fails while idle is dropped by the pool (without a listener the error would end
  // the process); said in the log, as TypeORM says it of the app's own pool
  pool.on('error', (error) =>
    new Logger('Database').warn(`the searches' pool dropped a connection that failed while idle: ${error.message}`),
  );
  closingEndedConnections(pool);
  searchPools.set(dataSource, pool);
  return pool;
}

/** The plan cache mode of the searches' connections. */
export const CUSTOM_PLANS = 'force_custom_plan';
const searchPools = new WeakMap<DataSource, Pool>();

/**
 * Makes `pool` close a connection whose backend ended while it was held, instead of handing it to
 * the next statement. PostgreSQL ends a backend with a FATAL answer (terminated by an administrator,
 * the server shutting down) and then closes the socket; the statement running fails at the first,
 * and its connection is given back before the close is seen — pg-pool would keep it, and the next
 * statement on it would fail ("Connection terminated unexpectedly"). Each connection, the first
 * time it is taken, is watched for a FATAL or PANIC answer; given back after one, it is ended,
 * which the pool sees and drops. For every statement alike: TypeORM's query runners and
 * `onPooledClient`.
 */
export function closingEndedConnections(pool: Pool): void {
  if (watchedPools.has(pool)) return;
  watchedPools.add(pool);
  const watched = new WeakSet<PoolClient>();
  const ended = new WeakSet<PoolClient>();
  pool.on('acquire', (client) => {
    if (watched.has(client)) return;
    watched.add(client);
    const connection = (
      client as unknown as { connection?: { on(event: 'errorMessage', listener: (m: { severity?: string }) => void): void } }
    ).connection;
    connection?.on('errorMessage', (message) => {
      if (message.severity === 'FATAL' || message.severity === 'PANIC') ended.add(client);
    });
  });
  pool.on('release', (_error, client) => {
    if (ended.has(client)) void client.end().catch(() => undefined);
  });
}

const watchedPools = new WeakSet<Pool>();

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
  return (await onClient<T>(dataSource, namesStatements(dataSource) ? { name, text, values } : { text, values }, runner)).rows;
}

/**
 * The one way these statements run, named or not (`config.name`): on `runner`'s connection (a
 * transaction's) or one of the pool's (`onPooledClient`); errors as TypeORM's `QueryFailedError`.
 */
async function onClient<T>(
  dataSource: DataSource,
  config: QueryConfig,
  runner?: QueryRunner,
): Promise<QueryResult<T & Record<string, unknown>>> {
  if (!runner) return onPooledClient<T>(poolOf(dataSource), config);
  return statementOn<T>((await runner.connect()) as PoolClient, config);
}

/** The data source's pg pool (TypeORM's driver holds it once connected); refused as TypeORM refuses a data source not connected. */
function poolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new TypeORMError('Driver not Connected');
  return pool;
}

/** `config` on `client`, its error as TypeORM's `QueryFailedError`. */
async function statementOn<T>(client: PoolClient, config: QueryConfig): Promise<QueryResult<T & Record<string, unknown>>> {
  try {
    return await client.query<T & Record<string, unknown>>(config);
  } catch (error) {
    throw new QueryFailedError(config.text, config.values ?? [], error as Error);
  }
}

/**
 * One statement on a connection of the pool, taken and given back around it: what TypeORM's query
 * runner does for a statement outside a transaction, without making the runner (its entity
 * manager, broadcaster, and the list of connected runners it joins and leaves) at every request —
 * ~30 µs of the API's CPU a list read. A statement's own error leaves the connection, and its
 * prepared statements, in the pool; a connection that fails while held (an error event) is given
 * back as broken, and one whose backend ended is closed when given back (`closingEndedConnections`).
 */
async function onPooledClient<T>(pool: Pool, config: QueryConfig): Promise<QueryResult<T & Record<string, unknown>>> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onLost = (error: Error) => {
    lost = error;
  };
  client.on('error', onLost);
  try {
    return await statementOn<T>(client, config);
  } finally {
    client.removeListener('error', onLost);
    client.release(lost);
  }
}

/**
 * A condition that searches text (`ILIKE '%…%'`, pg_trgm's similarity, a project's stored search keys or a list row's copy of them — project-search.sql.ts):
 * no index says in advance how many rows it keeps.
 */
export const SEARCH_CONDITION = /\bI?LIKE\b|%>|<%|\bjx_search_keys\(|\b(?:project_)?search_keys"?\s*@@|\bjx_search_text_matches\(/i;

/**
 * What keeps a statement built from code from a plan kept on the connection: a search (its plan
 * depends on its words: a generic plan cannot know that `%信息化%` is rare — named on the searches'
 * connections, `searchPoolOf`, which plan at every run) and rows skipped by a number written into the
 * text (TypeORM's `OFFSET 40`: a name per page would pile up plans on every connection; unnamed). `OFFSET 0`
 * skips nothing — it fences a subquery from being inlined (the coverage planner's levels, a
 * subtree's lateral) and is the same text on every page.
 */
const LITERAL_SKIP = /\bOFFSET\s+0*[1-9]/i;
const PLANNED_EACH_TIME = new RegExp(`${SEARCH_CONDITION.source}|${LITERAL_SKIP.source}`, 'i');

/**
 * `queryNamed` for a statement built from code (a list shape: its route, scope kind, sort and cursor),
 * named by a hash of its text: a statement whose planning costs more than its run (the coverage
 * planner's five-year plan: ~7 ms of planning a request) is planned once per pooled connection, and
 * PostgreSQL may keep a generic plan. Its text must not carry values (they are parameters), so the
 * names stay as few as the shapes. A search is named on the searches' connections (planned at every
 * run); unnamed when its text skips by a literal offset (PLANNED_EACH_TIME) and once the process has
 * named MAX_NAMED_SHAPES shapes (of each kind).
 */
export async function queryPrepared<T>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
  runner?: QueryRunner,
  options: { asIs?: boolean } = {},
): Promise<T[]> {
  // rows of a few columns, one a long text (JSON written by PostgreSQL): read as they are, never coded
  if (options.asIs) return (await statementResult<T>(dataSource, text, values, runner)).rows;
  const codec = rowCodecs.get(text);
  if (codec === undefined) {
    // the statement's first run: its rows as PostgreSQL sends them, and from their fields the codec of its later runs
    const result = await statementResult<T>(dataSource, text, values, runner);
    // (a page reached by number has a text of its own per page: read as it is, its codec never kept)
    if (rowCodecs.size < MAX_ROW_CODECS && !LITERAL_SKIP.test(text)) rowCodecs.set(text, rowCodecFor(text, result.fields));
    return result.rows;
  }
  if (codec === null) return (await statementResult<T>(dataSource, text, values, runner)).rows;
  if (verifyingRowCodecs) {
    // the plain columns beside the coded row, in the same statement (one snapshot): decoded, they must be the rows
    const both = (await statementResult<{ lx_row: string }>(dataSource, codec.verifyText(), values, runner)).rows;
    return both.map(({ lx_row, ...plain }) => {
      const decoded = codec.decode(lx_row);
      if (!isDeepStrictEqual(decoded, plain)) throw new Error(`row codec: the row read as JSON differs from the row of ${text}`);
      return decoded as T;
    });
  }
  const coded = await statementResult<{ lx_row: string }>(dataSource, codec.text, values, runner);
  return coded.rows.map((r) => codec.decode(r.lx_row) as T);
}

/**
 * Runs `text` named on a PostgreSQL server (by its hash), unless PLANNED_EACH_TIME or the shapes are
 * full. A search outside a transaction is named on the searches' connections (`searchPoolOf`), which
 * plan it at every run; inside one it runs unnamed on the transaction's connection.
 */
function statementResult<T>(dataSource: DataSource, text: string, values: unknown[], runner?: QueryRunner) {
  if (!namesStatements(dataSource)) return onClient<T>(dataSource, { text, values }, runner);
  let name = shapes.get(text);
  if (name === undefined) {
    const searchName = searchShapes.get(text);
    if (searchName !== undefined) return searchResult<T>(dataSource, searchName, text, values, runner);
    if (plannedEachTime.has(text)) return onClient<T>(dataSource, { text, values }, runner);
    if (PLANNED_EACH_TIME.test(text)) {
      // (a search's text is the same at every request — its words are parameters: told once, not by the pattern each time)
      if (!LITERAL_SKIP.test(text) && searchShapes.size < MAX_NAMED_SHAPES) {
        const named = shapeName(text);
        searchShapes.set(text, named);
        return searchResult<T>(dataSource, named, text, values, runner);
      }
      if (plannedEachTime.size < MAX_NAMED_SHAPES) plannedEachTime.add(text);
      return onClient<T>(dataSource, { text, values }, runner);
    }
    if (shapes.size >= MAX_NAMED_SHAPES) return onClient<T>(dataSource, { text, values }, runner);
    name = shapeName(text);
    shapes.set(text, name);
  }
  return onClient<T>(dataSource, { name, text, values }, runner);
}

/** A search named `name` on the searches' connections (`searchPoolOf`); in a transaction unnamed on its connection. */
function searchResult<T>(dataSource: DataSource, name: string, text: string, values: unknown[], runner?: QueryRunner) {
  if (runner) return onClient<T>(dataSource, { text, values }, runner);
  return onPooledClient<T>(searchPoolOf(dataSource), { name, text, values });
}

/** A code-built statement's name: a hash of its text. */
const shapeName = (text: string) => `jx_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;

/**
 * How many code-built shapes this process names at most; further shapes run unnamed. Each named
 * statement keeps its parsed query and plan on every pooled connection that ran it: ~130 KB for the
 * project list's page (`PREPARE` and seven `EXECUTE`s of it, `pg_backend_memory_contexts` before and
 * after), so at most ~26 MB a connection.
 */
export const MAX_NAMED_SHAPES = 200;
/** The named shapes' texts and their names (the text's hash, computed once). */
const shapes = new Map<string, string>();
/** Texts found PLANNED_EACH_TIME, as many as MAX_NAMED_SHAPES (further ones are tested each time). */
const plannedEachTime = new Set<string>();
/** Searches' texts named on the searches' connections (searchPoolOf) and their names, as many as MAX_NAMED_SHAPES. */
const searchShapes = new Map<string, string>();

/**
 * A statement's rows read as one JSON array a row (`lx_row`), decoded into the very rows the pg
 * driver makes of the statement itself: each column is sent as its text (`::text`, what the driver
 * receives anyway) and passed through the driver's own parser for its type (a timestamp's into a
 * Date…), except booleans, int2/int4 and json/jsonb, whose JSON is the driver's value already.
 * One string a row instead of one a column: on the generated city year a department's project page
 * cost the API ~0.2 ms less CPU a request (21 rows of 33 columns). Learned from the statement's
 * first result; null (read as it is) for a statement of more columns than `json_build_array` takes
 * or with a column name twice.
 */
interface RowCodec {
  text: string;
  /** The same with the plain columns beside (tests compare them; built only there). */
  verifyText(): string;
  decode(row: string): Record<string, unknown>;
}

/** Types whose JSON is the pg driver's own value: bool, int2, int4, json, jsonb. */
const NATIVE_JSON = new Set([16, 21, 23, 114, 3802]);
/** The driver's parser of a type it leaves as text. */
const AS_TEXT = types.getTypeParser(0x7fffffff as never, 'text');
/** `json_build_array` takes at most 100 arguments (PostgreSQL's FUNC_MAX_ARGS). */
const MAX_ROW_COLUMNS = 100;

function rowCodecFor(text: string, fields: readonly FieldDef[]): RowCodec | null {
  const names = fields.map((f) => f.name);
  if (!names.length || names.length > MAX_ROW_COLUMNS || new Set(names).size !== names.length || names.includes('lx_row')) return null;
  const parsers = fields.map((f) => {
    if (NATIVE_JSON.has(f.dataTypeID)) return null;
    const parse = types.getTypeParser(f.dataTypeID, 'text') as (value: string) => unknown;
    return parse === AS_TEXT ? null : parse;
  });
  const parsed = parsers.flatMap((p, i) => (p ? [i] : []));
  const row = `json_build_array(${fields
    .map((f) => {
      const column = `lx_rows."${f.name.replace(/"/g, '""')}"`;
      return NATIVE_JSON.has(f.dataTypeID) ? column : `${column}::text`;
    })
    .join(', ')})::text AS lx_row`;
  return {
    text: `SELECT ${row} FROM (${text}) lx_rows`,
    verifyText: () => `SELECT ${row}, lx_rows.* FROM (${text}) lx_rows`,
    decode(row) {
      const values = JSON.parse(row) as unknown[];
      const out: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) out[names[i]] = values[i];
      for (const i of parsed) if (values[i] !== null) out[names[i]] = parsers[i]!(values[i] as string);
      return out;
    },
  };
}

/** Tests read every coded statement's plain columns too and compare them with the decoded rows. */
const verifyingRowCodecs = process.env.NODE_ENV === 'test';
/** How many statements' codecs the process keeps (then statements it has not seen are read as they are). */
const MAX_ROW_CODECS = 300;
/** The codec learned for each statement text; null when it is read as it is. */
const rowCodecs = new Map<string, RowCodec | null>();
