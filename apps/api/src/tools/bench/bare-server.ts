import Fastify from 'fastify';
import { Pool } from 'pg';
import { POOL_IDLE_MS } from '../../database/pool-idle';
import { primeBackend } from '../../database/backend-memory';
import { EDU_CODE } from '../../modules/demo/demo-organizations';
import { bareXlsx } from './bare-xlsx';
import { isUuid } from '../../common/http/ids';
import { pickRoute, routePath, ROUTES, type BareScope, type BenchUser } from './routes';

/**
 * The bare Fastify + pg server of `pnpm bench:api` (not part of the product): every row of the
 * routes table at the same path under /api/v1, answered by its hand-written statement with the
 * JSON built in PostgreSQL. Authentication is a fixed bearer token per user (`bare-finance`,
 * `bare-edu`), resolved in memory: the bare side spends no statement on it. The caller's
 * organizations (finance: all; edu: 区教育局 and its units) are read once at start.
 * Run as `node dist/tools/bench/bare-server.js` with BENCH_DATABASE_URL and PORT; it prints
 * `listening <port>` when ready.
 */
async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is not set');
  // its backends' memory primed as the API's are (backend-memory.ts): both sides on backends alike
  const pool = new Pool({
    connectionString: url,
    max: Number(process.env.BENCH_POOL_SIZE ?? 10),
    idleTimeoutMillis: POOL_IDLE_MS,
    onConnect: primeBackend,
  });
  const edu = await pool.query<{ id: string }>(
    `SELECT o.id FROM organizations o JOIN organizations d ON d.id = o.id OR d.id = o.parent_id WHERE d.code = $1`,
    [EDU_CODE],
  );
  if (!edu.rows.length) throw new Error(`no ${EDU_CODE} (区教育局) in the database`);
  const scopes: Record<BenchUser, BareScope> = {
    finance: { where: () => 'true', params: [] },
    edu: { where: (column) => `${column} = ANY($1::uuid[])`, params: [edu.rows.map((r) => r.id)] },
  };
  const app = Fastify({ logger: false });
  for (const route of ROUTES) {
    const path = `/api/v1${routePath(route).split('?')[0]}`;
    // Rows that share a path (a filter in the query) are told apart by their query string.
    const byQuery = ROUTES.filter((r) => `/api/v1${routePath(r).split('?')[0]}` === path);
    if (byQuery[0] !== route) continue;
    app.get(path, async (request, reply) => {
      const user = /^Bearer bare-(finance|edu)$/.exec(request.headers.authorization ?? '')?.[1] as BenchUser | undefined;
      if (!user) return reply.code(401).send({ code: 'UNAUTHENTICATED' });
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      const chosen = pickRoute(byQuery, query);
      const scope = scopes[user];
      // a detail's row: a UUID, written into its statement as the bare server's own SQL would bind it
      const id = (request.params as { id?: string }).id;
      if (chosen.detailOf && !isUuid(id)) return reply.code(404).send({ code: 'NOT_FOUND' });
      const { rows } = await pool.query<{ body: string | null }>(chosen.bare(scope, id), scope.params);
      if (chosen.detailOf && !rows.length) return reply.code(404).send({ code: 'NOT_FOUND' });
      reply.header('content-type', chosen.contentType ?? 'application/json; charset=utf-8');
      if (chosen.sheet) return bareXlsx(chosen.sheet, rows[0]?.body ?? '');
      return rows[0]?.body ?? '';
    });
  }
  const port = Number(process.env.PORT ?? 3204);
  await app.listen({ port, host: '127.0.0.1' });
  console.log(`listening ${port}`);
  const stop = () => void app.close().then(() => pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
